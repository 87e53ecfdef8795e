"""Alibaba Cloud pools: whole inputs of the ESS group, configuration, model-load hook and target-tracking rule."""

from __future__ import annotations

import pytest

from inferline.preview.runner import ProgramRun
from tests.components.pool.support import USER_DATA_B64, build_pools, overflow_spec, pool_children, pool_spec
from tests.support import named

REGION = "cn-shanghai"
ZONES = ("cn-shanghai-e", "cn-shanghai-f")
LOAD_BALANCER: dict[str, str | None] = {"load_balancer_id": "alb-0a1b2c3d4e", "backend_group_id": "sgp-5f6g7h8i9j"}
TAGS = {"inferline-site": "site-a"}
#: An ESS instance type must start with "ecs." (terraform-provider-alicloud: resource_alicloud_ess_scaling_configuration.go
#: instance_type StringMatch); the shared spec's type is an AWS one.
INSTANCE_TYPE = "ecs.gn7e-c16g1.16xlarge"


def _build(warm: int = 0, identity: str | None = "inferline-node") -> ProgramRun:
    return build_pools("alicloud", REGION, ZONES, [pool_spec(ZONES, warm_nodes=warm, instance_type=INSTANCE_TYPE)], load_balancer=LOAD_BALANCER, identity=identity)


def test_pool_declares_group_configuration_hook_and_rule() -> None:
    assert {name: record.type for name, record in pool_children(_build()).items()} == {
        "site-a-gpu-primary": "alicloud:ess/scalingGroup:ScalingGroup",
        "site-a-gpu-primary-configuration": "alicloud:ess/scalingConfiguration:ScalingConfiguration",
        "site-a-gpu-primary-model-load": "alicloud:ess/lifecycleHook:LifecycleHook",
        "site-a-gpu-primary-requests": "alicloud:ess/scalingRule:ScalingRule",
    }


@pytest.mark.parametrize(("warm", "mode"), [(0, "release"), (1, "recycle")])
def test_group_spans_private_vswitches_behind_the_alb_server_group(warm: int, mode: str) -> None:
    run = _build(warm)
    group = pool_children(run)["site-a-gpu-primary"]
    assert group.inputs == {
        "scalingGroupName": "inferline-test-site-a-gpu-primary",
        "minSize": 2,
        "maxSize": 10,
        "desiredCapacity": 4,
        "vswitchIds": [named(run, f"site-a-private-{zone}").id for zone in ZONES],
        "multiAzPolicy": "BALANCE",
        "healthCheckTypes": ["LOAD_BALANCER"],
        "albServerGroups": [{"albServerGroupId": "sgp-5f6g7h8i9j", "port": 8000, "weight": 100}],
        "scalingPolicy": mode,
        "removalPolicies": ["NewestInstance", "OldestScalingConfiguration"],
        "tags": TAGS,
    }
    assert group.ignore_changes == ["desiredCapacity"]


def test_configuration_has_no_public_bandwidth_and_an_encrypted_system_disk() -> None:
    run = _build()
    children = pool_children(run)
    assert children["site-a-gpu-primary-configuration"].inputs == {
        "scalingGroupId": children["site-a-gpu-primary"].id,
        "scalingConfigurationName": "inferline-test-site-a-gpu-primary-configuration",
        "instanceType": INSTANCE_TYPE,
        "imageId": "img-test",
        "securityGroupIds": [named(run, "site-a-gpu-sg").id],
        "internetMaxBandwidthOut": 0,
        "roleName": "inferline-node",
        "systemDiskCategory": "cloud_essd",
        "systemDiskSize": 500,
        "systemDiskEncrypted": True,
        "systemDiskKmsKeyId": named(run, "site-a-kms").id,
        "userData": USER_DATA_B64,
        "tags": TAGS,
        "active": True,
        "enable": True,
        "forceDelete": True,
    }


def test_no_identity_leaves_the_role_out() -> None:
    assert "roleName" not in pool_children(_build(identity=None))["site-a-gpu-primary-configuration"].inputs


def test_new_nodes_wait_the_model_load_grace_before_joining_the_server_group() -> None:
    children = pool_children(_build())
    assert children["site-a-gpu-primary-model-load"].inputs == {
        "name": "inferline-test-site-a-gpu-primary-model-load",
        "scalingGroupId": children["site-a-gpu-primary"].id,
        "lifecycleTransition": "SCALE_OUT",
        "heartbeatTimeout": 900,
        "defaultResult": "CONTINUE",
    }


def test_target_tracking_on_alb_requests_per_backend_server() -> None:
    children = pool_children(_build())
    assert children["site-a-gpu-primary-requests"].inputs == {
        "scalingGroupId": children["site-a-gpu-primary"].id,
        "scalingRuleName": "inferline-test-site-a-gpu-primary-requests",
        "scalingRuleType": "TargetTrackingScalingRule",
        "metricType": "system",
        "metricName": "LoadBalancerRealServerAverageQps",
        "alarmDimension": {"dimensionKey": "rulePool", "dimensionValue": "sgp-5f6g7h8i9j"},
        "targetValue": 2.5,
        "estimatedInstanceWarmup": 900,
    }


def test_an_overflow_pool_is_refused_with_the_reason() -> None:
    with pytest.raises(Exception, match="ESS alarm-based scaling policies watch the scaling group's own instances only"):
        build_pools("alicloud", REGION, ZONES, [pool_spec(ZONES, instance_type=INSTANCE_TYPE), overflow_spec(ZONES, instance_type=INSTANCE_TYPE)], load_balancer=LOAD_BALANCER)
