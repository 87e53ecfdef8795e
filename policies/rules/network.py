"""Network rules: an enabled flow log on every VPC, no public IPs handed out by subnets."""

from __future__ import annotations

from collections.abc import Iterable

from inferline.policies.rules.base import Finding, ResourceView, Rule, is_unknown, unknown

VPC_TYPES = {
    "aws": ("aws:ec2/vpc:Vpc",),
    "alicloud": ("alicloud:vpc/network:Network",),
    "tencentcloud": ("tencentcloud:Vpc/instance:Instance",),
    "huaweicloud": ("huaweicloud:Vpc/vpc:Vpc",),
    "volcengine": ("volcengine:vpc/vpc:Vpc",),
}
#: Flow-log type -> (the properties that name the VPC it records, (switch property, value meaning "off") or None).
FLOW_LOG_TYPES: dict[str, tuple[tuple[str, ...], tuple[str, object] | None]] = {
    "aws:ec2/flowLog:FlowLog": (("vpcId",), None),
    "alicloud:vpc/flowLog:FlowLog": (("resourceId",), ("status", "Inactive")),
    "tencentcloud:Vpc/flowLog:FlowLog": (("resourceId", "vpcId"), None),
    "huaweicloud:Vpc/flowLog:FlowLog": (("resourceId",), ("enabled", False)),
    "volcengine:vpc/flowLog:FlowLog": (("resourceId",), None),
}

FLOW_LOGS_ON_EVERY_VPC = Rule(
    name="network-vpc-flow-logs-enabled",
    description="Checks that every VPC has an enabled flow log, so traffic to GPU nodes can be audited after an incident.",
    types={cloud: (*VPC_TYPES[cloud], *(t for t in FLOW_LOG_TYPES if t.startswith(f"{cloud}:"))) for cloud in VPC_TYPES},
)

SUBNET_NO_PUBLIC_IP = Rule(
    name="network-subnet-no-public-ip-on-launch",
    description="Checks that no subnet gives instances a public IP on launch: GPU nodes reach the internet only through NAT.",
    types={"aws": ("aws:ec2/subnet:Subnet",)},
    excused={
        "alicloud:vpc/switch:Switch": "Alibaba vSwitches never assign public IPs",
        "tencentcloud:Subnet/instance:Instance": "Tencent subnets never assign public IPs",
        "huaweicloud:Vpc/subnet:Subnet": "Huawei subnets never assign public IPs",
        "volcengine:vpc/subnet:Subnet": "Volcengine subnets never assign public IPs",
    },
)


def flow_log_state(resource: ResourceView) -> str | None:
    """'on', 'off' or 'unknown' for a flow log; None for anything else."""
    if resource.type not in FLOW_LOG_TYPES:
        return None
    switch = FLOW_LOG_TYPES[resource.type][1]
    if switch is None:
        return "on"
    value = resource.props.get(switch[0])
    return "unknown" if is_unknown(value) else "off" if value == switch[1] else "on"


def check_flow_logs_on_every_vpc(resources: Iterable[ResourceView]) -> list[Finding]:
    """Stack rule: a VPC is covered when an enabled flow log's VPC property depends on it."""
    resources = list(resources)
    vpc_types = {token for tokens in VPC_TYPES.values() for token in tokens}
    covered: dict[str, set[str]] = {"on": set(), "off": set(), "unknown": set()}
    for resource in resources:
        state = flow_log_state(resource)
        for prop in FLOW_LOG_TYPES[resource.type][0] if state else ():
            covered[state].update(resource.property_dependencies.get(prop, ()))  # type: ignore[index]
    findings = []
    for vpc in resources:
        if vpc.type not in vpc_types or vpc.urn in covered["on"]:
            continue
        if vpc.urn in covered["unknown"]:
            findings.append(unknown(vpc, "whether this VPC's flow log is enabled"))
        else:
            disabled = " (its flow log is disabled)" if vpc.urn in covered["off"] else ""
            findings.append(Finding(vpc.urn, "violation", f"this VPC has no flow log{disabled}; enable `network.flow_logs` so its traffic is recorded"))
    return findings


def check_subnet_no_public_ip(resource: ResourceView) -> Finding | None:
    """Resource rule over AWS subnets; other clouds never assign public IPs from the subnet."""
    if resource.type not in SUBNET_NO_PUBLIC_IP.types["aws"]:
        return None
    value = resource.props.get("mapPublicIpOnLaunch")
    if is_unknown(value):
        return unknown(resource, "mapPublicIpOnLaunch")
    if value is True:
        return Finding(resource.urn, "violation", "mapPublicIpOnLaunch must be false: instances reach the internet only through NAT")
    return None
