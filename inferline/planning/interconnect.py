"""Each site's end of the interconnect, decided before any resource is declared.

The topology (``inferline.planning.topology``) plans links between endpoints; this module turns it into what
one site builds: its dedicated lines (each with the networks it carries) and the VPN gateway its tunnels share,
sized here once rather than by whichever link is built first.
"""

from __future__ import annotations

from dataclasses import dataclass

from inferline.clouds.interconnect import vpn_gateway_size
from inferline.planning.topology import BgpSession, PlannedLink, TopologyPlan
from inferline.planning.transit import TRANSIT_NETWORK_CLOUDS


@dataclass(frozen=True)
class LinePlan:
    """A leased line from the site to a hub's router, with a BGP session over a private virtual interface."""

    link_id: str
    hub_name: str
    hub_location: str
    hub_asn: int
    # The cloud's access point (location code) at the hub, where its side of the line lands.
    access_point: str
    bandwidth_mbps: int
    vlan: int
    # An existing physical connection ordered from the carrier; None lets the adapter order one where the SDK can.
    connection_id: str | None
    # Link-local /30: a_ip is the cloud's side, b_ip the hub router's.
    bgp: BgpSession
    # Networks reached over this line (the hub's and those of the other sites with a line to that hub).
    remote_cidrs: tuple[str, ...]


@dataclass(frozen=True)
class TransitPeer:
    """The other end of a transit link through the stack-wide transit network: routed to by its network."""

    site: str
    cidr: str
    # The link's SameCloudLink component (``{kind}-{a}-{b}``), where this site's routes to the peer used to be.
    link: str = ""


@dataclass(frozen=True)
class SiteInterconnectSpec:
    """What one site builds for the interconnect; empty when the site has no links."""

    # The site's side of every BGP session (fixed by the cloud on Alibaba Cloud).
    asn: int
    # Connections, interfaces and transit hubs are protected in prod.
    protect: bool
    lines: tuple[LinePlan, ...] = ()
    # Size of the site's one VPN gateway, shared by all its tunnels: the cloud's size that carries the largest
    # tunnel (clouds.interconnect.vpn_gateway_size); None: no gateway.
    vpn_gateway_mbps: int | None = None
    # Same-cloud sites this site reaches through the stack-wide transit network (clouds that have one), by name.
    transit_peers: tuple[TransitPeer, ...] = ()
    # Ids of every link with this site at one end (lines, tunnels, peering and transit).
    link_ids: tuple[str, ...] = ()

    @property
    def has_links(self) -> bool:
        return bool(self.link_ids)


def site_interconnect(topology: TopologyPlan, site: str, cloud: str, protect: bool) -> SiteInterconnectSpec:
    links = topology.links_of(site)
    return SiteInterconnectSpec(
        asn=topology.site_asns[site],
        protect=protect,
        lines=tuple(_line(topology, link, cloud) for link in links if link.kind == "dedicated"),
        vpn_gateway_mbps=_vpn_gateway_size(cloud, [link.bandwidth_mbps for link in links if link.kind == "vpn"]),
        transit_peers=tuple(
            sorted(
                (
                    TransitPeer(other.name, other.cidrs[0], f"{link.kind}-{link.a.name}-{link.b.name}")
                    for link in links
                    if link.kind == "transit" and cloud in TRANSIT_NETWORK_CLOUDS
                    for other in (link.a, link.b)
                    if other.name != site
                ),
                key=lambda peer: peer.site,
            )
        ),
        link_ids=tuple(link.id for link in links),
    )


def _vpn_gateway_size(cloud: str, tunnels_mbps: list[int]) -> int | None:
    """The size of the site's VPN gateway: the cloud's size that carries its largest tunnel (validated by the
    topology planner, so one exists)."""
    if not tunnels_mbps:
        return None
    size = vpn_gateway_size(cloud, max(tunnels_mbps))
    assert size is not None  # topology._limit_problems refused the link otherwise
    return size


def _line(topology: TopologyPlan, link: PlannedLink, cloud: str) -> LinePlan:
    assert link.bgp is not None and link.vlan is not None  # the topology planner gives every dedicated link both
    hub = link.b
    return LinePlan(
        link_id=link.id,
        hub_name=hub.name,
        hub_location=hub.location,
        hub_asn=hub.asn,
        access_point=hub.access_point(cloud),
        bandwidth_mbps=link.bandwidth_mbps,
        vlan=link.vlan,
        connection_id=link.connection_id,
        bgp=link.bgp,
        remote_cidrs=topology.reached_over(link),
    )
