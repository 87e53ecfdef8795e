"""The rules, as pure checks over plain resource views (no Pulumi or pulumi-policy imports)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

#: What a check concludes about one resource. "unknown" means a value it needs is not known yet
#: (a computed output during preview): reported as "could not be checked", never passed silently.
Outcome = Literal["violation", "unknown"]


@dataclass(frozen=True)
class ResourceView:
    """The parts of a resource the rules read: the same shape from the policy engine and from the preview record."""

    urn: str
    type: str
    props: Mapping[str, Any]
    property_dependencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    urn: str
    outcome: Outcome
    message: str


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    # Resource types the rule reads, by cloud.
    types: Mapping[str, tuple[str, ...]]


#: Placeholder the policy engine and the preview use for values not known until apply.
UNKNOWN_MARKERS = frozenset({"<computed>"})

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
    if value in UNKNOWN_MARKERS:
        return Finding(resource.urn, "unknown", "mapPublicIpOnLaunch is not known during preview; could not be checked")
    if value is True:
        return Finding(resource.urn, "violation", "mapPublicIpOnLaunch must be false: instances reach the internet only through NAT")
    return None


RESOURCE_CHECKS = ((SUBNET_NO_PUBLIC_IP, check_subnet_no_public_ip),)
STACK_CHECKS = ((FLOW_LOGS_ON_EVERY_VPC, check_flow_logs_on_every_vpc),)


def evaluate(resources: Iterable[ResourceView]) -> dict[str, list[Finding]]:
    """Every rule over a set of resources, as the offline preview runs them: rule name -> findings."""
    resources = list(resources)
    results: dict[str, list[Finding]] = {}
    for rule, check in RESOURCE_CHECKS:
        results[rule.name] = [finding for resource in resources if (finding := check(resource)) is not None]
    for rule, stack_check in STACK_CHECKS:
        results[rule.name] = stack_check(resources)
    return results
