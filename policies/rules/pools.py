"""gpu-nodes-private and gpu-disk-encrypted: what a GPU node is launched with (launch templates and scaling
configurations): no public address, disks encrypted."""

from __future__ import annotations

from typing import Any

from inferline.policies.rules.base import Finding, ResourceView, Rule, any_unknown, entries, unknown, value_at
from inferline.policies.rules.tls import urn_type

AWS_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate"
ALICLOUD_CONFIGURATION = "alicloud:ess/scalingConfiguration:ScalingConfiguration"
TENCENT_CONFIGURATION = "tencentcloud:As/scalingConfig:ScalingConfig"
HUAWEI_CONFIGURATION = "huaweicloud:As/configuration:Configuration"
VOLCENGINE_CONFIGURATION = "volcengine:autoscaling/scalingConfiguration:ScalingConfiguration"
HUAWEI_KEY = "huaweicloud:Dew/key:Key"
_CONFIGURATIONS = (AWS_TEMPLATE, ALICLOUD_CONFIGURATION, TENCENT_CONFIGURATION, HUAWEI_CONFIGURATION, VOLCENGINE_CONFIGURATION)
#: Rule data is built at import, outside any function, where mutation testing could not reach it (test_metadata pins it).
_CLOUDS = ("aws", "alicloud", "tencentcloud", "huaweicloud", "volcengine")

GPU_NODES_PRIVATE = Rule(
    name="gpu-nodes-private",
    description="Checks that GPU nodes are launched without a public IP address, so they are reached only through the load balancer.",
    types={cloud: tuple(t for t in _CONFIGURATIONS if t.startswith(f"{cloud}:")) for cloud in _CLOUDS},
)

GPU_DISK_ENCRYPTED = Rule(
    name="gpu-disk-encrypted",
    description="Checks that GPU nodes' disks, which hold the model weights, are encrypted.",
    types={"aws": (AWS_TEMPLATE,), "alicloud": (ALICLOUD_CONFIGURATION,), "huaweicloud": (HUAWEI_CONFIGURATION,)},
    excused={
        TENCENT_CONFIGURATION: "tencentcloud-iac-pulumi 0.2.3 as_.ScalingConfig has no disk encryption argument (declared unsupported)",
        VOLCENGINE_CONFIGURATION: "pulumi-volcengine 0.0.47 ScalingConfiguration volumes have no encryption argument (declared unsupported)",
    },
)


def _true(value: Any) -> bool:
    """The SDKs' booleans, some of which AWS takes as strings ("true")."""
    return value is True or (isinstance(value, str) and value.lower() == "true")


def check_gpu_nodes_private(resource: ResourceView) -> Finding | None:
    props = resource.props
    if resource.type == AWS_TEMPLATE:
        # Only the flag decides: the interfaces' security groups are computed in a first preview.
        flags = [value_at(interface, "associatePublicIpAddress") for interface in entries(props.get("networkInterfaces"))]
        if any_unknown(flags):
            return unknown(resource, "networkInterfaces[].associatePublicIpAddress")
        if not flags or not all(str(flag).lower() == "false" for flag in flags):
            return _public(resource, "every network interface must set associatePublicIpAddress to false (unset, the subnet decides)")
        return None
    if resource.type == ALICLOUD_CONFIGURATION:
        return _zero(resource, "internetMaxBandwidthOut")
    if resource.type == TENCENT_CONFIGURATION:
        value = props.get("publicIpAssigned")
        if any_unknown(value):
            return unknown(resource, "publicIpAssigned")
        return None if value is False else _public(resource, f"publicIpAssigned must be false, got {value!r}")
    if resource.type == HUAWEI_CONFIGURATION:
        public_ip = value_at(props, "instanceConfig", "publicIp")
        if any_unknown(public_ip):
            return unknown(resource, "instanceConfig.publicIp")
        return None if not public_ip else _public(resource, "instanceConfig.publicIp gives every node an EIP")
    if resource.type == VOLCENGINE_CONFIGURATION:
        return _zero(resource, "eipBandwidth")
    return None


def _zero(resource: ResourceView, prop: str) -> Finding | None:
    value = resource.props.get(prop)
    if any_unknown(value):
        return unknown(resource, prop)
    return None if value in (0, None) else _public(resource, f"{prop} is {value!r}: any public bandwidth gives a node a public address")


def _public(resource: ResourceView, what: str) -> Finding:
    return Finding(resource.urn, "violation", f"{what}; GPU nodes must stay private behind the load balancer")


def check_gpu_disk_encrypted(resource: ResourceView) -> Finding | None:
    props = resource.props
    if resource.type == AWS_TEMPLATE:
        # Only the flags decide: a mapping's kmsKeyId is computed in a first preview.
        encrypted = [value_at(mapping, "ebs", "encrypted") for mapping in entries(props.get("blockDeviceMappings"))]
        if any_unknown(encrypted):
            return unknown(resource, "blockDeviceMappings[].ebs.encrypted")
        if not encrypted or not all(_true(flag) for flag in encrypted):
            return _unencrypted(resource, "every block device mapping must set ebs.encrypted (unmapped, the root volume follows the AMI)")
        return None
    if resource.type == ALICLOUD_CONFIGURATION:
        disks = [("systemDiskEncrypted", props.get("systemDiskEncrypted"))]
        disks += [(f"dataDisks[{i}].encrypted", value_at(d, "encrypted")) for i, d in enumerate(entries(props.get("dataDisks")))]
        return _all_true(resource, disks)
    if resource.type == HUAWEI_CONFIGURATION:
        volumes = entries(value_at(props, "instanceConfig", "disks"))
        data = [(i, disk) for i, disk in enumerate(volumes) if value_at(disk, "diskType") == "DATA"]
        # Only a disk's type and a data disk's key decide: a data disk's other settings may be computed. A key id
        # computed in a first preview counts when the configuration takes it from a KMS key this program declares
        # (nothing else in instanceConfig takes a key), since that key is judged by kms-key-rotation-enabled.
        declared_key = any(urn_type(urn) == HUAWEI_KEY for urn in resource.property_dependencies.get("instanceConfig", ()))
        keys = [value_at(disk, "kmsId") for _, disk in data]
        if any_unknown([value_at(disk, "diskType") for disk in volumes], [] if declared_key else keys):
            return unknown(resource, "instanceConfig.disks[].diskType / kmsId")
        if not data:
            return _unencrypted(resource, "no DATA disk: weights would sit on the system disk, which the SDK cannot encrypt")
        missing = [f"instanceConfig.disks[{i}]" for i, d in data if not d.get("kmsId")]
        return _unencrypted(resource, f"{', '.join(missing)} has no kmsId") if missing else None
    return None


def _all_true(resource: ResourceView, settings: list[tuple[str, Any]]) -> Finding | None:
    if any_unknown([value for _, value in settings]):
        return unknown(resource, ", ".join(name for name, _ in settings))
    off = [name for name, value in settings if not _true(value)]
    return _unencrypted(resource, f"{', '.join(off)} must be true") if off else None


def _unencrypted(resource: ResourceView, what: str) -> Finding:
    return Finding(resource.urn, "violation", f"{what}; node disks hold the model weights and must be encrypted")
