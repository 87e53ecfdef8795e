"""The address plan: a CIDR for every site and every subnet, from one supernet.

Rules, in order of precedence:

1. A site's explicit ``cidr`` always wins.
2. Otherwise its explicit ``slot`` picks the block ``slot`` of the supernet (blocks of ``site_prefix``).
3. Otherwise the block is derived from a hash of the site name.

A site's block therefore depends only on its own name and settings: adding, removing or re-ordering
other sites never moves it (awsx re-addressed users' subnets when its positional layout changed:
pulumi-awsx #1152, #1204, #1913). A clash is an error that names both sites, never a silent move.

Inside a site block of prefix P, zone ``i`` (its position in the site's zone list) gets the i-th
private subnet of ``private_prefix``; the last private-sized block is kept for edge subnets
(``edge_prefix``, for NAT and load balancers), of which zone ``i`` gets the i-th.
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass, field

from inferline.clouds.catalog import CloudFacts
from inferline.errors import ConfigError, Problem

IPv4Network = ipaddress.IPv4Network


@dataclass(frozen=True)
class Layout:
    supernet: str
    site_prefix: int
    private_prefix: int
    edge_prefix: int


@dataclass(frozen=True)
class SiteRequest:
    """What the planner needs to know about one site. ``path`` locates it in the config for errors."""

    name: str
    path: str
    facts: CloudFacts
    zones: tuple[str, ...]
    cidr: str | None = None
    slot: int | None = None


@dataclass(frozen=True)
class ZonePlan:
    zone: str
    private_cidr: str
    edge_cidr: str


@dataclass(frozen=True)
class SiteAddresses:
    name: str
    cidr: str
    # How the block was chosen: "explicit", "slot" or "hashed"; the slot is None for explicit CIDRs.
    source: str
    slot: int | None
    zones: tuple[ZonePlan, ...]

    def zone(self, zone: str) -> ZonePlan:
        return next(plan for plan in self.zones if plan.zone == zone)


@dataclass(frozen=True)
class AddressPlan:
    supernet: str
    sites: dict[str, SiteAddresses] = field(default_factory=dict)


def hashed_slot(name: str, slot_count: int) -> int:
    """The supernet block a site gets when it pins neither ``cidr`` nor ``slot``. Stable forever."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % slot_count


def plan_addresses(layout: Layout, requests: Sequence[SiteRequest]) -> AddressPlan:
    """Allocate or validate every site's addresses; raise ``ConfigError`` with every problem found."""
    problems = _check_layout(layout)
    if problems:
        raise ConfigError(problems)
    supernet = IPv4Network(layout.supernet)
    slot_count = 2 ** (layout.site_prefix - supernet.prefixlen)

    blocks: list[tuple[SiteRequest, IPv4Network, str, int | None]] = []
    for request in requests:
        block, source, slot, block_problems = _site_block(request, supernet, layout.site_prefix, slot_count)
        problems += block_problems
        if block is not None:
            blocks.append((request, block, source, slot))

    problems += _overlaps(blocks)
    sites: dict[str, SiteAddresses] = {}
    for request, block, source, slot in blocks:
        problems += _cloud_limits(request, block, layout)
        zones, zone_problems = _zone_subnets(request, block, layout)
        problems += zone_problems
        sites[request.name] = SiteAddresses(request.name, str(block), source, slot, zones)
    if problems:
        raise ConfigError(problems)
    return AddressPlan(str(supernet), dict(sorted(sites.items())))


def _check_layout(layout: Layout) -> list[Problem]:
    problems: list[Problem] = []
    supernet_prefix = IPv4Network(layout.supernet).prefixlen
    if layout.site_prefix < supernet_prefix:
        problems.append(Problem("network.site_prefix", f"/{layout.site_prefix} blocks do not fit in the supernet {layout.supernet}"))
    if layout.private_prefix <= layout.site_prefix:
        problems.append(Problem("network.private_subnet_prefix", f"must be longer than site_prefix /{layout.site_prefix} (a site holds several subnets), got /{layout.private_prefix}"))
    if layout.edge_prefix < layout.private_prefix:
        problems.append(Problem("network.edge_subnet_prefix", f"must not be shorter than private_subnet_prefix /{layout.private_prefix}, got /{layout.edge_prefix}"))
    return problems


def _site_block(
    request: SiteRequest, supernet: IPv4Network, site_prefix: int, slot_count: int
) -> tuple[IPv4Network | None, str, int | None, list[Problem]]:
    if request.cidr is not None and request.slot is not None:
        return None, "", None, [Problem(f"{request.path}.slot", "set either cidr or slot, not both")]
    if request.cidr is not None:
        return IPv4Network(request.cidr), "explicit", None, []
    if request.slot is not None:
        if request.slot >= slot_count:
            return None, "", None, [Problem(f"{request.path}.slot", f"must be below {slot_count}: the supernet {supernet} holds {slot_count} /{site_prefix} blocks")]
        slot, source = request.slot, "slot"
    else:
        slot, source = hashed_slot(request.name, slot_count), "hashed"
    return _nth_subnet(supernet, site_prefix, slot), source, slot, []


