"""gpu-nodes-private and gpu-disk-encrypted: exact findings for every branch, on the offline path and the CrossGuard pack."""

from __future__ import annotations

from typing import Any

import pytest

from inferline.policies.rules.base import Finding, ResourceView
from inferline.policies.rules.pools import check_gpu_disk_encrypted, check_gpu_nodes_private
from tests.policies.paths import URN, assert_both_paths


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


# --- Exact findings through both paths: compliant, violation, unknown and not applicable for every claimed token ---

TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate"
ALI_CONFIG = "alicloud:ess/scalingConfiguration:ScalingConfiguration"
TENCENT_CONFIG = "tencentcloud:As/scalingConfig:ScalingConfig"
HUAWEI_CONFIG = "huaweicloud:As/configuration:Configuration"
VOLC_CONFIG = "volcengine:autoscaling/scalingConfiguration:ScalingConfiguration"
C = "<computed>"
PRIVATE = "; GPU nodes must stay private behind the load balancer"
ENCRYPTED = "; node disks hold the model weights and must be encrypted"
UNKNOWN = " is not known during preview (computed or secret); could not be checked"
NIC = {"deviceIndex": 0, "associatePublicIpAddress": "false", "securityGroups": [C]}
EBS = {"deviceName": "/dev/sda1", "ebs": {"volumeSize": 500, "encrypted": "true", "kmsKeyId": C}}
SYS = {"diskType": "SYS", "size": 100}
DATA = {"diskType": "DATA", "size": 500, "kmsId": "key-1"}
EVERY_NIC = "every network interface must set associatePublicIpAddress to false (unset, the subnet decides)"
EVERY_MAPPING = "every block device mapping must set ebs.encrypted (unmapped, the root volume follows the AMI)"


def _v(message: str) -> Finding:
    return Finding(URN, "violation", message)


def _u(what: str) -> Finding:
    return Finding(URN, "unknown", what + UNKNOWN)


NODES_PRIVATE = [
    pytest.param(TEMPLATE, {"networkInterfaces": [NIC]}, None, id="aws-private-with-computed-security-groups"),
    pytest.param(TEMPLATE, {"networkInterfaces": [{"associatePublicIpAddress": False}]}, None, id="aws-private-bool"),
    pytest.param(TEMPLATE, {"networkInterfaces": [{"associatePublicIpAddress": "FALSE"}]}, None, id="aws-private-any-case"),
    pytest.param(TEMPLATE, {"networkInterfaces": [{**NIC, "associatePublicIpAddress": "true"}]}, _v(EVERY_NIC + PRIVATE), id="aws-public"),
    pytest.param(TEMPLATE, {"networkInterfaces": [NIC, {"deviceIndex": 1}]}, _v(EVERY_NIC + PRIVATE), id="aws-one-interface-unset"),
    pytest.param(TEMPLATE, {"networkInterfaces": []}, _v(EVERY_NIC + PRIVATE), id="aws-no-interface"),
    pytest.param(TEMPLATE, {}, _v(EVERY_NIC + PRIVATE), id="aws-unset"),
    pytest.param(TEMPLATE, {"networkInterfaces": [{**NIC, "associatePublicIpAddress": C}]}, _u("networkInterfaces[].associatePublicIpAddress"), id="aws-unknown-flag"),
    pytest.param(TEMPLATE, {"networkInterfaces": C}, _u("networkInterfaces[].associatePublicIpAddress"), id="aws-unknown-list"),
    pytest.param(TEMPLATE, {"networkInterfaces": [C]}, _u("networkInterfaces[].associatePublicIpAddress"), id="aws-unknown-interface"),
    pytest.param(ALI_CONFIG, {"internetMaxBandwidthOut": 0}, None, id="alicloud-zero"),
    pytest.param(ALI_CONFIG, {}, None, id="alicloud-unset"),
    pytest.param(ALI_CONFIG, {"internetMaxBandwidthOut": None}, None, id="alicloud-none"),
    pytest.param(
        ALI_CONFIG, {"internetMaxBandwidthOut": 1},
        _v("internetMaxBandwidthOut is 1: any public bandwidth gives a node a public address" + PRIVATE), id="alicloud-bandwidth",
    ),
    pytest.param(ALI_CONFIG, {"internetMaxBandwidthOut": C}, _u("internetMaxBandwidthOut"), id="alicloud-unknown"),
    pytest.param(TENCENT_CONFIG, {"publicIpAssigned": False}, None, id="tencent-private"),
    pytest.param(TENCENT_CONFIG, {"publicIpAssigned": True}, _v("publicIpAssigned must be false, got True" + PRIVATE), id="tencent-public"),
    pytest.param(TENCENT_CONFIG, {"publicIpAssigned": 0}, _v("publicIpAssigned must be false, got 0" + PRIVATE), id="tencent-not-a-bool"),
    pytest.param(TENCENT_CONFIG, {}, _v("publicIpAssigned must be false, got None" + PRIVATE), id="tencent-unset"),
    pytest.param(TENCENT_CONFIG, {"publicIpAssigned": C}, _u("publicIpAssigned"), id="tencent-unknown"),
    pytest.param(HUAWEI_CONFIG, {"instanceConfig": {"flavor": "p3.2xlarge.8"}}, None, id="huawei-no-public-ip"),
    pytest.param(HUAWEI_CONFIG, {}, None, id="huawei-no-instance-config"),
    pytest.param(
        HUAWEI_CONFIG, {"instanceConfig": {"publicIp": {"eip": {"ipType": "5_bgp"}}}},
        _v("instanceConfig.publicIp gives every node an EIP" + PRIVATE), id="huawei-eip",
    ),
    pytest.param(HUAWEI_CONFIG, {"instanceConfig": {"publicIp": C}}, _u("instanceConfig.publicIp"), id="huawei-unknown-public-ip"),
    pytest.param(HUAWEI_CONFIG, {"instanceConfig": C}, _u("instanceConfig.publicIp"), id="huawei-unknown-instance-config"),
    pytest.param(VOLC_CONFIG, {}, None, id="volcengine-unset"),
    pytest.param(VOLC_CONFIG, {"eipBandwidth": 0}, None, id="volcengine-zero"),
    pytest.param(
        VOLC_CONFIG, {"eipBandwidth": 10}, _v("eipBandwidth is 10: any public bandwidth gives a node a public address" + PRIVATE), id="volcengine-eip",
    ),
    pytest.param(VOLC_CONFIG, {"eipBandwidth": C}, _u("eipBandwidth"), id="volcengine-unknown"),
    pytest.param("aws:ec2/instance:Instance", {"associatePublicIpAddress": True}, None, id="not-a-node-configuration"),
]

