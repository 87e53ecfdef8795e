"""Alibaba Cloud links between two sites: VPC peering, and CEN transit routers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pulumi
import pytest
from pulumi.runtime.mocks import MockCallArgs

from components.interconnect.adapters.alicloud import AlicloudInterconnect
from components.interconnect.adapters.base import SiteContext, SitePair
from components.network import PrivateNetwork
from components.providers import site_provider
from components.registry import adapters
from inferline.planning.network import NetworkSpec
from inferline.preview import mocks
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun, run_under_mocks
from tests.support import PAIR_TYPE, build_pair, children_of, named, network_spec, sample_line

HANGZHOU, HANGZHOU_ZONES = "cn-hangzhou", ("cn-hangzhou-h", "cn-hangzhou-i")
SHANGHAI, SHANGHAI_ZONES = "cn-shanghai", ("cn-shanghai-e", "cn-shanghai-f")
#: The account site-b's provider answers for (the offline preview mocks no Alibaba account).
ACCOUNT = mocks.PREVIEW_ALICLOUD_ACCOUNT
BANDWIDTH = 200
ALIBABA_ASN = 45104

PEER_CONNECTION = "alicloud:vpc/peerConnection:PeerConnection"
PEER_ACCEPTER = "alicloud:vpc/peerConnectionAccepter:PeerConnectionAccepter"
ROUTE = "alicloud:vpc/routeEntry:RouteEntry"
CEN = "alicloud:cen/instance:Instance"
TRANSIT_ROUTER = "alicloud:cen/transitRouter:TransitRouter"
TR_TABLE = "alicloud:cen/transitRouterRouteTable:TransitRouterRouteTable"
VPC_ATTACHMENT = "alicloud:cen/transitRouterVpcAttachment:TransitRouterVpcAttachment"
PEER_ATTACHMENT = "alicloud:cen/transitRouterPeerAttachment:TransitRouterPeerAttachment"
VBR_ATTACHMENT = "alicloud:cen/transitRouterVbrAttachment:TransitRouterVbrAttachment"
ASSOCIATION = "alicloud:cen/transitRouterRouteTableAssociation:TransitRouterRouteTableAssociation"
PROPAGATION = "alicloud:cen/transitRouterRouteTablePropagation:TransitRouterRouteTablePropagation"


@pytest.fixture(autouse=True)
def account_lookups(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[MockCallArgs]]:
    """Record who looks up the alicloud account (the peering's AcceptingAliUid); the preview mocks answer it."""
    calls: list[MockCallArgs] = []
    answer = mocks.PreviewMocks.call

    def call(self: mocks.PreviewMocks, args: MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        if args.token == "alicloud:index/getAccount:getAccount":
            calls.append(args)
        return answer(self, args)

    monkeypatch.setattr(mocks.PreviewMocks, "call", call)
    yield calls


def sites(cross_region: bool) -> tuple[NetworkSpec, NetworkSpec]:
    region, zones = (SHANGHAI, SHANGHAI_ZONES) if cross_region else (HANGZHOU, HANGZHOU_ZONES)
    return (
        network_spec("alicloud", HANGZHOU, HANGZHOU_ZONES, site="site-a", cidr="10.1.0.0/16"),
        network_spec("alicloud", region, zones, site="site-b", cidr="10.2.0.0/16"),
    )


def pair_run(kind: str, *, cross_region: bool, protect: bool = True) -> ProgramRun:
    adapter = AlicloudInterconnect()  # a fresh adapter: it remembers each site's CEN
    return build_pair(*sites(cross_region), getattr(adapter, kind), bandwidth_mbps=BANDWIDTH, protect=protect)


def link_children(run: ProgramRun) -> list[ResourceRecord]:
    return children_of(run, "site-a-site-b", PAIR_TYPE)


def provider_of(run: ProgramRun, site: str) -> str:
    return named(run, f"{site}-alicloud").urn


def assert_each_side_on_its_provider(run: ProgramRun) -> None:
    """Every resource of the link is the SameCloudLink's child, on the provider of the site its name starts with."""
    component = next(record for record in run.resources if record.type == PAIR_TYPE)
    children = link_children(run)
    assert children
    for record in children:
        site = "site-a" if record.name.startswith("site-a-") else "site-b"
        assert record.parent == component.urn, record.urn
        assert record.provider == provider_of(run, site), record.urn


def assert_routes(
    run: ProgramRun, site: str, zones: tuple[str, ...], destination: str, next_hop: ResourceRecord, kind: str
) -> None:
    other = "site-b" if site == "site-a" else "site-a"
    route_names = {"peer": "peer-route", "transit": "transit-route"}
    for zone in zones:
        route = named(run, f"{site}-{route_names[kind]}-{other}-{zone}")
        assert route.provider == provider_of(run, site)
        assert route.inputs["routeTableId"] == named(run, f"{site}-private-rt-{zone}").id
        assert route.inputs["destinationCidrblock"] == destination
        assert route.inputs["nexthopType"] == ("VpcPeer" if kind == "peer" else "Attachment")
        assert route.property_dependencies["nexthopId"] == [next_hop.urn]


# Peering


@pytest.mark.parametrize("cross_region", [False, True], ids=["same-region", "cross-region"])
def test_peering_requests_from_a_accepts_on_b_and_routes_both_ways(
    cross_region: bool, account_lookups: list[MockCallArgs]
) -> None:
    run = pair_run("peering", cross_region=cross_region)
    b_region, b_zones = (SHANGHAI, SHANGHAI_ZONES) if cross_region else (HANGZHOU, HANGZHOU_ZONES)

    assert Counter(record.type for record in link_children(run)) == {PEER_CONNECTION: 1, PEER_ACCEPTER: 1, ROUTE: 4}
    assert_each_side_on_its_provider(run)

    connection = named(run, "site-a-peer-site-b")
    expected = {
        "peerConnectionName": "inferline-test-site-a-peer-site-b",
        "description": "VPC peering of inferline sites site-a and site-b",
        "vpcId": named(run, "site-a-vpc").id,
        "acceptingVpcId": named(run, "site-b-vpc").id,
        "acceptingRegionId": b_region,
        "acceptingAliUid": int(ACCOUNT),
        "tags": {"inferline-site": "site-a"},
    }
    if cross_region:
        expected["bandwidth"] = BANDWIDTH  # only an inter-region connection takes one
    assert connection.inputs == expected
    # The accepter's account comes from site-b's provider.
    assert [call.provider.rsplit("::", 1)[0] for call in account_lookups] == [provider_of(run, "site-b")]

    accepter = named(run, "site-b-peer-accepter-site-a")
    # Nothing but the connection: a name or bandwidth here would rewrite the requester's.
    assert accepter.inputs == {"instanceId": connection.id}
    assert_routes(run, "site-a", HANGZHOU_ZONES, "10.2.0.0/16", accepter, "peer")
    assert_routes(run, "site-b", b_zones, "10.1.0.0/16", accepter, "peer")
    route = named(run, f"site-b-peer-route-site-a-{b_zones[1]}")
    assert route.inputs["name"] == f"inferline-test-site-b-peer-route-site-a-{b_zones[1]}"
    assert route.inputs["description"] == "10.1.0.0/16 to inferline site site-a over VPC peering"


@pytest.mark.parametrize("protect", [True, False])
def test_peering_connection_and_accepter_are_protected_only_in_prod(protect: bool) -> None:
    run = pair_run("peering", cross_region=True, protect=protect)
    for record in link_children(run):
        # Deleting the accepter deletes the connection, so it is protected as the connection is.
        assert record.protect == (protect and record.type in {PEER_CONNECTION, PEER_ACCEPTER}), record.urn


# Transit


def test_transit_in_one_region_attaches_both_vpcs_to_one_router() -> None:
    run = pair_run("transit", cross_region=False)

    assert Counter(record.type for record in link_children(run)) == {
        CEN: 1,
        TRANSIT_ROUTER: 1,
        TR_TABLE: 1,
        VPC_ATTACHMENT: 2,
        ASSOCIATION: 2,
        PROPAGATION: 2,
        ROUTE: 4,
    }
    assert_each_side_on_its_provider(run)

    cen = named(run, "site-a-cen-site-b")
    assert cen.inputs == {
        "cenInstanceName": "inferline-test-site-a-cen-site-b",
        "description": "Transit between inferline sites site-a and site-b",
        "tags": {"inferline-site": "site-a"},
    }
    router = named(run, "site-a-tr-site-b")
    assert router.inputs == {
        "cenId": cen.id,
        "transitRouterName": "inferline-test-site-a-tr-site-b",
        "tags": {"inferline-site": "site-a"},
    }
    table = named(run, "site-a-tr-rt-site-b")
    assert table.property_dependencies["transitRouterId"] == [router.urn]

    for site, other in (("site-a", "site-b"), ("site-b", "site-a")):
        attachment = named(run, f"{site}-tr-vpc-{other}")
        assert attachment.inputs["cenId"] == cen.id
        # One router per region per CEN: site-b attaches to the router site-a's side created.
        assert attachment.property_dependencies["transitRouterId"] == [router.urn]
        assert attachment.inputs["vpcId"] == named(run, f"{site}-vpc").id
        assert attachment.inputs["zoneMappings"] == [
            {"vswitchId": named(run, f"{site}-private-{zone}").id, "zoneId": zone} for zone in HANGZHOU_ZONES
        ]
        for kind in ("association", "propagation"):
            record = named(run, f"{site}-tr-vpc-{kind}-{other}")
            assert record.provider == provider_of(run, site)
            assert record.property_dependencies["transitRouterAttachmentId"] == [attachment.urn]
            assert record.property_dependencies["transitRouterRouteTableId"] == [table.urn]
    assert_routes(run, "site-a", HANGZHOU_ZONES, "10.2.0.0/16", named(run, "site-a-tr-vpc-site-b"), "transit")
    assert_routes(run, "site-b", HANGZHOU_ZONES, "10.1.0.0/16", named(run, "site-b-tr-vpc-site-a"), "transit")


def test_transit_across_regions_connects_a_router_per_region() -> None:
    run = pair_run("transit", cross_region=True)

    assert Counter(record.type for record in link_children(run)) == {
        CEN: 1,
        TRANSIT_ROUTER: 2,
        TR_TABLE: 2,
        VPC_ATTACHMENT: 2,
        PEER_ATTACHMENT: 1,
        ASSOCIATION: 4,
        PROPAGATION: 4,
        ROUTE: 4,
    }
    assert_each_side_on_its_provider(run)

    cen = named(run, "site-a-cen-site-b")
    routers = {site: named(run, f"{site}-tr-{other}") for site, other in (("site-a", "site-b"), ("site-b", "site-a"))}
    assert routers["site-b"].inputs == {
        "cenId": cen.id,
        "transitRouterName": "inferline-test-site-b-tr-site-a",
        "tags": {"inferline-site": "site-b"},
    }
    peer = named(run, "site-a-tr-peer-site-b")
    assert peer.inputs == {
        "transitRouterPeerAttachmentName": "inferline-test-site-a-tr-peer-site-b",
        "cenId": cen.id,
        "transitRouterId": "<computed>",
        "peerTransitRouterId": "<computed>",
        "peerTransitRouterRegionId": SHANGHAI,
        "bandwidthType": "DataTransfer",
        "bandwidth": BANDWIDTH,
        "autoPublishRouteEnabled": True,
        "tags": {"inferline-site": "site-a"},
    }
    assert peer.property_dependencies["transitRouterId"] == [routers["site-a"].urn]
    assert peer.property_dependencies["peerTransitRouterId"] == [routers["site-b"].urn]

    for site, other, zones in (("site-a", "site-b", HANGZHOU_ZONES), ("site-b", "site-a", SHANGHAI_ZONES)):
        table = named(run, f"{site}-tr-rt-{other}")
        assert table.property_dependencies["transitRouterId"] == [routers[site].urn]
        attachment = named(run, f"{site}-tr-vpc-{other}")
        assert attachment.property_dependencies["transitRouterId"] == [routers[site].urn]
        assert attachment.inputs["zoneMappings"] == [
            {"vswitchId": named(run, f"{site}-private-{zone}").id, "zoneId": zone} for zone in zones
        ]
        # Each router's table carries its VPC and the connection to the other region, on its own side's provider.
        for role, attached in (("tr-vpc", attachment), ("tr-peer", peer)):
            for kind in ("association", "propagation"):
                record = named(run, f"{site}-{role}-{kind}-{other}")
                assert record.provider == provider_of(run, site)
                assert record.property_dependencies["transitRouterAttachmentId"] == [attached.urn]
                assert record.property_dependencies["transitRouterRouteTableId"] == [table.urn]
    assert_routes(run, "site-a", HANGZHOU_ZONES, "10.2.0.0/16", named(run, "site-a-tr-vpc-site-b"), "transit")
    assert_routes(run, "site-b", SHANGHAI_ZONES, "10.1.0.0/16", named(run, "site-b-tr-vpc-site-a"), "transit")


@pytest.mark.parametrize("protect", [True, False])
def test_transit_hub_routers_and_their_connection_are_protected_only_in_prod(protect: bool) -> None:
    run = pair_run("transit", cross_region=True, protect=protect)
    for record in link_children(run):
        assert record.protect == (protect and record.type in {CEN, TRANSIT_ROUTER, PEER_ATTACHMENT}), record.urn


@pytest.mark.parametrize("cross_region", [False, True], ids=["same-region", "cross-region"])
def test_transit_joins_the_cen_of_a_sites_dedicated_line(cross_region: bool) -> None:
    adapter = AlicloudInterconnect()

    def declare(pair: SitePair) -> None:
        adapter.dedicated_lines(pair.a, [sample_line(connection_id="pc-1")], pair.opts_a)
        adapter.transit(pair)

    run = build_pair(*sites(cross_region), declare, bandwidth_mbps=BANDWIDTH)
    counts = Counter(record.type for record in link_children(run))
    # A VPC attaches to one CEN: site-a's line CEN, router and VPC attachment serve the link too.
    assert counts[CEN] == 1
    assert (counts[TRANSIT_ROUTER], counts[PEER_ATTACHMENT]) == ((2, 1) if cross_region else (1, 0))
    assert counts[VPC_ATTACHMENT] == 2
    cen = named(run, "site-a-cen")
    b_attachment = named(run, "site-b-tr-vpc-site-a")
    assert b_attachment.inputs["cenId"] == cen.id
    b_router = named(run, "site-b-tr-site-a") if cross_region else named(run, "site-a-tr")
    assert b_attachment.property_dependencies["transitRouterId"] == [b_router.urn]
    if cross_region:
        assert named(run, "site-b-tr-site-a").inputs["cenId"] == cen.id
        assert named(run, "site-a-tr-peer-site-b").property_dependencies["transitRouterId"] == [named(run, "site-a-tr").urn]
    # site-a's routes to site-b leave through the line's VPC attachment, the VPC's one attachment to the CEN.
    assert_routes(run, "site-a", HANGZHOU_ZONES, "10.2.0.0/16", named(run, "site-a-tr-vpc"), "transit")


def test_a_dedicated_line_after_a_transit_link_lands_on_the_links_cen() -> None:
    adapter = AlicloudInterconnect()

    def declare(pair: SitePair) -> None:
        adapter.transit(pair)
        adapter.dedicated_lines(pair.a, [sample_line(connection_id="pc-1")], pair.opts_a)

    run = build_pair(*sites(True), declare, bandwidth_mbps=BANDWIDTH)
    counts = Counter(record.type for record in link_children(run))
    assert (counts[CEN], counts[TRANSIT_ROUTER], counts[VPC_ATTACHMENT]) == (1, 2, 2)
    vbr_attachment = named(run, "site-a-tr-vbr-colo")
    assert vbr_attachment.inputs["cenId"] == named(run, "site-a-cen-site-b").id
    assert vbr_attachment.property_dependencies["transitRouterId"] == [named(run, "site-a-tr-site-b").urn]
    line_route = named(run, f"site-a-dx-route-{HANGZHOU_ZONES[0]}-10.212.0.0-17")
    assert line_route.property_dependencies["nexthopId"] == [named(run, "site-a-tr-vpc-site-b").urn]


def test_transit_refuses_two_sites_on_different_cens() -> None:
    adapter = AlicloudInterconnect()

    def declare(pair: SitePair) -> None:
        adapter.dedicated_lines(pair.a, [sample_line(connection_id="pc-1")], pair.opts_a)
        adapter.dedicated_lines(pair.b, [sample_line(connection_id="pc-2")], pair.opts_b)
        adapter.transit(pair)

    message = (
        "pair:site-a~site-b: 'site-a' and 'site-b' are each on their own Cloud Enterprise Network already (their "
        "dedicated lines' or other links'); a VPC attaches to one CEN and CENs do not connect to each other, so a "
        "transit link cannot join them; use a peering link"
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        build_pair(*sites(True), declare)


def test_a_mesh_of_three_sites_shares_one_cen_its_regional_routers_and_their_connection() -> None:
    specs = [
        network_spec("alicloud", HANGZHOU, HANGZHOU_ZONES, site="site-a", cidr="10.1.0.0/16"),
        network_spec("alicloud", SHANGHAI, SHANGHAI_ZONES, site="site-b", cidr="10.2.0.0/16"),
        network_spec("alicloud", SHANGHAI, SHANGHAI_ZONES, site="site-c", cidr="10.3.0.0/16"),
    ]
    adapter = AlicloudInterconnect()

    def program() -> None:
        contexts, providers = {}, {}
        for spec in specs:
            providers[spec.names.site] = site_provider(spec.names.site, spec.cloud, spec.region)
            outputs = PrivateNetwork(spec, adapters(spec.cloud).network, providers[spec.names.site]).outputs
            contexts[spec.names.site] = SiteContext(spec, outputs, ALIBABA_ASN, True)
        for first, second in (("site-a", "site-b"), ("site-a", "site-c"), ("site-b", "site-c")):
            component = pulumi.ComponentResource(PAIR_TYPE, f"{first}-{second}")
            opts_a, opts_b = (pulumi.ResourceOptions(parent=component, provider=providers[site]) for site in (first, second))
            adapter.transit(SitePair(f"transit:{first}~{second}", contexts[first], contexts[second], opts_a, opts_b, BANDWIDTH))

    run = run_under_mocks(program)
    links = {
        name: Counter(r.type for r in children_of(run, name, PAIR_TYPE))
        for name in ("site-a-site-b", "site-a-site-c", "site-b-site-c")
    }
    assert links["site-a-site-b"] == {
        CEN: 1,
        TRANSIT_ROUTER: 2,
        TR_TABLE: 2,
        VPC_ATTACHMENT: 2,
        PEER_ATTACHMENT: 1,
        ASSOCIATION: 4,
        PROPAGATION: 4,
        ROUTE: 4,
    }
    # site-c joins the CEN on site-b's Shanghai router, whose connection to Hangzhou exists already.
    assert links["site-a-site-c"] == {VPC_ATTACHMENT: 1, ASSOCIATION: 1, PROPAGATION: 1, ROUTE: 4}
    assert named(run, "site-c-tr-vpc-site-a").property_dependencies["transitRouterId"] == [named(run, "site-b-tr-site-a").urn]
    # site-b and site-c share a router already: only their routes to each other are new.
    assert links["site-b-site-c"] == {ROUTE: 4}
    assert_routes_to = {
        "site-b": ("10.3.0.0/16", "site-c", "site-b-tr-vpc-site-a"),
        "site-c": ("10.2.0.0/16", "site-b", "site-c-tr-vpc-site-a"),
    }
    for site, (destination, other, attachment) in assert_routes_to.items():
        for zone in SHANGHAI_ZONES:
            route = named(run, f"{site}-transit-route-{other}-{zone}")
            assert route.inputs["destinationCidrblock"] == destination
            assert route.property_dependencies["nexthopId"] == [named(run, attachment).urn]
