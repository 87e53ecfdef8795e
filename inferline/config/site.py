"""`inferline:sites[*]` — one region of one cloud that hosts GPU capacity."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator

from inferline.clouds import CATALOG, CloudName
from inferline.config.base import StrictModel
from inferline.config.network import NatStrategy, parse_ipv4_network

SiteRole = Literal["active", "standby"]

#: Sites name resources on every cloud; 20 characters keeps derived names within the
#: tightest cloud-side limit (Tencent's 60-character names) with room for role and zone.
SITE_NAME_PATTERN = r"^[a-z][a-z0-9-]{0,18}[a-z0-9]$"
#: Environments whose sites must span at least two zones.
MULTI_ZONE_ENVIRONMENTS = frozenset({"prod"})


class SiteConfig(StrictModel):
    """A site: one region of one cloud."""

    name: Annotated[str, Field(pattern=SITE_NAME_PATTERN, description="Unique site name; resource names derive from it, so renaming a site replaces its resources. Lower-case letters, digits and '-', 2-20 characters.")]
    cloud: Annotated[CloudName, Field(description="aws, alicloud, tencentcloud, huaweicloud or volcengine.")]
    region: Annotated[str, Field(description="Region id as the cloud spells it, checked against inferline's region table for that cloud.")]
    zones: Annotated[list[str], Field(min_length=1, max_length=6, description="Zones of the region to place subnets in; prod needs at least 2. Add new zones at the end: a zone's position picks its subnet addresses.")]
    role: Annotated[SiteRole, Field(description="active sites serve traffic; standby sites take over on failover. Defaults to active.")] = "active"
    cidr: Annotated[str | None, Field(description="Explicit VPC CIDR; wins over allocation from the supernet.")] = None
    slot: Annotated[int | None, Field(ge=0, description="Pins the site to this block of the supernet. Defaults to a block derived from the site name.")] = None
    nat: Annotated[NatStrategy | None, Field(description="Overrides the stack's NAT strategy for this site.")] = None
    tags: Annotated[dict[str, str], Field(description="Tags added to this site's resources, over the stack's tags.")] = Field(default_factory=dict)

    @field_validator("region")
    @classmethod
    def _region_exists(cls, region: str, info: ValidationInfo) -> str:
        cloud = info.data.get("cloud")
        if cloud is None:
            return region  # the cloud itself is wrong; that error is reported on its own.
        facts = CATALOG[cloud]
        if region not in facts.regions:
            raise ValueError(f"'{region}' is not a region of {facts.display_name} (known regions: inferline/clouds/{cloud}_facts.py)")
        return region

    @field_validator("zones")
    @classmethod
    def _zones_belong_to_region(cls, zones: list[str], info: ValidationInfo) -> list[str]:
        duplicates = sorted({zone for zone in zones if zones.count(zone) > 1})
        if duplicates:
            raise ValueError(f"zones must be unique, {', '.join(duplicates)} repeated")
        environment = (info.context or {}).get("environment")
        if environment in MULTI_ZONE_ENVIRONMENTS and len(zones) < 2:
            raise ValueError(f"{environment} sites need at least 2 zones, got {len(zones)}")
        cloud, region = info.data.get("cloud"), info.data.get("region")
        if cloud is None or region is None:
            return zones
        facts = CATALOG[cloud]
        strangers = [zone for zone in zones if not facts.zone_matches(region, zone)]
        if strangers:
            raise ValueError(
                f"{', '.join(strangers)} not a zone of {region} "
                f"({facts.display_name} zones look like '{facts.zone_example}')"
            )
        return zones

    @field_validator("cidr")
    @classmethod
    def _cidr_is_a_network(cls, value: str | None) -> str | None:
        return None if value is None else parse_ipv4_network(value)
