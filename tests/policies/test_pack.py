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

from inferline.policies.pack import POLICIES

OPTS = PolicyResourceOptions(False, [], False, [], PolicyCustomTimeouts(0, 0, 0), [])


def policy(name: str):  # type: ignore[no-untyped-def]
    return next(p for p in POLICIES if p.name == name)


def run(validate, args) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    violations: list[tuple[str, str | None]] = []
    result = validate(args, lambda message, urn=None: violations.append((message, urn)))
    assert not inspect.isawaitable(result)
    return violations


def resource(urn: str, type_: str, deps: dict[str, list[PolicyResource]] | None = None) -> PolicyResource:
    return PolicyResource(type_, {}, urn, urn.rsplit("::", 1)[-1], OPTS, None, None, [], deps or {})


def test_subnet_policy_reports_a_public_subnet() -> None:
    args = ResourceValidationArgs("aws:ec2/subnet:Subnet", {"mapPublicIpOnLaunch": True}, "urn:s", "s", OPTS, None)
    assert run(policy("network-subnet-no-public-ip-on-launch").validate, args) == [
        ("mapPublicIpOnLaunch must be false: instances reach the internet only through NAT", None)
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
