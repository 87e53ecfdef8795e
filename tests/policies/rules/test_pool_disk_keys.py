"""gpu-disk-encrypted on Huawei: a data disk key computed in a first preview counts only when it comes from a KMS key
the program declares (the configuration depends on it); anything else could not be checked."""

from __future__ import annotations

import pytest

from inferline.policies.rules.base import Finding, ResourceView
from inferline.policies.rules.pools import HUAWEI_CONFIGURATION, check_gpu_disk_encrypted

URN = "urn:pulumi:prod::inferline::inferline:serving:GpuPool$huaweicloud:As/configuration:Configuration::s-gpu-primary-configuration"
KEY = "urn:pulumi:prod::inferline::inferline:security:SiteSecurity$huaweicloud:Dew/key:Key::s-kms"
GROUP = "urn:pulumi:prod::inferline::inferline:security:SiteSecurity$huaweicloud:Vpc/secgroup:Secgroup::s-gpu-sg"
DISKS = {"instanceConfig": {"disks": [{"diskType": "SYS", "size": 100}, {"diskType": "DATA", "size": 500, "kmsId": "<computed>"}]}}
UNKNOWN = Finding(URN, "unknown", "instanceConfig.disks[].diskType / kmsId is not known during preview (computed or secret); could not be checked")


@pytest.mark.parametrize(
    ("dependencies", "expected"),
    [
        pytest.param({"instanceConfig": (GROUP, KEY)}, None, id="from-a-declared-key"),
        pytest.param({"instanceConfig": (GROUP,)}, UNKNOWN, id="from-something-else"),
        pytest.param({"userData": (KEY,)}, UNKNOWN, id="key-feeds-another-property"),
        pytest.param({}, UNKNOWN, id="no-dependency"),
    ],
)
def test_a_computed_data_disk_key_counts_only_from_a_declared_key(dependencies: dict[str, tuple[str, ...]], expected: Finding | None) -> None:
    assert check_gpu_disk_encrypted(ResourceView(URN, HUAWEI_CONFIGURATION, DISKS, dependencies)) == expected


def test_a_declared_key_does_not_excuse_an_unknown_disk_type() -> None:
    props = {"instanceConfig": {"disks": [{"diskType": "<computed>", "size": 500, "kmsId": "<computed>"}]}}
    assert check_gpu_disk_encrypted(ResourceView(URN, HUAWEI_CONFIGURATION, props, {"instanceConfig": (KEY,)})) == UNKNOWN
