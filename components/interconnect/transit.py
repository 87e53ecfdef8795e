"""A cloud's stack-wide transit network (Alibaba Cloud's CEN), built once from the plan, before the sites.

What several sites and links of one cloud share is planned once (``inferline.planning.transit``) and built here,
named after the cloud and its regions, through providers of the stack rather than of any site (sites come and
go). Each member site then receives its region's ``TransitHub`` and attaches itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Protocol

import pulumi

from inferline.clouds import CloudName
from inferline.components.interconnect.adapters.alicloud import AlicloudInterconnect
from inferline.components.interconnect.adapters.base import DedicatedLine, SiteContext, TransitHub
from inferline.components.providers import region_provider
from inferline.planning.interconnect import TransitPeer
from inferline.planning.transit import TransitNetworkPlan

TRANSIT_NETWORK_TYPE = "inferline:interconnect:TransitNetwork"


class TransitNetworkAdapter(Protocol):
    """A cloud whose sites share one transit network per stack."""

    cloud: ClassVar[CloudName]
    #: The region the cloud's global transit network resource is created through.
    global_region: ClassVar[str]

    def transit_network(
        self, plan: TransitNetworkPlan, cen_opts: pulumi.ResourceOptions, regional_opts: Mapping[str, pulumi.ResourceOptions]
    ) -> dict[str, TransitHub]:
        """The network, a hub per region and the connections between regions; the hubs by region."""
        ...

    def join_transit(
        self, site: SiteContext, lines: list[DedicatedLine], peers: tuple[TransitPeer, ...], opts: pulumi.ResourceOptions
    ) -> None:
        """A member site on its region's hub (``site.transit``): its attachment, its lines and its routes."""
        ...


#: Stateless, as every adapter: one instance per cloud.
TRANSIT_ADAPTERS: dict[CloudName, TransitNetworkAdapter] = {"alicloud": AlicloudInterconnect()}


class TransitNetwork(pulumi.ComponentResource):
    """One cloud's transit network for the whole stack. Named after the cloud."""

    hubs: dict[str, TransitHub]

    def __init__(self, plan: TransitNetworkPlan, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(TRANSIT_NETWORK_TYPE, plan.cloud, None, opts)
        self.plan = plan
        adapter = TRANSIT_ADAPTERS[plan.cloud]
        regions = sorted({*plan.regions, adapter.global_region})
        # Providers by region, named `{cloud}-{region}`: one per region, whichever sites are there.
        providers = {region: region_provider(plan.cloud, region) for region in regions}
        regional = {region: pulumi.ResourceOptions(parent=self, provider=providers[region]) for region in regions}
        self.hubs = adapter.transit_network(plan, regional[adapter.global_region], regional)
        self.register_outputs({})

    def hub(self, site: str) -> TransitHub | None:
        """The hub of ``site``'s region; None when the site is not a member."""
        region = self.plan.members.get(site)
        return self.hubs[region] if region is not None else None
