"""AWS: a launch template (private subnets only, no public address, IMDSv2 required, root volume encrypted with
the site key) and an Auto Scaling group across the pool's zones, registered with the load balancer's target
group, replacing nodes the target group finds unhealthy after the model-load grace period.

Scale-out: target tracking on ``ALBRequestCountPerTarget``. Warm capacity: a warm pool of stopped nodes.
An overflow pool scales in steps on CloudWatch alarms over the primary group's in-service node count."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import pulumi
import pulumi_aws as aws

from inferline.clouds import CloudName
from inferline.components.pool.adapters.base import (
    OverflowTrigger,
    PoolContext,
    PoolOutputs,
    base64_user_data,
    keep_scaled_size,
    pool_part,
)
from inferline.planning.serving import PoolSpec

#: The DLAMI's root device (Ubuntu images boot from /dev/sda1).
_ROOT_DEVICE = "/dev/sda1"
#: Containers on the node reach IMDSv2 through one extra network hop (the docker bridge): a hop limit of 1
#: would leave the inference container without credentials (EC2 "Configure the instance metadata options").
_METADATA_HOP_LIMIT = 2
#: ALBRequestCountPerTarget counts requests per target per minute: the target is "the optimal average request
#: count per instance during any one-minute interval" (Auto Scaling API, TargetTrackingConfiguration).
_SECONDS_PER_MINUTE = 60
#: Group metrics the overflow alarm reads (AWS/AutoScaling namespace); published only when enabled.
_GROUP_METRICS = [
    aws.autoscaling.Metric.GROUP_DESIRED_CAPACITY,
    aws.autoscaling.Metric.GROUP_IN_SERVICE_INSTANCES,
    aws.autoscaling.Metric.GROUP_TOTAL_INSTANCES,
]
#: Seconds per alarm datapoint and how many in a row trip it: 3 minutes above the line before overflowing.
_ALARM_PERIOD_S = 60
_ALARM_EVALUATION_PERIODS = 3
#: What Auto Scaling's service-linked role must be allowed on a customer managed key to launch instances with
#: volumes encrypted by it: its predefined permissions cover AWS managed keys only (EC2 Auto Scaling user guide,
#: "Required AWS KMS key policy for use with encrypted volumes": Encrypt, Decrypt, ReEncrypt*, GenerateDataKey*,
#: DescribeKey, and CreateGrant for the volumes it attaches).
_AUTOSCALING_KEY_OPERATIONS = [
    "Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "DescribeKey", "CreateGrant",
]
_AUTOSCALING_ROLE = "role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
#: Launch-template and group names: 128 and 255 characters (EC2 CreateLaunchTemplate, CreateAutoScalingGroup).
_TEMPLATE_NAME_LIMIT = 128
_GROUP_NAME_LIMIT = 255
#: KMS grant names: 1-256 characters (KMS CreateGrant).
_GRANT_NAME_LIMIT = 256
Tags = Callable[..., dict[str, str]]


class AwsPool:
    cloud: ClassVar[CloudName] = "aws"

    def build(self, spec: PoolSpec, context: PoolContext, opts: pulumi.ResourceOptions) -> PoolOutputs:
        names = context.names

        def tags(*parts: str) -> dict[str, str]:
            return {**context.tags, "Name": names.cloud(*pool_part(spec, *parts), limit=255)}

        encryption = context.security.encryption
        template = aws.ec2.LaunchTemplate(
            names.resource(*pool_part(spec, "template")),
            name=names.cloud(*pool_part(spec), limit=_TEMPLATE_NAME_LIMIT),
            description=f"{spec.model} {spec.precision} on {spec.instance_type} ({spec.role} pool)",
            image_id=context.image,
            instance_type=spec.instance_type,
            update_default_version=True,
            iam_instance_profile=(
                aws.ec2.LaunchTemplateIamInstanceProfileArgs(name=context.node_identity) if context.node_identity is not None else None
            ),
            # The subnet comes from the group (private subnets only); the interface never gets a public address.
            network_interfaces=[
                aws.ec2.LaunchTemplateNetworkInterfaceArgs(
                    device_index=0,
                    associate_public_ip_address="false",
                    delete_on_termination="true",
                    security_groups=[context.security.gpu_security_group_id],
                )
            ],
            metadata_options=aws.ec2.LaunchTemplateMetadataOptionsArgs(
                http_endpoint="enabled", http_tokens="required", http_put_response_hop_limit=_METADATA_HOP_LIMIT
            ),
            block_device_mappings=[
                aws.ec2.LaunchTemplateBlockDeviceMappingArgs(
                    device_name=_ROOT_DEVICE,
                    ebs=aws.ec2.LaunchTemplateBlockDeviceMappingEbsArgs(
                        volume_size=spec.root_disk_gb,
                        volume_type="gp3",
                        encrypted="true",
                        kms_key_id=encryption.key_arn if encryption.key_arn is not None else encryption.key_id,
                        delete_on_termination="true",
                    ),
                )
            ],
            user_data=base64_user_data(context.user_data),
            monitoring=aws.ec2.LaunchTemplateMonitoringArgs(enabled=True),
            tag_specifications=[
                aws.ec2.LaunchTemplateTagSpecificationArgs(resource_type=kind, tags=tags("node")) for kind in ("instance", "volume")
            ],
            tags=tags("template"),
            opts=opts,
        )
        key_grant = _autoscaling_key_grant(spec, context, opts)
        group = aws.autoscaling.Group(
            names.resource(*pool_part(spec)),
            name=names.cloud(*pool_part(spec), limit=_GROUP_NAME_LIMIT),
            min_size=spec.min_nodes,
            max_size=spec.max_nodes,
            desired_capacity=spec.desired_nodes,
            vpc_zone_identifiers=context.subnet_ids(spec),
            launch_template=aws.autoscaling.GroupLaunchTemplateArgs(id=template.id, version=template.latest_version.apply(str)),
            target_group_arns=[context.load_balancer.backend_group_id],
            # ELB: a node the target group marks unhealthy is terminated and replaced, once the grace is over.
            health_check_type="ELB",
            health_check_grace_period=spec.health_check_grace_s,
            default_instance_warmup=spec.health_check_grace_s,
            enabled_metrics=_GROUP_METRICS,
            metrics_granularity="1Minute",
            warm_pool=_warm_pool(spec),
            tags=[aws.autoscaling.GroupTagArgs(key=key, value=value, propagate_at_launch=False) for key, value in sorted(tags().items())],
            # Launches fail until Auto Scaling may use the key.
            opts=keep_scaled_size(pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(depends_on=[key_grant])), "desiredCapacity"),
        )
        if context.overflow is None:
            _target_tracking(spec, context, group, opts)
        else:
            _overflow_steps(spec, context, context.overflow, group, tags, opts)
        return PoolOutputs(scaling_group_id=group.id, scaling_group_name=group.name, launch_configuration_id=template.id)


def _autoscaling_key_grant(spec: PoolSpec, context: PoolContext, opts: pulumi.ResourceOptions) -> aws.kms.Grant:
    """A grant, not a key-policy statement: the key belongs to the site's security baseline, the need to the pool.
    The service-linked role must exist (the account's first Auto Scaling group creates it)."""
    invoke = pulumi.InvokeOutputOptions(provider=opts.provider, parent=opts.parent)
    account = aws.get_caller_identity_output(opts=invoke).account_id
    partition = aws.get_partition_output(opts=invoke).partition
    encryption = context.security.encryption
    return aws.kms.Grant(
        context.names.resource(*pool_part(spec, "key-grant")),
        name=context.names.cloud(*pool_part(spec, "autoscaling"), limit=_GRANT_NAME_LIMIT),
        key_id=encryption.key_arn if encryption.key_arn is not None else encryption.key_id,
        grantee_principal=pulumi.Output.format("arn:{0}:iam::{1}:{2}", partition, account, _AUTOSCALING_ROLE),
        operations=_AUTOSCALING_KEY_OPERATIONS,
        opts=opts,
    )


def _warm_pool(spec: PoolSpec) -> aws.autoscaling.GroupWarmPoolArgs | None:
    if spec.warm_nodes == 0:
        return None
    # Stopped nodes have run cloud-init once (image pulled, weights on the root volume) and cost only storage;
    # a node scaled in goes back to the pool instead of being terminated.
    return aws.autoscaling.GroupWarmPoolArgs(
        pool_state="Stopped",
        min_size=spec.warm_nodes,
        instance_reuse_policy=aws.autoscaling.GroupWarmPoolInstanceReusePolicyArgs(reuse_on_scale_in=True),
    )


def _target_tracking(spec: PoolSpec, context: PoolContext, group: aws.autoscaling.Group, opts: pulumi.ResourceOptions) -> None:
    aws.autoscaling.Policy(
        context.names.resource(*pool_part(spec, "requests")),
        name="requests-per-node",
        autoscaling_group_name=group.name,
        policy_type="TargetTrackingScaling",
        target_tracking_configuration=aws.autoscaling.PolicyTargetTrackingConfigurationArgs(
            predefined_metric_specification=aws.autoscaling.PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs(
                predefined_metric_type="ALBRequestCountPerTarget",
                resource_label=pulumi.Output.all(context.load_balancer.load_balancer_id, context.load_balancer.backend_group_id).apply(
                    lambda ids: resource_label(ids[0], ids[1])
                ),
            ),
            target_value=round(spec.target_rps_per_node * _SECONDS_PER_MINUTE, 2),
        ),
        opts=opts,
    )


def resource_label(load_balancer_arn: str, target_group_arn: str) -> str:
    """``app/<lb>/<id>/targetgroup/<tg>/<id>``: the final parts of both ARNs (Auto Scaling API,
    PredefinedMetricSpecification.ResourceLabel)."""
    return f"{load_balancer_arn.split(':loadbalancer/', 1)[1]}/{target_group_arn.rsplit(':', 1)[1]}"


def _overflow_steps(
    spec: PoolSpec, context: PoolContext, trigger: OverflowTrigger, group: aws.autoscaling.Group, tags: Tags, opts: pulumi.ResourceOptions
) -> None:
    """One node more per alarm period while the primary is at or above the line, one fewer while below it."""
    for direction, adjustment, bounds, operator in (
        ("out", 1, {"metric_interval_lower_bound": "0"}, "GreaterThanOrEqualToThreshold"),
        ("in", -1, {"metric_interval_upper_bound": "0"}, "LessThanThreshold"),
    ):
        policy = aws.autoscaling.Policy(
            context.names.resource(*pool_part(spec, f"scale-{direction}")),
            name=f"overflow-scale-{direction}",
            autoscaling_group_name=group.name,
            policy_type="StepScaling",
            adjustment_type="ChangeInCapacity",
            metric_aggregation_type="Maximum",
            estimated_instance_warmup=spec.health_check_grace_s,
            step_adjustments=[aws.autoscaling.PolicyStepAdjustmentArgs(scaling_adjustment=adjustment, **bounds)],
            opts=opts,
        )
        aws.cloudwatch.MetricAlarm(
            context.names.resource(*pool_part(spec, f"scale-{direction}-alarm")),
            name=tags(f"scale-{direction}")["Name"],
            alarm_description=f"overflow pool scales {direction}: primary pool {'at or above' if adjustment > 0 else 'below'} {trigger.threshold_nodes} in-service nodes",
            namespace="AWS/AutoScaling",
            metric_name="GroupInServiceInstances",
            dimensions={"AutoScalingGroupName": trigger.primary.scaling_group_name},
            statistic="Maximum",
            period=_ALARM_PERIOD_S,
            evaluation_periods=_ALARM_EVALUATION_PERIODS,
            comparison_operator=operator,
            threshold=trigger.threshold_nodes,
            # No datapoint means no primary node in service: nothing to overflow from, so the pool scales in.
            treat_missing_data="notBreaching" if adjustment > 0 else "breaching",
            alarm_actions=[policy.arn],
            tags=tags(f"scale-{direction}"),
            opts=opts,
        )
