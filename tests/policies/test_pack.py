"""The same rules through pulumi-policy's own argument types, as the engine calls them."""

from __future__ import annotations

import inspect

from pulumi_policy import (
    PolicyCustomTimeouts,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    StackValidationArgs,
)

from inferline.policies.pack import policies

OPTS = PolicyResourceOptions(False, [], False, [], PolicyCustomTimeouts(0, 0, 0), [])


def policy(name: str):  # type: ignore[no-untyped-def]
    return next(p for p in policies() if p.name == name)


def run(validate, args) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    """Violations as (message, urn). The callback takes both arguments, as pulumi-policy's ReportViolation type says."""
    violations: list[tuple[str, str | None]] = []

    def report_violation(message: str, urn: str | None) -> None:
        violations.append((message, urn))

    result = validate(args, report_violation)
    assert not inspect.isawaitable(result)
    return violations


def resource(urn: str, type_: str, deps: dict[str, list[PolicyResource]] | None = None) -> PolicyResource:
    return PolicyResource(type_, {}, urn, urn.rsplit("::", 1)[-1], OPTS, None, None, [], deps or {})


def test_subnet_policy_reports_a_public_subnet() -> None:
    args = ResourceValidationArgs("aws:ec2/subnet:Subnet", {"mapPublicIpOnLaunch": True}, "urn:s", "s", OPTS, None)
    assert run(policy("network-subnet-no-public-ip-on-launch").validate, args) == [
        ("mapPublicIpOnLaunch must be false: instances reach the internet only through NAT", "urn:s")
    ]


def test_subnet_policy_passes_a_private_subnet() -> None:
    args = ResourceValidationArgs("aws:ec2/subnet:Subnet", {"mapPublicIpOnLaunch": False}, "urn:s", "s", OPTS, None)
    assert run(policy("network-subnet-no-public-ip-on-launch").validate, args) == []


def test_flow_log_policy_follows_property_dependencies() -> None:
    covered = resource("urn::a-vpc", "huaweicloud:Vpc/vpc:Vpc")
    bare = resource("urn::b-vpc", "volcengine:vpc/vpc:Vpc")
    flow_log = resource("urn::a-flow-log", "huaweicloud:Vpc/flowLog:FlowLog", {"resourceId": [covered]})
    violations = run(policy("network-vpc-flow-logs-enabled").validate, StackValidationArgs([covered, bare, flow_log]))
    assert violations == [("this VPC has no flow log; enable `network.flow_logs` so its traffic is recorded", "urn::b-vpc")]


def test_the_packs_default_public_ports_are_the_stacks_default_listener_ports() -> None:
    from inferline.config.security import DEFAULT_LISTENER_PORTS
    from inferline.policies.pack import DEFAULT_ALLOWED_PUBLIC_PORTS

    assert DEFAULT_ALLOWED_PUBLIC_PORTS == DEFAULT_LISTENER_PORTS


def test_pulumi_policy_raises_on_reading_an_unknown_which_is_why_the_pack_unwraps_props() -> None:
    import pytest
    from pulumi_policy.proxy import UNKNOWN_BOOLEAN_VALUE, UnknownValueError, unknown_checking_proxy

    props = unknown_checking_proxy({"enableKeyRotation": UNKNOWN_BOOLEAN_VALUE})
    with pytest.raises(UnknownValueError):
        props["enableKeyRotation"]
    args = ResourceValidationArgs("aws:kms/key:Key", props, "urn:k", "k", OPTS, None)
    assert run(policy("kms-key-rotation-enabled").validate, args) == [
        ("enableKeyRotation is not known during preview (computed or secret); could not be checked", "urn:k")
    ]


def test_every_policy_is_mandatory() -> None:
    from pulumi_policy import EnforcementLevel

    assert {p.name: p.enforcement_level for p in policies()} == {p.name: EnforcementLevel.MANDATORY for p in policies()}


def test_flow_log_policy_sees_an_unknown_switch_through_the_proxy() -> None:
    from pulumi_policy.proxy import UNKNOWN_BOOLEAN_VALUE, unknown_checking_proxy

    vpc = resource("urn::a-vpc", "huaweicloud:Vpc/vpc:Vpc")
    flow_log = PolicyResource(
        "huaweicloud:Vpc/flowLog:FlowLog", unknown_checking_proxy({"enabled": UNKNOWN_BOOLEAN_VALUE}), "urn::fl", "fl", OPTS, None, None, [], {"resourceId": [vpc]}
    )
    assert run(policy("network-vpc-flow-logs-enabled").validate, StackValidationArgs([vpc, flow_log])) == [
        ("whether this VPC's flow log is enabled is not known during preview (computed or secret); could not be checked", "urn::a-vpc")
    ]


