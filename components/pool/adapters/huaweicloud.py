"""Huawei Cloud: an AS configuration (no EIP, the node agency, a system disk and a data disk encrypted with the
site key) and an AS group across the pool's private subnets, registered with the dedicated ELB pool, auditing
node health through the ELB (``ELB_AUDIT``) after the grace period and replacing what fails it.

Not expressible with pulumi-huaweicloud 0.0.12 (declared in ``inferline.clouds.capabilities``): any metric
scaling (every AS alarm policy needs a Cloud Eye alarm, and the SDK has no ``ces`` module, so the pool stays at
its desired size), system-disk encryption (``kms_id`` is for data disks: images and weights go on the data
disk), warm capacity and the overflow alarm."""

from __future__ import annotations

from typing import ClassVar

import pulumi

from inferline.clouds import CloudName
from inferline.components.pool.adapters.base import PoolContext, PoolOutputs, cloud_namer, pool_part, refuse_overflow
from inferline.components.providers import import_huaweicloud
from inferline.planning.serving import PoolSpec

import_huaweicloud()
import pulumi_huaweicloud as huaweicloud  # noqa: E402 - needs the setuptools shim above

#: The system disk holds only the OS image; the container image and the weights go on the encrypted data disk.
SYSTEM_DISK_GB = 100
#: General-purpose SSD for both disks (AS configuration disks: SSD, SAS, SATA, GPSSD, ESSD, ...).
_VOLUME_TYPE = "GPSSD"
#: AS audits each node's ELB health every minute (0 = every 10 s, else 1, 5, 15, 60 or 180 minutes); the ELB
#: itself probes every 30 s (``dedicatedelb.Monitor.interval``, the load balancer's).
_AUDIT_MINUTES = 1
#: The ECS metadata key that gives a node an IAM agency (ECS "Creating an ECS": metadata.agency_name).
_AGENCY_KEY = "agency_name"
#: AS configuration and group names: at most 64 characters (AS API).
_NAME_LIMIT = 64
_WEIGHT = 1


class HuaweicloudPool:
    cloud: ClassVar[CloudName] = "huaweicloud"

    def build(self, spec: PoolSpec, context: PoolContext, opts: pulumi.ResourceOptions) -> PoolOutputs:
        refuse_overflow(self.cloud, spec, context)
        names = context.names
        name = cloud_namer(spec, context, _NAME_LIMIT)

        configuration = huaweicloud.as_.Configuration(
            names.resource(*pool_part(spec, "configuration")),
            scaling_configuration_name=name("configuration"),
            # No public_ip block: nodes get no EIP and egress through the NAT gateway.
            instance_config=huaweicloud.as_.ConfigurationInstanceConfigArgs(
                flavor=spec.instance_type,
                image=context.image,
                security_group_ids=[context.security.gpu_security_group_id],
                disks=[
                    huaweicloud.as_.ConfigurationInstanceConfigDiskArgs(disk_type="SYS", size=SYSTEM_DISK_GB, volume_type=_VOLUME_TYPE),
                    huaweicloud.as_.ConfigurationInstanceConfigDiskArgs(
                        disk_type="DATA", size=spec.root_disk_gb, volume_type=_VOLUME_TYPE, kms_id=context.security.encryption.key_id
                    ),
                ],
                user_data=context.user_data,
                metadata={_AGENCY_KEY: context.node_identity} if context.node_identity is not None else None,
            ),
            opts=opts,
        )
        group = huaweicloud.as_.Group(
            names.resource(*pool_part(spec)),
            scaling_group_name=name(),
            scaling_configuration_id=configuration.id,
            vpc_id=context.network.vpc_id,
            networks=[huaweicloud.as_.GroupNetworkArgs(id=subnet) for subnet in context.subnet_ids(spec)],
            availability_zones=list(spec.zones),
            multi_az_scaling_policy="EQUILIBRIUM_DISTRIBUTE",
            min_instance_number=spec.min_nodes,
            max_instance_number=spec.max_nodes,
            desire_instance_number=spec.desired_nodes,
            lbaas_listeners=[
                huaweicloud.as_.GroupLbaasListenerArgs(
                    pool_id=context.load_balancer.backend_group_id, protocol_port=context.backend_port, weight=_WEIGHT
                )
            ],
            health_periodic_audit_method="ELB_AUDIT",
            health_periodic_audit_time=_AUDIT_MINUTES,
            health_periodic_audit_grace_period=spec.health_check_grace_s,
            instance_terminate_policy="OLD_CONFIG_OLD_INSTANCE",
            delete_publicip=True,
            delete_volume=True,
            enable=True,
            tags=dict(context.tags),
            # No scaling policy moves the desired size here, so the plan's stays authoritative (no ignore_changes).
            opts=opts,
        )
        return PoolOutputs(scaling_group_id=group.id, scaling_group_name=group.id, launch_configuration_id=configuration.id)
