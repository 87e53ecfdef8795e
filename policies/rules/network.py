"""Network rules: flow logs on every VPC, no public IPs handed out by subnets."""

from __future__ import annotations

from collections.abc import Iterable

from inferline.policies.rules.base import Finding, ResourceView, Rule, is_unknown

VPC_TYPES = {
    "aws": ("aws:ec2/vpc:Vpc",),
    "alicloud": ("alicloud:vpc/network:Network",),
    "tencentcloud": ("tencentcloud:Vpc/instance:Instance",),
    "huaweicloud": ("huaweicloud:Vpc/vpc:Vpc",),
    "volcengine": ("volcengine:vpc/vpc:Vpc",),
}
#: Flow-log types and the property that names the VPC they record.
FLOW_LOG_TYPES = {
    "aws:ec2/flowLog:FlowLog": ("vpcId",),
    "alicloud:vpc/flowLog:FlowLog": ("resourceId",),
    "tencentcloud:Vpc/flowLog:FlowLog": ("resourceId", "vpcId"),
    "huaweicloud:Vpc/flowLog:FlowLog": ("resourceId",),
    "volcengine:vpc/flowLog:FlowLog": ("resourceId",),
}

FLOW_LOGS_ON_EVERY_VPC = Rule(
    name="network-vpc-flow-logs-enabled",
    description="Checks that every VPC has a flow log, so traffic to GPU nodes can be audited after an incident.",
    types={**VPC_TYPES, "flow-logs": tuple(FLOW_LOG_TYPES)},
)

SUBNET_NO_PUBLIC_IP = Rule(
    name="network-subnet-no-public-ip-on-launch",
    description="Checks that no subnet gives instances a public IP on launch: GPU nodes reach the internet only through NAT.",
    types={"aws": ("aws:ec2/subnet:Subnet",)},
)


def check_flow_logs_on_every_vpc(resources: Iterable[ResourceView]) -> list[Finding]:
    """Stack rule: a VPC is covered when a flow log's VPC property depends on it."""
    resources = list(resources)
    vpc_types = {token for tokens in VPC_TYPES.values() for token in tokens}
    covered: set[str] = set()
    for resource in resources:
        for prop in FLOW_LOG_TYPES.get(resource.type, ()):
            covered.update(resource.property_dependencies.get(prop, ()))
    return [
        Finding(vpc.urn, "violation", "this VPC has no flow log; enable `network.flow_logs` so its traffic is recorded")
        for vpc in resources
        if vpc.type in vpc_types and vpc.urn not in covered
    ]


def check_subnet_no_public_ip(resource: ResourceView) -> Finding | None:
    """Resource rule over AWS subnets; other clouds never assign public IPs from the subnet."""
    if resource.type not in SUBNET_NO_PUBLIC_IP.types["aws"]:
        return None
    value = resource.props.get("mapPublicIpOnLaunch")
    if is_unknown(value):
        return Finding(resource.urn, "unknown", "mapPublicIpOnLaunch is not known during preview; could not be checked")
    if value is True:
        return Finding(resource.urn, "violation", "mapPublicIpOnLaunch must be false: instances reach the internet only through NAT")
    return None
