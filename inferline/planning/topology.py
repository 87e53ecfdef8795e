"""The interconnect plan: every link with its endpoints, role, BGP session and addresses, checked.

Pure and deterministic. Link-local BGP /30s, VLANs and site ASNs are derived from hashes of stable names,
so adding or removing a link never re-addresses another (a clash is an error asking to pin one value).
"""

from __future__ import annotations

import dataclasses
import hashlib
import ipaddress
import itertools
from dataclasses import dataclass, field
from typing import Literal

from inferline.clouds.interconnect import LIMITS, in_ranges, vpn_gateway_size
from inferline.config.interconnect import InterconnectSettings, Link, LinkKind
from inferline.config.site import SiteConfig
from inferline.errors import ConfigError, Problem
from inferline.planning.addresses import AddressPlan

Role = Literal["primary", "backup"]

LINK_LOCAL = ipaddress.IPv4Network("169.254.0.0/16")
#: /30s AWS refuses as VPN tunnel inside CIDRs (VpnTunnelOptionsSpecification.TunnelInsideCidr); avoided everywhere.
RESERVED_LINK_LOCAL = tuple(ipaddress.IPv4Network(c) for c in ("169.254.0.0/22", "169.254.4.0/23", "169.254.169.252/30"))
#: ASNs no one may use (RFC 7300 last ASNs, RFC 6793 AS_TRANS, RFC 5398 documentation ranges).
RESERVED_ASNS = ((0, 0), (23456, 23456), (64496, 64511), (65535, 65551), (4294967295, 4294967295))
#: Private ASN range a site's cloud-side ASN is derived from (RFC 6996), accepted by every cloud that lets it be chosen.
PRIVATE_ASN_RANGE = (64512, 65534)
#: Clouds whose side of a BGP session has a fixed ASN (Alibaba Cloud: 45104, CreateBgpGroup API reference).
FIXED_CLOUD_ASNS = {"alicloud": 45104}
#: Same-cloud link kinds each cloud cannot build, with the reason (provider matrix section 2).
UNSUPPORTED_LINKS: dict[tuple[str, LinkKind], str] = {
    ("volcengine", "peering"): "Volcano Engine's SDK has no VPC peering resource; use a transit link",
}
SAME_REGION_ONLY: dict[tuple[str, LinkKind], str] = {
    ("huaweicloud", "peering"): "Huawei Cloud VPC peering connects VPCs of one region only",
    ("huaweicloud", "transit"): "Huawei Cloud Enterprise Routers are regional and SDK 0.0.12 has no ER peering",
}
#: Clouds whose SDK orders the physical line itself from inferline's configuration (AWS: directconnect.Connection
#: takes the location and bandwidth); elsewhere the line needs carrier and port data, so its id must be given.
ORDERS_LINES = frozenset({"aws"})
#: Clouds whose VPN outside address belongs to each connection rather than the gateway (AWS: VpnConnection.
#: tunnel1_address): one end of a tunnel must know the other's address first, so two such ends cannot meet.
PER_CONNECTION_VPN_ADDRESS = frozenset({"aws"})
#: Clouds whose VPC takes a single dedicated-line gateway, so a site there has at most one dedicated line.
ONE_LINE_PER_SITE = {"huaweicloud": "a Huawei Cloud VPC takes one Direct Connect virtual gateway, so a site has one dedicated line"}
#: Derived VLANs stay below 3000, inside every cloud's range (Tencent dedicated tunnels take 0-3000).
VLAN_RANGE = (100, 2999)


@dataclass(frozen=True)
class Endpoint:
    name: str
    kind: Literal["site", "hub"]
    cloud: str | None
    region: str | None
    cidrs: tuple[str, ...]
    asn: int
    active: bool = True
    # Hubs only: where the router is, and each cloud's access point there.
    location: str = ""
    access_points: tuple[tuple[str, str], ...] = ()
    # Sites only: how many zones the site spans.
    zone_count: int = 0

    def access_point(self, cloud: str) -> str:
        return dict(self.access_points)[cloud]


@dataclass(frozen=True)
class BgpSession:
    cidr: str
    a_ip: str
    b_ip: str


@dataclass(frozen=True)
class PlannedLink:
    id: str
    kind: LinkKind
    a: Endpoint
    b: Endpoint
    bandwidth_mbps: int
    role: Role
    generated: bool
    bgp: BgpSession | None = None
    vlan: int | None = None
    connection_id: str | None = None
    # Transit links: months of cross-region bandwidth bought up front where the cloud sells it prepaid.
    prepaid_months: int | None = None


