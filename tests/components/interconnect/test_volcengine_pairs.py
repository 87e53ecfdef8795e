from __future__ import annotations

from collections import Counter

import pytest

from inferline.components.interconnect.adapters.volcengine import VolcengineInterconnect
from inferline.planning.network import NetworkSpec
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun
from tests.support import PAIR_TYPE, build_pair, named, network_spec

ADAPTER = VolcengineInterconnect()
BEIJING = ("cn-beijing-a", "cn-beijing-b")
SHANGHAI = ("cn-shanghai-a", "cn-shanghai-b")
JOHOR = ("ap-southeast-1a", "ap-southeast-1b")

TRANSIT_ROUTER = "volcengine:transit_router/transitRouter:TransitRouter"
VPC_ATTACHMENT = "volcengine:transit_router/vpcAttachment:VpcAttachment"
BANDWIDTH_PACKAGE = "volcengine:transit_router/bandwidthPackage:BandwidthPackage"
PEER_ATTACHMENT = "volcengine:transit_router/peerAttachment:PeerAttachment"
ROUTE = "volcengine:vpc/routeEntry:RouteEntry"

SITE_A = network_spec("volcengine", "cn-beijing", BEIJING, site="site-a", cidr="10.1.0.0/16")
SITE_B = network_spec("volcengine", "cn-beijing", BEIJING, site="site-b", cidr="10.2.0.0/16")
SITE_B_SHANGHAI = network_spec("volcengine", "cn-shanghai", SHANGHAI, site="site-b", cidr="10.2.0.0/16")
SITE_B_JOHOR = network_spec("volcengine", "ap-southeast-1", JOHOR, site="site-b", cidr="10.2.0.0/16")


def link_children(run: ProgramRun) -> list[ResourceRecord]:
    component = next(r for r in run.resources if r.type == PAIR_TYPE)
    return [r for r in run.resources if r.parent == component.urn]


def provider_of(run: ProgramRun, site: str) -> str:
    return next(r.urn for r in run.resources if r.type == "pulumi:providers:volcengine" and r.name == f"{site}-volcengine")


def tags(site: str) -> list[dict[str, str]]:
    return [{"key": "inferline-site", "value": site}]


def assert_attached(run: ProgramRun, spec: NetworkSpec, peer: str, router: ResourceRecord) -> None:
    """``spec``'s VPC on ``router`` with a point per zone, through its own provider."""
    site = spec.names.site
    attachment = named(run, f"{site}-tr-vpc-{peer}")
    assert attachment.inputs["transitRouterId"] == router.id
    assert attachment.inputs["vpcId"] == named(run, f"{site}-vpc").id
    assert attachment.inputs["attachPoints"] == [
        {"subnetId": named(run, f"{site}-private-{zone.zone}").id, "zoneId": zone.zone} for zone in spec.zones
    ]
    assert "autoPublishRouteEnabled" not in attachment.inputs
    assert attachment.inputs["tags"] == tags(site)
    assert attachment.provider == provider_of(run, site)


def assert_routes(run: ProgramRun, spec: NetworkSpec, peer: str, destination: str, router: ResourceRecord) -> None:
    """``destination`` through ``router`` in every private route table of ``spec``, once its VPC is attached."""
    site = spec.names.site
    zones = [zone.zone for zone in spec.zones]
    routes = [named(run, f"{site}-tr-route-{peer}-{zone}") for zone in zones]
    assert [r.inputs["routeTableId"] for r in routes] == [named(run, f"{site}-private-rt-{zone}").id for zone in zones]
    attachment = named(run, f"{site}-tr-vpc-{peer}")
    for route in routes:
        inputs = route.inputs
        assert (inputs["destinationCidrBlock"], inputs["nextHopType"], inputs["nextHopId"]) == (
            destination,
            "TransitRouter",
            router.id,
        )
        assert route.provider == provider_of(run, site)
        assert attachment.urn in route.dependencies


def test_peering_is_refused_for_want_of_a_peering_resource() -> None:
    with pytest.raises(
        ValueError,
        match=r"^pair:site-a~site-b: Volcano Engine's SDK \(pulumi_volcengine 0\.0\.47\) has no VPC peering resource; use a transit link$",
    ):
        build_pair(SITE_A, SITE_B, ADAPTER.peering)


