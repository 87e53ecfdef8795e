from __future__ import annotations

from collections import Counter

import pytest

from inferline.components.interconnect.adapters.aws import AwsInterconnect
from inferline.planning.network import NetworkSpec
from inferline.preview.record import COMPUTED, ResourceRecord
from inferline.preview.runner import ProgramRun
from tests.support import PAIR_TYPE, build_pair, children_of, named, network_spec

ADAPTER = AwsInterconnect()
SITE_A = network_spec("aws", "ap-southeast-1", ("ap-southeast-1a", "ap-southeast-1b"), site="site-a", cidr="10.1.0.0/16")
SAME_REGION_B = network_spec("aws", "ap-southeast-1", ("ap-southeast-1a", "ap-southeast-1b"), site="site-b", cidr="10.2.0.0/16")
OTHER_REGION_B = network_spec("aws", "us-west-2", ("us-west-2a", "us-west-2b"), site="site-b", cidr="10.2.0.0/16")
PAIRS = [pytest.param(SAME_REGION_B, id="same-region"), pytest.param(OTHER_REGION_B, id="cross-region")]

PEERING = "aws:ec2/vpcPeeringConnection:VpcPeeringConnection"
PEERING_ACCEPTER = "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter"
ROUTE = "aws:ec2/route:Route"
TGW = "aws:ec2transitgateway/transitGateway:TransitGateway"
TGW_ATTACHMENT = "aws:ec2transitgateway/vpcAttachment:VpcAttachment"
TGW_PEERING = "aws:ec2transitgateway/peeringAttachment:PeeringAttachment"
TGW_PEERING_ACCEPTER = "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter"
TGW_ROUTE = "aws:ec2transitgateway/route:Route"
#: Two zones a site, a route to the other site's CIDR in each private route table of both sites.
VPC_ROUTES = 4


def peering_run(b: NetworkSpec, *, protect: bool = True) -> ProgramRun:
    return build_pair(SITE_A, b, ADAPTER.peering, protect=protect)


def transit_run(b: NetworkSpec, *, protect: bool = True) -> ProgramRun:
    return build_pair(SITE_A, b, ADAPTER.transit, protect=protect)


def link_children(run: ProgramRun) -> list[ResourceRecord]:
    return children_of(run, "site-a-site-b", PAIR_TYPE)


def tags(site: str, name: str) -> dict[str, str]:
    return {"inferline-site": site, "Name": f"inferline-test-{site}-{name}"}


def assert_wired_to_link(run: ProgramRun) -> None:
    """Every resource is a child of the SameCloudLink and uses the provider of the site its name starts with."""
    component = named(run, "site-a-site-b")
    providers = {site: named(run, f"{site}-aws").urn for site in ("site-a", "site-b")}
    children = link_children(run)
    assert children
    for record in children:
        assert record.parent == component.urn, record.urn
        assert record.provider == providers[record.name[: len("site-a")]], record.urn


def assert_routes(run: ProgramRun, b: NetworkSpec, role: str, next_hop: str, hops: dict[str, str | None]) -> None:
    """Each site routes the other's CIDR over ``hops[site]`` in every private route table."""
    for spec, peer in ((SITE_A, b), (b, SITE_A)):
        site = spec.names.site
        for zone in spec.zones:
            assert named(run, f"{site}-{role}-{peer.names.site}-{zone.zone}").inputs == {
                "routeTableId": named(run, f"{site}-private-rt-{zone.zone}").id,
                "destinationCidrBlock": peer.cidr,
                next_hop: hops[site],
            }


def assert_routes_wait_for_attachments(run: ProgramRun) -> None:
    """A VPC route to a transit gateway depends on its own VPC's attachment."""
    routes = [record for record in link_children(run) if record.type == ROUTE]
    assert len(routes) == VPC_ROUTES
    for site, peer in (("site-a", "site-b"), ("site-b", "site-a")):
        attachment = named(run, f"{site}-tgw-attachment-{peer}").urn
        for record in (r for r in routes if r.name.startswith(f"{site}-")):
            assert attachment in record.dependencies, record.urn


def test_peering_in_one_region_is_accepted_by_the_requester_and_routed_both_ways() -> None:
    run = peering_run(SAME_REGION_B)

    assert Counter(record.type for record in link_children(run)) == {PEERING: 1, ROUTE: VPC_ROUTES}
    assert_wired_to_link(run)
    connection = named(run, "site-a-peer-site-b")
    assert connection.inputs == {
        "vpcId": named(run, "site-a-vpc").id,
        "peerVpcId": named(run, "site-b-vpc").id,
        "autoAccept": True,
        "tags": tags("site-a", "peer-site-b"),
    }
    assert_routes(run, SAME_REGION_B, "peer-route", "vpcPeeringConnectionId", {"site-a": connection.id, "site-b": connection.id})


def test_peering_across_regions_names_the_peer_region_and_b_accepts_it() -> None:
    run = peering_run(OTHER_REGION_B)

    assert Counter(record.type for record in link_children(run)) == {PEERING: 1, PEERING_ACCEPTER: 1, ROUTE: VPC_ROUTES}
    assert_wired_to_link(run)
    connection = named(run, "site-a-peer-site-b")
    assert connection.inputs == {
        "vpcId": named(run, "site-a-vpc").id,
        "peerVpcId": named(run, "site-b-vpc").id,
        "peerRegion": "us-west-2",
        "tags": tags("site-a", "peer-site-b"),
    }
    accepter = named(run, "site-b-peer-accepter-site-a")
    assert accepter.inputs == {
        "vpcPeeringConnectionId": connection.id,
        "autoAccept": True,
        "tags": tags("site-b", "peer-site-a"),
    }
    # Both sides route over the accepted connection (the accepter's id is the connection's).
    assert_routes(run, OTHER_REGION_B, "peer-route", "vpcPeeringConnectionId", {"site-a": accepter.id, "site-b": accepter.id})
    for zone in ("ap-southeast-1a", "ap-southeast-1b"):
        assert accepter.urn in named(run, f"site-a-peer-route-site-b-{zone}").dependencies


