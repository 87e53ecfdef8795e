"""pool-multi-zone and capacity-headroom: how a GPU scaling group is spread and sized."""

from __future__ import annotations

from fractions import Fraction

from inferline.policies.rules.base import Finding, ResourceView, Rule, any_unknown, entries, is_unknown, unknown

#: Scaling group type -> (subnets property, desired property, max property).
GROUPS: dict[str, tuple[str, str, str]] = {
    "aws:autoscaling/group:Group": ("vpcZoneIdentifiers", "desiredCapacity", "maxSize"),
    "alicloud:ess/scalingGroup:ScalingGroup": ("vswitchIds", "desiredCapacity", "maxSize"),
    "tencentcloud:As/scalingGroup:ScalingGroup": ("subnetIds", "desiredCapacity", "maxSize"),
    "huaweicloud:As/group:Group": ("networks", "desireInstanceNumber", "maxInstanceNumber"),
    "volcengine:autoscaling/scalingGroup:ScalingGroup": ("subnetIds", "desireInstanceNumber", "maxInstanceNumber"),
}
_TYPES = {cloud: tuple(t for t in GROUPS if t.startswith(f"{cloud}:")) for cloud in ("aws", "alicloud", "tencentcloud", "huaweicloud", "volcengine")}

#: Zones a production pool spans at least: losing one zone leaves the pool serving.
DEFAULT_MIN_ZONES = 2
#: Spare capacity above the desired size a group must be able to grow into (the profiles' default, 30 %).
DEFAULT_HEADROOM = 0.3

POOL_MULTI_ZONE = Rule(
    name="pool-multi-zone",
    description="Checks that every GPU scaling group spans at least two subnets (zones), so a zone outage leaves the pool serving.",
    types=_TYPES,
)

CAPACITY_HEADROOM = Rule(
    name="capacity-headroom",
    description="Checks that every GPU scaling group can grow above its desired size by the capacity headroom.",
    types=_TYPES,
)


def check_pool_multi_zone(resource: ResourceView, min_zones: int = DEFAULT_MIN_ZONES) -> Finding | None:
    """``min_zones`` 1 (the policy config outside prod) makes the rule not applicable."""
    if resource.type not in GROUPS or min_zones <= 1:
        return None
    prop = GROUPS[resource.type][0]
    value = resource.props.get(prop)
    if is_unknown(value):
        return unknown(resource, prop)
    # The count decides, and it is known when the list is: the subnet ids in it are computed in a first preview.
    subnets = entries(value)
    if len(subnets) < min_zones:
        return Finding(resource.urn, "violation", f"{prop} lists {len(subnets)} subnet(s), at least {min_zones} needed: one zone's outage would stop the pool")
    return None


def check_capacity_headroom(resource: ResourceView, headroom: float = DEFAULT_HEADROOM) -> Finding | None:
    if resource.type not in GROUPS:
        return None
    _, desired_prop, max_prop = GROUPS[resource.type]
    desired, maximum = resource.props.get(desired_prop), resource.props.get(max_prop)
    if any_unknown(desired, maximum):
        return unknown(resource, f"{desired_prop} or {max_prop}")
    if not isinstance(desired, int | float) or not isinstance(maximum, int | float):
        return Finding(resource.urn, "violation", f"{desired_prop} and {max_prop} must both be set to check the headroom")
    # In exact fractions of the decimal the headroom was written as: in floats, 10 x 1.3 is 13.000000000000002.
    needed = Fraction(desired) * (1 + Fraction(str(headroom)))
    if maximum < needed:
        return Finding(
            resource.urn, "violation",
            f"{max_prop} {maximum:g} is below {desired_prop} {desired:g} x (1 + {headroom:g}) = {float(needed):g}: the pool cannot absorb a peak",
        )
    return None
