"""The whole stack configuration and its validated, planned form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from pydantic import Field

from inferline.clouds import CATALOG
from inferline.config.base import StrictModel
from inferline.config.interconnect import InterconnectSettings
from inferline.config.network import DEFAULT_NAT_BY_ENVIRONMENT, Environment, NatStrategy, NetworkSettings
from inferline.config.profiles import ProfileConfig, ProfileTargets
from inferline.config.security import SecuritySettings
from inferline.config.site import SiteConfig
from inferline.planning.addresses import AddressPlan, Layout, SiteRequest
from inferline.planning.topology import TopologyPlan

#: Largest number of sites one stack may declare; the preview benchmark covers up to this size.
MAX_SITES = 64


class StackConfig(StrictModel):
    """Everything under the `inferline:` namespace of a stack file."""

    environment: Annotated[Environment, Field(description="dev, staging or prod. prod requires two zones per site and defaults to one NAT gateway per zone.")]
    profile: Annotated[ProfileConfig, Field(description="Scenario profile and overrides of its targets.")]
    sites: Annotated[list[SiteConfig], Field(min_length=1, max_length=MAX_SITES, description="Regions of clouds that host GPU capacity; order does not matter.")]
    network: Annotated[NetworkSettings, Field(description="Address layout, NAT and flow logs shared by all sites.")] = NetworkSettings()
    interconnect: Annotated[InterconnectSettings, Field(description="Hubs and links between sites and data centres.")] = InterconnectSettings()
    security: Annotated[SecuritySettings, Field(description="Keys, certificates, exposure and audit trails of every site.")] = SecuritySettings()
    tags: Annotated[dict[str, str], Field(description="Tags applied to every resource that takes tags.")] = Field(default_factory=dict)

    def layout(self) -> Layout:
        return Layout(
            supernet=self.network.supernet,
            site_prefix=self.network.site_prefix,
            private_prefix=self.network.private_subnet_prefix,
            edge_prefix=self.network.edge_subnet_prefix,
        )

    def site_requests(self) -> list[SiteRequest]:
        return [
            SiteRequest(
                name=site.name,
                path=f"sites[{index}]",
                facts=CATALOG[site.cloud],
                zones=tuple(site.zones),
                cidr=site.cidr,
                slot=site.slot,
            )
            for index, site in enumerate(self.sites)
        ]

    def generates_links(self) -> bool:
        """Whether the resilient default links are generated: explicitly, or in prod when there is a hub."""
        interconnect = self.interconnect
        return interconnect.generate if interconnect.generate is not None else (self.environment == "prod" and bool(interconnect.hubs))


@dataclass(frozen=True)
class StackPlan:
    """A validated stack: its configuration, resolved profile targets and address plan."""

    stack: str
    config: StackConfig
    targets: ProfileTargets
    addresses: AddressPlan
    topology: TopologyPlan = field(default_factory=TopologyPlan)

    def nat_strategy(self, site: SiteConfig) -> NatStrategy:
        """The site's own setting, else the stack's, else the environment default."""
        return site.nat or self.config.network.nat or DEFAULT_NAT_BY_ENVIRONMENT[self.config.environment]

    def site_tags(self, site: SiteConfig) -> dict[str, str]:
        return {
            "inferline-stack": self.stack,
            "inferline-environment": self.config.environment,
            "inferline-site": site.name,
            **self.config.tags,
            **site.tags,
        }
