from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inferline.planning.paths import BACKBONE, Hop, PathGraph
from inferline.planning.topology import Endpoint, PlannedLink, TopologyPlan


def site(name: str, cidr: str) -> Endpoint:
    return Endpoint(name, "site", "alicloud", "cn-shanghai", (cidr,), 65000)


def hub(name: str, cidrs: tuple[str, ...] = ()) -> Endpoint:
    return Endpoint(name, "hub", None, None, cidrs, 64900)


A, B, C = site("a", "10.1.0.0/16"), site("b", "10.2.0.0/16"), site("c", "10.3.0.0/16")
H1, H2 = hub("h1", ("192.168.0.0/20",)), hub("h2", ("192.168.16.0/20",))


def link(kind: str, a: Endpoint, b: Endpoint, mbps: int = 100) -> PlannedLink:
    return PlannedLink(f"{kind}:{a.name}~{b.name}", kind, a, b, mbps, "primary", False)  # type: ignore[arg-type]


def plan(*links: PlannedLink, backbone: tuple[tuple[Endpoint, Endpoint], ...] = ()) -> TopologyPlan:
    return TopologyPlan(links, {"a": 1, "b": 2, "c": 3}, backbone)


def best(topology: TopologyPlan, start: str, end: str) -> tuple[str, str]:
    primary, backup = topology.graph().primary_and_backup(start, end)
    return (primary.label if primary else "none", backup.label if backup else "none")


@pytest.mark.parametrize(
    ("topology", "pair", "expected"),
    [
        pytest.param(plan(link("vpn", A, B)), ("a", "b"), ("vpn (100 Mbps)", "none"), id="one-vpn"),
        pytest.param(plan(link("dedicated", A, H1), link("dedicated", B, H1), link("vpn", A, B)), ("a", "b"), ("dedicated via h1", "vpn (100 Mbps)"), id="line-before-vpn"),
        pytest.param(plan(link("peering", A, B), link("dedicated", A, H1), link("dedicated", B, H1)), ("a", "b"), ("peering", "dedicated via h1"), id="fewer-hubs-first"),
        pytest.param(
            plan(link("dedicated", A, H1), link("dedicated", B, H2), link("vpn", A, B), backbone=((H1, H2),)), ("a", "b"), ("dedicated via h1, h2", "vpn (100 Mbps)"), id="over-the-backbone"
        ),
        pytest.param(plan(link("dedicated", A, H1), link("dedicated", B, H2), link("vpn", A, B)), ("a", "b"), ("vpn (100 Mbps)", "none"), id="hubs-not-joined"),
        pytest.param(plan(link("dedicated", A, H1), link("vpn", A, H1)), ("a", "h1"), ("dedicated", "vpn (100 Mbps)"), id="vpn-beside-the-line"),
        pytest.param(plan(link("dedicated", A, H1), link("vpn", A, H1), backbone=((H1, H2),)), ("a", "h2"), ("dedicated via h1", "vpn via h1"), id="hub-behind-the-backbone"),
        pytest.param(plan(link("vpn", A, B), link("dedicated", B, H1)), ("a", "h1"), ("none", "none"), id="a-site-does-not-transit"),
        pytest.param(
            # a's VPN to h1 does not carry b, which a reaches over its own VPN: no route, so no path that way.
            plan(link("vpn", A, B), link("vpn", A, H1), link("dedicated", B, H1)), ("a", "b"), ("vpn (100 Mbps)", "none"), id="unrouted-hub-vpn"
        ),
        pytest.param(plan(link("vpn", A, H1), link("dedicated", B, H1)), ("a", "b"), ("vpn + dedicated via h1", "none"), id="vpn-then-line"),
        pytest.param(plan(link("dedicated", A, H1), link("dedicated", B, H1), link("dedicated", A, H2), link("dedicated", B, H2)), ("a", "b"), ("dedicated via h1", "dedicated via h2"), id="two-hubs"),
        pytest.param(plan(link("dedicated", A, H1), link("dedicated", B, H1), link("vpn", A, H1)), ("a", "b"), ("dedicated via h1", "none"), id="backup-must-not-share-the-far-line"),
    ],
)
def test_primary_and_backup(topology: TopologyPlan, pair: tuple[str, str], expected: tuple[str, str]) -> None:
    assert best(topology, *pair) == expected


