"""The whole stack configuration, as the user wrote it (validated for shape, not yet planned)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from inferline.config.base import StrictModel
from inferline.config.interconnect import InterconnectSettings
from inferline.config.network import DEFAULT_NAT_BY_ENVIRONMENT, Environment, NatStrategy, NetworkSettings
from inferline.config.profiles import ProfileConfig
from inferline.config.security import SecuritySettings
from inferline.config.serving import ServingSettings
from inferline.config.site import SiteConfig

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
    serving: Annotated[ServingSettings | None, Field(description="The model every site serves; capacity planning sizes each site's GPU pools from it. Defaults to none: no pools.")] = None
    tags: Annotated[dict[str, str], Field(description="Tags applied to every resource that takes tags.")] = Field(default_factory=dict)

    def generates_links(self) -> bool:
        """Whether the resilient default links are generated: explicitly, or in prod when there is a hub."""
        interconnect = self.interconnect
        return interconnect.generate if interconnect.generate is not None else (self.environment == "prod" and bool(interconnect.hubs))

    def nat_strategy(self, site: SiteConfig) -> NatStrategy:
        """The site's own setting, else the stack's, else the environment default."""
        return site.nat or self.network.nat or DEFAULT_NAT_BY_ENVIRONMENT[self.environment]
