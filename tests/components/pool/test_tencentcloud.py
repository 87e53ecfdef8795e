"""Tencent Cloud pools: whole inputs of the launch configuration, the group bound to the CLB rule, CPU tracking."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from inferline.planning.naming import Names
from inferline.preview.runner import ProgramRun
from tests.components.pool import support
from tests.components.pool.support import USER_DATA_B64, build_pools, overflow_spec, pool_children, pool_spec
from tests.support import named

REGION = "ap-shanghai"
ZONES = ("ap-shanghai-2", "ap-shanghai-4")
LOAD_BALANCER: dict[str, str | None] = {"load_balancer_id": "lb-0a1b2c3d", "backend_group_id": "lbl-4e5f6a7b", "rule_id": "loc-8c9d0e1f"}
TAGS = {"inferline-site": "site-a"}


def _build(identity: str | None = "inferline-node") -> ProgramRun:
    return build_pools("tencentcloud", REGION, ZONES, [pool_spec(ZONES, warm_nodes=1)], load_balancer=LOAD_BALANCER, identity=identity)


def test_pool_declares_configuration_group_and_cpu_policy() -> None:
    assert {name: record.type for name, record in pool_children(_build()).items()} == {
        "site-a-gpu-primary-configuration": "tencentcloud:As/scalingConfig:ScalingConfig",
        "site-a-gpu-primary": "tencentcloud:As/scalingGroup:ScalingGroup",
        "site-a-gpu-primary-cpu": "tencentcloud:As/scalingPolicy:ScalingPolicy",
    }


def test_configuration_assigns_no_public_ip() -> None:
    run = _build()
    assert pool_children(run)["site-a-gpu-primary-configuration"].inputs == {
        "configurationName": "inferline-test-site-a-gpu-primary-configuration",
        "imageId": "img-test",
        "instanceTypes": ["p5e.48xlarge"],
        "instanceChargeType": "POSTPAID_BY_HOUR",
        "securityGroupIds": [named(run, "site-a-gpu-sg").id],
        "publicIpAssigned": False,
        "internetMaxBandwidthOut": 0,
        "camRoleName": "inferline-node",
        "systemDiskType": "CLOUD_SSD",
        "systemDiskSize": 500,
        "userData": USER_DATA_B64,
        "enhancedMonitorService": True,
        "instanceTags": TAGS,
    }


def test_group_is_bound_to_the_clb_rule_and_replaces_clb_unhealthy_nodes_after_the_grace() -> None:
    run = _build()
    children = pool_children(run)
    group = children["site-a-gpu-primary"]
    assert group.inputs == {
        "scalingGroupName": "inferline-test-site-a-gpu-primary",
        "configurationId": children["site-a-gpu-primary-configuration"].id,
        "vpcId": named(run, "site-a-vpc").id,
        "subnetIds": [named(run, f"site-a-private-{zone}").id for zone in ZONES],
        "multiZoneSubnetPolicy": "EQUALITY",
        "minSize": 2,
        "maxSize": 10,
        "desiredCapacity": 4,
        "forwardBalancerIds": [
            {"loadBalancerId": "lb-0a1b2c3d", "listenerId": "lbl-4e5f6a7b", "ruleId": "loc-8c9d0e1f", "targetAttributes": [{"port": 8000, "weight": 10}]}
        ],
        "healthCheckType": "CLB",
        "lbHealthCheckGracePeriod": 900,
        "replaceLoadBalancerUnhealthy": True,
        "replaceMonitorUnhealthy": True,
        "replaceMode": "RECREATE",
        "tags": TAGS,
    }
    assert group.ignore_changes == ["desiredCapacity"]


def test_a_long_stack_name_keeps_the_group_name_within_55_and_the_configuration_name_within_60(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The provider checks scaling_group_name 1-55 and configuration_name 1-60 characters; nothing limits the stack name.
    network_spec = support.network_spec

    def long_stack_network(*args: Any, **kwargs: Any) -> Any:
        network = network_spec(*args, **kwargs)
        return replace(network, names=Names(stack="production-eu-central-canary", site=network.names.site))

    monkeypatch.setattr(support, "network_spec", long_stack_network)
    children = pool_children(_build())
    names = {
        "group": children["site-a-gpu-primary"].inputs["scalingGroupName"],
        "configuration": children["site-a-gpu-primary-configuration"].inputs["configurationName"],
    }
    assert names == {
        "group": "inferline-production-eu-central-canary-site-a-gp-2e1cee",
        "configuration": "inferline-production-eu-central-canary-site-a-gpu-pri-157dda",
    }
    assert (len(names["group"]), len(names["configuration"])) == (55, 60)


def test_target_tracking_on_average_cpu() -> None:
    children = pool_children(_build())
    assert children["site-a-gpu-primary-cpu"].inputs == {
        "scalingGroupId": children["site-a-gpu-primary"].id,
        "policyName": "inferline-test-site-a-gpu-primary-cpu",
        "policyType": "TARGET_TRACKING",
        "predefinedMetricType": "ASG_AVG_CPU_UTILIZATION",
        "targetValue": 60,
        "estimatedInstanceWarmup": 900,
    }


def test_an_overflow_pool_is_refused_with_the_reason() -> None:
    with pytest.raises(Exception, match="Tencent Cloud AS alarm-based scaling policies watch the scaling group's own instances only"):
        build_pools("tencentcloud", REGION, ZONES, [pool_spec(ZONES), overflow_spec(ZONES)], load_balancer=LOAD_BALANCER)
