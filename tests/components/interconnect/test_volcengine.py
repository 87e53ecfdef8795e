from __future__ import annotations

import ipaddress
import re
from collections import Counter

import pulumi
import pytest

from inferline.components.interconnect.adapters.base import SiteContext
from inferline.components.interconnect.adapters.volcengine import VolcengineInterconnect
from inferline.config.network import NatStrategy
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun
from tests.support import INTERCONNECT_TYPE, build_interconnect, children_of, named, network_spec, sample_line, sample_tunnel

REGION = "cn-beijing"
ZONES = ("cn-beijing-a", "cn-beijing-b")
SITE_TAGS = [{"key": "inferline-site", "value": "site-a"}]
ADAPTER = VolcengineInterconnect()

ROUTE = "volcengine:vpc/routeEntry:RouteEntry"
DX_GATEWAY = "volcengine:direct_connect/gateway:Gateway"
VIF = "volcengine:direct_connect/virtualInterface:VirtualInterface"
BGP_PEER = "volcengine:direct_connect/bgpPeer:BgpPeer"
TRANSIT_ROUTER = "volcengine:transit_router/transitRouter:TransitRouter"
DXGW_ATTACHMENT = "volcengine:transit_router/directConnectGatewayAttachment:DirectConnectGatewayAttachment"
VPC_ATTACHMENT = "volcengine:transit_router/vpcAttachment:VpcAttachment"
VPN_GATEWAY = "volcengine:vpn/gateway:Gateway"
CUSTOMER_GATEWAY = "volcengine:vpn/customerGateway:CustomerGateway"
VPN_CONNECTION = "volcengine:vpn/connection:Connection"
VPN_GATEWAY_ROUTE = "volcengine:vpn/gatewayRoute:GatewayRoute"


def interconnect_children(run: ProgramRun) -> list[ResourceRecord]:
    return children_of(run, "site-a", INTERCONNECT_TYPE)


def assert_wired_to_interconnect(run: ProgramRun) -> None:
    """Every resource outside the network is a child of the SiteInterconnect and uses the site's provider."""
    component = next(record for record in run.resources if record.type == INTERCONNECT_TYPE)
    network = next(record for record in run.resources if record.type == "inferline:network:PrivateNetwork")
    provider = next(record for record in run.resources if record.type == "pulumi:providers:volcengine")
    mine = [r for r in run.resources if r.custom and r.parent != network.urn and r is not provider]
    assert mine
    for record in mine:
        assert record.parent == component.urn, record.urn
        assert record.provider == provider.urn, record.urn


def line_run(*, protect: bool = True, **changes: object) -> ProgramRun:
    spec = network_spec("volcengine", REGION, ZONES)
    changes.setdefault("connection_id", "dcc-3tehgbfxi5kw3c0v****")
    return build_interconnect(
        spec, lambda site, opts: ADAPTER.dedicated_lines(site, [sample_line(**changes)], opts), protect=protect
    )


def vpn_run(*, nat: NatStrategy = "one-per-zone", **changes: object) -> ProgramRun:
    spec = network_spec("volcengine", REGION, ZONES, nat=nat)

    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        gateway = ADAPTER.vpn_gateway(site, 100, opts)
        pulumi.export("gateway_id", gateway.gateway_id)
        ADAPTER.vpn_tunnel(site, gateway, sample_tunnel(**changes), opts)

    return build_interconnect(spec, declare)


