"""Tencent Cloud: an AS launch configuration (no public address, CAM role, SSD system disk) and a scaling group
across the pool's private subnets, bound to the CLB listener's forwarding rule, replacing nodes the CLB health
check finds unhealthy once the grace period is over.

Not expressible with tencentcloud-iac-pulumi 0.2.3 (declared in ``inferline.clouds.capabilities``): disk
encryption (the launch configuration has no KMS argument), a request-based scaling metric (AS tracks CPU,
memory or traffic: the pool tracks average CPU), warm capacity, and an overflow alarm on another group."""

from __future__ import annotations

from typing import ClassVar

import pulumi
import tencentcloud_iac_pulumi as tencentcloud

from inferline.clouds import CloudName
from inferline.components.pool.adapters.base import (
    PoolContext,
    PoolOutputs,
    base64_user_data,
    cloud_namer,
    keep_scaled_size,
    pool_part,
    refuse_overflow,
)
from inferline.planning.naming import DEFAULT_CLOUD_NAME_LIMIT
from inferline.planning.serving import PoolSpec

#: Average CPU the pool's target tracking holds (ASG_AVG_CPU_UTILIZATION takes 1-99 %). The serving process's
#: CPU (tokenising, scheduling, streaming) rises with the batch it serves: a proxy, not the request rate.
CPU_TARGET_PERCENT = 60
#: Launch configuration names: 1-60 characters (terraform-provider-tencentcloud v1.82.42,
#: resource_tc_as_scaling_config.go configuration_name ValidateStringLengthInRange(1, 60)).
_NAME_LIMIT = DEFAULT_CLOUD_NAME_LIMIT
#: Scaling group names: 1-55 characters (resource_tc_as_scaling_group.go scaling_group_name
#: ValidateStringLengthInRange(1, 55)); a longer name fails the provider's check at preview.
_GROUP_NAME_LIMIT = 55
#: Every node of the pool weighs the same behind the rule (CLB weights 0-100).
_WEIGHT = 10


class TencentcloudPool:
    cloud: ClassVar[CloudName] = "tencentcloud"

    def build(self, spec: PoolSpec, context: PoolContext, opts: pulumi.ResourceOptions) -> PoolOutputs:
        refuse_overflow(self.cloud, spec, context)
        names = context.names
        name = cloud_namer(spec, context, _NAME_LIMIT)

        configuration = tencentcloud.as_.ScalingConfig(
            names.resource(*pool_part(spec, "configuration")),
            configuration_name=name("configuration"),
            image_id=context.image,
            instance_types=[spec.instance_type],
            instance_charge_type="POSTPAID_BY_HOUR",
            security_group_ids=[context.security.gpu_security_group_id],
            public_ip_assigned=False,
            internet_max_bandwidth_out=0,
            cam_role_name=context.node_identity,
            system_disk_type="CLOUD_SSD",
            system_disk_size=spec.root_disk_gb,
            user_data=base64_user_data(context.user_data),
            enhanced_monitor_service=True,
            instance_tags=dict(context.tags),
            opts=opts,
        )
        group = tencentcloud.as_.ScalingGroup(
            names.resource(*pool_part(spec)),
            scaling_group_name=names.cloud(*pool_part(spec), limit=_GROUP_NAME_LIMIT),
            configuration_id=configuration.id,
            vpc_id=context.network.vpc_id,
            subnet_ids=context.subnet_ids(spec),
            multi_zone_subnet_policy="EQUALITY",
            min_size=spec.min_nodes,
            max_size=spec.max_nodes,
            desired_capacity=spec.desired_nodes,
            forward_balancer_ids=[
                tencentcloud.as_.ScalingGroupForwardBalancerIdArgs(
                    load_balancer_id=context.load_balancer.load_balancer_id,
                    listener_id=context.load_balancer.backend_group_id,
                    rule_id=context.load_balancer.rule_id,
                    target_attributes=[
                        tencentcloud.as_.ScalingGroupForwardBalancerIdTargetAttributeArgs(port=context.backend_port, weight=_WEIGHT)
                    ],
                )
            ],
            # CLB: the group checks the network and the CLB health check, and replaces what fails either.
            health_check_type="CLB",
            lb_health_check_grace_period=spec.health_check_grace_s,
            replace_load_balancer_unhealthy=True,
            replace_monitor_unhealthy=True,
            replace_mode="RECREATE",
            tags=dict(context.tags),
            opts=keep_scaled_size(opts, "desiredCapacity"),
        )
        tencentcloud.as_.ScalingPolicy(
            names.resource(*pool_part(spec, "cpu")),
            scaling_group_id=group.id,
            policy_name=name("cpu"),
            policy_type="TARGET_TRACKING",
            predefined_metric_type="ASG_AVG_CPU_UTILIZATION",
            target_value=CPU_TARGET_PERCENT,
            estimated_instance_warmup=spec.health_check_grace_s,
            opts=opts,
        )
        return PoolOutputs(scaling_group_id=group.id, scaling_group_name=group.id, launch_configuration_id=configuration.id)