def test_transit_in_one_region_attaches_both_vpcs_to_one_transit_gateway() -> None:
    run = transit_run(SAME_REGION_B)

    assert Counter(record.type for record in link_children(run)) == {TGW: 1, TGW_ATTACHMENT: 2, ROUTE: VPC_ROUTES}
    assert_wired_to_link(run)
    hub = named(run, "site-a-tgw-site-b")
    assert hub.inputs == {
        "description": "inferline pair:site-a~site-b",
        "amazonSideAsn": 65010,
        "defaultRouteTableAssociation": "enable",
        "defaultRouteTablePropagation": "enable",
        "tags": tags("site-a", "tgw-site-b"),
    }
    for site, peer, zones in (("site-a", "site-b", SITE_A.zones), ("site-b", "site-a", SAME_REGION_B.zones)):
        assert named(run, f"{site}-tgw-attachment-{peer}").inputs == {
            "transitGatewayId": hub.id,
            "vpcId": named(run, f"{site}-vpc").id,
            "subnetIds": [named(run, f"{site}-private-{zone.zone}").id for zone in zones],
            "transitGatewayDefaultRouteTableAssociation": True,
            "transitGatewayDefaultRouteTablePropagation": True,
            "tags": tags(site, f"tgw-attachment-{peer}"),
        }
    assert_routes(run, SAME_REGION_B, "transit-route", "transitGatewayId", {"site-a": hub.id, "site-b": hub.id})
    assert_routes_wait_for_attachments(run)


def test_transit_across_regions_peers_a_transit_gateway_per_region_with_static_routes() -> None:
    run = transit_run(OTHER_REGION_B)

    assert Counter(record.type for record in link_children(run)) == {
        TGW: 2,
        TGW_ATTACHMENT: 2,
        TGW_PEERING: 1,
        TGW_PEERING_ACCEPTER: 1,
        TGW_ROUTE: 2,
        ROUTE: VPC_ROUTES,
    }
    assert_wired_to_link(run)
    hubs = {"site-a": named(run, "site-a-tgw-site-b"), "site-b": named(run, "site-b-tgw-site-a")}
    assert hubs["site-b"].inputs == {
        "description": "inferline pair:site-a~site-b",
        "amazonSideAsn": 65011,
        "defaultRouteTableAssociation": "enable",
        "defaultRouteTablePropagation": "enable",
        "tags": tags("site-b", "tgw-site-a"),
    }
    assert hubs["site-a"].inputs["amazonSideAsn"] == 65010
    for site, peer, zones in (("site-a", "site-b", SITE_A.zones), ("site-b", "site-a", OTHER_REGION_B.zones)):
        attachment = named(run, f"{site}-tgw-attachment-{peer}")
        assert attachment.inputs["transitGatewayId"] == hubs[site].id
        assert attachment.inputs["vpcId"] == named(run, f"{site}-vpc").id
        assert attachment.inputs["subnetIds"] == [named(run, f"{site}-private-{zone.zone}").id for zone in zones]

    peering = named(run, "site-a-tgw-peering-site-b")
    assert peering.inputs == {
        "transitGatewayId": hubs["site-a"].id,
        "peerTransitGatewayId": hubs["site-b"].id,
        "peerRegion": "us-west-2",
        "tags": tags("site-a", "tgw-peering-site-b"),
    }
    accepter = named(run, "site-b-tgw-peering-accepter-site-a")
    assert accepter.inputs == {"transitGatewayAttachmentId": peering.id, "tags": tags("site-b", "tgw-peering-site-a")}
    # Peering attachments propagate nothing: each gateway's default route table gets a static route to the
    # far CIDR over the accepted peering.
    for site, peer, cidr in (("site-a", "site-b", "10.2.0.0/16"), ("site-b", "site-a", "10.1.0.0/16")):
        route = named(run, f"{site}-tgw-static-route-{peer}")
        assert route.inputs == {
            "transitGatewayRouteTableId": COMPUTED,  # the gateway's association_default_route_table_id
            "destinationCidrBlock": cidr,
            "transitGatewayAttachmentId": accepter.id,
        }
        assert route.property_dependencies["transitGatewayRouteTableId"] == [hubs[site].urn]
    assert_routes(run, OTHER_REGION_B, "transit-route", "transitGatewayId", {site: hub.id for site, hub in hubs.items()})
    assert_routes_wait_for_attachments(run)


@pytest.mark.parametrize("b", PAIRS)
@pytest.mark.parametrize("protect", [True, False])
def test_transit_gateways_and_peerings_are_protected_only_in_prod(b: NetworkSpec, protect: bool) -> None:
    critical = {PEERING, PEERING_ACCEPTER, TGW, TGW_PEERING, TGW_PEERING_ACCEPTER}
    for run in (peering_run(b, protect=protect), transit_run(b, protect=protect)):
        for record in link_children(run):
            assert record.protect == (protect and record.type in critical), record.urn
