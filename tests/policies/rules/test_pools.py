"""GPU pool rules: exact messages, the policy config (zones outside prod, headroom) on both paths."""

from __future__ import annotations

import pytest
from pulumi_policy import PolicyCustomTimeouts, PolicyResourceOptions, ResourceValidationArgs
from pulumi_policy.proxy import unknown_checking_proxy

from inferline.policies.pack import POLICIES
from inferline.policies.rules import evaluate
from inferline.policies.rules.base import Finding, ResourceView
from inferline.policies.rules.pools import check_gpu_disk_encrypted, check_gpu_nodes_private
from inferline.policies.rules.sizing import check_capacity_headroom, check_pool_multi_zone

OPTS = PolicyResourceOptions(False, [], False, [], PolicyCustomTimeouts(0, 0, 0), [])
GROUP = "aws:autoscaling/group:Group"


def _view(type_: str, props: dict[str, object]) -> ResourceView:
    return ResourceView("urn:r", type_, props)


@pytest.mark.parametrize(
    ("type_", "props", "message"),
    [
        pytest.param(
            "aws:ec2/launchTemplate:LaunchTemplate", {},
            "every network interface must set associatePublicIpAddress to false (unset, the subnet decides); GPU nodes must stay private behind the load balancer",
            id="aws-no-interface",
        ),
        pytest.param(
            "alicloud:ess/scalingConfiguration:ScalingConfiguration", {"internetMaxBandwidthOut": 5},
            "internetMaxBandwidthOut is 5: any public bandwidth gives a node a public address; GPU nodes must stay private behind the load balancer",
            id="alicloud-bandwidth",
        ),
        pytest.param(
            "tencentcloud:As/scalingConfig:ScalingConfig", {},
            "publicIpAssigned must be false, got None; GPU nodes must stay private behind the load balancer",
            id="tencent-unset",
        ),
    ],
)
def test_public_nodes_are_named_with_the_setting(type_: str, props: dict[str, object], message: str) -> None:
    assert check_gpu_nodes_private(_view(type_, props)) == Finding("urn:r", "violation", message)


@pytest.mark.parametrize(
    ("type_", "props", "message"),
    [
        pytest.param(
            "aws:ec2/launchTemplate:LaunchTemplate", {},
            "every block device mapping must set ebs.encrypted (unmapped, the root volume follows the AMI); node disks hold the model weights and must be encrypted",
            id="aws-unmapped",
        ),
        pytest.param(
            "alicloud:ess/scalingConfiguration:ScalingConfiguration", {"dataDisks": [{"encrypted": True}, {}]},
            "systemDiskEncrypted, dataDisks[1].encrypted must be true; node disks hold the model weights and must be encrypted",
            id="alicloud-system-and-data",
        ),
        pytest.param(
            "huaweicloud:As/configuration:Configuration", {"instanceConfig": {"disks": [{"diskType": "DATA", "size": 1}]}},
            "instanceConfig.disks[0] has no kmsId; node disks hold the model weights and must be encrypted",
            id="huawei-data-without-key",
        ),
    ],
)
def test_unencrypted_disks_are_named(type_: str, props: dict[str, object], message: str) -> None:
    assert check_gpu_disk_encrypted(_view(type_, props)) == Finding("urn:r", "violation", message)


def test_excused_configurations_are_not_judged_for_encryption() -> None:
    for type_ in ("tencentcloud:As/scalingConfig:ScalingConfig", "volcengine:autoscaling/scalingConfiguration:ScalingConfiguration"):
        assert check_gpu_disk_encrypted(_view(type_, {})) is None


def test_one_zone_is_a_violation_in_prod_and_not_applicable_with_min_zones_one() -> None:
    one_zone = _view(GROUP, {"vpcZoneIdentifiers": ["s-1"]})
    assert check_pool_multi_zone(one_zone) == Finding(
        "urn:r", "violation", "vpcZoneIdentifiers lists 1 subnet(s), at least 2 needed: one zone's outage would stop the pool"
    )
    assert check_pool_multi_zone(one_zone, 1) is None
    assert evaluate([one_zone], min_zones=1)["pool-multi-zone"] == []


@pytest.mark.parametrize(
    ("desired", "maximum", "headroom", "ok"),
    [(10, 13, 0.3, True), (10, 12, 0.3, False), (4, 6, 0.5, True), (4, 5, 0.5, False), (0, 0, 0.3, True), (3, 3, 0.0, True)],
)
def test_headroom_table(desired: int, maximum: int, headroom: float, ok: bool) -> None:
    finding = check_capacity_headroom(_view(GROUP, {"desiredCapacity": desired, "maxSize": maximum}), headroom)
    assert (finding is None) is ok


def test_headroom_message_names_both_sizes_and_the_need() -> None:
    assert check_capacity_headroom(_view(GROUP, {"desiredCapacity": 10, "maxSize": 12})) == Finding(
        "urn:r", "violation", "maxSize 12 is below desiredCapacity 10 x (1 + 0.3) = 13: the pool cannot absorb a peak"
    )


@pytest.mark.parametrize(
    ("rule", "props", "config", "violations"),
    [
        ("pool-multi-zone", {"vpcZoneIdentifiers": ["s-1"]}, None, 1),
        ("pool-multi-zone", {"vpcZoneIdentifiers": ["s-1"]}, {"minZones": 1}, 0),
        ("pool-multi-zone", {"vpcZoneIdentifiers": ["s-1", "s-2"]}, {"minZones": 3}, 1),
        ("capacity-headroom", {"desiredCapacity": 4, "maxSize": 5}, None, 1),
        ("capacity-headroom", {"desiredCapacity": 4, "maxSize": 5}, {"headroom": 0.25}, 0),
    ],
)
def test_crossguard_reads_the_policy_config(rule: str, props: dict[str, object], config: dict[str, object] | None, violations: int) -> None:
    policy = next(p for p in POLICIES if p.name == rule)
    args = ResourceValidationArgs(GROUP, unknown_checking_proxy(props), "urn:r", "r", OPTS, None, config)
    reported: list[str] = []
    policy.validate(args, lambda message, urn=None: reported.append(message))  # type: ignore[operator]
    assert len(reported) == violations, reported
