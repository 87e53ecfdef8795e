"""audit-trail-logging: a declared audit trail is switched on (an inactive trail records nothing)."""

from __future__ import annotations

from inferline.policies.rules.base import Finding, ResourceView, Rule, is_unknown, unknown

#: Trail type -> (property, value meaning "off"). An absent property takes the API default, which is on.
TRAIL_SWITCH: dict[str, tuple[str, object]] = {
    "aws:cloudtrail/trail:Trail": ("enableLogging", False),
    "alicloud:actiontrail/trail:Trail": ("status", "Disable"),
    "tencentcloud:Audit/track:Track": ("status", 0),
    "huaweicloud:Cts/tracker:Tracker": ("enabled", False),
}

AUDIT_TRAIL_LOGGING = Rule(
    name="audit-trail-logging",
    description="Checks that every audit trail is logging, so control-plane changes are recorded.",
    types={cloud: tuple(t for t in TRAIL_SWITCH if t.startswith(f"{cloud}:")) for cloud in ("aws", "alicloud", "tencentcloud", "huaweicloud")},
)


def check_trail_logging(resource: ResourceView) -> Finding | None:
    if resource.type not in TRAIL_SWITCH:
        return None
    prop, off = TRAIL_SWITCH[resource.type]
    value = resource.props.get(prop)
    if is_unknown(value):
        return unknown(resource, prop)
    if value == off or (isinstance(off, str) and str(value).lower() == off.lower()):
        return Finding(resource.urn, "violation", f"{prop} is {value!r}: an inactive trail records nothing")
    return None
