"""pool-multi-zone and capacity-headroom: exact findings for every claimed token on the offline path and the
CrossGuard pack, with the policy config (minZones, headroom) on one and the matching options on the other."""

from __future__ import annotations

from typing import Any

import pytest

from inferline.policies.rules.base import Finding, ResourceView
from inferline.policies.rules.sizing import check_capacity_headroom, check_pool_multi_zone
from tests.policies.paths import URN, assert_both_paths

C = "<computed>"
AWS = "aws:autoscaling/group:Group"
ALI = "alicloud:ess/scalingGroup:ScalingGroup"
TENCENT = "tencentcloud:As/scalingGroup:ScalingGroup"
HUAWEI = "huaweicloud:As/group:Group"
VOLC = "volcengine:autoscaling/scalingGroup:ScalingGroup"
UNKNOWN = " is not known during preview (computed or secret); could not be checked"
OUTAGE = "one zone's outage would stop the pool"
PEAK = "the pool cannot absorb a peak"


def _zones(prop: str, listed: int, needed: int) -> Finding:
    return Finding(URN, "violation", f"{prop} lists {listed} subnet(s), at least {needed} needed: {OUTAGE}")


MULTI_ZONE = [
    pytest.param(AWS, {"vpcZoneIdentifiers": ["s-1", "s-2"]}, None, None, id="aws-two"),
    pytest.param(AWS, {"vpcZoneIdentifiers": [C, C]}, None, None, id="aws-two-computed-ids"),
    pytest.param(AWS, {"vpcZoneIdentifiers": ["s-1"]}, None, _zones("vpcZoneIdentifiers", 1, 2), id="aws-one"),
    pytest.param(AWS, {}, None, _zones("vpcZoneIdentifiers", 0, 2), id="aws-unset"),
    pytest.param(AWS, {"vpcZoneIdentifiers": "s-1"}, None, _zones("vpcZoneIdentifiers", 1, 2), id="aws-a-lone-id-is-one-subnet"),
    pytest.param(AWS, {"vpcZoneIdentifiers": C}, None, Finding(URN, "unknown", "vpcZoneIdentifiers" + UNKNOWN), id="aws-unknown"),
    pytest.param(AWS, {"vpcZoneIdentifiers": ["s-1"]}, {"minZones": 1}, None, id="aws-one-outside-prod"),
    pytest.param(AWS, {"vpcZoneIdentifiers": C}, {"minZones": 1}, None, id="aws-unknown-outside-prod"),
    pytest.param(AWS, {"vpcZoneIdentifiers": ["s-1", "s-2"]}, {"minZones": 3}, _zones("vpcZoneIdentifiers", 2, 3), id="aws-two-of-three"),
    pytest.param(AWS, {"vpcZoneIdentifiers": ["s-1", "s-2", "s-3"]}, {"minZones": 3}, None, id="aws-three-of-three"),
    pytest.param(ALI, {"vswitchIds": ["v-1", "v-2"]}, {"minZones": 2}, None, id="alicloud-two"),
    pytest.param(ALI, {"vswitchIds": ["v-1"]}, None, _zones("vswitchIds", 1, 2), id="alicloud-one"),
    pytest.param(ALI, {"vswitchIds": C}, None, Finding(URN, "unknown", "vswitchIds" + UNKNOWN), id="alicloud-unknown"),
    pytest.param(TENCENT, {"subnetIds": ["s-1", "s-2"]}, None, None, id="tencent-two"),
    pytest.param(TENCENT, {"subnetIds": [C]}, None, _zones("subnetIds", 1, 2), id="tencent-one-computed"),
    pytest.param(TENCENT, {"subnetIds": C}, None, Finding(URN, "unknown", "subnetIds" + UNKNOWN), id="tencent-unknown"),
    pytest.param(HUAWEI, {"networks": [{"id": C}, {"id": C}]}, None, None, id="huawei-two"),
    pytest.param(HUAWEI, {"networks": [{"id": "n-1"}]}, None, _zones("networks", 1, 2), id="huawei-one"),
    pytest.param(HUAWEI, {"networks": C}, None, Finding(URN, "unknown", "networks" + UNKNOWN), id="huawei-unknown"),
    pytest.param(VOLC, {"subnetIds": ["s-1", "s-2"]}, None, None, id="volcengine-two"),
    pytest.param(VOLC, {"subnetIds": []}, None, _zones("subnetIds", 0, 2), id="volcengine-none"),
    pytest.param(VOLC, {"subnetIds": C}, None, Finding(URN, "unknown", "subnetIds" + UNKNOWN), id="volcengine-unknown"),
    pytest.param("aws:ec2/launchTemplate:LaunchTemplate", {"vpcZoneIdentifiers": ["s-1"]}, None, None, id="not-a-scaling-group"),
]


