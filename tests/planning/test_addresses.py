from __future__ import annotations

import ipaddress
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inferline.clouds import CATALOG
from inferline.errors import ConfigError, Problem
from inferline.planning.addresses import Layout, SiteAddresses, SiteRequest, hashed_slot, plan_addresses

LAYOUT = Layout(supernet="10.0.0.0/8", site_prefix=16, private_prefix=20, edge_prefix=24)
AWS = CATALOG["aws"]
ZONES = ("us-east-1a", "us-east-1b")


def site(name: str, index: int = 0, *, cidr: str | None = None, slot: int | None = None, zones: tuple[str, ...] = ZONES, cloud: str = "aws") -> SiteRequest:
    return SiteRequest(name=name, path=f"sites[{index}]", facts=CATALOG[cloud], zones=zones, cidr=cidr, slot=slot)


def problems_of(layout: Layout, requests: list[SiteRequest]) -> list[Problem]:
    with pytest.raises(ConfigError) as raised:
        plan_addresses(layout, requests)
    return raised.value.problems


@pytest.mark.parametrize(
    ("request_", "cidr", "private", "edge"),
    [
        pytest.param(site("a", slot=0), "10.0.0.0/16", ["10.0.0.0/20", "10.0.16.0/20"], ["10.0.240.0/24", "10.0.241.0/24"], id="slot-0"),
        pytest.param(site("a", slot=255), "10.255.0.0/16", ["10.255.0.0/20", "10.255.16.0/20"], ["10.255.240.0/24", "10.255.241.0/24"], id="last-slot"),
        pytest.param(site("a", cidr="172.20.0.0/16"), "172.20.0.0/16", ["172.20.0.0/20", "172.20.16.0/20"], ["172.20.240.0/24", "172.20.241.0/24"], id="explicit-cidr-outside-supernet"),
        pytest.param(site("a", cidr="192.168.0.0/18"), "192.168.0.0/18", ["192.168.0.0/20", "192.168.16.0/20"], ["192.168.48.0/24", "192.168.49.0/24"], id="small-explicit-block"),
    ],
)
def test_layout_of_one_site(request_: SiteRequest, cidr: str, private: list[str], edge: list[str]) -> None:
    plan = plan_addresses(LAYOUT, [request_]).sites["a"]
    assert plan.cidr == cidr
    assert [zone.private_cidr for zone in plan.zones] == private
    assert [zone.edge_cidr for zone in plan.zones] == edge


def test_hashed_slot_is_fixed_forever() -> None:
    # These values are a promise: changing the hash re-addresses every user's sites.
    assert hashed_slot("ali-hz", 256) == 214
    assert hashed_slot("tc-sh", 512) == 468
    plan = plan_addresses(LAYOUT, [site("ali-hz")]).sites["ali-hz"]
    assert (plan.source, plan.slot, plan.cidr) == ("hashed", 214, "10.214.0.0/16")


@pytest.mark.parametrize(
    ("requests", "expected"),
    [
        pytest.param(
            [site("a", 0, cidr="10.1.0.0/16"), site("b", 1, cidr="10.1.128.0/17")],
            [Problem("sites[1].cidr", "site 'b' (10.1.128.0/17) overlaps site 'a' (10.1.0.0/16) at sites[0]")],
            id="explicit-overlap",
        ),
        pytest.param(
            [site("a", 0, slot=3), site("b", 1, slot=3)],
            [Problem("sites[1].slot", "site 'b' (10.3.0.0/16) overlaps site 'a' (10.3.0.0/16) at sites[0]")],
            id="same-slot",
        ),
        pytest.param(
            [site("a", 0, slot=256)],
            [Problem("sites[0].slot", "must be below 256: the supernet 10.0.0.0/8 holds 256 /16 blocks")],
            id="slot-outside-supernet",
        ),
        pytest.param(
            [site("a", 0, slot=1, cidr="10.9.0.0/16")],
            [Problem("sites[0].slot", "set either cidr or slot, not both")],
            id="cidr-and-slot",
        ),
        pytest.param(
            [site("a", 0, cidr="100.64.0.0/16", cloud="alicloud", zones=("cn-hangzhou-h", "cn-hangzhou-i"))],
            [Problem("sites[0].cidr", "100.64.0.0/16 overlaps 100.64.0.0/10, reserved by Alibaba Cloud: " + next(r.reason for r in CATALOG["alicloud"].reserved_ranges if r.cidr == "100.64.0.0/10"))],
            id="alicloud-reserved",
        ),
        pytest.param(
            [site("a", 0, cidr="100.100.0.0/16", cloud="tencentcloud", zones=("ap-guangzhou-3", "ap-guangzhou-4"))],
            [Problem("sites[0].cidr", "Tencent Cloud VPCs must sit inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, got 100.100.0.0/16")],
            id="tencent-needs-private-ranges",
        ),
        pytest.param(
            [site("a", 0, cidr="10.0.0.0/12")],
            [Problem("sites[0].cidr", "AWS VPCs take prefixes /16 to /28, got 10.0.0.0/12")],
            id="aws-vpc-too-large",
        ),
        pytest.param(
            [site("a", 0, cidr="10.0.0.0/20")],
            [Problem("sites[0].cidr", "10.0.0.0/20 is too small for /20 private subnets")],
            id="block-too-small",
        ),
        pytest.param(
            [site("a", 0, cidr="10.0.0.0/19")],
            [Problem("sites[0].zones", "10.0.0.0/19 holds subnets for at most 1 zones with /20 private and /24 edge subnets, got 2")],
            id="too-many-zones",
        ),
    ],
)
def test_problems_name_the_site_and_field(requests: list[SiteRequest], expected: list[Problem]) -> None:
    assert problems_of(LAYOUT, requests) == expected