@dataclass(frozen=True)
class TopologyPlan:
    links: tuple[PlannedLink, ...] = ()
    site_asns: dict[str, int] = field(default_factory=dict)

    def connected_cidrs(self, site: str) -> tuple[str, ...]:
        """Every network ``site`` reaches: directly linked endpoints, and sites sharing a hub with it."""
        reached: set[str] = set()
        hubs = {link.b.name for link in self.links if link.kind == "dedicated" and link.a.name == site}
        for link in self.links:
            ends = (link.a, link.b)
            if any(end.name == site for end in ends):
                reached.update(cidr for end in ends if end.name != site for cidr in end.cidrs)
            if link.kind == "dedicated" and link.b.name in hubs and link.a.name != site:
                reached.update(link.a.cidrs)
        return tuple(sorted(reached, key=lambda cidr: ipaddress.IPv4Network(cidr)))

    def links_of(self, site: str) -> list[PlannedLink]:
        return [link for link in self.links if site in (link.a.name, link.b.name)]

    def reached_over(self, line: PlannedLink) -> tuple[str, ...]:
        """Networks a dedicated line carries: the hub's, and those of the other sites with a line to that hub."""
        others = [link.a for link in self.links if link.kind == "dedicated" and link.b.name == line.b.name and link.a.name != line.a.name]
        cidrs = {*line.b.cidrs, *(cidr for site in others for cidr in site.cidrs)}
        return tuple(sorted(cidrs, key=lambda cidr: ipaddress.IPv4Network(cidr)))

    def paths(self) -> list[tuple[str, str, str, str]]:
        """(from, to, primary path, backup path) for every pair of sites and every site-hub pair; "none" where
        there is no path (or no second one)."""
        sites = sorted(self.site_asns)
        hubs = sorted({end.name for link in self.links for end in (link.a, link.b) if end.kind == "hub"})
        rows = [(a, b, *self._first_two(self._site_paths(a, b))) for a, b in itertools.combinations(sites, 2)]
        rows += [(site, hub, *self._first_two(self._hub_paths(site, hub))) for site in sites for hub in hubs]
        return rows

    @staticmethod
    def _first_two(paths: list[str]) -> tuple[str, str]:
        return (paths[0] if paths else "none", ", ".join(paths[1:]) or "none")

    def _lines_of(self, site: str) -> set[str]:
        return {link.b.name for link in self.links if link.kind == "dedicated" and link.a.name == site}

    def _site_paths(self, a: str, b: str) -> list[str]:
        direct = [link for link in self.links if {link.a.name, link.b.name} == {a, b}]
        paths = [f"dedicated via {hub}" for hub in sorted(self._lines_of(a) & self._lines_of(b))]
        paths += [link.kind for link in direct if link.kind != "vpn"]
        return paths + [f"vpn ({link.bandwidth_mbps} Mbps)" for link in direct if link.kind == "vpn"]

    def _hub_paths(self, site: str, hub: str) -> list[str]:
        direct = [link for link in self.links if {link.a.name, link.b.name} == {site, hub}]
        paths = ["dedicated" for link in direct if link.kind == "dedicated"]
        return paths + [f"vpn ({link.bandwidth_mbps} Mbps)" for link in direct if link.kind == "vpn"]

