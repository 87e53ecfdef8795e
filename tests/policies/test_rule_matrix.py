"""Every rule, for every type token it claims: compliant, non-compliant, unknown and not-applicable props,
through the offline path (``evaluate``) and through the CrossGuard pack with pulumi-policy's own argument types."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from pulumi_policy import PolicyCustomTimeouts, PolicyResourceOptions, ResourceValidationArgs
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, unknown_checking_proxy

from inferline.policies.pack import policies
from inferline.policies.rules import RULES_BY_NAME, ResourceView, evaluate, failing
from tests.policies.samples import NEVER_COMPLIANT, RESOURCE_CASES, C

OPTS = PolicyResourceOptions(False, [], False, [], PolicyCustomTimeouts(0, 0, 0), [])
KINDS = ("compliant", "violation", "unknown", "not_applicable")
EXPECTED: dict[str, str | None] = {"compliant": None, "violation": "violation", "unknown": "unknown", "not_applicable": None}
OTHER_TYPE = "inferline:test/unclaimed:Unclaimed"

CASES = [
    pytest.param(rule, type_, kind, id=f"{rule}-{type_}-{kind}")
    for rule, by_type in RESOURCE_CASES.items()
    for type_ in by_type
    for kind in KINDS
    if not (type_ in NEVER_COMPLIANT and kind in ("compliant", "unknown"))
]


def props_for(rule: str, type_: str, kind: str) -> tuple[str, dict[str, Any]]:
    cases = RESOURCE_CASES[rule][type_]
    if kind == "not_applicable" and cases.not_applicable is None:
        return OTHER_TYPE, cases.violation
    return type_, getattr(cases, kind)


def engine_unknowns(value: Any) -> Any:
    """The record's "<computed>" as the engine sends an unknown: pulumi-policy's sentinel."""
    if value == C:
        return UNKNOWN_STRING_VALUE
    if isinstance(value, dict):
        return {key: engine_unknowns(item) for key, item in value.items()}
    if isinstance(value, list):
        return [engine_unknowns(item) for item in value]
    return value


@pytest.mark.parametrize("rule", sorted(RESOURCE_CASES))
def test_every_claimed_token_has_cases(rule: str) -> None:
    claimed = {token for tokens in RULES_BY_NAME[rule].types.values() for token in tokens}
    assert set(RESOURCE_CASES[rule]) == claimed


@pytest.mark.parametrize(("rule", "type_", "kind"), CASES)
def test_offline(rule: str, type_: str, kind: str) -> None:
    actual_type, props = props_for(rule, type_, kind)
    results = evaluate([_view(actual_type, props)], public_ports=(443,))
    outcomes = [finding.outcome for finding in results[rule]]
    expected = EXPECTED[kind]
    assert outcomes == ([expected] if expected else [])
    # Unknown is not a pass: under a mandatory rule it fails the preview like a violation.
    assert len(failing({rule: results[rule]})) == (1 if expected else 0)


@pytest.mark.parametrize(("rule", "type_", "kind"), CASES)
def test_crossguard(rule: str, type_: str, kind: str) -> None:
    actual_type, props = props_for(rule, type_, kind)
    policy = next(p for p in policies() if p.name == rule)
    config = {"allowedPublicPorts": [443]} if rule == "security-group-no-public-ingress" else None
    args = ResourceValidationArgs(actual_type, unknown_checking_proxy(engine_unknowns(props)), "urn:r", "r", OPTS, None, config)
    violations: list[str] = []

    def report_violation(message: str, urn: str | None) -> None:
        assert urn == "urn:r"
        violations.append(message)

    result = policy.validate(args, report_violation)  # type: ignore[operator]
    assert not inspect.isawaitable(result)
    expected = EXPECTED[kind]
    assert len(violations) == (1 if expected else 0), violations
    if expected == "unknown":
        assert "could not be checked" in violations[0]


def _view(type_: str, props: dict[str, Any]) -> ResourceView:
    return ResourceView(urn="urn:r", type=type_, props=props)