def _short(desired_prop: str, desired: str, max_prop: str, maximum: str, headroom: str, needed: str) -> Finding:
    return Finding(URN, "violation", f"{max_prop} {maximum} is below {desired_prop} {desired} x (1 + {headroom}) = {needed}: {PEAK}")


HEADROOM = [
    pytest.param(AWS, {"desiredCapacity": 10, "maxSize": 13}, None, None, id="aws-exactly-30-percent"),
    pytest.param(AWS, {"desiredCapacity": 10, "maxSize": 12}, None, _short("desiredCapacity", "10", "maxSize", "12", "0.3", "13"), id="aws-short"),
    pytest.param(AWS, {"desiredCapacity": 10, "maxSize": 12}, {"headroom": 0.2}, None, id="aws-config-20-percent"),
    pytest.param(AWS, {"desiredCapacity": 4, "maxSize": 5}, {"headroom": 0.5}, _short("desiredCapacity", "4", "maxSize", "5", "0.5", "6"), id="aws-config-50-percent"),
    pytest.param(AWS, {"desiredCapacity": 3, "maxSize": 3}, {"headroom": 0}, None, id="aws-no-headroom"),
    pytest.param(AWS, {"desiredCapacity": 3, "maxSize": 2}, {"headroom": 0}, _short("desiredCapacity", "3", "maxSize", "2", "0", "3"), id="aws-max-below-desired"),
    pytest.param(AWS, {"desiredCapacity": 0, "maxSize": 0}, None, None, id="aws-empty"),
    # In floats 50 x 1.1 is 55.00000000000001 and 45 x 1.4 is 62.99999999999999: exactly 55 and 63 are needed.
    pytest.param(AWS, {"desiredCapacity": 50, "maxSize": 55}, {"headroom": 0.1}, None, id="aws-exactly-10-percent-above-in-floats"),
    pytest.param(
        AWS, {"desiredCapacity": 45, "maxSize": 62}, {"headroom": 0.4}, _short("desiredCapacity", "45", "maxSize", "62", "0.4", "63"), id="aws-short-by-one-below-in-floats",
    ),
    pytest.param(AWS, {"desiredCapacity": 10, "maxSize": 11}, {"headroom": 0.1}, None, id="aws-exactly-10-percent"),
    pytest.param(AWS, {"desiredCapacity": 20, "maxSize": 23}, {"headroom": 0.15}, None, id="aws-exactly-15-percent"),
    pytest.param(
        AWS, {"desiredCapacity": 20, "maxSize": 22}, {"headroom": 0.15}, _short("desiredCapacity", "20", "maxSize", "22", "0.15", "23"), id="aws-15-percent-short",
    ),
    pytest.param(
        AWS, {"desiredCapacity": 10, "maxSize": 12.99}, None, _short("desiredCapacity", "10", "maxSize", "12.99", "0.3", "13"), id="aws-just-short",
    ),
    pytest.param(
        AWS, {"maxSize": 4}, None, Finding(URN, "violation", "desiredCapacity and maxSize must both be set to check the headroom"), id="aws-desired-unset"
    ),
    pytest.param(
        AWS, {"desiredCapacity": 4, "maxSize": "6"}, None,
        Finding(URN, "violation", "desiredCapacity and maxSize must both be set to check the headroom"), id="aws-max-not-a-number",
    ),
    pytest.param(
        AWS, {"desiredCapacity": 10, "maxSize": C}, None, Finding(URN, "unknown", "desiredCapacity or maxSize" + UNKNOWN), id="aws-unknown-max"
    ),
    pytest.param(ALI, {"desiredCapacity": 3, "maxSize": 4}, None, None, id="alicloud-3-of-4"),
    pytest.param(ALI, {"desiredCapacity": 4, "maxSize": 5}, None, _short("desiredCapacity", "4", "maxSize", "5", "0.3", "5.2"), id="alicloud-fraction"),
    pytest.param(ALI, {"desiredCapacity": C, "maxSize": 4}, None, Finding(URN, "unknown", "desiredCapacity or maxSize" + UNKNOWN), id="alicloud-unknown"),
    pytest.param(TENCENT, {"desiredCapacity": 4, "maxSize": 6}, None, None, id="tencent-room"),
    pytest.param(TENCENT, {"desiredCapacity": 2.5, "maxSize": 3}, None, _short("desiredCapacity", "2.5", "maxSize", "3", "0.3", "3.25"), id="tencent-float"),
    pytest.param(TENCENT, {"desiredCapacity": 4, "maxSize": C}, None, Finding(URN, "unknown", "desiredCapacity or maxSize" + UNKNOWN), id="tencent-unknown"),
    pytest.param(HUAWEI, {"desireInstanceNumber": 2, "maxInstanceNumber": 3}, None, None, id="huawei-room"),
    pytest.param(
        HUAWEI, {"desireInstanceNumber": 2, "maxInstanceNumber": 2}, None,
        _short("desireInstanceNumber", "2", "maxInstanceNumber", "2", "0.3", "2.6"), id="huawei-short",
    ),
    pytest.param(
        HUAWEI, {"desireInstanceNumber": C, "maxInstanceNumber": 3}, None,
        Finding(URN, "unknown", "desireInstanceNumber or maxInstanceNumber" + UNKNOWN), id="huawei-unknown",
    ),
    pytest.param(VOLC, {"desireInstanceNumber": 1, "maxInstanceNumber": 2}, None, None, id="volcengine-room"),
    pytest.param(
        VOLC, {"desireInstanceNumber": 1, "maxInstanceNumber": 1}, None,
        _short("desireInstanceNumber", "1", "maxInstanceNumber", "1", "0.3", "1.3"), id="volcengine-short",
    ),
    pytest.param(
        VOLC, {"desireInstanceNumber": 1}, None,
        Finding(URN, "violation", "desireInstanceNumber and maxInstanceNumber must both be set to check the headroom"), id="volcengine-max-unset",
    ),
    pytest.param(
        VOLC, {"desireInstanceNumber": 1, "maxInstanceNumber": C}, None,
        Finding(URN, "unknown", "desireInstanceNumber or maxInstanceNumber" + UNKNOWN), id="volcengine-unknown",
    ),
    pytest.param("aws:ec2/launchTemplate:LaunchTemplate", {"desiredCapacity": 10, "maxSize": 1}, None, None, id="not-a-scaling-group"),
]


