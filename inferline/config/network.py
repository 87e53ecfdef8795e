"""`inferline:network` — how every site's private network is laid out."""

from __future__ import annotations

import ipaddress
from typing import Annotated, Literal

from pydantic import Field, field_validator

from inferline.config.base import StrictModel

NatStrategy = Literal["none", "single", "one-per-zone"]
Environment = Literal["dev", "staging", "prod"]
FlowLogTraffic = Literal["all", "accept", "reject"]

#: Address space sites are allocated from when they give no explicit CIDR.
DEFAULT_SUPERNET = "10.0.0.0/8"
DEFAULT_SITE_PREFIX = 16
DEFAULT_PRIVATE_SUBNET_PREFIX = 20
DEFAULT_EDGE_SUBNET_PREFIX = 24

#: NAT gateways per environment: prod survives the loss of a zone, the others save the cost.
#: Environments whose critical resources (keys, audit storage, connections, transit hubs) are created with
#: `protect` and whose dedicated lines must have a backup path.
PROTECTED_ENVIRONMENTS = frozenset({"prod"})
DEFAULT_NAT_BY_ENVIRONMENT: dict[str, NatStrategy] = {
    "dev": "single",
    "staging": "single",
    "prod": "one-per-zone",
}


def parse_ipv4_network(value: str) -> str:
    """Accept only a canonical IPv4 network (``10.1.0.0/16``, not ``10.1.2.3/16``)."""
    try:
        network = ipaddress.IPv4Network(value, strict=True)
    except ValueError as error:
        raise ValueError(f"'{value}' is not an IPv4 network in CIDR notation ({error})") from None
    return str(network)


class FlowLogSettings(StrictModel):
    """VPC flow logs, delivered to each cloud's own log service."""

    enabled: Annotated[bool, Field(description="Record VPC flow logs. Defaults to true.")] = True
    traffic: Annotated[FlowLogTraffic, Field(description="Which traffic to record. Defaults to all.")] = "all"
    retention_days: Annotated[int, Field(ge=1, le=365, description="Days the log service keeps flow logs. Defaults to 30.")] = 30


class NetworkSettings(StrictModel):
    """Address layout and egress shared by every site of the stack."""

    supernet: Annotated[str, Field(description=f"IPv4 range sites without an explicit `cidr` are allocated from. Defaults to {DEFAULT_SUPERNET}.")] = DEFAULT_SUPERNET
    site_prefix: Annotated[int, Field(ge=8, le=24, description=f"Prefix length of each allocated site block. Defaults to /{DEFAULT_SITE_PREFIX}.")] = DEFAULT_SITE_PREFIX
    private_subnet_prefix: Annotated[int, Field(ge=16, le=28, description=f"Prefix length of the private (GPU) subnet in each zone. Defaults to /{DEFAULT_PRIVATE_SUBNET_PREFIX}.")] = DEFAULT_PRIVATE_SUBNET_PREFIX
    edge_subnet_prefix: Annotated[int, Field(ge=16, le=28, description=f"Prefix length of the small edge subnet for NAT and load balancers in each zone. Defaults to /{DEFAULT_EDGE_SUBNET_PREFIX}.")] = DEFAULT_EDGE_SUBNET_PREFIX
    nat: Annotated[NatStrategy | None, Field(description="NAT gateways for egress: none, single, or one-per-zone. Defaults to one-per-zone in prod and single elsewhere.")] = None
    flow_logs: Annotated[FlowLogSettings, Field(description="VPC flow logs. Enabled by default.")] = FlowLogSettings()

    @field_validator("supernet")
    @classmethod
    def _supernet_is_a_network(cls, value: str) -> str:
        return parse_ipv4_network(value)
