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
from inferline.planning.paths import BACKBONE, Hop, PathGraph

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
    # A VPN to a hub: the networks the site's end routes into the tunnel (TopologyPlan.routed_over).
    hub_routes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopologyPlan:
    links: tuple[PlannedLink, ...] = ()
    site_asns: dict[str, int] = field(default_factory=dict)
    # Hubs joined by the customer's own network, each pair in name order.
    backbone: tuple[tuple[Endpoint, Endpoint], ...] = ()

    def connected_cidrs(self, site: str) -> tuple[str, ...]:
        """Every network ``site`` reaches: those of every endpoint it has a path to (``paths``)."""
        graph = self.graph()
        reached = {cidr for end in self.endpoints().values() if end.name != site and graph.paths(site, end.name) for cidr in end.cidrs}
        return _in_address_order(reached)

    def links_of(self, site: str) -> list[PlannedLink]:
        return [link for link in self.links if site in (link.a.name, link.b.name)]

    def reached_over(self, line: PlannedLink) -> tuple[str, ...]:
        """Networks a dedicated line carries: those behind its hub (``_behind``), the line's site's own excluded."""
        return self._cidrs(self._behind(line.b.name) - {line.a.name})

    def routed_over(self, vpn: PlannedLink) -> tuple[str, ...]:
        """Networks a site routes into its VPN to a hub: those behind the hub, except the sites it has a link of
        its own to. Their whole networks are already routed over that link, and a route table takes one route per
        destination (the line's halves are longer prefixes, so the sites behind a line stay)."""
        site = vpn.a if vpn.a.kind == "site" else vpn.b
        hub = vpn.b if site is vpn.a else vpn.a
        return self._cidrs(self._behind(hub.name) - {site.name} - self._site_peers(site.name))

    def paths(self) -> list[tuple[str, str, str, str]]:
        """(from, to, primary path, backup path) for every pair of sites and every site-hub pair; "none" where
        there is no path (or no second one sharing no cloud link with the first)."""
        graph = self.graph()
        sites = sorted(self.site_asns)
        hubs = sorted(graph.hubs)
        pairs = [*itertools.combinations(sites, 2), *((site, hub) for site in sites for hub in hubs)]
        rows = []
        for a, b in pairs:
            primary, backup = graph.primary_and_backup(a, b)
            rows.append((a, b, primary.label if primary else "none", backup.label if backup else "none"))
        return rows

    def graph(self) -> PathGraph:
        """The links as paths see them, each with the endpoints its site ends route over it."""
        hops = [Hop(link.id, link.kind, link.a.name, link.b.name, link.bandwidth_mbps, self._carries(link)) for link in self.links]
        hops += [Hop(f"{BACKBONE}:{a.name}~{b.name}", BACKBONE, a.name, b.name, 0, {}) for a, b in self.backbone]
        return PathGraph(tuple(hops), frozenset(end.name for end in self.endpoints().values() if end.kind == "hub"))

    def _carries(self, link: PlannedLink) -> dict[str, frozenset[str]]:
        if link.a.kind == link.b.kind == "site":
            return {link.a.name: frozenset({link.b.name}), link.b.name: frozenset({link.a.name})}
        site, hub = (link.a, link.b) if link.a.kind == "site" else (link.b, link.a)
        behind = self._behind(hub.name) - {site.name}
        return {site.name: behind if link.kind == "dedicated" else behind - self._site_peers(site.name)}

    def _behind(self, hub: str) -> frozenset[str]:
        """The hub, the hubs the backbone joins it to, and every site with a link to one of them."""
        hubs, frontier = {hub}, [hub]
        while frontier:
            current = frontier.pop()
            for a, b in self.backbone:
                if current in (a.name, b.name):
                    other = b.name if current == a.name else a.name
                    if other not in hubs:
                        hubs.add(other)
                        frontier.append(other)
        sites = {end.name for link in self.links if {link.a.name, link.b.name} & hubs for end in (link.a, link.b) if end.kind == "site"}
        return frozenset(hubs | sites)

    def _site_peers(self, site: str) -> frozenset[str]:
        """Sites joined to ``site`` by a link of their own (peering, transit or VPN)."""
        return frozenset(
            end.name for link in self.links_of(site) if link.a.kind == link.b.kind == "site" for end in (link.a, link.b) if end.name != site
        )

    def endpoints(self) -> dict[str, Endpoint]:
        """Every endpoint of a link or the backbone, by name."""
        return {end.name: end for link in self.links for end in (link.a, link.b)} | {end.name: end for pair in self.backbone for end in pair}

    def _cidrs(self, names: frozenset[str]) -> tuple[str, ...]:
        endpoints = self.endpoints()
        return _in_address_order({cidr for name in names if name in endpoints for cidr in endpoints[name].cidrs})


