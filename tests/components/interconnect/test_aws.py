from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import pulumi
import pytest

from inferline.components.interconnect.adapters.aws import AwsInterconnect
from inferline.components.interconnect.adapters.base import SiteContext
from inferline.planning.topology import BgpSession
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun
from tests.support import INTERCONNECT_TYPE, build_interconnect, children_of, named, network_spec, sample_line, sample_tunnel

REGION = "ap-southeast-1"
ZONES = ("ap-southeast-1a", "ap-southeast-1b")
ADAPTER = AwsInterconnect()

VGW = "aws:ec2/vpnGateway:VpnGateway"
PROPAGATION = "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation"
DX_GATEWAY = "aws:directconnect/gateway:Gateway"
DX_ASSOCIATION = "aws:directconnect/gatewayAssociation:GatewayAssociation"
DX_CONNECTION = "aws:directconnect/connection:Connection"
VIF = "aws:directconnect/privateVirtualInterface:PrivateVirtualInterface"
CUSTOMER_GATEWAY = "aws:ec2/customerGateway:CustomerGateway"
VPN_CONNECTION = "aws:ec2/vpnConnection:VpnConnection"
VPN_ROUTE = "aws:ec2/vpnConnectionRoute:VpnConnectionRoute"
SITE_GATEWAY = {VGW: 1, PROPAGATION: len(ZONES), DX_GATEWAY: 1, DX_ASSOCIATION: 1}

Declare = Callable[[SiteContext, pulumi.ResourceOptions], None]


def tags(name: str) -> dict[str, str]:
    return {"inferline-site": "site-a", "Name": f"inferline-test-site-a-{name}"}


def build(declare: Declare, *, protect: bool = True, asn: int = 65010) -> ProgramRun:
    return build_interconnect(network_spec("aws", REGION, ZONES), declare, protect=protect, asn=asn)


def interconnect_children(run: ProgramRun) -> list[ResourceRecord]:
    return children_of(run, "site-a", INTERCONNECT_TYPE)


def assert_wired_to_interconnect(run: ProgramRun) -> None:
    """Every resource outside the network is a child of the SiteInterconnect and uses the site's provider."""
    component = next(record for record in run.resources if record.type == INTERCONNECT_TYPE)
    network = next(record for record in run.resources if record.type == "inferline:network:PrivateNetwork")
    provider = next(record for record in run.resources if record.type == "pulumi:providers:aws")
    mine = [r for r in run.resources if r.custom and r.parent != network.urn and r is not provider]
    assert mine
    for record in mine:
        assert record.parent == component.urn, record.urn
        assert record.provider == provider.urn, record.urn


def line_run(*, protect: bool = True, **changes: object) -> ProgramRun:
    """A site's only line, no VPN: the line builds the site's gateway itself."""
    return build(lambda site, opts: ADAPTER.dedicated_lines(site, [sample_line(**changes)], opts), protect=protect)


def vpn_run(**changes: object) -> ProgramRun:
    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        gateway = ADAPTER.vpn_gateway(site, 100, opts)
        pulumi.export("gateway_id", gateway.gateway_id)
        pulumi.export("public_ip", gateway.public_ip)
        ADAPTER.vpn_tunnel(site, gateway, sample_tunnel(**changes), opts)

    return build(declare)


def test_the_site_gateway_is_a_vgw_in_the_vpc_with_a_direct_connect_gateway_and_propagation() -> None:
    run = build(lambda site, opts: pulumi.export("gateway", ADAPTER.vpn_gateway(site, 100, opts).gateway_id))

    assert Counter(record.type for record in interconnect_children(run)) == SITE_GATEWAY
    assert_wired_to_interconnect(run)
    vgw = named(run, "site-a-vgw")
    assert vgw.inputs == {"vpcId": named(run, "site-a-vpc").id, "amazonSideAsn": "65010", "tags": tags("vgw")}
    assert run.outputs["gateway"] == vgw.id
    association = named(run, "site-a-dx-gateway-association")
    for zone in ZONES:
        propagation = named(run, f"site-a-vgw-propagation-{zone}")
        assert propagation.inputs == {"vpnGatewayId": vgw.id, "routeTableId": named(run, f"site-a-private-rt-{zone}").id}
        # Propagation is enabled only once the VGW is associated with the Direct Connect gateway.
        assert association.urn in propagation.dependencies
    dx_gateway = named(run, "site-a-dx-gateway")
    assert dx_gateway.inputs == {"name": "inferline-test-site-a-dx-gateway", "amazonSideAsn": "65010", "tags": tags("dx-gateway")}
    assert named(run, "site-a-dx-gateway-association").inputs == {
        "dxGatewayId": dx_gateway.id,
        "associatedGatewayId": vgw.id,
        "allowedPrefixes": ["10.1.0.0/16"],
    }


