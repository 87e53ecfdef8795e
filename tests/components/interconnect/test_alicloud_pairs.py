"""Alibaba Cloud links between two sites: VPC peering, and CEN transit routers."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
import yaml
from pulumi.runtime.mocks import MockCallArgs

from inferline.components.interconnect.adapters.alicloud import CEN_REGION, AlicloudInterconnect
from inferline.components.interconnect.adapters.base import SitePair
from inferline.components.interconnect.transit import TRANSIT_NETWORK_TYPE, TransitNetwork
from inferline.config.loader import NAMESPACE, read_stack_file
from inferline.planning.interconnect import TransitPeer
from inferline.planning.network import NetworkSpec
from inferline.planning.transit import TransitNetworkPlan
from inferline.preview import mocks
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun, pulumi_config, run_program
from tests.stacks.test_program import STACKS, preview
from tests.support import PAIR_TYPE, build_pair, children_of, named, network_spec, sample_line

HANGZHOU, HANGZHOU_ZONES = "cn-hangzhou", ("cn-hangzhou-h", "cn-hangzhou-i")
SHANGHAI, SHANGHAI_ZONES = "cn-shanghai", ("cn-shanghai-e", "cn-shanghai-f")
BEIJING, BEIJING_ZONES = "cn-beijing", ("cn-beijing-h", "cn-beijing-i")
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
    adapter = AlicloudInterconnect()
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


# Transit: the stack's one CEN (planned for the whole stack, built by TransitNetwork before the sites), a
# router and table per region, each site's VPC attachment and routes in its SiteInterconnect.


def transit_stack(path: Path, sites_: list[tuple[str, str]], links: list[tuple[str, str, int]], *, environment: str = "staging") -> ProgramRun:
    """The real stacks/ program over Alibaba sites (name, region) joined by transit links (a, b, Mbps)."""
    zones = {HANGZHOU: HANGZHOU_ZONES, SHANGHAI: SHANGHAI_ZONES, BEIJING: BEIJING_ZONES}
    document = {
        "config": {
            f"{NAMESPACE}:environment": environment,
            f"{NAMESPACE}:profile": {"name": "ecommerce-recsys"},
            f"{NAMESPACE}:sites": [{"name": name, "cloud": "alicloud", "region": region, "zones": list(zones[region])} for name, region in sites_],
            f"{NAMESPACE}:interconnect": {
                "links": [{"kind": "transit", "between": [a, b], "bandwidth_mbps": mbps} for a, b, mbps in links]
            },
        }
    }
    path.write_text(yaml.safe_dump(document))
    values, secret_keys = read_stack_file(path)
    config, secrets = pulumi_config(values, secret_keys, NAMESPACE)
    return run_program(STACKS, "inferline", "mesh", config, secrets)


def site_interconnect(run: ProgramRun, site: str) -> ResourceRecord:
    return next(r for r in run.resources if r.type == "inferline:interconnect:SiteInterconnect" and r.name == site)


def test_transit_in_one_region_attaches_both_vpcs_to_the_regions_router(tmp_path: Path) -> None:
    run = transit_stack(tmp_path / "Pulumi.mesh.yaml", [("ali-a", HANGZHOU), ("ali-b", HANGZHOU)], [("ali-a", "ali-b", BANDWIDTH)])
    shared = children_of(run, "alicloud", TRANSIT_NETWORK_TYPE)
    assert Counter(record.type for record in shared) == {CEN: 1, TRANSIT_ROUTER: 1, TR_TABLE: 1}
    cen, router, table = named(run, "alicloud-cen"), named(run, f"alicloud-tr-{HANGZHOU}"), named(run, f"alicloud-tr-rt-{HANGZHOU}")
    assert cen.inputs["cenInstanceName"] == "inferline-mesh-alicloud-cen"
    assert router.inputs["cenId"] == cen.id
    assert table.property_dependencies["transitRouterId"] == [router.urn]
    # Stack-level providers: the CEN is global, pinned to one region; the router through its region's.
    assert cen.provider == named(run, f"alicloud-{CEN_REGION}").urn
    assert router.provider == named(run, f"alicloud-{HANGZHOU}").urn
    # The link itself builds nothing: the sites attached themselves.
    assert children_of(run, "transit-ali-a-ali-b", PAIR_TYPE) == []
    for site, other in (("ali-a", "ali-b"), ("ali-b", "ali-a")):
        attachment = named(run, f"{site}-tr-vpc")
        assert attachment.parent == site_interconnect(run, site).urn
        assert attachment.provider == named(run, f"{site}-alicloud").urn
        assert attachment.inputs["cenId"] == cen.id
        assert attachment.property_dependencies["transitRouterId"] == [router.urn]
        for kind in ("association", "propagation"):
            record = named(run, f"{site}-tr-vpc-{kind}")
            assert record.property_dependencies["transitRouterAttachmentId"] == [attachment.urn]
            assert record.property_dependencies["transitRouterRouteTableId"] == [table.urn]
        for zone in HANGZHOU_ZONES:
            route = named(run, f"{site}-transit-route-{other}-{zone}")
            assert route.inputs["destinationCidrblock"] == named(run, f"{other}-vpc").inputs["cidrBlock"]
            assert route.inputs["nexthopType"] == "Attachment"
            assert route.property_dependencies["nexthopId"] == [attachment.urn]
            # The link built this route before the stack-wide CEN: the same route, moved to the site.
            old = f"urn:pulumi:mesh::inferline::inferline:interconnect:SameCloudLink${ROUTE}::{route.name}"
            assert route.aliases == [{"urn": old}]


def test_transit_across_regions_connects_the_two_regions_routers(tmp_path: Path) -> None:
    run = transit_stack(tmp_path / "Pulumi.mesh.yaml", [("ali-a", HANGZHOU), ("ali-b", SHANGHAI)], [("ali-a", "ali-b", BANDWIDTH)])
    shared = children_of(run, "alicloud", TRANSIT_NETWORK_TYPE)
    assert Counter(record.type for record in shared) == {
        CEN: 1,
        TRANSIT_ROUTER: 2,
        TR_TABLE: 2,
        PEER_ATTACHMENT: 1,
        ASSOCIATION: 2,
        PROPAGATION: 2,
    }
    cen = named(run, "alicloud-cen")
    peer = named(run, f"alicloud-tr-peer-{HANGZHOU}-{SHANGHAI}")
    assert peer.inputs == {
        "transitRouterPeerAttachmentName": f"inferline-mesh-alicloud-tr-peer-{HANGZHOU}-{SHANGHAI}",
        "cenId": cen.id,
        "transitRouterId": "<computed>",
        "peerTransitRouterId": "<computed>",
        "peerTransitRouterRegionId": SHANGHAI,
        "bandwidthType": "DataTransfer",
        "bandwidth": BANDWIDTH,
        "autoPublishRouteEnabled": True,
        "tags": {"inferline-stack": "mesh", "inferline-environment": "staging"},
    }
    assert peer.property_dependencies["transitRouterId"] == [named(run, f"alicloud-tr-{HANGZHOU}").urn]
    assert peer.property_dependencies["peerTransitRouterId"] == [named(run, f"alicloud-tr-{SHANGHAI}").urn]
    for region in (HANGZHOU, SHANGHAI):
        for kind in ("association", "propagation"):
            record = named(run, f"alicloud-tr-peer-{HANGZHOU}-{SHANGHAI}-{kind}-{region}")
            assert record.provider == named(run, f"alicloud-{region}").urn
            assert record.property_dependencies["transitRouterRouteTableId"] == [named(run, f"alicloud-tr-rt-{region}").urn]
    for site, region in (("ali-a", HANGZHOU), ("ali-b", SHANGHAI)):
        assert named(run, f"{site}-tr-vpc").property_dependencies["transitRouterId"] == [named(run, f"alicloud-tr-{region}").urn]


@pytest.mark.parametrize("environment", ["prod", "staging"])
def test_the_cen_its_routers_and_their_connection_are_protected_only_in_prod(tmp_path: Path, environment: str) -> None:
    run = transit_stack(
        tmp_path / "Pulumi.mesh.yaml", [("ali-a", HANGZHOU), ("ali-b", SHANGHAI)], [("ali-a", "ali-b", BANDWIDTH)], environment=environment
    )
    for record in children_of(run, "alicloud", TRANSIT_NETWORK_TYPE):
        assert record.protect == (environment == "prod" and record.type in {CEN, TRANSIT_ROUTER, PEER_ATTACHMENT}), record.urn


def test_adding_a_third_site_keeps_every_existing_alibaba_resource(tmp_path: Path) -> None:
    """The issue's case: two sites with a transit link, then a third with a transit link to one of them. Before,
    the CEN was named after whichever link was built first and a router after its first site."""
    two = transit_stack(tmp_path / "Pulumi.two.yaml", [("ali-b", SHANGHAI), ("ali-c", HANGZHOU)], [("ali-b", "ali-c", BANDWIDTH)])
    three = transit_stack(
        tmp_path / "Pulumi.three.yaml",
        [("ali-b", SHANGHAI), ("ali-c", HANGZHOU), ("ali-a", BEIJING)],
        [("ali-b", "ali-c", BANDWIDTH), ("ali-a", "ali-b", 100)],
    )
    before = {r.urn: (r.inputs, r.parent, r.provider) for r in two.resources if r.cloud == "alicloud" or r.type == TRANSIT_NETWORK_TYPE}
    after = {r.urn: (r.inputs, r.parent, r.provider) for r in three.resources}
    assert before
    assert {urn: after.get(urn) for urn in before} == before
    added = {record.name for record in three.resources if record.urn not in before and record.cloud == "alicloud"}
    assert {f"alicloud-tr-{BEIJING}", f"alicloud-tr-peer-{BEIJING}-{SHANGHAI}", "ali-a-tr-vpc", "ali-b-transit-route-ali-a-cn-shanghai-e"} <= added


def test_a_site_with_lines_and_a_transit_link_has_one_vpc_attachment() -> None:
    adapter = AlicloudInterconnect()

    def declare(pair: SitePair) -> None:
        plan = TransitNetworkPlan(
            cloud="alicloud",
            stack="test",
            protect=True,
            tags=MappingProxyType({}),
            members=MappingProxyType({"site-a": HANGZHOU, "site-b": SHANGHAI}),
            region_pairs=MappingProxyType({(HANGZHOU, SHANGHAI): BANDWIDTH}),
            line_sites=("site-a",),
        )
        network = TransitNetwork(plan)
        a = dataclasses.replace(pair.a, transit=network.hub("site-a"))
        adapter.join_transit(a, [sample_line(connection_id="pc-1")], (TransitPeer("site-b", "10.2.0.0/16"),), pair.opts_a)

    run = build_pair(*sites(True), declare, bandwidth_mbps=BANDWIDTH)
    counts = Counter(record.type for record in link_children(run))
    assert counts[VPC_ATTACHMENT] == 1
    attachment = named(run, "site-a-tr-vpc")
    assert named(run, "site-a-tr-vbr-colo").property_dependencies["transitRouterId"] == [named(run, f"alicloud-tr-{HANGZHOU}").urn]
    for zone in HANGZHOU_ZONES:
        assert named(run, f"site-a-dx-route-{zone}-10.212.0.0-17").property_dependencies["nexthopId"] == [attachment.urn]
        assert named(run, f"site-a-transit-route-site-b-{zone}").property_dependencies["nexthopId"] == [attachment.urn]


def test_the_stack_cen_takes_over_the_first_line_sites_own() -> None:
    """Before the stack-wide CEN, each site with lines had `{site}-cen`, `{site}-tr` and `{site}-tr-rt` in its
    SiteInterconnect: the alphabetically first one's become the stack's (one old resource per new one)."""
    run = preview(STACKS / "Pulumi.prod.yaml", "prod")
    for name, resource_type, old in (
        ("alicloud-cen", CEN, "ali-sh-cen"),
        ("alicloud-tr-cn-shanghai", TRANSIT_ROUTER, "ali-sh-tr"),
        ("alicloud-tr-rt-cn-shanghai", TR_TABLE, "ali-sh-tr-rt"),
    ):
        assert named(run, name).aliases == [
            {"urn": f"urn:pulumi:prod::inferline::inferline:site:Site$inferline:interconnect:SiteInterconnect${resource_type}::{old}"},
            {"urn": f"urn:pulumi:prod::inferline::inferline:interconnect:SiteInterconnect${resource_type}::{old}"},
        ]
    # The VPC attachment keeps its old name and parent: no alias needed.
    attachment = named(run, "ali-sh-tr-vpc")
    assert (attachment.parent, attachment.aliases) == (site_interconnect(run, "ali-sh").urn, [])


def test_a_transit_link_off_the_cen_is_refused() -> None:
    message = (
        "pair:site-a~site-b: site 'site-a' is not on the stack's Cloud Enterprise Network; plan the stack with "
        "plan_stack so every transit link's sites are its members"
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        build_pair(*sites(True), AlicloudInterconnect().transit)
