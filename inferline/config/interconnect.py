"""`inferline:interconnect` — hubs where leased lines land, and the links between sites and hubs."""

from __future__ import annotations

import ipaddress
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from inferline.clouds import CloudName
from inferline.config.base import StrictModel
from inferline.config.network import parse_ipv4_network

LinkKind = Literal["peering", "transit", "dedicated", "vpn"]

#: Bandwidth of the links the prod defaults generate, Mbps. The article's dedicated lines run at 10 Gbps;
#: 1 Gbps is a common first order for a leased line, and 100 Mbps is an IPsec tunnel's usual ceiling.
DEFAULT_DEDICATED_MBPS = 1000
DEFAULT_VPN_MBPS = 100
#: Terms a Volcano Engine transit bandwidth package is sold for (transit_router.BandwidthPackage period: "1~9 or
#: 12 or 36", months). A year by default: renewal cannot be set at creation (renew_type "is only effective
#: when modifying the bandwidth package"), so the term bought is how long the path lasts unless renewed.
PrepaidMonths = Literal[1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 36]
DEFAULT_PREPAID_MONTHS: PrepaidMonths = 12
#: Private range for the BGP /30s of dedicated lines on clouds that refuse link-local addresses (Huawei Cloud).
#: The top of 172.16.0.0/12, far from the 10.0.0.0/8 supernet sites are allocated from by default.
DEFAULT_LINE_BGP_POOL = "172.31.254.0/23"
PRIVATE_RANGES = tuple(ipaddress.IPv4Network(cidr) for cidr in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
NAME_PATTERN = r"^[a-z][a-z0-9-]{0,18}[a-z0-9]$"
#: A physical connection's id as the carrier's cloud names it (dxcon-..., pc-..., dc-..., a Huawei UUID, dcc-...).
#: At most 60 characters: Tencent's dedicated tunnel takes a dc_id of 1-60 (terraform-provider-tencentcloud
#: v1.82.42 resource_tc_dcx.go, checked at preview); every cloud's ids are shorter.
ConnectionId = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^\S+$")]


class Hub(StrictModel):
    """A customer router in a colocation hub or data centre, where each cloud's leased line lands."""

    name: Annotated[str, Field(pattern=NAME_PATTERN, description="Unique hub name (not a site name).")]
    location: Annotated[str, Field(min_length=1, description="Where the router is, e.g. 'Shanghai, colocation SH2'.")]
    asn: Annotated[int, Field(ge=1, le=4294967294, description="BGP ASN of the hub's router.")]
    public_ip: Annotated[str | None, Field(description="Public IPv4 address of the router's IPsec endpoint; needed for VPN links to the hub.")] = None
    cidrs: Annotated[list[str], Field(description="Data-centre networks behind the hub, routed to connected sites.")] = Field(default_factory=list)
    access_points: Annotated[dict[CloudName, str], Field(description="Each cloud's access point (location id) where its line lands at this hub.")] = Field(default_factory=dict)
    connections: Annotated[dict[str, ConnectionId], Field(description="Physical connections already ordered from the carrier, by site name, for the lines generated to this hub (ids of 1-60 characters).")] = Field(default_factory=dict)

    @field_validator("cidrs")
    @classmethod
    def _cidrs_are_networks(cls, cidrs: list[str]) -> list[str]:
        return [parse_ipv4_network(cidr) for cidr in cidrs]


class Link(StrictModel):
    """One connection between two endpoints (site or hub names)."""

    kind: Annotated[LinkKind, Field(description="peering (same cloud), transit (the cloud's hub router, same cloud), dedicated (site to hub over a leased line, BGP) or vpn (IPsec over the internet, site to site or site to hub).")]
    between: Annotated[list[str], Field(min_length=2, max_length=2, description="The two endpoints, site or hub names.")]
    bandwidth_mbps: Annotated[int, Field(ge=1, le=100_000, description="Bandwidth of the link, Mbps.")]
    connection_id: Annotated[ConnectionId | None, Field(description="dedicated: the physical connection ordered from the carrier, if it already exists (1-60 characters).")] = None
    vlan: Annotated[int | None, Field(ge=1, le=4094, description="dedicated: VLAN of the virtual interface. Defaults to one derived from the link.")] = None
    bgp_cidr: Annotated[str | None, Field(description="dedicated and vpn: pins the link-local /30 of the BGP session (inside 169.254.0.0/16).")] = None

    @model_validator(mode="after")
    def _endpoints_differ(self) -> Link:
        if self.between[0] == self.between[1]:
            raise ValueError("a link needs two different endpoints")
        if self.kind not in ("dedicated",) and (self.connection_id is not None or self.vlan is not None):
            raise ValueError("connection_id and vlan only apply to dedicated links")
        return self


class InterconnectSettings(StrictModel):
    """How sites reach each other and the data centres."""

    @field_validator("line_bgp_pool")
    @classmethod
    def _pool_is_private(cls, value: str) -> str:
        network = ipaddress.IPv4Network(parse_ipv4_network(value))
        if not any(network.subnet_of(private) for private in PRIVATE_RANGES) or not 16 <= network.prefixlen <= 28:
            raise ValueError(f"{value} must be a /16-/28 inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16")
        return str(network)

    hubs: Annotated[list[Hub], Field(description="Colocation hubs or data centres with a customer router.")] = Field(default_factory=list)
    links: Annotated[list[Link], Field(description="Explicit links, added to the generated ones.")] = Field(default_factory=list)
    backbone: Annotated[
        list[list[str]],
        Field(description="Pairs of hubs joined by the customer's own network (their routers exchange routes), e.g. [[sh-colo, hk-colo]]: a site with a line to one reaches the other and the sites behind it. Defaults to none."),
    ] = Field(default_factory=list)
    generate: Annotated[bool | None, Field(description="Generate the resilient default: a dedicated line from every active site to each hub (at most two), an IPsec VPN between every pair of sites on different clouds, and a backup VPN from every site with a line to a hub that has a public_ip to that hub, standby sites included. Defaults to true in prod when there is a hub.")] = None
    dedicated_bandwidth_mbps: Annotated[int, Field(ge=1, le=100_000, description=f"Bandwidth of generated dedicated lines. Defaults to {DEFAULT_DEDICATED_MBPS}.")] = DEFAULT_DEDICATED_MBPS
    vpn_bandwidth_mbps: Annotated[int, Field(ge=1, le=10_000, description=f"Bandwidth of generated VPNs. Defaults to {DEFAULT_VPN_MBPS}.")] = DEFAULT_VPN_MBPS
    line_bgp_pool: Annotated[str, Field(description=f"Private IPv4 range (/16-/28) the BGP /30s of dedicated lines come from on clouds that refuse link-local addresses (Huawei Cloud); it must not overlap any site or hub network. Defaults to {DEFAULT_LINE_BGP_POOL}.")] = DEFAULT_LINE_BGP_POOL
    transit_prepaid_months: Annotated[PrepaidMonths, Field(description=f"Months of cross-region transit bandwidth bought up front where the cloud sells it prepaid (Volcano Engine bandwidth packages): 1-9, 12 or 36. Defaults to {DEFAULT_PREPAID_MONTHS}.")] = DEFAULT_PREPAID_MONTHS
    site_asns: Annotated[dict[str, int], Field(description="Pins the cloud-side BGP ASN of a site, by site name. Defaults to one derived from the site name in 64512-65534, where the cloud lets it be chosen.")] = Field(default_factory=dict)