def _in_address_order(cidrs: set[str]) -> tuple[str, ...]:
    return tuple(sorted(cidrs, key=lambda cidr: ipaddress.IPv4Network(cidr)))


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
    (prod): every dedicated line has a backup path to its hub, and every pair of sites has a path."""
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

    backbone, backbone_problems = _backbone(settings)
    problems += backbone_problems
    site_asns, asn_problems = _site_asns(settings, sites)
    problems += asn_problems
    endpoints = {
        **{
            site.name: Endpoint(
                site.name, "site", site.cloud, site.region, (addresses.sites[site.name].cidr,), site_asns[site.name],
                zone_count=len(site.zones),
            )
            for site in sites
        },
        **{
            hub.name: Endpoint(hub.name, "hub", None, None, tuple(hub.cidrs), hub.asn, hub.location, tuple(sorted(hub.access_points.items())))
            for hub in settings.hubs
        },
    }

    requested = [(f"interconnect.links[{index}]", link, False) for index, link in enumerate(settings.links)]
    if generate:
        requested += [("interconnect (generated)", link, True) for link in _generated_links(settings, sites, requested)]

    links: list[PlannedLink] = []
    where: dict[str, str] = {}
    for path, link, generated in requested:
        planned, link_problems = _plan_link(path, link, generated, endpoints, settings)
        problems += link_problems
        if planned is not None:
            links.append(planned)
            where.setdefault(planned.id, path)
    problems += _clashes(links)
    problems += _asn_clashes(settings, links)
    problems += _asn_range_problems(links)
    problems += _lines_per_site(links)
    problems += _hub_overlaps(settings, links)
    problems += _pool_overlaps(settings, links)
    problems += _one_route_per_destination(links)
    draft = TopologyPlan(tuple(sorted(links, key=lambda link: link.id)), site_asns, tuple((endpoints[a], endpoints[b]) for a, b in backbone))
    # A generated VPN to a hub with nothing to carry (a hub without networks of its own, whose sites all have links
    # of their own to this one) would be a tunnel without routes: it is not generated. One asked for is refused.
    idle = [link for link in draft.links if "hub" in (link.a.kind, link.b.kind) and link.kind == "vpn" and not draft.routed_over(link)]
    draft = dataclasses.replace(draft, links=tuple(link for link in draft.links if not (link.generated and link in idle)))
    problems += [
        Problem(where[link.id], f"this VPN would carry no network: hub '{_hub_of(link).name}' has no cidrs and every site behind it has a link of its own to the VPN's site")
        for link in idle
        if not link.generated
    ]
    if require_backup:
        problems += _lines_without_backup(draft)
        problems += _pairs_without_path(draft)
    if problems:
        raise ConfigError(problems)
    graph = draft.graph()
    plan = dataclasses.replace(draft, links=tuple(_with_role(link, draft, graph) for link in draft.links))
    crowded = _crowded_tunnels(plan, where)
    if crowded:
        raise ConfigError(crowded)
    return plan


#: Clouds whose VPN connection takes a bounded list of remote networks (Volcano Engine vpn.Connection
#: remote_subnets: "Up to 5 network segments are supported", SDK docstring). A VPN to a hub routes everything
#: behind the hub and the backbone, so the count is checked here, not met halfway through a deployment.
VPN_MAX_REMOTE_NETWORKS = {"volcengine": 5}


def _crowded_tunnels(plan: TopologyPlan, where: dict[str, str]) -> list[Problem]:
    problems = []
    for link in plan.links:
        site = link.a if link.a.kind == "site" else link.b
        limit = VPN_MAX_REMOTE_NETWORKS.get(site.cloud or "")
        if link.hub_routes and limit is not None and len(link.hub_routes) > limit:
            problems.append(
                Problem(
                    where.get(link.id, "interconnect.links"),
                    f"the VPN from '{site.name}' to hub '{_hub_of(link).name}' would route {len(link.hub_routes)} networks "
                    f"({', '.join(link.hub_routes)}); a {site.cloud} VPN connection takes at most {limit}",
                )
            )
    return problems


def _hub_of(link: PlannedLink) -> Endpoint:
    return link.a if link.a.kind == "hub" else link.b


def _backbone(settings: InterconnectSettings) -> tuple[list[tuple[str, str]], list[Problem]]:
    """The backbone's hub pairs, each in name order; unknown hubs, a hub joined to itself and repeats refused."""
    hubs = {hub.name for hub in settings.hubs}
    pairs: list[tuple[str, str]] = []
    problems = []
    for index, entry in enumerate(settings.backbone):
        where = f"interconnect.backbone[{index}]"
        if len(entry) != 2:
            problems.append(Problem(where, f"names {len(entry)} {'hub' if len(entry) == 1 else 'hubs'}; a backbone entry joins two"))
            continue
        first, second = entry
        unknown = [name for name in (first, second) if name not in hubs]
        if unknown:
            problems += [Problem(where, f"'{name}' is not a hub of this stack") for name in dict.fromkeys(unknown)]
        elif first == second:
            problems.append(Problem(where, f"hub '{first}' cannot be joined to itself"))
        elif tuple(sorted((first, second))) in pairs:
            problems.append(Problem(where, f"hubs '{first}' and '{second}' are already joined"))
        else:
            pairs.append((min(first, second), max(first, second)))
    return pairs, problems


