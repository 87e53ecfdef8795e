"""AWS pools: whole inputs of the launch template, the group, target tracking, the warm pool and the overflow alarms."""

from __future__ import annotations

from typing import Any

import pytest

from inferline.components.pool.adapters.aws import resource_label
from inferline.preview.mocks import PREVIEW_AWS_ACCOUNT, plausible_arn
from inferline.preview.record import COMPUTED
from inferline.preview.runner import ProgramRun
from tests.components.pool.support import USER_DATA_B64, build_pools, overflow_spec, pool_children, pool_spec
from tests.support import named

REGION = "ap-southeast-1"
ZONES = ("ap-southeast-1a", "ap-southeast-1b")
LB_ARN = f"arn:aws:elasticloadbalancing:{REGION}:123456789012:loadbalancer/app/site-a/50dc6c495c0c9188"
TG_ARN = f"arn:aws:elasticloadbalancing:{REGION}:123456789012:targetgroup/site-a/943f017f100becff"
LOAD_BALANCER: dict[str, str | None] = {"load_balancer_id": LB_ARN, "backend_group_id": TG_ARN}
DLAMI = "resolve:ssm:/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-ubuntu-22.04/latest/ami-id"
TAGS = {"inferline-site": "site-a"}


def _build(*specs: Any, identity: str | None = "inferline-node") -> ProgramRun:
    return build_pools("aws", REGION, ZONES, specs or (pool_spec(ZONES),), load_balancer=LOAD_BALANCER, identity=identity, image=DLAMI)


def _template(run: ProgramRun, role: str = "primary", identity: str | None = "inferline-node") -> dict[str, Any]:
    template = {
        "name": f"inferline-test-site-a-gpu-{role}",
        "description": f"deepseek-r1 {'fp8' if role == 'primary' else 'int8'} on p5e.48xlarge ({role} pool)",
        "imageId": DLAMI,
        "instanceType": "p5e.48xlarge",
        "updateDefaultVersion": True,
        "iamInstanceProfile": {"name": identity},
        "networkInterfaces": [
            {"deviceIndex": 0, "associatePublicIpAddress": "false", "deleteOnTermination": "true", "securityGroups": [named(run, "site-a-gpu-sg").id]}
        ],
        "metadataOptions": {"httpEndpoint": "enabled", "httpTokens": "required", "httpPutResponseHopLimit": 2},
        "blockDeviceMappings": [
            {
                "deviceName": "/dev/sda1",
                "ebs": {
                    "volumeSize": 500, "volumeType": "gp3", "encrypted": "true", "deleteOnTermination": "true",
                    "kmsKeyId": plausible_arn("aws:kms/key:Key", REGION, str(named(run, "site-a-kms").id)),
                },
            }
        ],
        "userData": USER_DATA_B64,
        "monitoring": {"enabled": True},
        "tagSpecifications": [
            {"resourceType": kind, "tags": {**TAGS, "Name": f"inferline-test-site-a-gpu-{role}-node"}} for kind in ("instance", "volume")
        ],
        "tags": {**TAGS, "Name": f"inferline-test-site-a-gpu-{role}-template"},
    }
    if identity is None:
        del template["iamInstanceProfile"]
    return template


def test_primary_pool_declares_template_group_and_target_tracking_only() -> None:
    run = _build()
    assert {name: record.type for name, record in pool_children(run).items()} == {
        "site-a-gpu-primary-template": "aws:ec2/launchTemplate:LaunchTemplate",
        "site-a-gpu-primary-key-grant": "aws:kms/grant:Grant",
        "site-a-gpu-primary": "aws:autoscaling/group:Group",
        "site-a-gpu-primary-requests": "aws:autoscaling/policy:Policy",
    }


def test_auto_scaling_may_use_the_site_key_before_the_group_launches() -> None:
    run = _build()
    children = pool_children(run)
    grant = children["site-a-gpu-primary-key-grant"]
    assert grant.inputs == {
        "name": "inferline-test-site-a-gpu-primary-autoscaling",
        "keyId": plausible_arn("aws:kms/key:Key", REGION, str(named(run, "site-a-kms").id)),
        "granteePrincipal": f"arn:aws:iam::{PREVIEW_AWS_ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
        "operations": [
            "Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "DescribeKey", "CreateGrant",
        ],
    }
    assert grant.urn in children["site-a-gpu-primary"].dependencies


def test_launch_template_private_imdsv2_encrypted_with_the_site_key() -> None:
    run = _build()
    assert pool_children(run)["site-a-gpu-primary-template"].inputs == _template(run)


def test_launch_template_without_identity_has_no_instance_profile() -> None:
    run = _build(identity=None)
    assert pool_children(run)["site-a-gpu-primary-template"].inputs == _template(run, identity=None)


def test_group_spans_the_private_subnets_and_replaces_what_the_target_group_finds_unhealthy() -> None:
    run = _build()
    children = pool_children(run)
    group = children["site-a-gpu-primary"]
    assert group.inputs == {
        "name": "inferline-test-site-a-gpu-primary",
        "minSize": 2,
        "maxSize": 10,
        "desiredCapacity": 4,
        "vpcZoneIdentifiers": [named(run, f"site-a-private-{zone}").id for zone in ZONES],
        "launchTemplate": {"id": children["site-a-gpu-primary-template"].id, "version": COMPUTED},
        "targetGroupArns": [TG_ARN],
        "healthCheckType": "ELB",
        "healthCheckGracePeriod": 900,
        "defaultInstanceWarmup": 900,
        "enabledMetrics": ["GroupDesiredCapacity", "GroupInServiceInstances", "GroupTotalInstances"],
        "metricsGranularity": "1Minute",
        # In key order, whatever the order of the stack file's tags.
        "tags": [
            {"key": "Name", "value": "inferline-test-site-a-gpu-primary", "propagateAtLaunch": False},
            {"key": "inferline-site", "value": "site-a", "propagateAtLaunch": False},
        ],
    }
    # Target tracking moves the desired size; a later `pulumi up` leaves it where scaling put it.
    assert group.ignore_changes == ["desiredCapacity"]