@pytest.mark.parametrize(("token", "props", "config", "expected"), MULTI_ZONE)
def test_pool_multi_zone_findings_are_exact_on_both_paths(token: str, props: dict[str, Any], config: dict[str, Any] | None, expected: Finding | None) -> None:
    assert_both_paths("pool-multi-zone", token, props, config, expected)


@pytest.mark.parametrize(("token", "props", "config", "expected"), HEADROOM)
def test_capacity_headroom_findings_are_exact_on_both_paths(token: str, props: dict[str, Any], config: dict[str, Any] | None, expected: Finding | None) -> None:
    assert_both_paths("capacity-headroom", token, props, config, expected)


def test_the_defaults_are_production_two_zones_and_30_percent() -> None:
    """Called without settings, as the preview does for prod: two zones, 30 % headroom."""
    one_zone = ResourceView(URN, AWS, {"vpcZoneIdentifiers": ["s-1"]})
    assert check_pool_multi_zone(one_zone) == _zones("vpcZoneIdentifiers", 1, 2)
    assert check_pool_multi_zone(one_zone, 1) is None
    short = ResourceView(URN, AWS, {"desiredCapacity": 10, "maxSize": 12})
    assert check_capacity_headroom(short) == _short("desiredCapacity", "10", "maxSize", "12", "0.3", "13")
    assert check_capacity_headroom(ResourceView(URN, AWS, {"desiredCapacity": 10, "maxSize": 13})) is None