def test_flow_log_policy_does_not_count_a_disabled_flow_log() -> None:
    vpc = resource("urn::a-vpc", "huaweicloud:Vpc/vpc:Vpc")
    flow_log = PolicyResource("huaweicloud:Vpc/flowLog:FlowLog", {"enabled": False}, "urn::fl", "fl", OPTS, None, None, [], {"resourceId": [vpc]})
    assert run(policy("network-vpc-flow-logs-enabled").validate, StackValidationArgs([vpc, flow_log])) == [
        ("this VPC has no flow log (its flow log is disabled); enable `network.flow_logs` so its traffic is recorded", "urn::a-vpc")
    ]


def test_public_ingress_policy_reads_allowed_ports_from_its_config() -> None:
    props = {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": 8443, "toPort": 8443}
    type_ = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
    validate = policy("security-group-no-public-ingress").validate
    assert run(validate, ResourceValidationArgs(type_, props, "urn:r", "r", OPTS, None)) == [
        ("port 8443 open to 0.0.0.0/0: only listener ports [443] may be public", "urn:r")
    ]
    assert run(validate, ResourceValidationArgs(type_, props, "urn:r", "r", OPTS, None, {"allowedPublicPorts": [443, 8443]})) == []


def test_every_resource_policy_reports_the_finding_of_its_rule_on_the_validated_resource() -> None:
    cases = {
        "network-subnet-no-public-ip-on-launch": ("aws:ec2/subnet:Subnet", {"mapPublicIpOnLaunch": True}),
        "kms-key-rotation-enabled": ("volcengine:kms/key:Key", {"rotateState": "Disable"}),
        "security-group-no-public-ingress": ("volcengine:vpc/securityGroupRule:SecurityGroupRule", {"direction": "ingress", "cidrIp": "0.0.0.0/0", "protocol": "all"}),
        "tls-listener-tls13": ("volcengine:clb/listener:Listener", {"protocol": "HTTPS"}),
        "audit-trail-logging": ("huaweicloud:Cts/tracker:Tracker", {"enabled": False}),
    }
    reported = {name: run(policy(name).validate, ResourceValidationArgs(type_, props, "urn:x", "x", OPTS, None)) for name, (type_, props) in cases.items()}
    assert reported == {
        "network-subnet-no-public-ip-on-launch": [("mapPublicIpOnLaunch must be false: instances reach the internet only through NAT", "urn:x")],
        "kms-key-rotation-enabled": [("rotateState must be 'Enable': keys rotate automatically", "urn:x")],
        "security-group-no-public-ingress": [("all ports open to 0.0.0.0/0: only listener ports [443] may be public", "urn:x")],
        "tls-listener-tls13": [("Volcengine CLB listeners cannot negotiate TLS 1.3; use an ALB", "urn:x")],
        "audit-trail-logging": [("enabled is False: an inactive trail records nothing", "urn:x")],
    }


def test_the_public_ports_default_when_the_config_does_not_name_them() -> None:
    props = {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": 443, "toPort": 443}
    type_ = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
    validate = policy("security-group-no-public-ingress").validate
    assert run(validate, ResourceValidationArgs(type_, props, "urn:r", "r", OPTS, None, {})) == []
    assert run(validate, ResourceValidationArgs(type_, props, "urn:r", "r", OPTS, None, {"allowedPublicPorts": [8443]})) == [
        ("port 443 open to 0.0.0.0/0: only listener ports [8443] may be public", "urn:r")
    ]


def test_plain_props_gives_back_the_programs_whole_numbers() -> None:
    """The engine's wire has only doubles: 30 arrives as 30.0. A fraction and a bool stay what they are."""
    from pulumi_policy.proxy import UNKNOWN_NUMBER_VALUE, unknown_checking_proxy

    from inferline.policies.pack import plain_props

    props = unknown_checking_proxy({"interval": 30.0, "headroom": 0.5, "enabled": True, "ports": [443.0, UNKNOWN_NUMBER_VALUE], "count": 0.0})
    assert plain_props(props) == {"interval": 30, "headroom": 0.5, "enabled": True, "ports": [443, "<computed>"], "count": 0}
    assert [type(value) for value in plain_props(props).values()] == [int, float, bool, list, int]
