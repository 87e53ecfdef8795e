"""Volcano Engine pools: whole inputs of the group, configuration, attachment, enabler and CPU alarm policies."""

from __future__ import annotations

import pytest

from inferline.preview.runner import ProgramRun
from tests.components.pool.support import USER_DATA_B64, build_pools, overflow_spec, pool_children, pool_spec
from tests.support import named

REGION = "cn-shanghai"
ZONES = ("cn-shanghai-a", "cn-shanghai-b")
LOAD_BALANCER: dict[str, str | None] = {"load_balancer_id": "alb-0a1b2c3d", "backend_group_id": "rsp-4e5f6a7b"}


def _build() -> ProgramRun:
    return build_pools("volcengine", REGION, ZONES, [pool_spec(ZONES)], load_balancer=LOAD_BALANCER)


def test_pool_declares_group_configuration_activation_and_two_cpu_policies() -> None:
    assert {name: record.type for name, record in pool_children(_build()).items()} == {
        "site-a-gpu-primary": "volcengine:autoscaling/scalingGroup:ScalingGroup",
        "site-a-gpu-primary-key-pair": "volcengine:ecs/keyPair:KeyPair",
        "site-a-gpu-primary-configuration": "volcengine:autoscaling/scalingConfiguration:ScalingConfiguration",
        "site-a-gpu-primary-configuration-attachment": "volcengine:autoscaling/scalingConfigurationAttachment:ScalingConfigurationAttachment",
        "site-a-gpu-primary-enabler": "volcengine:autoscaling/scalingGroupEnabler:ScalingGroupEnabler",
        "site-a-gpu-primary-cpu-scale-out": "volcengine:autoscaling/scalingPolicy:ScalingPolicy",
        "site-a-gpu-primary-cpu-scale-in": "volcengine:autoscaling/scalingPolicy:ScalingPolicy",
    }


def test_group_spans_private_subnets_behind_the_alb_server_group() -> None:
    run = _build()
    group = pool_children(run)["site-a-gpu-primary"]
    assert group.inputs == {
        "scalingGroupName": "inferline-test-site-a-gpu-primary",
        "subnetIds": [named(run, f"site-a-private-{zone}").id for zone in ZONES],
        "multiAzPolicy": "BALANCE",
        "minInstanceNumber": 2,
        "maxInstanceNumber": 10,
        "desireInstanceNumber": 4,
        "serverGroupAttributes": [{"serverGroupId": "rsp-4e5f6a7b", "port": 8000, "weight": 50}],
        "defaultCooldown": 900,
        "instanceTerminatePolicy": "OldestScalingConfigurationWithOldestInstance",
        "tags": [{"key": "inferline-site", "value": "site-a"}],
    }
    assert group.ignore_changes == ["desireInstanceNumber"]


def test_configuration_gets_no_eip_and_is_attached_then_the_group_enabled() -> None:
    run = _build()
    children = pool_children(run)
    configuration = children["site-a-gpu-primary-configuration"]
    assert configuration.inputs == {
        "scalingGroupId": children["site-a-gpu-primary"].id,
        "scalingConfigurationName": "inferline-test-site-a-gpu-primary-configuration",
        "instanceName": "inferline-test-site-a-gpu-primary-node",
        "imageId": "img-test",
        "instanceTypes": ["p5e.48xlarge"],
        "securityGroupIds": [named(run, "site-a-gpu-sg").id],
        "keyPairName": "inferline-test-site-a-gpu-primary-key",
        "volumes": [{"volumeType": "ESSD_PL0", "size": 500, "deleteWithInstance": True}],
        "userData": USER_DATA_B64,
    }
    # The login credential the API requires: a key pair Volcano Engine generates, with no key_file to keep it in.
    assert children["site-a-gpu-primary-key-pair"].inputs == {
        "keyPairName": "inferline-test-site-a-gpu-primary-key",
        "description": "GPU nodes take no logins: the private key was never kept",
        "tags": [{"key": "inferline-site", "value": "site-a"}],
    }
    attachment = children["site-a-gpu-primary-configuration-attachment"]
    assert attachment.inputs == {"scalingConfigurationId": configuration.id}
    enabler = children["site-a-gpu-primary-enabler"]
    assert enabler.inputs == {"scalingGroupId": children["site-a-gpu-primary"].id}
    assert attachment.urn in enabler.dependencies


@pytest.mark.parametrize(("direction", "operator", "threshold", "adjustment"), [("out", ">", "60", 1), ("in", "<", "20", -1)])
def test_cpu_alarm_policies_step_one_node_once_the_group_is_enabled(direction: str, operator: str, threshold: str, adjustment: int) -> None:
    children = pool_children(_build())
    policy = children[f"site-a-gpu-primary-cpu-scale-{direction}"]
    assert policy.inputs == {
        "scalingGroupId": children["site-a-gpu-primary"].id,
        "scalingPolicyName": f"inferline-test-site-a-gpu-primary-cpu-scale-{direction}",
        "scalingPolicyType": "Alarm",
        "adjustmentType": "QuantityChangeInCapacity",
        "adjustmentValue": adjustment,
        "alarmPolicyRuleType": "Static",
        "alarmPolicyConditionMetricName": "CpuTotal_Avg",
        "alarmPolicyConditionMetricUnit": "Percent",
        "alarmPolicyConditionComparisonOperator": operator,
        "alarmPolicyConditionThreshold": threshold,
        "alarmPolicyEvaluationCount": 3,
        "cooldown": 900,
        "active": True,
    }
    assert children["site-a-gpu-primary-enabler"].urn in policy.dependencies


def test_an_overflow_pool_is_refused_with_the_reason() -> None:
    with pytest.raises(Exception, match="Volcengine AS alarm-based scaling policies watch the scaling group's own instances only"):
        build_pools("volcengine", REGION, ZONES, [pool_spec(ZONES), overflow_spec(ZONES)], load_balancer=LOAD_BALANCER)
