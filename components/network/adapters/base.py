"""The interface every cloud's network adapter implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Protocol

import pulumi

from inferline.clouds import CloudName
from inferline.components.encryption import EncryptionContext
from inferline.planning.network import NetworkSpec


@dataclass
class NetworkOutputs:
    """Cloud-neutral ids of what an adapter built; later components (interconnect, GPU pools) take these."""

    vpc_id: pulumi.Output[str]
    private_subnet_ids: dict[str, pulumi.Output[str]]
    edge_subnet_ids: dict[str, pulumi.Output[str]] = field(default_factory=dict)
    #: Huawei Cloud only: the edge subnets' IPv4 subnet ids (what a dedicated ELB's ipv4_subnet_id takes), by zone.
    edge_ipv4_subnet_ids: dict[str, pulumi.Output[str]] = field(default_factory=dict)
    nat_gateway_ids: dict[str, pulumi.Output[str]] = field(default_factory=dict)
    # Route tables of the private subnets, by zone: interconnect adds routes to them.
    private_route_table_ids: dict[str, pulumi.Output[str]] = field(default_factory=dict)
    flow_log_id: pulumi.Output[str] | None = None


class NetworkAdapter(Protocol):
    """Translates a ``NetworkSpec`` into one cloud's resources. Stateless; one per cloud."""

    cloud: ClassVar[CloudName]

    def build(self, spec: NetworkSpec, encryption: EncryptionContext, opts: pulumi.ResourceOptions) -> NetworkOutputs:
        """Declare the site's network. ``opts`` carries ``parent`` and the site's provider; every child uses it.
        ``encryption`` is the site's key: the flow-log store is encrypted with it where the log service takes a key."""
        ...


def child_opts(opts: pulumi.ResourceOptions, *depends_on: pulumi.Resource) -> pulumi.ResourceOptions:
    """``opts`` plus explicit dependencies, for ordering the SDK cannot infer from inputs."""
    if not depends_on:
        return opts
    return pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(depends_on=list(depends_on)))
