"""Alibaba Cloud: an ESS scaling group across the pool's private vSwitches, attached to the site's ALB server
group, with a scaling configuration (no public bandwidth, RAM role, ESSD system disk encrypted with the site key).

Health: ESS replaces nodes the ALB server group reports unhealthy (``LOAD_BALANCER`` health checks). ESS has no
grace period on that check, so a scale-out lifecycle hook holds each new node for the model-load grace before
it joins the server group. Scale-out: target tracking on ``LoadBalancerRealServerAverageQps`` (ALB requests
per second per backend server). Warm capacity: the group's economical mode (``recycle``): nodes scaled in are
stopped, not released, and started again on the next scale-out."""

from __future__ import annotations

from typing import ClassVar

import pulumi
import pulumi_alicloud as alicloud

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
from inferline.planning.serving import PoolSpec

#: Per-server ALB QPS; needs the ``rulePool`` dimension naming the server group (ESS CreateScalingRule,
#: AlarmDimensions: "if you use LoadBalancerRealServerAverageQps ... you must specify the rulePool dimension").
_QPS_METRIC = "LoadBalancerRealServerAverageQps"
#: Scaling group, configuration and rule names: 2-64 characters (ESS CreateScalingGroup and friends).
_NAME_LIMIT = 64
#: Every node of the pool weighs the same in the server group (ALB weights 0-100).
_WEIGHT = 100


class AlicloudPool:
    cloud: ClassVar[CloudName] = "alicloud"

    def build(self, spec: PoolSpec, context: PoolContext, opts: pulumi.ResourceOptions) -> PoolOutputs:
        refuse_overflow(self.cloud, spec, context)
        names = context.names
        name = cloud_namer(spec, context, _NAME_LIMIT)

        group = alicloud.ess.ScalingGroup(
            names.resource(*pool_part(spec)),
            scaling_group_name=name(),
            min_size=spec.min_nodes,
            max_size=spec.max_nodes,
            desired_capacity=spec.desired_nodes,
            vswitch_ids=context.subnet_ids(spec),
            multi_az_policy="BALANCE",
            health_check_types=["LOAD_BALANCER"],
            alb_server_groups=[
                alicloud.ess.ScalingGroupAlbServerGroupArgs(
                    alb_server_group_id=context.load_balancer.backend_group_id, port=context.backend_port, weight=_WEIGHT
                )
            ],
            # Economical mode keeps scaled-in nodes stopped (image and weights on the system disk) for reuse.
            scaling_policy="recycle" if spec.warm_nodes > 0 else "release",
            removal_policies=["NewestInstance", "OldestScalingConfiguration"],
            tags=dict(context.tags),
            opts=keep_scaled_size(opts, "desiredCapacity"),
        )
        encryption = context.security.encryption
        configuration = alicloud.ess.ScalingConfiguration(
            names.resource(*pool_part(spec, "configuration")),
            scaling_group_id=group.id,
            scaling_configuration_name=name("configuration"),
            instance_type=spec.instance_type,
            image_id=context.image,
            security_group_ids=[context.security.gpu_security_group_id],
            # No public bandwidth: a node gets no public address and egresses through the NAT gateway.
            internet_max_bandwidth_out=0,
            role_name=context.node_identity,
            system_disk_category="cloud_essd",
            system_disk_size=spec.root_disk_gb,
            system_disk_encrypted=True,
            system_disk_kms_key_id=encryption.key_id,
            user_data=base64_user_data(context.user_data),
            tags=dict(context.tags),
            # Active and enabled: the configuration is the group's, and the group starts launching nodes.
            active=True,
            enable=True,
            force_delete=True,
            opts=opts,
        )
        alicloud.ess.LifecycleHook(
            names.resource(*pool_part(spec, "model-load")),
            name=name("model-load"),
            scaling_group_id=group.id,
            lifecycle_transition="SCALE_OUT",
            heartbeat_timeout=spec.health_check_grace_s,
            default_result="CONTINUE",
            opts=opts,
        )
        alicloud.ess.ScalingRule(
            names.resource(*pool_part(spec, "requests")),
            scaling_group_id=group.id,
            scaling_rule_name=name("requests"),
            scaling_rule_type="TargetTrackingScalingRule",
            metric_type="system",
            metric_name=_QPS_METRIC,
            alarm_dimension=alicloud.ess.ScalingRuleAlarmDimensionArgs(
                dimension_key="rulePool", dimension_value=context.load_balancer.backend_group_id
            ),
            target_value=spec.target_rps_per_node,
            estimated_instance_warmup=spec.health_check_grace_s,
            opts=opts,
        )
        return PoolOutputs(scaling_group_id=group.id, scaling_group_name=group.id, launch_configuration_id=configuration.id)