def test_every_problem_is_reported_at_once() -> None:
    requests = [site("a", 0, slot=1), site("b", 1, slot=1), site("c", 2, slot=999), site("d", 3, cidr="10.0.0.0/20")]
    assert [problem.path for problem in problems_of(LAYOUT, requests)] == ["sites[1].slot", "sites[2].slot", "sites[3].cidr"]


def test_a_hash_collision_asks_to_pin_one_site() -> None:
    taken = hashed_slot("ali-hz", 256)
    (problem,) = problems_of(LAYOUT, [site("ali-hz", 0), site("pinned", 1, slot=taken)])
    assert problem.path == "sites[1].slot"
    assert problem.message.endswith("pin `slot` or `cidr` on one of them")


def test_layout_settings_must_nest() -> None:
    bad = Layout(supernet="10.0.0.0/16", site_prefix=12, private_prefix=12, edge_prefix=11)
    assert [problem.path for problem in problems_of(bad, [site("a")])] == [
        "network.edge_subnet_prefix",
        "network.private_subnet_prefix",
        "network.site_prefix",
    ]


# Properties --------------------------------------------------------------------------------------

names = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True)
zone_lists = st.lists(st.sampled_from(["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"]), min_size=1, max_size=4, unique=True)


@st.composite
def site_sets(draw: st.DrawFn) -> list[SiteRequest]:
    count = draw(st.integers(min_value=1, max_value=12))
    slots = draw(st.lists(st.integers(min_value=0, max_value=255), min_size=count, max_size=count, unique=True))
    site_names = draw(st.lists(names, min_size=count, max_size=count, unique=True))
    return [site(name, index, slot=slot, zones=tuple(draw(zone_lists))) for index, (name, slot) in enumerate(zip(site_names, slots, strict=True))]


def all_networks(requests: list[SiteRequest]) -> list[ipaddress.IPv4Network]:
    plan = plan_addresses(LAYOUT, requests)
    return [ipaddress.IPv4Network(cidr) for s in plan.sites.values() for z in s.zones for cidr in (z.private_cidr, z.edge_cidr)]


@settings(max_examples=200, deadline=None)
@given(site_sets())
def test_subnets_never_overlap_and_stay_inside_the_supernet(requests: list[SiteRequest]) -> None:
    networks = all_networks(requests)
    supernet = ipaddress.IPv4Network(LAYOUT.supernet)
    assert all(network.subnet_of(supernet) for network in networks)
    for first, second in itertools.combinations(networks, 2):
        assert not first.overlaps(second)


@settings(max_examples=100, deadline=None)
@given(site_sets(), st.randoms(use_true_random=False))
def test_plan_is_deterministic_and_independent_of_order(requests: list[SiteRequest], random: object) -> None:
    shuffled = list(requests)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert plan_addresses(LAYOUT, requests) == plan_addresses(LAYOUT, shuffled)


@settings(max_examples=100, deadline=None)
@given(site_sets())
def test_removing_a_site_never_moves_another(requests: list[SiteRequest]) -> None:
    full = plan_addresses(LAYOUT, requests).sites
    smaller = plan_addresses(LAYOUT, requests[1:]).sites
    assert all(full[name] == plan for name, plan in smaller.items())


# Overlap detection against brute force -----------------------------------------------------------

# Blocks of /15 to /18 inside one /12, so that a few sites overlap often: a /16 holds two /17s and four
# /18s, a /15 two /16s. AWS takes VPC prefixes /16 to /28 only; Alibaba Cloud takes /8 to /28.
OVERLAP_SUPERNET = ipaddress.IPv4Network("10.0.0.0/12")
OVERLAP_LAYOUT = Layout(supernet=str(OVERLAP_SUPERNET), site_prefix=16, private_prefix=20, edge_prefix=24)


