"""One resource through both paths a rule runs on: the offline preview (``evaluate``, with its options) and the
CrossGuard pack (``policies()``, with the policy config), each returning what it reports, so one exact table
checks both."""

from __future__ import annotations

import inspect
from typing import Any

from pulumi_policy import PolicyCustomTimeouts, PolicyResourceOptions, ResourceValidationArgs
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, unknown_checking_proxy

from inferline.policies.pack import policies
from inferline.policies.rules import Finding, ResourceView, evaluate
from inferline.policies.rules.base import COMPUTED

URN = "urn:pulumi:prod::inferline::inferline:site:Site$r::r"
OPTS = PolicyResourceOptions(False, [], False, [], PolicyCustomTimeouts(0, 0, 0), [])
#: Policy config key -> the matching keyword of ``evaluate``.
OPTIONS = {"minZones": "min_zones", "headroom": "headroom", "allowedPublicPorts": "public_ports"}


def engine_values(value: Any) -> Any:
    """Props as the engine sends them: the record's "<computed>" as pulumi-policy's unknown sentinel, and every
    number as a double (protobuf has no integers: json_format.MessageToDict gives 30.0 for 30)."""
    if value == COMPUTED:
        return UNKNOWN_STRING_VALUE
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, dict):
        return {key: engine_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [engine_values(item) for item in value]
    return value


def offline(rule: str, type_: str, props: dict[str, Any], config: dict[str, Any] | None = None) -> list[Finding]:
    """The rule's findings on the one resource, as the offline preview runs it with the same settings."""
    options = {OPTIONS[key]: value for key, value in (config or {}).items()}
    return evaluate([ResourceView(URN, type_, props)], **options)[rule]


def crossguard(rule: str, type_: str, props: dict[str, Any], config: dict[str, Any] | None = None) -> list[tuple[str, str | None]]:
    """What the rule's policy reports, as (message, urn), when the engine hands it the resource and the config."""
    policy = next(p for p in policies() if p.name == rule)
    args = ResourceValidationArgs(type_, unknown_checking_proxy(engine_values(props)), URN, "r", OPTS, None, config)
    reported: list[tuple[str, str | None]] = []

    def report_violation(message: str, urn: str | None = None) -> None:
        reported.append((message, urn))

    assert not inspect.isawaitable(policy.validate(args, report_violation))  # type: ignore[operator]
    return reported


def assert_both_paths(rule: str, type_: str, props: dict[str, Any], config: dict[str, Any] | None, expected: Finding | None) -> None:
    """The offline preview finds exactly ``expected`` (or nothing), and the pack reports exactly its message."""
    assert offline(rule, type_, props, config) == ([expected] if expected else [])
    assert crossguard(rule, type_, props, config) == ([(expected.message, URN)] if expected else [])
