from __future__ import annotations

from collections import Counter

import pytest

from inferline.components.interconnect.adapters.huaweicloud import HuaweicloudInterconnect
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun
from tests.support import PAIR_TYPE, build_pair, named, network_spec

ZONES = ("cn-north-4a", "cn-north-4b")
OTHER_REGION_ZONES = ("cn-east-3a", "cn-east-3b")
ADAPTER = HuaweicloudInterconnect()
PEERING = "huaweicloud:Vpc/peeringConnection:PeeringConnection"
ACCEPTER = "huaweicloud:Vpc/peeringConnectionAccepter:PeeringConnectionAccepter"
ROUTER = "huaweicloud:Er/instance:Instance"
ATTACHMENT = "huaweicloud:Er/vpcAttachment:VpcAttachment"
ROUTE = "huaweicloud:Vpc/route:Route"
SITE_A = network_spec("huaweicloud", "cn-north-4", ZONES, site="site-a", cidr="10.1.0.0/16")
SITE_B = network_spec("huaweicloud", "cn-north-4", ZONES, site="site-b", cidr="10.2.0.0/16")
SITE_B_ELSEWHERE = network_spec("huaweicloud", "cn-east-3", OTHER_REGION_ZONES, site="site-b", cidr="10.2.0.0/16")


def link_children(run: ProgramRun) -> list[ResourceRecord]:
    component = next(r for r in run.resources if r.type == PAIR_TYPE)
    return [r for r in run.resources if r.parent == component.urn]


def provider_of(run: ProgramRun, site: str) -> str:
    return next(r.urn for r in run.resources if r.type == "pulumi:providers:huaweicloud" and r.name == f"{site}-huaweicloud")


def assert_routes(run: ProgramRun, site: str, peer: str, role: str, destination: str, kind: str, next_hop: str | None) -> None:
    """One route to ``destination`` in every private route table of ``site``, through ``site``'s provider."""
    routes = [named(run, f"{site}-{role}-{peer}-{zone}") for zone in ZONES]
    assert {r.inputs["routeTableId"] for r in routes} == {named(run, f"{site}-private-rt-{zone}").id for zone in ZONES}
    for route in routes:
        assert (route.inputs["destination"], route.inputs["type"], route.inputs["nexthop"]) == (destination, kind, next_hop)
        assert route.inputs["vpcId"] == named(run, f"{site}-vpc").id
        assert route.provider == provider_of(run, site)


def test_peering_same_region_is_one_connection_without_accepter_and_routes_both_ways() -> None:
    run = build_pair(SITE_A, SITE_B, ADAPTER.peering)
    assert Counter(r.type for r in link_children(run)) == {PEERING: 1, ROUTE: 4}
    assert ACCEPTER not in {r.type for r in run.resources}
    peering = named(run, "site-a-peer-site-b")
    assert peering.inputs["vpcId"] == named(run, "site-a-vpc").id
    assert peering.inputs["peerVpcId"] == named(run, "site-b-vpc").id
    assert peering.inputs["name"] == "inferline-test-site-a-peer-site-b"
    assert "peerTenantId" not in peering.inputs
    assert peering.protect
    assert peering.provider == provider_of(run, "site-a")
    assert_routes(run, "site-a", "site-b", "peer-route", "10.2.0.0/16", "peering", peering.id)
    assert_routes(run, "site-b", "site-a", "peer-route", "10.1.0.0/16", "peering", peering.id)


def test_peering_is_not_protected_outside_prod() -> None:
    run = build_pair(SITE_A, SITE_B, ADAPTER.peering, protect=False)
    assert not named(run, "site-a-peer-site-b").protect


def test_peering_across_regions_is_refused() -> None:
    with pytest.raises(
        ValueError,
        match=r"pair:site-a~site-b: Huawei Cloud VPC peering connects VPCs of one region only; "
        r"'site-a' is in cn-north-4 and 'site-b' in cn-east-3",
    ):
        build_pair(SITE_A, SITE_B_ELSEWHERE, ADAPTER.peering)


def test_transit_same_region_is_one_enterprise_router_with_both_vpcs_attached() -> None:
    run = build_pair(SITE_A, SITE_B, ADAPTER.transit)
    assert Counter(r.type for r in link_children(run)) == {ROUTER: 1, ATTACHMENT: 2, ROUTE: 4}
    router = named(run, "site-a-er-site-b")
    assert router.inputs["asn"] == 65010
    assert router.inputs["availabilityZones"] == list(ZONES)
    assert (router.inputs["enableDefaultAssociation"], router.inputs["enableDefaultPropagation"]) == (True, True)
    assert router.inputs["tags"] == {"inferline-site": "site-a"}
    assert router.protect
    assert router.provider == provider_of(run, "site-a")
    for site, peer in (("site-a", "site-b"), ("site-b", "site-a")):
        attachment = named(run, f"{site}-er-attachment-{peer}")
        assert attachment.inputs["instanceId"] == router.id
        assert attachment.inputs["vpcId"] == named(run, f"{site}-vpc").id
        assert attachment.inputs["subnetId"] == named(run, f"{site}-private-cn-north-4a").id
        assert attachment.inputs["autoCreateVpcRoutes"] is False
        assert attachment.inputs["tags"] == {"inferline-site": site}
        assert attachment.provider == provider_of(run, site)
        # Routes to the router wait for the VPC's attachment.
        for zone in ZONES:
            assert attachment.urn in named(run, f"{site}-er-route-{peer}-{zone}").dependencies
    assert_routes(run, "site-a", "site-b", "er-route", "10.2.0.0/16", "er", router.id)
    assert_routes(run, "site-b", "site-a", "er-route", "10.1.0.0/16", "er", router.id)


def test_transit_is_not_protected_outside_prod() -> None:
    run = build_pair(SITE_A, SITE_B, ADAPTER.transit, protect=False)
    assert not named(run, "site-a-er-site-b").protect


def test_transit_across_regions_is_refused() -> None:
    with pytest.raises(
        ValueError,
        match=r"pair:site-a~site-b: Huawei Cloud Enterprise Routers are regional and SDK 0.0.12 has no ER peering "
        r"attachment; 'site-a' is in cn-north-4 and 'site-b' in cn-east-3",
    ):
        build_pair(SITE_A, SITE_B_ELSEWHERE, ADAPTER.transit)


def test_every_link_resource_is_a_child_of_the_link() -> None:
    for declare in (ADAPTER.peering, ADAPTER.transit):
        run = build_pair(SITE_A, SITE_B, declare)
        component = next(r for r in run.resources if r.type == PAIR_TYPE)
        link_types = {PEERING, ROUTER, ATTACHMENT}
        link_routes = [r for r in run.resources if r.type == ROUTE and ("-peer-route-" in r.name or "-er-route-" in r.name)]
        for record in [r for r in run.resources if r.type in link_types] + link_routes:
            assert record.parent == component.urn, record.urn
