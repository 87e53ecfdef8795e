"""Stack-wide transit networks, planned once from the whole topology.

On Alibaba Cloud a VPC attaches to one Cloud Enterprise Network (CEN) and sites only meet on one CEN, so every
Alibaba site with a dedicated line or a transit link joins the stack's one CEN. A CEN has at most one transit
router per region: one router and one route table per region used, shared by that region's sites, and one
inter-region connection per pair of regions joined by a transit link. Everything here is keyed by identities
(cloud, region, site names), never by positions or build order, so adding a site or a link adds to the plan
and never renames what is planned already.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from inferline.clouds import CloudName
from inferline.planning.topology import TopologyPlan

#: Clouds whose sites share one stack-wide transit network (built by components.interconnect.transit).
TRANSIT_NETWORK_CLOUDS: frozenset[CloudName] = frozenset({"alicloud"})


@dataclass(frozen=True)
class TransitNetworkPlan:
    """One cloud's stack-wide transit network: its members, a router per region, connections between regions."""

    cloud: CloudName
    stack: str
    protect: bool
    tags: Mapping[str, str]
    # Member site -> its region, ordered by site name.
    members: Mapping[str, str]
    # (region, region), sorted within and across pairs -> the connection's bandwidth (the largest of its links').
    region_pairs: Mapping[tuple[str, str], int]
    # Member sites with dedicated lines, ordered by name: before the stack-wide network each had its own CEN.
    line_sites: tuple[str, ...] = ()

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.members.values())))


def plan_transit_networks(
    topology: TopologyPlan,
    *,
    stack: str,
    protect: bool,
    tags: Mapping[str, str],
) -> Mapping[CloudName, TransitNetworkPlan]:
    plans: dict[CloudName, TransitNetworkPlan] = {}
    ends = {end.name: end for link in topology.links for end in (link.a, link.b) if end.kind == "site"}
    site_clouds = {name: end.cloud for name, end in ends.items()}
    site_regions = {name: end.region or "" for name, end in ends.items()}
    for cloud in sorted(TRANSIT_NETWORK_CLOUDS):
        line_sites = sorted({link.a.name for link in topology.links if link.kind == "dedicated" and site_clouds.get(link.a.name) == cloud})
        transit_links = [
            link
            for link in topology.links
            if link.kind == "transit" and site_clouds.get(link.a.name) == cloud and site_clouds.get(link.b.name) == cloud
        ]
        members = set(line_sites) | {end.name for link in transit_links for end in (link.a, link.b)}
        if not members:
            continue
        pairs: dict[tuple[str, str], int] = {}
        for link in transit_links:
            first, second = sorted((site_regions[link.a.name], site_regions[link.b.name]))
            if first != second:
                pairs[(first, second)] = max(pairs.get((first, second), 0), link.bandwidth_mbps)
        plans[cloud] = TransitNetworkPlan(
            cloud=cloud,
            stack=stack,
            protect=protect,
            tags=MappingProxyType(dict(tags)),
            members=MappingProxyType({site: site_regions[site] for site in sorted(members)}),
            region_pairs=MappingProxyType(dict(sorted(pairs.items()))),
            line_sites=tuple(line_sites),
        )
    return MappingProxyType(plans)