def test_existing_connection_gets_a_bgp_interface_and_a_transit_router_into_the_vpc() -> None:
    run = line_run()

    zones, cidrs, halves = 2, 2, 2
    assert Counter(record.type for record in interconnect_children(run)) == {
        DX_GATEWAY: 1,
        VIF: 1,
        BGP_PEER: 1,
        TRANSIT_ROUTER: 1,
        DXGW_ATTACHMENT: 1,
        VPC_ATTACHMENT: 1,
        ROUTE: zones * cidrs * halves,
    }
    assert_wired_to_interconnect(run)

    gateway = named(run, "site-a-dx-gateway-colo")
    assert gateway.inputs["directConnectGatewayName"] == "inferline-test-site-a-dx-gateway-colo"
    assert gateway.inputs["tags"] == SITE_TAGS
    vif = named(run, "site-a-dx-vif-colo")
    assert vif.inputs == {
        "virtualInterfaceName": "inferline-test-site-a-dx-vif-colo",
        "directConnectConnectionId": "dcc-3tehgbfxi5kw3c0v****",
        "directConnectGatewayId": gateway.id,
        "vlanId": 1234,
        "localIp": "169.254.52.237/30",
        "peerIp": "169.254.52.238/30",
        "routeType": "BGP",
        "bandwidth": 1000,
        "tags": SITE_TAGS,
    }
    assert named(run, "site-a-dx-bgp-colo").inputs == {
        "bgpPeerName": "inferline-test-site-a-dx-bgp-colo",
        "virtualInterfaceId": vif.id,
        "remoteAsn": 64900,
        "authKey": "<secret>",
    }

    router = named(run, "site-a-dx-tr-colo")
    assert router.inputs["asn"] == 65010
    attachment = named(run, "site-a-dx-tr-dxgw-colo")
    assert (attachment.inputs["transitRouterId"], attachment.inputs["directConnectGatewayId"]) == (router.id, gateway.id)
    vpc_attachment = named(run, "site-a-dx-tr-vpc-colo")
    assert vpc_attachment.inputs["transitRouterId"] == router.id
    assert vpc_attachment.inputs["vpcId"] == named(run, "site-a-vpc").id
    assert vpc_attachment.inputs["attachPoints"] == [
        {"subnetId": named(run, f"site-a-private-{zone}").id, "zoneId": zone} for zone in ZONES
    ]

    for zone in ZONES:
        table = named(run, f"site-a-private-rt-{zone}")
        routes = [
            r
            for r in run.resources
            if r.type == ROUTE and r.inputs["routeTableId"] == table.id and r.name.startswith("site-a-dx-")
        ]
        assert sorted(r.inputs["destinationCidrBlock"] for r in routes) == [
            "10.212.0.0/17",
            "10.212.128.0/17",
            "192.168.0.0/21",
            "192.168.8.0/21",
        ]
        for route in routes:
            assert (route.inputs["nextHopType"], route.inputs["nextHopId"]) == ("TransitRouter", router.id)
            # A VPC can route to a transit router only once it is attached to it.
            assert vpc_attachment.urn in route.dependencies
        assert named(run, f"site-a-dx-route-colo-{zone}-10.212.128.0-17").inputs["destinationCidrBlock"] == "10.212.128.0/17"


@pytest.mark.parametrize("protect", [True, False])
def test_connection_side_and_transit_router_are_protected_only_in_prod(protect: bool) -> None:
    run = line_run(protect=protect)
    critical = {DX_GATEWAY, VIF, TRANSIT_ROUTER}
    for record in interconnect_children(run):
        assert record.protect == (protect and record.type in critical), record.urn