def _digest(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def derived_asn(site: str) -> int:
    low, high = PRIVATE_ASN_RANGE
    return low + _digest(f"asn:{site}") % (high - low + 1)


def derived_bgp_cidr(link_id: str) -> ipaddress.IPv4Network:
    """A /30 in 169.254.0.0/16 outside the reserved blocks, from a hash of the link id."""
    usable = [net for net in LINK_LOCAL.subnets(new_prefix=22) if not any(net.overlaps(r) for r in RESERVED_LINK_LOCAL)]
    block = usable[_digest(f"bgp:{link_id}") % len(usable)]
    candidates = [net for net in block.subnets(new_prefix=30) if not any(net.overlaps(r) for r in RESERVED_LINK_LOCAL)]
    return candidates[_digest(f"bgp30:{link_id}") % len(candidates)]


def pooled_bgp_cidr(link_id: str, pool: ipaddress.IPv4Network) -> ipaddress.IPv4Network:
    """A /30 of the private pool, from a hash of the link id (for clouds that refuse link-local BGP addresses)."""
    count = 2 ** (30 - pool.prefixlen)
    index = _digest(f"bgp-pool:{link_id}") % count
    return ipaddress.IPv4Network((int(pool.network_address) + 4 * index, 30))


def derived_vlan(link_id: str) -> int:
    low, high = VLAN_RANGE
    return low + _digest(f"vlan:{link_id}") % (high - low + 1)


def _reserved_asn(asn: int) -> bool:
    return any(low <= asn <= high for low, high in RESERVED_ASNS)


def plan_topology(
    settings: InterconnectSettings, sites: list[SiteConfig], addresses: AddressPlan, generate: bool, require_backup: bool = False
) -> TopologyPlan:
    """Expand explicit and generated links; raise ``ConfigError`` with every problem found. ``require_backup``
    (prod): every dedicated line's site has a second path, a VPN or a line to another hub."""
    problems: list[Problem] = []
    site_names = {site.name for site in sites}
    for index, hub in enumerate(settings.hubs):
        if hub.name in site_names:
            problems.append(Problem(f"interconnect.hubs[{index}].name", f"'{hub.name}' is already a site name"))
        if _reserved_asn(hub.asn):
            problems.append(Problem(f"interconnect.hubs[{index}].asn", f"{hub.asn} is a reserved ASN"))
        if hub.public_ip is not None and not _is_public(hub.public_ip):
            problems.append(Problem(f"interconnect.hubs[{index}].public_ip", f"'{hub.public_ip}' is not a public IPv4 address; clouds' customer gateways refuse private, loopback, link-local and multicast addresses"))
    for first, second in itertools.combinations(enumerate(settings.hubs), 2):
        if first[1].asn == second[1].asn:
            problems.append(Problem(f"interconnect.hubs[{second[0]}].asn", f"hub '{second[1].name}' reuses ASN {second[1].asn} of hub '{first[1].name}'"))

    site_asns, asn_problems = _site_asns(settings, sites)
    problems += asn_problems
    endpoints = {
        **{
            site.name: Endpoint(
                site.name, "site", site.cloud, site.region, (addresses.sites[site.name].cidr,), site_asns[site.name], site.role == "active",
                zone_count=len(site.zones),
            )
            for site in sites
        },
        **{
            hub.name: Endpoint(hub.name, "hub", None, None, tuple(hub.cidrs), hub.asn, True, hub.location, tuple(sorted(hub.access_points.items())))
            for hub in settings.hubs
        },
    }

    requested = [(f"interconnect.links[{index}]", link, False) for index, link in enumerate(settings.links)]
    if generate:
        requested += [("interconnect (generated)", link, True) for link in _generated_links(settings, sites, requested)]

    links: list[PlannedLink] = []
    for path, link, generated in requested:
        planned, link_problems = _plan_link(path, link, generated, endpoints, settings)
        problems += link_problems
        if planned is not None:
            links.append(planned)
    problems += _clashes(links)
    problems += _asn_clashes(settings, links)
    problems += _asn_range_problems(links)
    problems += _lines_per_site(links)
    problems += _hub_overlaps(settings, links)
    problems += _pool_overlaps(settings, links)
    problems += _one_route_per_destination(links)
    if require_backup:
        problems += _lines_without_backup(links)
    if problems:
        raise ConfigError(problems)
    links = [_with_role(link, links) for link in links]
    return TopologyPlan(tuple(sorted(links, key=lambda link: link.id)), site_asns)


def _is_public(address: str) -> bool:
    try:
        return ipaddress.IPv4Address(address).is_global
    except ValueError:
        return False


def _site_asns(settings: InterconnectSettings, sites: list[SiteConfig]) -> tuple[dict[str, int], list[Problem]]:
    problems = []
    names = {site.name for site in sites}
    for name in sorted(set(settings.site_asns) - names):
        problems.append(Problem(f"interconnect.site_asns.{name}", f"'{name}' is not a site of this stack"))
    asns: dict[str, int] = {}
    for site in sorted(sites, key=lambda site: site.name):
        fixed = FIXED_CLOUD_ASNS.get(site.cloud)
        pinned = settings.site_asns.get(site.name)
        if fixed is not None and pinned is not None and pinned != fixed:
            problems.append(Problem(f"interconnect.site_asns.{site.name}", f"{site.cloud} fixes its side of BGP at ASN {fixed}"))
        asns[site.name] = fixed if fixed is not None else pinned if pinned is not None else derived_asn(site.name)
        if pinned is not None and _reserved_asn(pinned):
            problems.append(Problem(f"interconnect.site_asns.{site.name}", f"{pinned} is a reserved ASN"))
    return asns, problems


def _asn_clashes(settings: InterconnectSettings, links: list[PlannedLink]) -> list[Problem]:
    """ASNs must differ only where BGP runs: among the sites that are ends of links, and against the hubs."""
    linked = {end.name: end for link in links for end in (link.a, link.b) if end.kind == "site"}
    choosable = sorted((name, end.asn) for name, end in linked.items() if end.cloud not in FIXED_CLOUD_ASNS)
    problems = [
        Problem(f"interconnect.site_asns.{b}", f"sites '{a}' and '{b}' share ASN {asn_a}; pin another for one of them")
        for (a, asn_a), (b, asn_b) in itertools.combinations(choosable, 2)
        if asn_a == asn_b
    ]
    for hub in settings.hubs:
        problems += [
            Problem("interconnect.site_asns", f"site '{name}' and hub '{hub.name}' share ASN {end.asn}")
            for name, end in sorted(linked.items())
            if end.asn == hub.asn
        ]
    return problems


def _generated_links(settings: InterconnectSettings, sites: list[SiteConfig], explicit: list[tuple[str, Link, bool]]) -> list[Link]:
    existing = {(link.kind, frozenset(link.between)) for _, link, _ in explicit}
    active = sorted((site for site in sites if site.role == "active"), key=lambda site: site.name)
    links = []
    for site in active:
        for hub in settings.hubs[:2]:
            if site.cloud in hub.access_points and ("dedicated", frozenset((site.name, hub.name))) not in existing:
                links.append(
                    Link(
                        kind="dedicated",
                        between=[site.name, hub.name],
                        bandwidth_mbps=settings.dedicated_bandwidth_mbps,
                        connection_id=hub.connections.get(site.name),
                    )
                )
    # Every pair of sites on different clouds, standby sites included: a standby's line needs a backup as much as
    # an active site's does, and it must reach the active sites when it takes over.
    every = sorted(sites, key=lambda site: site.name)
    for a, b in itertools.combinations(every, 2):
        if a.cloud == b.cloud or (a.cloud in PER_CONNECTION_VPN_ADDRESS and b.cloud in PER_CONNECTION_VPN_ADDRESS):
            continue
        if ("vpn", frozenset((a.name, b.name))) not in existing:
            links.append(Link(kind="vpn", between=[a.name, b.name], bandwidth_mbps=settings.vpn_bandwidth_mbps))
    return links


def _plan_link(
    path: str, link: Link, generated: bool, endpoints: dict[str, Endpoint], settings: InterconnectSettings
) -> tuple[PlannedLink | None, list[Problem]]:
    unknown = [name for name in link.between if name not in endpoints]
    if unknown:
        return None, [Problem(f"{path}.between", f"'{name}' is neither a site nor a hub of this stack") for name in unknown]
    a, b = (endpoints[name] for name in link.between)
    if link.kind == "dedicated" and a.kind == "hub":
        a, b = b, a  # a dedicated line is always site -> hub
    elif link.kind != "dedicated" and a.name > b.name:
        # Ends in name order: which end requests and which accepts, and every name made from the ends, must
        # not depend on how the stack file lists them.
        a, b = b, a
    problems = _kind_problems(path, link, a, b, settings) or _limit_problems(path, link, a, b)
    if problems:
        return None, problems
    ends = (a.name, b.name) if link.kind == "dedicated" else tuple(sorted((a.name, b.name)))
    link_id = f"{link.kind}:{ends[0]}~{ends[1]}"
    bgp = None
    if link.kind in ("dedicated", "vpn"):
        link_local = link.kind == "vpn" or LIMITS[a.cloud].line_bgp_link_local  # type: ignore[index]
        pool = ipaddress.IPv4Network(settings.line_bgp_pool)
        cidr = ipaddress.IPv4Network(link.bgp_cidr) if link.bgp_cidr else derived_bgp_cidr(link_id) if link_local else pooled_bgp_cidr(link_id, pool)
        if link_local and (cidr.prefixlen != 30 or not cidr.subnet_of(LINK_LOCAL) or any(cidr.overlaps(r) for r in RESERVED_LINK_LOCAL)):
            return None, [Problem(f"{path}.bgp_cidr", f"{cidr} must be a /30 inside 169.254.0.0/16, outside 169.254.0.0-169.254.5.255 and 169.254.169.252/30")]
        if not link_local and (cidr.prefixlen != 30 or not cidr.subnet_of(pool)):
            reason = LIMITS[a.cloud].line_bgp_source  # type: ignore[index]
            return None, [Problem(f"{path}.bgp_cidr", f"{cidr} must be a /30 inside interconnect.line_bgp_pool {pool}: {reason}")]
        hosts = list(cidr.hosts())
        bgp = BgpSession(str(cidr), str(hosts[0]), str(hosts[1]))
    vlan = (link.vlan or derived_vlan(link_id)) if link.kind == "dedicated" else None
    prepaid = settings.transit_prepaid_months if link.kind == "transit" else None
    planned = PlannedLink(link_id, link.kind, a, b, link.bandwidth_mbps, "primary", generated, bgp, vlan, link.connection_id, prepaid)
    return planned, []


def _kind_problems(path: str, link: Link, a: Endpoint, b: Endpoint, settings: InterconnectSettings) -> list[Problem]:
    kinds = {a.kind, b.kind}
    where = f"{path}.kind"
    if link.kind in ("peering", "transit"):
        if kinds != {"site"} or a.cloud != b.cloud:
            return [Problem(where, f"{link.kind} links join two sites of one cloud; '{a.name}' and '{b.name}' are not")]
        assert a.cloud is not None
        reason = UNSUPPORTED_LINKS.get((a.cloud, link.kind))
        if reason:
            return [Problem(where, reason)]
        reason = SAME_REGION_ONLY.get((a.cloud, link.kind))
        if reason and a.region != b.region:
            return [Problem(where, f"{reason}; '{a.name}' is in {a.region} and '{b.name}' in {b.region}")]
    if link.kind == "dedicated":
        if kinds != {"site", "hub"}:
            return [Problem(where, f"a dedicated line runs from a site to a hub; '{a.name}' and '{b.name}' are not")]
        line_hub = next(h for h in settings.hubs if h.name == b.name)
        if a.cloud not in line_hub.access_points:
            return [Problem(f"{path}.between", f"hub '{line_hub.name}' names no {a.cloud} access point, so no {a.cloud} line can land there")]
        if link.connection_id is None and a.cloud not in ORDERS_LINES:
            return [
                Problem(
                    f"{path}.connection_id",
                    f"{a.cloud} lines are ordered from the carrier, outside inferline: set the physical connection id "
                    f"(connection_id, or hub '{line_hub.name}' connections.{a.name} for a generated line)",
                )
            ]
    if link.kind == "vpn":
        if kinds == {"hub"}:
            return [Problem(where, "a VPN needs at least one site")]
        if a.cloud in PER_CONNECTION_VPN_ADDRESS and b.cloud in PER_CONNECTION_VPN_ADDRESS:
            return [Problem(where, f"an IPsec VPN between two {a.cloud} sites cannot be built: each end's address exists only once the other end's connection does")]
        vpn_hub = next((h for h in settings.hubs if h.name in (a.name, b.name)), None)
        if vpn_hub is not None and vpn_hub.public_ip is None:
            return [Problem(f"{path}.between", f"hub '{vpn_hub.name}' has no public_ip for the VPN to reach")]
    return []


def _limit_problems(path: str, link: Link, a: Endpoint, b: Endpoint) -> list[Problem]:
    """What each end's cloud accepts (``inferline.clouds.interconnect``), checked here so adapters need not."""
    problems = []
    site_clouds = [end.cloud for end in (a, b) if end.kind == "site" and end.cloud is not None]
    for end in (a, b):
        if end.kind == "site" and end.cloud is not None:
            need = LIMITS[end.cloud].min_zones_for_links  # type: ignore[index]
            if end.zone_count < need:
                problems.append(Problem(f"{path}.between", f"site '{end.name}' has {end.zone_count} zone, and on {end.cloud} {LIMITS[end.cloud].min_zones_source}"))  # type: ignore[index]
    if link.kind == "dedicated" and a.cloud is not None:
        limits = LIMITS[a.cloud]  # type: ignore[index]
        low, high = limits.vlan_range
        if link.vlan is not None and not low <= link.vlan <= high:
            problems.append(Problem(f"{path}.vlan", f"{link.vlan} is outside {a.cloud}'s VLAN range {low}-{high} ({limits.vlan_source})"))
        if link.connection_id is None and limits.line_order_speeds_mbps and link.bandwidth_mbps not in limits.line_order_speeds_mbps:
            speeds = ", ".join(map(str, limits.line_order_speeds_mbps))
            problems.append(
                Problem(f"{path}.bandwidth_mbps", f"{a.cloud} orders dedicated connections of {speeds} Mbps, not {link.bandwidth_mbps}; for a partner's hosted connection set connection_id")
            )
    if link.kind == "vpn":
        for cloud in dict.fromkeys(site_clouds):
            if vpn_gateway_size(cloud, link.bandwidth_mbps) is None:
                limits = LIMITS[cloud]  # type: ignore[index]
                allowed = ", ".join(map(str, limits.vpn_gateway_sizes_mbps)) or f"up to {limits.vpn_gateway_max_mbps}"
                problems.append(Problem(f"{path}.bandwidth_mbps", f"a {cloud} VPN gateway carries {allowed} Mbps, not {link.bandwidth_mbps} ({limits.vpn_gateway_source})"))
    if link.kind in ("peering", "transit") and a.cloud is not None and a.region != b.region:
        limits = LIMITS[a.cloud]  # type: ignore[index]
        if link.kind == "transit" and limits.transit_bandwidth_range is not None:
            low, high = limits.transit_bandwidth_range
            if not low <= link.bandwidth_mbps <= high:
                problems.append(Problem(f"{path}.bandwidth_mbps", f"{a.cloud} cross-region transit bandwidth is {low}-{high} Mbps, not {link.bandwidth_mbps}"))
        if limits.transit_bandwidth_steps and link.bandwidth_mbps not in limits.transit_bandwidth_steps:
            steps = ", ".join(map(str, limits.transit_bandwidth_steps))
            problems.append(Problem(f"{path}.bandwidth_mbps", f"{a.cloud} caps cross-region {link.kind} at {steps} Mbps, not {link.bandwidth_mbps}"))
    return problems


def _asn_range_problems(links: list[PlannedLink]) -> list[Problem]:
    """A cloud-side ASN inferline sets must be in the range that cloud's gateways and routers take."""
    linked = {end.name: end for link in links for end in (link.a, link.b) if end.kind == "site" and end.cloud is not None}
    problems = []
    for name, end in sorted(linked.items()):
        limits = LIMITS[end.cloud]  # type: ignore[index]
        if limits.cloud_asn_ranges and not in_ranges(end.asn, limits.cloud_asn_ranges):
            ranges = " or ".join(f"{low}-{high}" for low, high in limits.cloud_asn_ranges)
            problems.append(Problem(f"interconnect.site_asns.{name}", f"{end.asn} is outside {end.cloud}'s cloud-side ASN ranges {ranges} ({limits.cloud_asn_source})"))
    return problems


def _clashes(links: list[PlannedLink]) -> list[Problem]:
    problems = []
    by_id: dict[str, PlannedLink] = {}
    for link in links:
        if link.id in by_id:
            problems.append(Problem("interconnect.links", f"{link.kind} link between '{link.a.name}' and '{link.b.name}' is declared twice"))
        by_id[link.id] = link
    with_bgp = [link for link in links if link.bgp is not None]
    for first, second in itertools.combinations(with_bgp, 2):
        assert first.bgp is not None and second.bgp is not None
        if first.bgp.cidr == second.bgp.cidr:
            problems.append(Problem("interconnect.links", f"links {first.id} and {second.id} both use {first.bgp.cidr} for BGP; pin bgp_cidr on one of them"))
    return problems


def _lines_per_site(links: list[PlannedLink]) -> list[Problem]:
    problems = []
    for site in sorted({link.a.name for link in links if link.kind == "dedicated"}):
        lines = [link for link in links if link.kind == "dedicated" and link.a.name == site]
        reason = ONE_LINE_PER_SITE.get(lines[0].a.cloud or "")
        if reason and len(lines) > 1:
            problems.append(Problem("interconnect.links", f"site '{site}' has {len(lines)} dedicated lines ({', '.join(line.b.name for line in lines)}): {reason}"))
    return problems


def _hub_overlaps(settings: InterconnectSettings, links: list[PlannedLink]) -> list[Problem]:
    """Networks behind a hub may not overlap the sites it connects, nor another hub's networks."""
    problems = []
    for link in links:
        for cidr_a, cidr_b in itertools.product(link.a.cidrs, link.b.cidrs):
            if ipaddress.IPv4Network(cidr_a).overlaps(ipaddress.IPv4Network(cidr_b)):
                problems.append(Problem("interconnect.links", f"'{link.a.name}' ({cidr_a}) and '{link.b.name}' ({cidr_b}) overlap but {link.id} connects them"))
    for (_, first), (j, second) in itertools.combinations(enumerate(settings.hubs), 2):
        for cidr_a, cidr_b in itertools.product(first.cidrs, second.cidrs):
            if ipaddress.IPv4Network(cidr_a).overlaps(ipaddress.IPv4Network(cidr_b)):
                problems.append(Problem(f"interconnect.hubs[{j}].cidrs", f"hub '{second.name}' ({cidr_b}) overlaps hub '{first.name}' ({cidr_a})"))
    return problems


#: Clouds whose route tables refuse two routes to one destination (ECMP), so two sites of that cloud take either
#: a VPN or a same-cloud link between them, never both (Tencent VPC API: a route table refuses a second route to
#: a destination it already routes).
ONE_ROUTE_PER_DESTINATION = {"tencentcloud": "Tencent Cloud route tables refuse two routes to one destination"}


def _one_route_per_destination(links: list[PlannedLink]) -> list[Problem]:
    problems = []
    by_pair: dict[frozenset[str], list[PlannedLink]] = {}
    for link in links:
        if link.a.kind == link.b.kind == "site" and link.a.cloud == link.b.cloud and link.a.cloud in ONE_ROUTE_PER_DESTINATION:
            by_pair.setdefault(frozenset((link.a.name, link.b.name)), []).append(link)
    for pair_links in by_pair.values():
        kinds = sorted({link.kind for link in pair_links})
        if "vpn" in kinds and len(kinds) > 1:
            first = pair_links[0]
            reason = ONE_ROUTE_PER_DESTINATION[first.a.cloud or ""]
            problems.append(
                Problem("interconnect.links", f"'{first.a.name}' and '{first.b.name}' are joined by {' and '.join(kinds)}: {reason}; keep one")
            )
    return problems


def _lines_without_backup(links: list[PlannedLink]) -> list[Problem]:
    problems = []
    for site in sorted({link.a.name for link in links if link.kind == "dedicated"}):
        lines = [link for link in links if link.kind == "dedicated" and link.a.name == site]
        vpns = [link for link in links if link.kind == "vpn" and site in (link.a.name, link.b.name)]
        if len(lines) < 2 and not vpns:
            problems.append(
                Problem(
                    "interconnect.links",
                    f"site '{site}' reaches hub '{lines[0].b.name}' by one dedicated line and nothing else; add a VPN "
                    "(to the hub or another site) or a line to a second hub, so that losing the line is not losing the site",
                )
            )
    return problems


def _pool_overlaps(settings: InterconnectSettings, links: list[PlannedLink]) -> list[Problem]:
    """BGP /30s drawn from the private pool must not overlap a network they route between."""
    pool = ipaddress.IPv4Network(settings.line_bgp_pool)
    problems = []
    for link in links:
        if link.bgp is None or not ipaddress.IPv4Network(link.bgp.cidr).subnet_of(pool):
            continue
        for end in (link.a, link.b):
            for cidr in end.cidrs:
                if ipaddress.IPv4Network(cidr).overlaps(ipaddress.IPv4Network(link.bgp.cidr)):
                    problems.append(Problem("interconnect.line_bgp_pool", f"{link.id}'s BGP /30 {link.bgp.cidr} overlaps '{end.name}' ({cidr}); choose another pool"))
    return problems


def _with_role(link: PlannedLink, links: list[PlannedLink]) -> PlannedLink:
    """A VPN between two sites that also share a hub over dedicated lines is the backup path."""
    if link.kind != "vpn" or link.a.kind != "site" or link.b.kind != "site":
        return link
    hubs_a = {other.b.name for other in links if other.kind == "dedicated" and other.a.name == link.a.name}
    hubs_b = {other.b.name for other in links if other.kind == "dedicated" and other.a.name == link.b.name}
    if hubs_a & hubs_b:
        return dataclasses.replace(link, role="backup")
    return link
