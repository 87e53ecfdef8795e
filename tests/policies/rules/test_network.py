from __future__ import annotations

import pytest

from inferline.policies.rules import RULES, Finding, ResourceView, evaluate
from inferline.policies.rules.network import check_flow_logs_on_every_vpc, check_subnet_no_public_ip, flow_log_state

VPC = ResourceView(urn="urn:vpc", type="alicloud:vpc/network:Network", props={})
FLOW_LOG = ResourceView(urn="urn:fl", type="alicloud:vpc/flowLog:FlowLog", props={}, property_dependencies={"resourceId": ("urn:vpc",)})


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([VPC, FLOW_LOG], [], id="compliant"),
        pytest.param([VPC], [Finding("urn:vpc", "violation", "this VPC has no flow log; enable `network.flow_logs` so its traffic is recorded")], id="no-flow-log"),
        pytest.param(
            [VPC, ResourceView(urn="urn:fl", type="alicloud:vpc/flowLog:FlowLog", props={}, property_dependencies={"projectName": ("urn:vpc",)})],
            [Finding("urn:vpc", "violation", "this VPC has no flow log; enable `network.flow_logs` so its traffic is recorded")],
            id="flow-log-on-something-else",
        ),
        pytest.param([ResourceView(urn="urn:sg", type="aws:ec2/securityGroup:SecurityGroup", props={})], [], id="not-applicable"),
    ],
)
def test_flow_logs_on_every_vpc(resources: list[ResourceView], expected: list[Finding]) -> None:
    assert check_flow_logs_on_every_vpc(resources) == expected


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"mapPublicIpOnLaunch": False}, None, id="compliant"),
        pytest.param({"mapPublicIpOnLaunch": True}, "violation", id="public-ip"),
        pytest.param({"mapPublicIpOnLaunch": "<computed>"}, "unknown", id="unknown-at-preview"),
    ],
)
def test_subnet_no_public_ip(props: dict[str, object], expected: str | None) -> None:
    finding = check_subnet_no_public_ip(ResourceView(urn="urn:s", type="aws:ec2/subnet:Subnet", props=props))
    assert (finding.outcome if finding else None) == expected


def test_subnet_rule_ignores_other_types() -> None:
    assert check_subnet_no_public_ip(ResourceView(urn="urn:s", type="volcengine:vpc/subnet:Subnet", props={"mapPublicIpOnLaunch": True})) is None


def test_evaluate_runs_every_rule() -> None:
    results = evaluate([VPC])
    assert sorted(results) == sorted(rule.name for rule in RULES)
    assert [finding.urn for finding in results["network-vpc-flow-logs-enabled"]] == ["urn:vpc"]


@pytest.mark.parametrize(
    ("vpc_type", "flow_log_type", "props", "expected"),
    [
        pytest.param("huaweicloud:Vpc/vpc:Vpc", "huaweicloud:Vpc/flowLog:FlowLog", {"enabled": False}, "violation", id="huawei-disabled"),
        pytest.param("huaweicloud:Vpc/vpc:Vpc", "huaweicloud:Vpc/flowLog:FlowLog", {"enabled": True}, None, id="huawei-enabled"),
        pytest.param("huaweicloud:Vpc/vpc:Vpc", "huaweicloud:Vpc/flowLog:FlowLog", {}, None, id="huawei-default-on"),
        pytest.param("huaweicloud:Vpc/vpc:Vpc", "huaweicloud:Vpc/flowLog:FlowLog", {"enabled": "<computed>"}, "unknown", id="huawei-unknown"),
        pytest.param("alicloud:vpc/network:Network", "alicloud:vpc/flowLog:FlowLog", {"status": "Inactive"}, "violation", id="alicloud-inactive"),
        pytest.param("alicloud:vpc/network:Network", "alicloud:vpc/flowLog:FlowLog", {"status": "Active"}, None, id="alicloud-active"),
    ],
)
def test_a_disabled_flow_log_never_counts(vpc_type: str, flow_log_type: str, props: dict[str, object], expected: str | None) -> None:
    vpc = ResourceView(urn="urn:vpc", type=vpc_type, props={})
    flow_log = ResourceView(urn="urn:fl", type=flow_log_type, props=props, property_dependencies={"resourceId": ("urn:vpc",)})
    assert [f.outcome for f in check_flow_logs_on_every_vpc([vpc, flow_log])] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("token", "props", "state"),
    [
        pytest.param("aws:ec2/flowLog:FlowLog", {}, "on", id="aws-has-no-switch"),
        pytest.param("tencentcloud:Vpc/flowLog:FlowLog", {"flowLogName": "x"}, "on", id="tencent-has-no-switch"),
        pytest.param("volcengine:vpc/flowLog:FlowLog", {"status": "Inactive"}, "on", id="volcengine-has-no-switch"),
        pytest.param("alicloud:vpc/flowLog:FlowLog", {"status": "Inactive"}, "off", id="alicloud-inactive"),
        pytest.param("alicloud:vpc/flowLog:FlowLog", {"status": "Active"}, "on", id="alicloud-active"),
        pytest.param("alicloud:vpc/flowLog:FlowLog", {"status": "<computed>"}, "unknown", id="alicloud-unknown"),
        pytest.param("huaweicloud:Vpc/flowLog:FlowLog", {"enabled": False}, "off", id="huawei-disabled"),
        pytest.param("huaweicloud:Vpc/flowLog:FlowLog", {}, "on", id="huawei-unset-is-on"),
        pytest.param("huaweicloud:Vpc/vpc:Vpc", {}, None, id="not-a-flow-log"),
    ],
)
def test_flow_log_state(token: str, props: dict[str, object], state: str | None) -> None:
    assert flow_log_state(ResourceView(urn="urn:fl", type=token, props=props)) == state


