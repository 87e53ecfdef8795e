"""The interface every cloud's load-balancer adapter implements."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Protocol

import pulumi

from inferline.clouds import CloudName
from inferline.components.loadbalancer.outputs import LoadBalancerOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import SecurityOutputs
from inferline.planning.naming import Names
from inferline.planning.serving import LoadBalancerSpec


@dataclass(frozen=True)
class LoadBalancerSite:
    """What of its site a load balancer is built from besides its spec: names, zones in planned order, tags."""

    names: Names
    region: str
    zones: tuple[str, ...]
    tags: Mapping[str, str]
    #: Prod: the load balancer is deletion-protected where the cloud has a switch for it.
    protect: bool
    #: The DNS name the site certificate covers (Tencent CLB layer-7 rules are per domain).
    domain: str


class LoadBalancerAdapter(Protocol):
    """Translates a ``LoadBalancerSpec`` into one cloud's load balancer, backend group and TLS listener."""

    cloud: ClassVar[CloudName]

    def build(
        self,
        spec: LoadBalancerSpec,
        site: LoadBalancerSite,
        network: NetworkOutputs,
        security: SecurityOutputs,
        opts: pulumi.ResourceOptions,
    ) -> LoadBalancerOutputs:
        """Declare the site's load balancer in its edge subnets. ``opts`` carries ``parent`` and the site's provider."""
        ...


def edge_subnets(site: LoadBalancerSite, network: NetworkOutputs) -> list[pulumi.Output[str]]:
    """The edge subnets in the site's planned zone order (never dict order)."""
    return [network.edge_subnet_ids[zone] for zone in site.zones]
