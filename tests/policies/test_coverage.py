"""Rules that see: every type a shipped stack records in a rule's domain is judged by the rule, or excused with a reason.

A domain is what a reviewer would call the rule's business, by the token alone; it is deliberately wider than
the rule's map, so a typo in one mapped token leaves the real token in the domain but unmapped, and this fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from inferline.planning.tls import _POLICIES
from inferline.policies.rules import RULES_BY_NAME, Rule
from inferline.preview.runner import ProgramRun
from tests.stacks.test_program import SHIPPED, STACKS, preview


def _module(token: str) -> str:
    return token.split(":")[1].split("/")[0].lower()


def _resource(token: str) -> str:
    return token.rsplit(":", 1)[-1]


def _launch_configuration(token: str) -> bool:
    """What a node launches from; a configuration's attachment to its group (Volcano Engine) launches nothing."""
    resource = _resource(token)
    return resource == "LaunchTemplate" or (
        _module(token) in ("as", "autoscaling", "ess") and "Config" in resource and not resource.endswith("Attachment")
    )


def _scaling_group(token: str) -> bool:
    return _module(token) in ("as", "autoscaling", "ess") and _resource(token) in ("Group", "ScalingGroup")


DOMAINS: dict[str, Callable[[str], bool]] = {
    "security-group-no-public-ingress": lambda t: re.search(r"securitygroup|secgroup|grouprule|security/group", t.lower()) is not None,
    "kms-key-rotation-enabled": lambda t: _module(t) in ("kms", "dew") and "key" in t.lower(),
    "network-vpc-flow-logs-enabled": lambda t: "flowlog" in t.lower() or (_module(t) in ("vpc", "ec2") and _resource(t) in ("Vpc", "Network", "Instance")),
    "network-subnet-no-public-ip-on-launch": lambda t: _resource(t) in ("Subnet", "Switch") or t.lower().startswith("tencentcloud:subnet/"),
    "tls-listener-tls13": lambda t: _resource(t) in ("Listener", "CustomizedConfig", "CustomizedCfg"),
    "gpu-nodes-private": lambda t: _launch_configuration(t),
    "gpu-disk-encrypted": lambda t: _launch_configuration(t),
    "pool-multi-zone": lambda t: _scaling_group(t),
    "capacity-headroom": lambda t: _scaling_group(t),
    "health-check-interval": lambda t: _resource(t) in ("TargetGroup", "ServerGroup", "Monitor", "ListenerRule", "HealthCheck")
    or (_module(t) == "clb" and _resource(t) == "Listener"),
    "audit-trail-logging": lambda t: _module(t) in ("cloudtrail", "actiontrail", "audit", "cts") and _resource(t) in ("Trail", "Track", "Tracker"),
}


@pytest.fixture(scope="module")
def recorded_types() -> set[str]:
    runs: list[ProgramRun] = [preview(STACKS / f"Pulumi.{stack}.yaml", stack) for stack in SHIPPED]
    return {record.type for run in runs for record in run.resources if record.custom}


def test_every_rule_has_a_domain() -> None:
    assert set(DOMAINS) == set(RULES_BY_NAME)


@pytest.mark.parametrize("name", sorted(DOMAINS))
def test_the_rule_sees_every_recorded_type_in_its_domain(name: str, recorded_types: set[str]) -> None:
    rule: Rule = RULES_BY_NAME[name]
    in_domain = {t for t in recorded_types if DOMAINS[name](t)}
    unseen = sorted(t for t in in_domain if not rule.covers(t) and t not in rule.excused)
    assert unseen == [], f"{name} does not map {unseen}: add each to the rule's types, or excuse it with the reason"


@pytest.mark.parametrize("name", sorted(DOMAINS))
def test_every_mapped_token_is_in_the_rules_domain(name: str) -> None:
    """Keeps the domains honest: a domain that missed the rule's own tokens would hide typos."""
    rule = RULES_BY_NAME[name]
    assert [t for tokens in rule.types.values() for t in tokens if not DOMAINS[name](t)] == []


def test_the_shipped_stacks_record_what_the_rules_judge(recorded_types: set[str]) -> None:
    """The domain test means something only if the stacks record keys, rule resources, VPCs, flow logs and trails."""
    for name in ("security-group-no-public-ingress", "kms-key-rotation-enabled", "network-vpc-flow-logs-enabled", "audit-trail-logging"):
        assert any(RULES_BY_NAME[name].covers(t) for t in recorded_types), name


@pytest.mark.parametrize("policy", sorted(_POLICIES.values(), key=lambda p: (p.cloud, p.kind)), ids=lambda p: f"{p.cloud}-{p.kind}")
def test_the_tls_rule_judges_every_resource_the_tls_planner_sets(policy) -> None:  # type: ignore[no-untyped-def]
    """The shipped stacks declare no listener; the planner's settings name the resources the rule must judge."""
    module, resource = policy.setting.split(".")[:2]
    tokens = RULES_BY_NAME["tls-listener-tls13"].types[policy.cloud]
    assert any(_module(t) == module.lower() and _resource(t) == resource for t in tokens), (policy.setting, tokens)