#: RFC 5737's documentation blocks: not globally routed, but the stand-in for a router's address in the shipped
#: stacks and README, which say to replace it. Accepted so they validate; any other non-global address is refused.
DOCUMENTATION_NETWORKS = tuple(ipaddress.IPv4Network(c) for c in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"))


def documentation_addresses(settings: InterconnectSettings) -> list[tuple[str, str]]:
    """(hub, address) for each hub whose public_ip is an RFC 5737 documentation address: it validates, but a VPN to
    it never comes up (AWS, CreateCustomerGateway: the address must be Internet-routable), so the preview warns."""
    return [
        (hub.name, hub.public_ip)
        for hub in sorted(settings.hubs, key=lambda hub: hub.name)
        if hub.public_ip is not None and any(ipaddress.IPv4Address(hub.public_ip) in network for network in DOCUMENTATION_NETWORKS)
    ]


def _is_public(address: str) -> bool:
    try:
        parsed = ipaddress.IPv4Address(address)
    except ValueError:
        return False
    return parsed.is_global or any(parsed in network for network in DOCUMENTATION_NETWORKS)


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
    # A backup VPN beside every line to a hub with an IPsec endpoint (AWS's "Direct Connect with a Site-to-Site VPN
    # backup"), standby sites' lines included: losing the line must not be losing the hub and what lies behind it.
    public = {hub.name for hub in settings.hubs if hub.public_ip is not None}
    lines = {frozenset(link.between) for link in [*(link for _, link, _ in explicit), *links] if link.kind == "dedicated"}
    for ends in sorted(lines, key=sorted):
        if ends & public and ("vpn", ends) not in existing:
            links.append(Link(kind="vpn", between=sorted(ends), bandwidth_mbps=settings.vpn_bandwidth_mbps))
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


def _lines_without_backup(plan: TopologyPlan) -> list[Problem]:
    """What a dedicated line carries (the hub's networks, those behind the backbone, the sites behind them; the
    hub itself when that is nothing) must be reachable from the line's site without it: by a VPN to the hub, a
    line to a hub the backbone joins to it, or the site's own links to the sites behind. A VPN to another site
    does not reach a hub: a VPC does not carry traffic on to its peers' hubs."""
    graph = plan.graph()
    endpoints = plan.endpoints()
    problems = []
    for line in (link for link in plan.links if link.kind == "dedicated"):
        carried = sorted(name for name in graph.carried(line.id, line.a.name) if endpoints[name].cidrs) or [line.b.name]
        lost = [name for name in carried if not any(line.id not in path.access for path in graph.paths(line.a.name, name))]
        if lost:
            named = ", ".join(f"'{name}'" for name in lost)
            problems.append(
                Problem(
                    "interconnect.links",
                    f"site '{line.a.name}' reaches {named} by its dedicated line to hub '{line.b.name}' and nothing else; "
                    f"give the hub a public_ip for a VPN beside the line, or add a line to another hub joined to "
                    f"'{line.b.name}' by interconnect.backbone, so that losing the line is not losing {'it' if len(lost) == 1 else 'them'}",
                )
            )
    return problems


def _pairs_without_path(plan: TopologyPlan) -> list[Problem]:
    """Two sites that are both on the interconnect but cannot reach each other: most often two hubs the backbone
    does not join. A site with no link at all stands alone by choice and is not asked to."""
    graph = plan.graph()
    linked = sorted({end.name for link in plan.links for end in (link.a, link.b) if end.kind == "site"})
    return [
        Problem("interconnect.links", f"sites '{a}' and '{b}' both have links but no path between them; add a link between them or join their hubs by interconnect.backbone")
        for a, b in itertools.combinations(linked, 2)
        if not graph.paths(a, b)
    ]


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


def _with_role(link: PlannedLink, plan: TopologyPlan, graph: PathGraph) -> PlannedLink:
    """A VPN is the backup where its two ends have a better path (``paths``); a VPN to a hub gets its routes."""
    if link.kind != "vpn":
        return link
    primary, _ = graph.primary_and_backup(link.a.name, link.b.name)
    role: Role = "primary" if primary is not None and primary.hops[0].id == link.id and len(primary.hops) == 1 else "backup"
    hub_routes = plan.routed_over(link) if "hub" in (link.a.kind, link.b.kind) else ()
    return dataclasses.replace(link, role=role, hub_routes=hub_routes)