def test_routes_follow_the_backbone() -> None:
    topology = plan(link("dedicated", A, H1), link("vpn", A, H1), link("vpn", A, C), link("dedicated", B, H2), link("dedicated", C, H2), backbone=((H1, H2),))
    line, vpn = topology.links[0], topology.links[1]
    # The line carries both hubs and every site behind them; the VPN the same but c, which a's own VPN reaches.
    assert topology.reached_over(line) == ("10.2.0.0/16", "10.3.0.0/16", "192.168.0.0/20", "192.168.16.0/20")
    assert topology.routed_over(vpn) == ("10.2.0.0/16", "192.168.0.0/20", "192.168.16.0/20")
    assert topology.connected_cidrs("b") == ("10.1.0.0/16", "10.3.0.0/16", "192.168.0.0/20", "192.168.16.0/20")
    assert topology.connected_cidrs("a") == ("10.2.0.0/16", "10.3.0.0/16", "192.168.0.0/20", "192.168.16.0/20")


SITES = (A, B, C)
HUBS = (H1, H2, hub("h3"))
CANDIDATES = [
    *(("vpn", x, y) for x, y in itertools.combinations(SITES, 2)),
    *((kind, x, h) for x in SITES for h in HUBS for kind in ("dedicated", "vpn")),
]


@st.composite
def topologies(draw: st.DrawFn) -> TopologyPlan:
    chosen = draw(st.lists(st.sampled_from(CANDIDATES), unique=True, max_size=len(CANDIDATES)))
    backbone = draw(st.lists(st.sampled_from(list(itertools.combinations(HUBS, 2))), unique=True))
    return plan(*(link(kind, x, y) for kind, x, y in chosen), backbone=tuple(backbone))


def pairs(topology: TopologyPlan) -> list[tuple[str, str]]:
    return [*itertools.combinations("abc", 2), *((s, h.name) for s in "abc" for h in HUBS)]


@settings(max_examples=200, deadline=None)
@given(topologies())
def test_a_backup_shares_no_cloud_link_with_the_primary(topology: TopologyPlan) -> None:
    graph = topology.graph()
    for start, end in pairs(topology):
        primary, backup = graph.primary_and_backup(start, end)
        if backup is not None:
            assert primary is not None and not primary.access & backup.access
            assert primary.rank <= backup.rank
        for path in graph.paths(start, end):
            assert all(node in graph.hubs for node in path.hubs)  # sites never transit


@settings(max_examples=200, deadline=None)
@given(topologies(), st.data())
def test_losing_any_one_link_leaves_every_pair_with_a_backup_connected(topology: TopologyPlan, data: st.DataObject) -> None:
    if not topology.links:
        return
    lost = data.draw(st.sampled_from(topology.links))
    graph = topology.graph()
    survivor = dataclasses.replace(topology, links=tuple(link for link in topology.links if link != lost)).graph()
    for start, end in pairs(topology):
        _, backup = graph.primary_and_backup(start, end)
        if backup is not None:
            assert survivor.paths(start, end), (start, end, lost.id)


def test_hops_name_their_backbone_and_a_hub_routes_anything() -> None:
    topology = plan(link("dedicated", A, H1), backbone=((H1, H2),))
    assert topology.graph() == PathGraph(
        (
            Hop("dedicated:a~h1", "dedicated", "a", "h1", 100, {"a": frozenset({"h1", "h2"})}),
            Hop("backbone:h1~h2", BACKBONE, "h1", "h2", 0, {}),
        ),
        frozenset({"h1", "h2"}),
    )