def test_a_line_without_connection_id_orders_the_connection_and_a_bgp_interface_on_the_dx_gateway() -> None:
    run = line_run()

    assert Counter(record.type for record in interconnect_children(run)) == {**SITE_GATEWAY, DX_CONNECTION: 1, VIF: 1}
    assert_wired_to_interconnect(run)
    connection = named(run, "site-a-dx-colo")
    assert connection.inputs == {
        "name": "inferline-test-site-a-dx-colo",
        "bandwidth": "1Gbps",
        "location": "ap-colo-2",
        "tags": tags("dx-colo"),
    }
    assert named(run, "site-a-dx-vif-colo").inputs == {
        "name": "inferline-test-site-a-dx-vif-colo",
        "connectionId": connection.id,
        "dxGatewayId": named(run, "site-a-dx-gateway").id,
        "vlan": 1234,
        "addressFamily": "ipv4",
        "bgpAsn": 64900,
        "amazonAddress": "169.254.52.237/30",
        "customerAddress": "169.254.52.238/30",
        "bgpAuthKey": "<secret>",
        "tags": tags("dx-vif-colo"),
    }


def test_a_line_with_a_connection_id_uses_it_and_orders_nothing() -> None:
    run = line_run(connection_id="dxcon-fgq9rgot")

    assert Counter(record.type for record in interconnect_children(run)) == {**SITE_GATEWAY, VIF: 1}
    assert named(run, "site-a-dx-vif-colo").inputs["connectionId"] == "dxcon-fgq9rgot"


def test_ordered_bandwidth_maps_to_a_dedicated_port_speed() -> None:
    assert named(line_run(bandwidth_mbps=10_000), "site-a-dx-colo").inputs["bandwidth"] == "10Gbps"


def test_a_four_byte_hub_asn_goes_to_bgp_asn_long() -> None:
    vif = named(line_run(connection_id="dxcon-1", hub_asn=4_200_000_100), "site-a-dx-vif-colo")
    assert vif.inputs["bgpAsnLong"] == "4200000100"
    assert "bgpAsn" not in vif.inputs


def test_lines_and_tunnels_passed_the_gateway_share_one_vgw_and_one_dx_gateway() -> None:
    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        gateway = ADAPTER.vpn_gateway(site, 100, opts)
        second = sample_line(
            link_id="dedicated:site-a~colo-2",
            hub_name="colo-2",
            hub_asn=64901,
            connection_id="dxcon-2",
            vlan=2345,
            bgp=BgpSession("169.254.80.0/30", "169.254.80.1", "169.254.80.2"),
        )
        ADAPTER.dedicated_lines(site, [sample_line(connection_id="dxcon-1"), second], opts, gateway=gateway)
        ADAPTER.vpn_tunnel(site, gateway, sample_tunnel(), opts)

    run = build(declare)
    assert Counter(record.type for record in interconnect_children(run)) == {
        **SITE_GATEWAY,
        VIF: 2,
        CUSTOMER_GATEWAY: 1,
        VPN_CONNECTION: 1,
        VPN_ROUTE: 1,
    }
    assert_wired_to_interconnect(run)
    dx_gateway = named(run, "site-a-dx-gateway").id
    assert named(run, "site-a-dx-vif-colo").inputs["dxGatewayId"] == dx_gateway
    second = named(run, "site-a-dx-vif-colo-2")
    assert (second.inputs["dxGatewayId"], second.inputs["vlan"], second.inputs["bgpAsn"]) == (dx_gateway, 2345, 64901)
    assert named(run, "site-a-vpn-connection-site-b").inputs["vpnGatewayId"] == named(run, "site-a-vgw").id


def test_a_lone_line_builds_the_same_site_gateway_vpn_gateway_would() -> None:
    alone = line_run(connection_id="dxcon-1")
    shared = build(
        lambda site, opts: ADAPTER.dedicated_lines(
            site, [sample_line(connection_id="dxcon-1")], opts, gateway=ADAPTER.vpn_gateway(site, 100, opts)
        )
    )
    # Same URNs and inputs either way: passing the gateway later replaces nothing.
    assert {r.urn: r.inputs for r in interconnect_children(alone)} == {r.urn: r.inputs for r in interconnect_children(shared)}


@pytest.mark.parametrize("protect", [True, False])
def test_connection_interface_and_gateways_are_protected_only_in_prod(protect: bool) -> None:
    run = line_run(protect=protect)
    critical = {DX_CONNECTION, VIF, DX_GATEWAY, VGW}
    for record in interconnect_children(run):
        assert record.protect == (protect and record.type in critical), record.urn