def test_transit_same_region_is_one_router_with_both_vpcs_attached() -> None:
    run = build_pair(SITE_A, SITE_B, ADAPTER.transit)
    assert Counter(r.type for r in link_children(run)) == {TRANSIT_ROUTER: 1, VPC_ATTACHMENT: 2, ROUTE: 4}
    router = named(run, "site-a-tr-site-b")
    assert router.inputs["asn"] == 65010
    assert router.inputs["transitRouterName"] == "inferline-test-site-a-tr-site-b"
    assert router.inputs["tags"] == tags("site-a")
    assert router.protect
    assert router.provider == provider_of(run, "site-a")
    assert_attached(run, SITE_A, "site-b", router)
    assert_attached(run, SITE_B, "site-a", router)
    assert_routes(run, SITE_A, "site-b", "10.2.0.0/16", router)
    assert_routes(run, SITE_B, "site-a", "10.1.0.0/16", router)


def test_transit_cross_region_is_a_router_per_region_joined_by_a_peer_attachment() -> None:
    run = build_pair(SITE_A, SITE_B_SHANGHAI, ADAPTER.transit, bandwidth_mbps=200, prepaid_months=36)
    assert Counter(r.type for r in link_children(run)) == {
        TRANSIT_ROUTER: 2,
        VPC_ATTACHMENT: 2,
        BANDWIDTH_PACKAGE: 1,
        PEER_ATTACHMENT: 1,
        ROUTE: 4,
    }
    router_a, router_b = named(run, "site-a-tr-site-b"), named(run, "site-b-tr-site-a")
    assert (router_a.inputs["asn"], router_b.inputs["asn"]) == (65010, 65011)
    assert (router_a.provider, router_b.provider) == (provider_of(run, "site-a"), provider_of(run, "site-b"))
    assert router_b.inputs["tags"] == tags("site-b")
    package = named(run, "site-a-tr-bandwidth-site-b")
    assert package.inputs["bandwidth"] == 200
    assert (package.inputs["localGeographicRegionSetId"], package.inputs["peerGeographicRegionSetId"]) == ("China", "China")
    # The planned term; no renewal arguments, which the provider applies only when modifying a package.
    assert package.inputs["period"] == 36
    assert "renewType" not in package.inputs and "renewPeriod" not in package.inputs
    assert package.provider == provider_of(run, "site-a")
    peer = named(run, "site-a-tr-peer-site-b")
    assert peer.inputs["transitRouterId"] == router_a.id
    assert peer.inputs["peerTransitRouterId"] == router_b.id
    assert peer.inputs["peerTransitRouterRegionId"] == "cn-shanghai"
    assert peer.inputs["transitRouterBandwidthPackageId"] == package.id
    assert peer.inputs["bandwidth"] == 200
    assert peer.provider == provider_of(run, "site-a")
    assert all(r.protect for r in (router_a, router_b, package, peer))
    assert_attached(run, SITE_A, "site-b", router_a)
    assert_attached(run, SITE_B_SHANGHAI, "site-a", router_b)
    assert_routes(run, SITE_A, "site-b", "10.2.0.0/16", router_a)
    assert_routes(run, SITE_B_SHANGHAI, "site-a", "10.1.0.0/16", router_b)


def test_a_package_out_of_china_pairs_the_china_and_asia_sets() -> None:
    run = build_pair(SITE_A, SITE_B_JOHOR, ADAPTER.transit)
    package = named(run, "site-a-tr-bandwidth-site-b")
    assert (package.inputs["localGeographicRegionSetId"], package.inputs["peerGeographicRegionSetId"]) == ("China", "Asia")


def test_transit_is_not_protected_outside_prod() -> None:
    run = build_pair(SITE_A, SITE_B_SHANGHAI, ADAPTER.transit, protect=False)
    protected = [r.name for r in link_children(run) if r.protect]
    assert protected == []


def test_same_region_transit_takes_no_package_so_any_bandwidth() -> None:
    run = build_pair(SITE_A, SITE_B, ADAPTER.transit, bandwidth_mbps=1)
    assert BANDWIDTH_PACKAGE not in {r.type for r in run.resources}


def test_every_link_resource_is_a_child_of_the_link() -> None:
    run = build_pair(SITE_A, SITE_B_SHANGHAI, ADAPTER.transit)
    link_types = {TRANSIT_ROUTER, VPC_ATTACHMENT, BANDWIDTH_PACKAGE, PEER_ATTACHMENT}
    declared = [r for r in run.resources if r.type in link_types or (r.type == ROUTE and "-tr-route-" in r.name)]
    assert sorted(r.urn for r in declared) == sorted(r.urn for r in link_children(run))
