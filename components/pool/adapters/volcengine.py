"""Volcano Engine: a scaling group across the pool's private subnets registered with the ALB server group, its
scaling configuration (no EIP, ESSD system disk, a key pair nobody holds), the attachment that makes the configuration the group's and
the enabler that starts the group, then CPU alarm policies that add or remove one node at a time.

Not expressible with pulumi-volcengine 0.0.47 (declared in ``inferline.clouds.capabilities``): health-check
replacement through the ALB (``health_check_type`` is output-only), a request metric (alarm policies watch CPU
and memory), disk encryption, the node's instance role, warm capacity and the overflow alarm."""

from __future__ import annotations

from typing import ClassVar

import pulumi
import pulumi_volcengine as volcengine

from inferline.clouds import CloudName
from inferline.components.network.adapters.base import child_opts
from inferline.components.pool.adapters.base import (
    PoolContext,
    PoolOutputs,
    base64_user_data,
    cloud_namer,
    keep_scaled_size,
    pool_part,
    refuse_overflow,
)
from inferline.components.volcengine_tags import tag_list
from inferline.planning.naming import DEFAULT_CLOUD_NAME_LIMIT
from inferline.planning.serving import PoolSpec

#: Average CPU above which the pool adds a node and below which it removes one (CpuTotal_Avg, percent). The
#: serving process's CPU rises with the batch it serves: a proxy for load, not the request rate.
CPU_SCALE_OUT_PERCENT = 60
CPU_SCALE_IN_PERCENT = 20
#: Consecutive one-minute evaluations before a policy acts.
_EVALUATIONS = 3
#: Scaling group, configuration and policy names: inferline's default cloud-name limit (the API's own limits
#: were not checked).
_NAME_LIMIT = DEFAULT_CLOUD_NAME_LIMIT
_WEIGHT = 50


class VolcenginePool:
    cloud: ClassVar[CloudName] = "volcengine"

    def build(self, spec: PoolSpec, context: PoolContext, opts: pulumi.ResourceOptions) -> PoolOutputs:
        refuse_overflow(self.cloud, spec, context)
        names = context.names
        name = cloud_namer(spec, context, _NAME_LIMIT)

        tags = tag_list(volcengine.autoscaling.ScalingGroupTagArgs, context.tags)
        group = volcengine.autoscaling.ScalingGroup(
            names.resource(*pool_part(spec)),
            scaling_group_name=name(),
            subnet_ids=context.subnet_ids(spec),
            multi_az_policy="BALANCE",
            min_instance_number=spec.min_nodes,
            max_instance_number=spec.max_nodes,
            desire_instance_number=spec.desired_nodes,
            server_group_attributes=[
                volcengine.autoscaling.ScalingGroupServerGroupAttributeArgs(
                    server_group_id=context.load_balancer.backend_group_id, port=context.backend_port, weight=_WEIGHT
                )
            ],
            # A new node's model load: no scaling activity follows for the grace period.
            default_cooldown=spec.health_check_grace_s,
            instance_terminate_policy="OldestScalingConfigurationWithOldestInstance",
            tags=tags,
            opts=keep_scaled_size(opts, "desireInstanceNumber"),
        )
        # A scaling configuration needs a login credential: terraform-provider-volcengine v0.0.194
        # resource_volcengine_scaling_configuration.go makes password and key_pair_name AtLeastOneOf, checked
        # at preview. Nodes take no logins (their security group admits only the serving port), so the credential
        # is a key pair Volcano Engine generates whose private half nobody keeps: CreateKeyPair returns it once and
        # the provider writes it only to key_file, which is not set (ecs_key_pair service_volcengine_ecs_key_pair.go).
        key_pair = volcengine.ecs.KeyPair(
            names.resource(*pool_part(spec, "key-pair")),
            key_pair_name=name("key"),
            description="GPU nodes take no logins: the private key was never kept",
            tags=tag_list(volcengine.ecs.KeyPairTagArgs, context.tags),
            opts=opts,
        )
        configuration = volcengine.autoscaling.ScalingConfiguration(
            names.resource(*pool_part(spec, "configuration")),
            scaling_group_id=group.id,
            scaling_configuration_name=name("configuration"),
            instance_name=name("node"),
            image_id=context.image,
            instance_types=[spec.instance_type],
            security_group_ids=[context.security.gpu_security_group_id],
            key_pair_name=key_pair.key_pair_name,
            # No eip_* arguments: nodes get no public address and egress through the NAT gateway.
            volumes=[volcengine.autoscaling.ScalingConfigurationVolumeArgs(volume_type="ESSD_PL0", size=spec.root_disk_gb, delete_with_instance=True)],
            user_data=base64_user_data(context.user_data),
            opts=opts,
        )
        attachment = volcengine.autoscaling.ScalingConfigurationAttachment(
            names.resource(*pool_part(spec, "configuration-attachment")), scaling_configuration_id=configuration.id, opts=opts
        )
        enabler = volcengine.autoscaling.ScalingGroupEnabler(
            names.resource(*pool_part(spec, "enabler")), scaling_group_id=group.id, opts=child_opts(opts, attachment)
        )
        for direction, operator, threshold, adjustment in (("out", ">", CPU_SCALE_OUT_PERCENT, 1), ("in", "<", CPU_SCALE_IN_PERCENT, -1)):
            volcengine.autoscaling.ScalingPolicy(
                names.resource(*pool_part(spec, f"cpu-scale-{direction}")),
                scaling_group_id=group.id,
                scaling_policy_name=name(f"cpu-scale-{direction}"),
                scaling_policy_type="Alarm",
                adjustment_type="QuantityChangeInCapacity",
                adjustment_value=adjustment,
                alarm_policy_rule_type="Static",
                alarm_policy_condition_metric_name="CpuTotal_Avg",
                alarm_policy_condition_metric_unit="Percent",
                alarm_policy_condition_comparison_operator=operator,
                alarm_policy_condition_threshold=str(threshold),
                alarm_policy_evaluation_count=_EVALUATIONS,
                cooldown=spec.health_check_grace_s,
                # A policy can be active only in an enabled group (SDK docstring of ``active``).
                active=True,
                opts=child_opts(opts, enabler),
            )
        return PoolOutputs(scaling_group_id=group.id, scaling_group_name=group.id, launch_configuration_id=configuration.id)