NO_FLOW_LOG = "this VPC has no flow log; enable `network.flow_logs` so its traffic is recorded"


@pytest.mark.parametrize(
    ("vpc_type", "flow_log_type", "prop", "props", "expected"),
    [
        pytest.param("aws:ec2/vpc:Vpc", "aws:ec2/flowLog:FlowLog", "vpcId", {}, [], id="aws"),
        pytest.param("tencentcloud:Vpc/instance:Instance", "tencentcloud:Vpc/flowLog:FlowLog", "vpcId", {}, [], id="tencent-vpc-id"),
        pytest.param("tencentcloud:Vpc/instance:Instance", "tencentcloud:Vpc/flowLog:FlowLog", "resourceId", {}, [], id="tencent-resource-id"),
        pytest.param("volcengine:vpc/vpc:Vpc", "volcengine:vpc/flowLog:FlowLog", "resourceId", {}, [], id="volcengine"),
        pytest.param("aws:ec2/vpc:Vpc", "aws:ec2/flowLog:FlowLog", "subnetId", {}, [Finding("urn:vpc", "violation", NO_FLOW_LOG)], id="aws-on-a-subnet"),
        pytest.param(
            "huaweicloud:Vpc/vpc:Vpc", "huaweicloud:Vpc/flowLog:FlowLog", "resourceId", {"enabled": False},
            [Finding("urn:vpc", "violation", "this VPC has no flow log (its flow log is disabled); enable `network.flow_logs` so its traffic is recorded")],
            id="huawei-disabled",
        ),
        pytest.param(
            "huaweicloud:Vpc/vpc:Vpc", "huaweicloud:Vpc/flowLog:FlowLog", "resourceId", {"enabled": "<secret>"},
            [Finding("urn:vpc", "unknown", "whether this VPC's flow log is enabled is not known during preview (computed or secret); could not be checked")],
            id="huawei-unknown",
        ),
    ],
)
def test_flow_log_findings_are_exact(vpc_type: str, flow_log_type: str, prop: str, props: dict[str, object], expected: list[Finding]) -> None:
    vpc = ResourceView(urn="urn:vpc", type=vpc_type, props={})
    flow_log = ResourceView(urn="urn:fl", type=flow_log_type, props=props, property_dependencies={prop: ("urn:vpc",)})
    assert check_flow_logs_on_every_vpc(iter([flow_log, vpc])) == expected


def test_an_enabled_flow_log_covers_a_vpc_another_one_leaves_disabled() -> None:
    vpc = ResourceView(urn="urn:vpc", type="huaweicloud:Vpc/vpc:Vpc", props={})
    off = ResourceView(urn="urn:off", type="huaweicloud:Vpc/flowLog:FlowLog", props={"enabled": False}, property_dependencies={"resourceId": ("urn:vpc",)})
    on = ResourceView(urn="urn:on", type="huaweicloud:Vpc/flowLog:FlowLog", props={"enabled": True}, property_dependencies={"resourceId": ("urn:vpc",)})
    assert check_flow_logs_on_every_vpc([off, vpc, on]) == []


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"mapPublicIpOnLaunch": False}, None, id="compliant"),
        pytest.param({}, None, id="unset-is-the-api-default-false"),
        pytest.param({"mapPublicIpOnLaunch": True}, Finding("urn:s", "violation", "mapPublicIpOnLaunch must be false: instances reach the internet only through NAT"), id="public-ip"),
        pytest.param(
            {"mapPublicIpOnLaunch": "<computed>"},
            Finding("urn:s", "unknown", "mapPublicIpOnLaunch is not known during preview (computed or secret); could not be checked"),
            id="unknown",
        ),
    ],
)
def test_subnet_findings_are_exact(props: dict[str, object], expected: Finding | None) -> None:
    assert check_subnet_no_public_ip(ResourceView(urn="urn:s", type="aws:ec2/subnet:Subnet", props=props)) == expected