DISKS_ENCRYPTED = [
    pytest.param(TEMPLATE, {"blockDeviceMappings": [EBS]}, None, id="aws-encrypted-with-computed-key"),
    pytest.param(TEMPLATE, {"blockDeviceMappings": [{"ebs": {"encrypted": True}}, {"ebs": {"encrypted": "TRUE"}}]}, None, id="aws-bool-and-any-case"),
    pytest.param(TEMPLATE, {"blockDeviceMappings": [EBS, {"deviceName": "/dev/sdb", "ebs": {}}]}, _v(EVERY_MAPPING + ENCRYPTED), id="aws-one-unencrypted"),
    pytest.param(TEMPLATE, {"blockDeviceMappings": [{"ebs": {"encrypted": "false"}}]}, _v(EVERY_MAPPING + ENCRYPTED), id="aws-false"),
    pytest.param(TEMPLATE, {"blockDeviceMappings": [{"ebs": {"encrypted": 1}}]}, _v(EVERY_MAPPING + ENCRYPTED), id="aws-not-a-bool"),
    pytest.param(TEMPLATE, {"blockDeviceMappings": [{"deviceName": "/dev/sda1"}]}, _v(EVERY_MAPPING + ENCRYPTED), id="aws-no-ebs"),
    pytest.param(TEMPLATE, {}, _v(EVERY_MAPPING + ENCRYPTED), id="aws-unmapped"),
    pytest.param(TEMPLATE, {"blockDeviceMappings": [{"ebs": {"encrypted": C}}]}, _u("blockDeviceMappings[].ebs.encrypted"), id="aws-unknown-flag"),
    pytest.param(TEMPLATE, {"blockDeviceMappings": [{"ebs": C}]}, _u("blockDeviceMappings[].ebs.encrypted"), id="aws-unknown-ebs"),
    pytest.param(TEMPLATE, {"blockDeviceMappings": C}, _u("blockDeviceMappings[].ebs.encrypted"), id="aws-unknown-list"),
    pytest.param(ALI_CONFIG, {"systemDiskEncrypted": True, "dataDisks": [{"encrypted": True}]}, None, id="alicloud-encrypted"),
    pytest.param(ALI_CONFIG, {"systemDiskEncrypted": "true"}, None, id="alicloud-system-only"),
    pytest.param(
        ALI_CONFIG, {"systemDiskEncrypted": True, "dataDisks": [{"encrypted": True}, {"size": 100}]},
        _v("dataDisks[1].encrypted must be true" + ENCRYPTED), id="alicloud-second-data-disk",
    ),
    pytest.param(
        ALI_CONFIG, {"dataDisks": [{"encrypted": False}]}, _v("systemDiskEncrypted, dataDisks[0].encrypted must be true" + ENCRYPTED), id="alicloud-both",
    ),
    pytest.param(
        ALI_CONFIG, {"systemDiskEncrypted": True, "dataDisks": [{"encrypted": C}]},
        _u("systemDiskEncrypted, dataDisks[0].encrypted"), id="alicloud-unknown-data-disk",
    ),
    pytest.param(ALI_CONFIG, {"systemDiskEncrypted": C}, _u("systemDiskEncrypted"), id="alicloud-unknown-system-disk"),
    pytest.param(ALI_CONFIG, {"systemDiskEncrypted": True, "dataDisks": C}, _u("systemDiskEncrypted, dataDisks[0].encrypted"), id="alicloud-unknown-list"),
    pytest.param(HUAWEI_CONFIG, {"instanceConfig": {"disks": [SYS, DATA]}}, None, id="huawei-data-disk-with-key"),
    pytest.param(HUAWEI_CONFIG, {"instanceConfig": {"disks": [SYS, {**DATA, "kmsId": C}]}}, _u("instanceConfig.disks[].diskType / kmsId"), id="huawei-unknown-key"),
    pytest.param(HUAWEI_CONFIG, {"instanceConfig": {"disks": [SYS, {**DATA, "diskType": C}]}}, _u("instanceConfig.disks[].diskType / kmsId"), id="huawei-unknown-type"),
    pytest.param(HUAWEI_CONFIG, {"instanceConfig": {"disks": C}}, _u("instanceConfig.disks[].diskType / kmsId"), id="huawei-unknown-disks"),
    pytest.param(HUAWEI_CONFIG, {"instanceConfig": C}, _u("instanceConfig.disks[].diskType / kmsId"), id="huawei-unknown-instance-config"),
    pytest.param(HUAWEI_CONFIG, {"instanceConfig": {"disks": [{**SYS, "kmsId": C}, DATA]}}, None, id="huawei-system-disk-key-not-read"),
    pytest.param(HUAWEI_CONFIG, {"instanceConfig": {"disks": [SYS, {**DATA, "size": C}]}}, None, id="huawei-data-disk-size-not-read"),
    pytest.param(
        HUAWEI_CONFIG, {"instanceConfig": {"disks": [SYS]}},
        _v("no DATA disk: weights would sit on the system disk, which the SDK cannot encrypt" + ENCRYPTED), id="huawei-system-disk-only",
    ),
    pytest.param(
        HUAWEI_CONFIG, {},
        _v("no DATA disk: weights would sit on the system disk, which the SDK cannot encrypt" + ENCRYPTED), id="huawei-no-disks",
    ),
    pytest.param(
        HUAWEI_CONFIG, {"instanceConfig": {"disks": [{"diskType": "DATA"}, DATA, {**DATA, "kmsId": ""}]}},
        _v("instanceConfig.disks[0], instanceConfig.disks[2] has no kmsId" + ENCRYPTED), id="huawei-data-disks-without-key",
    ),
    pytest.param(TENCENT_CONFIG, {"systemDisk": {"encrypt": False}}, None, id="tencent-excused"),
    pytest.param(VOLC_CONFIG, {"volumes": [{"encrypted": False}]}, None, id="volcengine-excused"),
    pytest.param("aws:ebs/volume:Volume", {"encrypted": False}, None, id="not-a-node-configuration"),
]


@pytest.mark.parametrize(("token", "props", "expected"), NODES_PRIVATE)
def test_gpu_nodes_private_findings_are_exact_on_both_paths(token: str, props: dict[str, Any], expected: Finding | None) -> None:
    assert_both_paths("gpu-nodes-private", token, props, None, expected)


@pytest.mark.parametrize(("token", "props", "expected"), DISKS_ENCRYPTED)
def test_gpu_disk_encrypted_findings_are_exact_on_both_paths(token: str, props: dict[str, Any], expected: Finding | None) -> None:
    assert_both_paths("gpu-disk-encrypted", token, props, None, expected)