def test_vpn_gateway_and_a_backup_tunnel() -> None:
    run = vpn_run()

    assert Counter(record.type for record in interconnect_children(run)) == {
        **SITE_GATEWAY,
        CUSTOMER_GATEWAY: 1,
        VPN_CONNECTION: 1,
        VPN_ROUTE: 1,
    }
    assert_wired_to_interconnect(run)
    assert not any(record.protect for record in interconnect_children(run) if record.type not in (VGW, DX_GATEWAY))
    vgw = named(run, "site-a-vgw")
    assert run.outputs["gateway_id"] == vgw.id
    # A VGW has no outside address (each VPN connection has its own), so the gateway reports none.
    assert run.outputs["public_ip"] is None

    customer_gateway = named(run, "site-a-vpn-cgw-site-b")
    assert customer_gateway.inputs == {
        "type": "ipsec.1",
        "ipAddress": "198.51.100.7",
        "bgpAsn": "65020",
        "tags": tags("vpn-cgw-site-b"),
    }
    proposals = {
        "IkeVersions": ["ikev2"],
        "Phase1EncryptionAlgorithms": ["AES256"],
        "Phase1IntegrityAlgorithms": ["SHA2-256"],
        "Phase1DhGroupNumbers": [14],
        "Phase1LifetimeSeconds": 28800,
        "Phase2EncryptionAlgorithms": ["AES256"],
        "Phase2IntegrityAlgorithms": ["SHA2-256"],
        "Phase2DhGroupNumbers": [14],
        "Phase2LifetimeSeconds": 3600,
    }
    connection = named(run, "site-a-vpn-connection-site-b")
    assert connection.inputs == {
        "type": "ipsec.1",
        "vpnGatewayId": vgw.id,
        "customerGatewayId": customer_gateway.id,
        "staticRoutesOnly": True,
        "tunnel1InsideCidr": "169.254.61.208/30",
        "tunnel1PresharedKey": "<secret>",
        "tunnel1StartupAction": "start",
        "tunnel1DpdTimeoutAction": "restart",
        **{f"tunnel1{key}": value for key, value in proposals.items()},
        **{f"tunnel2{key}": value for key, value in proposals.items()},
        "localIpv4NetworkCidr": "10.2.0.0/16",
        "remoteIpv4NetworkCidr": "10.1.0.0/16",
        "tags": tags("vpn-connection-site-b"),
    }
    assert named(run, "site-a-vpn-route-site-b-10.2.0.0-16").inputs == {
        "vpnConnectionId": connection.id,
        "destinationCidrBlock": "10.2.0.0/16",
    }


def test_several_remote_networks_get_a_route_each_and_any_to_any_selectors() -> None:
    run = vpn_run(remote_cidrs=("10.2.0.0/16", "10.3.0.0/16"))
    connection = named(run, "site-a-vpn-connection-site-b")
    assert "localIpv4NetworkCidr" not in connection.inputs and "remoteIpv4NetworkCidr" not in connection.inputs
    for cidr in ("10.2.0.0/16", "10.3.0.0/16"):
        route = named(run, f"site-a-vpn-route-site-b-{cidr.replace('/', '-')}")
        assert route.inputs == {"vpnConnectionId": connection.id, "destinationCidrBlock": cidr}


def test_the_line_wins_over_a_backup_vpn_because_both_are_propagated_never_static() -> None:
    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        gateway = ADAPTER.vpn_gateway(site, 100, opts)
        ADAPTER.dedicated_lines(site, [sample_line(connection_id="dxcon-1", remote_cidrs=("10.2.0.0/16",))], opts, gateway=gateway)
        ADAPTER.vpn_tunnel(site, gateway, sample_tunnel(backup=True), opts)

    run = build(declare)
    vgw = named(run, "site-a-vgw")
    # Every private route table learns from the VGW, which carries both the line's BGP routes and the
    # VPN's static ones; AWS prefers Direct Connect BGP over VPN static routes among propagated routes.
    for zone in ZONES:
        table = named(run, f"site-a-private-rt-{zone}").id
        propagations = [r for r in run.resources if r.type == PROPAGATION and r.inputs["routeTableId"] == table]
        assert [r.inputs["vpnGatewayId"] for r in propagations] == [vgw.id]
    # A static route in a VPC route table outranks every propagated one, so the interconnect adds none.
    assert not [r for r in interconnect_children(run) if r.type == "aws:ec2/route:Route"]
    assert named(run, "site-a-vpn-route-site-b-10.2.0.0-16").inputs["destinationCidrBlock"] == "10.2.0.0/16"
    # One VGW and one Direct Connect gateway serve the line and the tunnel.
    counts = Counter(record.type for record in interconnect_children(run))
    assert (counts[VGW], counts[DX_GATEWAY], counts[DX_ASSOCIATION]) == (1, 1, 1)


@pytest.mark.parametrize(
    ("declare", "asn", "message"),
    [
        pytest.param(
            lambda site, opts: ADAPTER.vpn_tunnel(
                site, ADAPTER.vpn_gateway(site, 100, opts), sample_tunnel(peer_ip="169.254.61.214"), opts
            ),
            65010,
            "vpn:site-a~site-b: tunnel addresses 169.254.61.209 and 169.254.61.214 are not in one /30",
            id="tunnel-addresses",
        ),
    ],
)
def test_what_aws_cannot_take_is_refused(declare: Declare, asn: int, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        build(declare, asn=asn)