def test_target_tracking_holds_requests_per_node_per_minute() -> None:
    run = _build()
    assert pool_children(run)["site-a-gpu-primary-requests"].inputs == {
        "name": "requests-per-node",
        "autoscalingGroupName": "inferline-test-site-a-gpu-primary",
        "policyType": "TargetTrackingScaling",
        "targetTrackingConfiguration": {
            "predefinedMetricSpecification": {
                "predefinedMetricType": "ALBRequestCountPerTarget",
                "resourceLabel": "app/site-a/50dc6c495c0c9188/targetgroup/site-a/943f017f100becff",
            },
            "targetValue": 150,
        },
    }


def test_resource_label_joins_the_final_parts_of_both_arns() -> None:
    assert resource_label(LB_ARN, TG_ARN) == "app/site-a/50dc6c495c0c9188/targetgroup/site-a/943f017f100becff"


@pytest.mark.parametrize(("warm", "expected"), [(0, None), (2, {"poolState": "Stopped", "minSize": 2, "instanceReusePolicy": {"reuseOnScaleIn": True}})])
def test_warm_pool_of_stopped_nodes_only_when_planned(warm: int, expected: dict[str, Any] | None) -> None:
    run = _build(pool_spec(ZONES, warm_nodes=warm))
    assert pool_children(run)["site-a-gpu-primary"].inputs.get("warmPool") == expected


def test_overflow_pool_scales_in_steps_on_the_primarys_in_service_nodes() -> None:
    run = _build(pool_spec(ZONES), overflow_spec(ZONES))
    children = pool_children(run, "overflow")
    assert {name: record.type for name, record in children.items()} == {
        "site-a-gpu-overflow-template": "aws:ec2/launchTemplate:LaunchTemplate",
        "site-a-gpu-overflow-key-grant": "aws:kms/grant:Grant",
        "site-a-gpu-overflow": "aws:autoscaling/group:Group",
        "site-a-gpu-overflow-scale-out": "aws:autoscaling/policy:Policy",
        "site-a-gpu-overflow-scale-in": "aws:autoscaling/policy:Policy",
        "site-a-gpu-overflow-scale-out-alarm": "aws:cloudwatch/metricAlarm:MetricAlarm",
        "site-a-gpu-overflow-scale-in-alarm": "aws:cloudwatch/metricAlarm:MetricAlarm",
    }
    assert children["site-a-gpu-overflow-template"].inputs == _template(run, "overflow")
    assert (children["site-a-gpu-overflow"].inputs["minSize"], children["site-a-gpu-overflow"].inputs["maxSize"]) == (0, 4)
    for direction, adjustment, bound, operator, missing in (
        ("out", 1, "metricIntervalLowerBound", "GreaterThanOrEqualToThreshold", "notBreaching"),
        ("in", -1, "metricIntervalUpperBound", "LessThanThreshold", "breaching"),
    ):
        policy = children[f"site-a-gpu-overflow-scale-{direction}"]
        assert policy.inputs == {
            "name": f"overflow-scale-{direction}",
            "autoscalingGroupName": "inferline-test-site-a-gpu-overflow",
            "policyType": "StepScaling",
            "adjustmentType": "ChangeInCapacity",
            "metricAggregationType": "Maximum",
            "estimatedInstanceWarmup": 900,
            "stepAdjustments": [{"scalingAdjustment": adjustment, bound: "0"}],
        }
        alarm = children[f"site-a-gpu-overflow-scale-{direction}-alarm"]
        # 0.85 of the primary's 10 nodes at most.
        assert alarm.inputs == {
            "name": f"inferline-test-site-a-gpu-overflow-scale-{direction}",
            "alarmDescription": f"overflow pool scales {direction}: primary pool {'at or above' if adjustment > 0 else 'below'} 8.5 in-service nodes",
            "namespace": "AWS/AutoScaling",
            "metricName": "GroupInServiceInstances",
            "dimensions": {"AutoScalingGroupName": "inferline-test-site-a-gpu-primary"},
            "statistic": "Maximum",
            "period": 60,
            "evaluationPeriods": 3,
            "comparisonOperator": operator,
            "threshold": 8.5,
            "treatMissingData": missing,
            "alarmActions": [plausible_arn("aws:autoscaling/policy:Policy", REGION, str(policy.id))],
            "tags": {**TAGS, "Name": f"inferline-test-site-a-gpu-overflow-scale-{direction}"},
        }


def test_every_child_is_parented_to_its_pool_on_the_sites_provider() -> None:
    run = _build(pool_spec(ZONES), overflow_spec(ZONES))
    provider = next(r for r in run.resources if r.type == "pulumi:providers:aws")
    for role in ("primary", "overflow"):
        for record in pool_children(run, role).values():
            assert record.provider == provider.urn, record.urn