def overlap_site(name: str, index: int, cidr: str) -> SiteRequest:
    return SiteRequest(name=name, path=f"sites[{index}]", facts=CATALOG["alicloud"], zones=("cn-hangzhou-h",), cidr=cidr)


def clashing_pairs(requests: list[SiteRequest]) -> set[frozenset[str]]:
    """Brute force: every pair of sites whose blocks share an address."""
    return {
        frozenset((a.name, b.name))
        for a, b in itertools.combinations(requests, 2)
        if ipaddress.IPv4Network(a.cidr).overlaps(ipaddress.IPv4Network(b.cidr))  # type: ignore[arg-type]
    }


def reported_pairs(problems: list[Problem], requests: list[SiteRequest]) -> set[frozenset[str]]:
    """The pairs the overlap problems name: the site at the problem's path and the site it overlaps."""
    by_path = {request.path: request for request in requests}
    pairs = set()
    for problem in problems:
        if " overlaps site " not in problem.message:
            continue
        site_path = problem.path.rsplit(".", 1)[0]
        other = problem.message.split(" overlaps site '", 1)[1].split("'", 1)[0]
        reported = by_path[site_path]
        assert problem.message.startswith(f"site '{reported.name}' ({reported.cidr}) overlaps site '{other}' (")
        other_request = next(request for request in requests if request.name == other)
        assert f"({other_request.cidr}) at {other_request.path}" in problem.message
        pairs.add(frozenset((reported.name, other)))
    return pairs


def overlap_outcome(requests: list[SiteRequest]) -> set[frozenset[str]]:
    """The pairs plan_addresses reports as overlapping; empty when it accepts the sites."""
    try:
        plan = plan_addresses(OVERLAP_LAYOUT, requests)
    except ConfigError as error:
        pairs = reported_pairs(error.problems, requests)
        # Overlaps are the only problems these sites can have: every error is about an overlap.
        assert all(" overlaps site " in problem.message for problem in error.problems), error.problems
        return pairs
    assert {name: site.cidr for name, site in plan.sites.items()} == {request.name: request.cidr for request in requests}
    return set()


@pytest.mark.parametrize(
    "cidrs",
    [
        pytest.param(["10.1.0.0/16", "10.1.0.0/17", "10.1.128.0/17"], id="slash16-and-both-slash17s-inside"),
        pytest.param(["10.1.0.0/16", "10.1.128.0/17"], id="slash16-and-second-slash17"),
        pytest.param(["10.1.128.0/17", "10.1.0.0/16"], id="second-slash17-before-its-slash16"),
        pytest.param(["10.1.0.0/17", "10.1.128.0/17", "10.1.0.0/16"], id="both-slash17s-then-slash16"),
        pytest.param(["10.0.0.0/15", "10.0.0.0/16", "10.1.128.0/17", "10.1.192.0/18"], id="nested-chain"),
        pytest.param(["10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/15"], id="adjacent-blocks-do-not-clash"),
        pytest.param(["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/17", "10.0.0.0/16"], id="siblings-inside-one-parent"),
    ],
)
def test_overlaps_match_brute_force_examples(cidrs: list[str]) -> None:
    requests = [overlap_site(f"s{index}", index, cidr) for index, cidr in enumerate(cidrs)]
    assert overlap_outcome(requests) == clashing_pairs(requests)


def test_a_slash16_and_the_second_slash17_inside_it_are_reported() -> None:
    requests = [overlap_site("wide", 0, "10.1.0.0/16"), overlap_site("low", 1, "10.1.0.0/17"), overlap_site("high", 2, "10.1.128.0/17")]
    problems = problems_of(OVERLAP_LAYOUT, requests)
    assert problems == [
        Problem("sites[1].cidr", "site 'low' (10.1.0.0/17) overlaps site 'wide' (10.1.0.0/16) at sites[0]"),
        Problem("sites[2].cidr", "site 'high' (10.1.128.0/17) overlaps site 'wide' (10.1.0.0/16) at sites[0]"),
    ]


