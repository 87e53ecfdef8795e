"""health-check-interval: every load-balancer backend group checks its nodes' health, at least every 30 s."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from inferline.policies.rules.base import Finding, ResourceView, Rule, any_unknown, unknown

#: The longest interval between two health checks (the risk controls check node health every 30 s; the stack's
#: default ``profile.health_check_interval_s``, a test keeps the two equal).
MAX_HEALTH_CHECK_INTERVAL_S = 30


@dataclass(frozen=True)
class HealthCheck:
    """Where one backend type keeps its health check."""

    #: Property holding the health-check block ("" when the settings sit on the resource itself).
    block: str
    switch: str
    #: The switch's value meaning "off".
    off: object
    interval: str
    #: The interval the API applies when the property is absent (SDK docstrings).
    default_interval: int
    #: Listener types carry a health check only for these protocols (None: always).
    protocols: frozenset[str] | None = None


CHECKS: dict[str, HealthCheck] = {
    # Target group health_check: enabled defaults to true, interval to 30 s.
    "aws:lb/targetGroup:TargetGroup": HealthCheck("healthCheck", "enabled", False, "interval", 30),
    "aws:alb/targetGroup:TargetGroup": HealthCheck("healthCheck", "enabled", False, "interval", 30),
    # ALB server group health_check_config: interval 1-50 s, default 2 s.
    "alicloud:alb/serverGroup:ServerGroup": HealthCheck("healthCheckConfig", "healthCheckEnabled", False, "healthCheckInterval", 2),
    # Layer-7 CLB listeners keep their health check on the rule; layer-4 ones on the listener (default 5 s).
    "tencentcloud:Clb/listenerRule:ListenerRule": HealthCheck("", "healthCheckSwitch", False, "healthCheckIntervalTime", 5),
    "tencentcloud:Clb/listener:Listener": HealthCheck(
        "", "healthCheckSwitch", False, "healthCheckIntervalTime", 5, frozenset({"TCP", "UDP", "TCP_SSL", "QUIC"})
    ),
    # Dedicated ELB monitor: interval is required (1-50 s); enabled defaults to true.
    "huaweicloud:DedicatedElb/monitor:Monitor": HealthCheck("", "enabled", False, "interval", 0),
    # ALB server group health_check: enabled on/off (default on), interval 1-300 s (default 2 s).
    "volcengine:alb/serverGroup:ServerGroup": HealthCheck("healthCheck", "enabled", "off", "interval", 2),
}

HEALTH_CHECK_INTERVAL = Rule(
    name="health-check-interval",
    description=(
        f"Checks that every load-balancer backend group health-checks its nodes at least every {MAX_HEALTH_CHECK_INTERVAL_S} s, "
        "so a failed GPU node leaves the rotation quickly."
    ),
    types={cloud: tuple(t for t in CHECKS if t.startswith(f"{cloud}:")) for cloud in ("aws", "alicloud", "tencentcloud", "huaweicloud", "volcengine")},
)


def _settings(props: Mapping[str, Any], block: str) -> Any:
    if not block:
        return props
    value = props.get(block)
    return value[0] if isinstance(value, list) and value else value


def check_health_check_interval(resource: ResourceView) -> Finding | None:
    check = CHECKS.get(resource.type)
    if check is None:
        return None
    if check.protocols is not None:
        protocol = resource.props.get("protocol")
        if any_unknown(protocol):
            return unknown(resource, "the listener protocol")
        if str(protocol).upper() not in check.protocols:
            return None
    settings = _settings(resource.props, check.block)
    where = f"{check.block}." if check.block else ""
    if any_unknown(settings) and not isinstance(settings, Mapping):
        return unknown(resource, f"{where}{check.interval}")
    if not isinstance(settings, Mapping):
        return Finding(resource.urn, "violation", f"{check.block} is not set: the backend group must health-check its nodes")
    # Only the switch and the interval matter: other settings (a pool id) may well be computed.
    if any_unknown(settings.get(check.switch), settings.get(check.interval)):
        return unknown(resource, f"{where}{check.interval}")
    if settings.get(check.switch) == check.off:
        return Finding(resource.urn, "violation", f"{where}{check.switch} is {check.off!r}: the backend group must health-check its nodes")
    interval = settings.get(check.interval, check.default_interval)
    if not isinstance(interval, int) or isinstance(interval, bool) or not 0 < interval <= MAX_HEALTH_CHECK_INTERVAL_S:
        return Finding(
            resource.urn, "violation", f"{where}{check.interval} is {interval!r}: health checks must run at least every {MAX_HEALTH_CHECK_INTERVAL_S} s"
        )
    return None