def _nth_subnet(network: IPv4Network, prefix: int, index: int) -> IPv4Network:
    size = 2 ** (32 - prefix)
    return IPv4Network((int(network.network_address) + index * size, prefix))


def _overlaps(blocks: list[tuple[SiteRequest, IPv4Network, str, int | None]]) -> list[Problem]:
    """Every overlapping pair, found by a sweep over blocks sorted by start address."""
    problems: list[Problem] = []
    ordered = sorted(blocks, key=lambda item: (int(item[1].network_address), item[1].prefixlen, item[0].name))
    open_blocks: list[tuple[SiteRequest, IPv4Network, str, int | None]] = []
    for current in ordered:
        start = int(current[1].network_address)
        open_blocks = [item for item in open_blocks if int(item[1].broadcast_address) >= start]
        for earlier in open_blocks:
            problems.append(_overlap_problem(earlier, current))
        open_blocks.append(current)
    return problems


def _overlap_problem(
    first: tuple[SiteRequest, IPv4Network, str, int | None],
    second: tuple[SiteRequest, IPv4Network, str, int | None],
) -> Problem:
    (a, block_a, source_a, _), (b, block_b, source_b, _) = sorted((first, second), key=lambda item: item[0].path)
    hint = ""
    if "hashed" in (source_a, source_b):
        hint = "; a site without cidr or slot takes the block its name hashes to: pin `slot` or `cidr` on one of them"
    field_name = "cidr" if source_b == "explicit" else "slot"
    return Problem(
        f"{b.path}.{field_name}",
        f"site '{b.name}' ({block_b}) overlaps site '{a.name}' ({block_a}) at {a.path}{hint}",
    )


def _cloud_limits(request: SiteRequest, block: IPv4Network, layout: Layout) -> list[Problem]:
    facts = request.facts
    problems: list[Problem] = []
    low, high = facts.vpc_prefix_range
    if not low <= block.prefixlen <= high:
        problems.append(Problem(f"{request.path}.cidr", f"{facts.display_name} VPCs take prefixes /{low} to /{high}, got {block}"))
    for prefix, setting in ((layout.private_prefix, "private_subnet_prefix"), (layout.edge_prefix, "edge_subnet_prefix")):
        low, high = facts.subnet_prefix_range
        if not low <= prefix <= high:
            problems.append(Problem(f"network.{setting}", f"{facts.display_name} subnets take prefixes /{low} to /{high}, got /{prefix} (site '{request.name}')"))
    allowed = [IPv4Network(cidr) for cidr in facts.allowed_ranges]
    if allowed and not any(block.subnet_of(network) for network in allowed):
        problems.append(Problem(f"{request.path}.cidr", f"{facts.display_name} VPCs must sit inside {', '.join(facts.allowed_ranges)}, got {block}"))
    for reserved in facts.reserved_ranges:
        if block.overlaps(IPv4Network(reserved.cidr)):
            problems.append(Problem(f"{request.path}.cidr", f"{block} overlaps {reserved.cidr}, reserved by {facts.display_name}: {reserved.reason}"))
    return problems


def _zone_subnets(request: SiteRequest, block: IPv4Network, layout: Layout) -> tuple[tuple[ZonePlan, ...], list[Problem]]:
    if layout.private_prefix <= block.prefixlen:
        return (), [Problem(f"{request.path}.cidr", f"{block} is too small for /{layout.private_prefix} private subnets")]
    private_blocks = 2 ** (layout.private_prefix - block.prefixlen) - 1  # the last one holds the edge subnets
    edge_region = _nth_subnet(block, layout.private_prefix, private_blocks)
    edge_blocks = 2 ** (layout.edge_prefix - layout.private_prefix)
    capacity = min(private_blocks, edge_blocks)
    if len(request.zones) > capacity:
        return (), [Problem(f"{request.path}.zones", f"{block} holds subnets for at most {capacity} zones with /{layout.private_prefix} private and /{layout.edge_prefix} edge subnets, got {len(request.zones)}")]
    zones = tuple(
        ZonePlan(
            zone=zone,
            private_cidr=str(_nth_subnet(block, layout.private_prefix, index)),
            edge_cidr=str(_nth_subnet(edge_region, layout.edge_prefix, index)),
        )
        for index, zone in enumerate(request.zones)
    )
    return zones, []