@st.composite
def overlapping_site_sets(draw: st.DrawFn) -> list[SiteRequest]:
    count = draw(st.integers(min_value=1, max_value=8))
    cidrs = []
    for _ in range(count):
        prefix = draw(st.integers(min_value=15, max_value=18))
        # Only the first quarter of the /12, so that blocks of different sizes land on each other often.
        index = draw(st.integers(min_value=0, max_value=2 ** (prefix - OVERLAP_SUPERNET.prefixlen) // 4 - 1))
        cidrs.append(str(list(OVERLAP_SUPERNET.subnets(new_prefix=prefix))[index]))
    return [overlap_site(f"s{index}", index, cidr) for index, cidr in enumerate(cidrs)]


@settings(max_examples=300, deadline=None)
@given(overlapping_site_sets())
def test_overlaps_match_brute_force(requests: list[SiteRequest]) -> None:
    expected = clashing_pairs(requests)
    assert overlap_outcome(requests) == expected


# Boundaries and messages -------------------------------------------------------------------------


def test_layout_problems_say_what_must_hold() -> None:
    bad = Layout(supernet="10.0.0.0/16", site_prefix=12, private_prefix=12, edge_prefix=11)
    assert problems_of(bad, [site("a")]) == [
        Problem("network.edge_subnet_prefix", "must not be shorter than private_subnet_prefix /12, got /11"),
        Problem("network.private_subnet_prefix", "must be longer than site_prefix /12 (a site holds several subnets), got /12"),
        Problem("network.site_prefix", "/12 blocks do not fit in the supernet 10.0.0.0/16"),
    ]


def test_layout_limits_are_inclusive() -> None:
    # One site block as large as the supernet, edge subnets as large as private ones: both allowed.
    plan = plan_addresses(Layout(supernet="10.7.0.0/16", site_prefix=16, private_prefix=18, edge_prefix=18), [site("a", zones=("us-east-1a",))])
    assert plan.supernet == "10.7.0.0/16"
    assert plan.sites["a"] == SiteAddresses("a", "10.7.0.0/16", "hashed", 0, plan.sites["a"].zones)
    assert [(z.zone, z.private_cidr, z.edge_cidr) for z in plan.sites["a"].zones] == [("us-east-1a", "10.7.0.0/18", "10.7.192.0/18")]


def test_a_site_holds_exactly_its_capacity_of_zones() -> None:
    # A /19 with /21 private and /23 edge subnets: 3 private blocks, 4 edge blocks, so 3 zones.
    layout = Layout(supernet="10.0.0.0/8", site_prefix=16, private_prefix=21, edge_prefix=23)
    three = ("us-east-1a", "us-east-1b", "us-east-1c")
    plan = plan_addresses(layout, [site("a", cidr="10.0.0.0/19", zones=three)]).sites["a"]
    assert [z.edge_cidr for z in plan.zones] == ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]
    assert problems_of(layout, [site("a", cidr="10.0.0.0/19", zones=(*three, "us-east-1d"))]) == [
        Problem("sites[0].zones", "10.0.0.0/19 holds subnets for at most 3 zones with /21 private and /23 edge subnets, got 4")
    ]


@pytest.mark.parametrize(
    ("layout", "cidr", "expected"),
    [
        pytest.param(Layout("10.0.0.0/8", 16, 20, 28), "10.0.0.0/16", [], id="aws-edge-at-/28"),
        pytest.param(Layout("10.0.0.0/8", 15, 16, 24), "10.0.0.0/15", [Problem("sites[0].cidr", "AWS VPCs take prefixes /16 to /28, got 10.0.0.0/15")], id="aws-vpc-/15"),
        pytest.param(Layout("10.0.0.0/8", 14, 15, 24), "10.0.0.0/14", [
            Problem("network.private_subnet_prefix", "AWS subnets take prefixes /16 to /28, got /15 (site 'a')"),
            Problem("sites[0].cidr", "AWS VPCs take prefixes /16 to /28, got 10.0.0.0/14"),
        ], id="aws-subnet-/15"),
        pytest.param(Layout("10.0.0.0/8", 16, 20, 29), "10.0.0.0/16", [Problem("network.edge_subnet_prefix", "AWS subnets take prefixes /16 to /28, got /29 (site 'a')")], id="aws-edge-/29"),
    ],
)
def test_cloud_prefix_limits(layout: Layout, cidr: str, expected: list[Problem]) -> None:
    requests = [site("a", cidr=cidr, zones=("us-east-1a",))]
    if expected:
        assert problems_of(layout, requests) == expected
    else:
        assert plan_addresses(layout, requests).sites["a"].cidr == cidr


def test_each_block_records_how_it_was_chosen() -> None:
    plan = plan_addresses(LAYOUT, [site("a", 0, slot=3), site("b", 1, cidr="172.20.0.0/16"), site("c", 2)]).sites
    assert [(plan[name].source, plan[name].slot) for name in "abc"] == [("slot", 3), ("explicit", None), ("hashed", hashed_slot("c", 256))]


def test_edge_subnets_one_prefix_longer_than_private_ones_fill_the_last_private_block() -> None:
    layout = Layout(supernet="10.0.0.0/8", site_prefix=16, private_prefix=20, edge_prefix=21)
    zones = plan_addresses(layout, [site("a", slot=0)]).sites["a"].zones
    assert [(zone.private_cidr, zone.edge_cidr) for zone in zones] == [("10.0.0.0/20", "10.0.240.0/21"), ("10.0.16.0/20", "10.0.248.0/21")]