def test_a_line_without_connection_id_asks_for_one_instead_of_inventing_contacts() -> None:
    message = (
        "dedicated:site-a~colo: Volcano Engine orders a line only with the customer's contact name, phone and email "
        "(direct_connect.Connection customer_name, customer_contact_phone, customer_contact_email), which inferline "
        "config does not hold; order the line with Volcano Engine and set the link's connection_id"
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        line_run(connection_id=None)


def test_vpn_gateway_and_a_backup_tunnel() -> None:
    run = vpn_run()

    assert Counter(record.type for record in interconnect_children(run)) == {
        VPN_GATEWAY: 1,
        CUSTOMER_GATEWAY: 1,
        VPN_CONNECTION: 1,
        VPN_GATEWAY_ROUTE: 1,
        ROUTE: len(ZONES),
    }
    assert_wired_to_interconnect(run)
    assert not any(record.protect for record in interconnect_children(run))

    gateway = named(run, "site-a-vpn-gateway")
    assert gateway.inputs == {
        "vpnGatewayName": "inferline-test-site-a-vpn-gateway",
        "vpcId": named(run, "site-a-vpc").id,
        "subnetId": named(run, "site-a-edge-cn-beijing-a").id,
        "bandwidth": 100,
        "billingType": "PostPaid",
        "tags": SITE_TAGS,
    }
    assert run.outputs["gateway_id"] == gateway.id

    customer_gateway = named(run, "site-a-vpn-cgw-site-b")
    assert customer_gateway.inputs["ipAddress"] == "198.51.100.7"
    assert customer_gateway.inputs["tags"] == SITE_TAGS
    connection = named(run, "site-a-vpn-connection-site-b")
    assert connection.inputs == {
        "vpnConnectionName": "inferline-test-site-a-vpn-connection-site-b",
        "vpnGatewayId": gateway.id,
        "customerGatewayId": customer_gateway.id,
        "localSubnets": ["10.1.0.0/16"],
        "remoteSubnets": ["10.2.0.0/16"],
        "ikeConfigPsk": "<secret>",
        "ikeConfigVersion": "ikev2",
        "ikeConfigEncAlg": "aes256",
        "ikeConfigAuthAlg": "sha256",
        "ikeConfigDhGroup": "group14",
        "ikeConfigLifetime": 28800,
        "ipsecConfigEncAlg": "aes256",
        "ipsecConfigAuthAlg": "sha256",
        "ipsecConfigDhGroup": "group14",
        "ipsecConfigLifetime": 3600,
        "tags": SITE_TAGS,
    }
    assert named(run, "site-a-vpn-gw-route-site-b-10.2.0.0-16").inputs == {
        "vpnGatewayId": gateway.id,
        "destinationCidrBlock": "10.2.0.0/16",
        "nextHopId": connection.id,
    }
    for zone in ZONES:
        route = named(run, f"site-a-vpn-route-site-b-{zone}-10.2.0.0-16")
        assert route.inputs["routeTableId"] == named(run, f"site-a-private-rt-{zone}").id
        assert route.inputs["destinationCidrBlock"] == "10.2.0.0/16"
        assert (route.inputs["nextHopType"], route.inputs["nextHopId"]) == ("VpnGW", gateway.id)
        assert (
            route.inputs["description"]
            == "10.2.0.0/16 over the VPN to site-b: backup path; the dedicated line's longer prefixes win"
        )


def test_without_edge_subnets_the_vpn_gateway_sits_in_a_private_subnet() -> None:
    run = vpn_run(nat="none")
    assert named(run, "site-a-vpn-gateway").inputs["subnetId"] == named(run, "site-a-private-cn-beijing-a").id


def test_the_dedicated_line_wins_over_a_backup_vpn_to_the_same_network_by_longer_prefixes() -> None:
    spec = network_spec("volcengine", REGION, ZONES)

    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        ADAPTER.dedicated_lines(site, [sample_line(connection_id="dcc-1", remote_cidrs=("10.2.0.0/16",))], opts)
        ADAPTER.vpn_tunnel(site, ADAPTER.vpn_gateway(site, 100, opts), sample_tunnel(backup=True), opts)

    run = build_interconnect(spec, declare)
    for zone in ZONES:
        table = named(run, f"site-a-private-rt-{zone}").id
        routes = [
            r
            for r in run.resources
            if r.type == ROUTE and r.inputs["routeTableId"] == table and "0.0.0.0/0" != r.inputs["destinationCidrBlock"]
        ]
        destinations = [r.inputs["destinationCidrBlock"] for r in routes]
        # No two routes to one destination: nothing relies on an undocumented tie-break between next hops.
        assert len(destinations) == len(set(destinations))
        vpn = ipaddress.IPv4Network(named(run, f"site-a-vpn-route-site-b-{zone}-10.2.0.0-16").inputs["destinationCidrBlock"])
        line = [
            ipaddress.IPv4Network(r.inputs["destinationCidrBlock"]) for r in routes if r.inputs["nextHopType"] == "TransitRouter"
        ]
        # The line's routes cover the VPN's network exactly, each with a longer prefix.
        assert sorted(line) == sorted(vpn.subnets(prefixlen_diff=1))
        assert all(net.prefixlen > vpn.prefixlen for net in line)


@pytest.mark.parametrize(
    ("declare", "message"),
    [
        pytest.param(
            lambda site, opts: ADAPTER.vpn_tunnel(
                site,
                ADAPTER.vpn_gateway(site, 100, opts),
                sample_tunnel(remote_cidrs=tuple(f"10.{n}.0.0/16" for n in range(2, 8))),
                opts,
            ),
            "vpn:site-a~site-b: a Volcano Engine VPN connection takes at most 5 remote networks, not 6",
            id="remote-networks",
        ),
    ],
)
def test_what_volcano_engines_vpn_cannot_take_is_refused(declare: object, message: str) -> None:
    spec = network_spec("volcengine", REGION, ZONES)
    with pytest.raises(ValueError, match=re.escape(message)):
        build_interconnect(spec, declare)  # type: ignore[arg-type]
