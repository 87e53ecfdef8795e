from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pulumi
import pytest

from inferline.components.interconnect.adapters.base import SiteContext
from inferline.components.interconnect.adapters.tencentcloud import TencentcloudInterconnect
from inferline.planning.topology import BgpSession
from inferline.preview.runner import ProgramRun
from tests.support import INTERCONNECT_TYPE, build_interconnect, children_of, named, network_spec, sample_line, sample_tunnel

REGION = "ap-guangzhou"
ZONES = ("ap-guangzhou-3", "ap-guangzhou-4")
DC_GATEWAY = "tencentcloud:Dc/gateway:Gateway"
TUNNEL = "tencentcloud:Dcx/instance:Instance"
ROUTE = "tencentcloud:Route/tableEntry:TableEntry"
VPN_GATEWAY = "tencentcloud:Vpn/gateway:Gateway"
CUSTOMER_GATEWAY = "tencentcloud:Vpn/customerGateway:CustomerGateway"
CONNECTION = "tencentcloud:Vpn/connection:Connection"
CONNECTION_ID = "dc-ink7y3qf"
# sample_line's remote networks, each as the two halves the line routes.
LINE_DESTINATIONS = ("192.168.0.0/21", "192.168.8.0/21", "10.212.0.0/17", "10.212.128.0/17")


def _children(run: ProgramRun) -> Counter[str]:
    return Counter(record.type for record in children_of(run, "site-a", INTERCONNECT_TYPE))


Declare = Callable[[SiteContext, pulumi.ResourceOptions], None]


def _line(adapter: TencentcloudInterconnect, **changes: object) -> Declare:
    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        adapter.dedicated_lines(site, [sample_line(**changes)], opts)

    return declare


def _vpn_gateway(adapter: TencentcloudInterconnect, bandwidth_mbps: int) -> Declare:
    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        adapter.vpn_gateway(site, bandwidth_mbps, opts)

    return declare


def test_existing_connection_gets_a_tunnel_on_the_vpc_gateway_and_routes_in_every_private_table() -> None:
    spec = network_spec("tencentcloud", REGION, ZONES)
    run = build_interconnect(spec, _line(TencentcloudInterconnect(), connection_id=CONNECTION_ID))

    assert _children(run) == {DC_GATEWAY: 1, TUNNEL: 1, ROUTE: len(LINE_DESTINATIONS) * len(ZONES)}
    vpc = named(run, "site-a-vpc")
    gateway = named(run, "site-a-dc-gateway")
    assert gateway.inputs["networkType"] == "VPC"
    assert gateway.inputs["networkInstanceId"] == vpc.id
    assert gateway.inputs["gatewayType"] == "NORMAL"
    assert gateway.inputs["name"] == "inferline-test-site-a-dc-gateway"

    tunnel = named(run, "site-a-dx-vif-colo")
    assert tunnel.inputs["dcId"] == CONNECTION_ID
    assert tunnel.inputs["dcgId"] == gateway.id
    assert tunnel.inputs["networkType"] == "VPC"
    assert tunnel.inputs["networkRegion"] == REGION
    assert tunnel.inputs["vpcId"] == vpc.id
    assert tunnel.inputs["vlan"] == 1234
    assert tunnel.inputs["bandwidth"] == 1000
    assert tunnel.inputs["routeType"] == "BGP"
    assert tunnel.inputs["bgpAsn"] == 64900
    assert tunnel.inputs["bgpAuthKey"] == "<secret>"
    assert tunnel.inputs["tencentAddress"] == "169.254.52.237/30"
    assert tunnel.inputs["customerAddress"] == "169.254.52.238/30"

    for zone in ZONES:
        table = named(run, f"site-a-private-rt-{zone}")
        for destination in LINE_DESTINATIONS:
            route = named(run, f"site-a-dx-route-{zone}-{destination.replace('/', '-')}")
            assert route.inputs["routeTableId"] == table.id
            assert route.inputs["destinationCidrBlock"] == destination
            assert route.inputs["nextType"] == "DIRECTCONNECT"
            assert route.inputs["nextHub"] == gateway.id
            assert "disabled" not in route.inputs


def test_two_lines_share_the_gateway_and_route_a_shared_network_once() -> None:
    adapter = TencentcloudInterconnect()

    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        adapter.dedicated_lines(
            site,
            [sample_line(connection_id=CONNECTION_ID), sample_line(
                link_id="dedicated:site-a~colo-b",
                hub_name="colo-b",
                hub_asn=64901,
                vlan=1300,
                connection_id="dc-second01",
                bgp=BgpSession("169.254.77.0/30", "169.254.77.1", "169.254.77.2"),
                remote_cidrs=("10.212.0.0/16", "172.16.0.0/20"),
            )],
            opts,
        )

    run = build_interconnect(network_spec("tencentcloud", REGION, ZONES), declare)

    # 10.212.0.0/16 is reached through both hubs: its halves are routed once, to the one gateway.
    assert _children(run) == {DC_GATEWAY: 1, TUNNEL: 2, ROUTE: (len(LINE_DESTINATIONS) + 2) * len(ZONES)}
    gateway = named(run, "site-a-dc-gateway")
    assert named(run, "site-a-dx-vif-colo-b").inputs["dcgId"] == gateway.id
    assert named(run, "site-a-dx-vif-colo-b").inputs["bgpAsn"] == 64901
    assert named(run, "site-a-dx-route-ap-guangzhou-3-172.16.8.0-21").inputs["nextHub"] == gateway.id


def test_an_adapter_reused_across_programs_gives_each_site_its_own_gateway() -> None:
    adapter = TencentcloudInterconnect()
    spec = network_spec("tencentcloud", REGION, ZONES)
    build_interconnect(spec, _line(adapter, connection_id=CONNECTION_ID))
    run = build_interconnect(spec, _line(adapter, connection_id=CONNECTION_ID))
    assert _children(run)[DC_GATEWAY] == 1


def test_without_a_connection_id_the_line_cannot_be_ordered() -> None:
    with pytest.raises(ValueError) as raised:
        build_interconnect(network_spec("tencentcloud", REGION, ZONES), _line(TencentcloudInterconnect()))
    assert str(raised.value) == (
        "dedicated:site-a~colo: Tencent Cloud orders a connection only with its carrier and port type "
        "(dc.Instance line_operator and port_type), which inferline config does not hold; order the connection "
        "with Tencent Cloud and set the link's connection_id"
    )


@pytest.mark.parametrize("protect", [True, False], ids=["prod", "non-prod"])
def test_gateway_and_tunnel_are_protected_only_in_prod(protect: bool) -> None:
    adapter = TencentcloudInterconnect()

    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        adapter.dedicated_lines(site, [sample_line(connection_id=CONNECTION_ID)], opts)
        adapter.vpn_tunnel(site, adapter.vpn_gateway(site, 100, opts), sample_tunnel(), opts)

    run = build_interconnect(network_spec("tencentcloud", REGION, ZONES), declare, protect=protect)
    for record in children_of(run, "site-a", INTERCONNECT_TYPE):
        assert record.protect == (protect and record.type in (DC_GATEWAY, TUNNEL)), record.urn


def test_vpn_gateway_and_backup_tunnel() -> None:
    spec = network_spec("tencentcloud", REGION, ZONES)
    adapter = TencentcloudInterconnect()

    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        adapter.vpn_tunnel(site, adapter.vpn_gateway(site, 100, opts), sample_tunnel(), opts)

    run = build_interconnect(spec, declare)

    assert _children(run) == {VPN_GATEWAY: 1, CUSTOMER_GATEWAY: 1, CONNECTION: 1, ROUTE: len(ZONES)}
    vpc = named(run, "site-a-vpc")
    gateway = named(run, "site-a-vpn-gateway")
    assert gateway.inputs["vpcId"] == vpc.id
    assert gateway.inputs["zone"] == "ap-guangzhou-3"
    assert gateway.inputs["type"] == "IPSEC"
    assert gateway.inputs["bandwidth"] == 100
    assert gateway.inputs["chargeType"] == "POSTPAID_BY_HOUR"
    assert gateway.inputs["tags"] == {"inferline-site": "site-a"}

    customer = named(run, "site-a-vpn-cgw-site-b")
    assert customer.inputs["publicIpAddress"] == "198.51.100.7"
    assert customer.inputs["bgpAsn"] == 65020
    assert customer.inputs["name"] == "inferline-test-site-a-vpn-cgw-site-b"

    connection = named(run, "site-a-vpn-connection-site-b")
    assert {key: connection.inputs[key] for key in connection.inputs if key != "tags"} == {
        "name": "inferline-test-site-a-vpn-connection-site-b",
        "vpcId": vpc.id,
        "vpnGatewayId": gateway.id,
        "customerGatewayId": customer.id,
        "preShareKey": "<secret>",
        "securityGroupPolicies": [{"localCidrBlock": "10.1.0.0/16", "remoteCidrBlocks": ["10.2.0.0/16"]}],
        "ikeVersion": "IKEV2",
        "ikeProtoEncryAlgorithm": "AES-CBC-256",
        "ikeProtoAuthenAlgorithm": "SHA-256",
        "ikeDhGroupName": "GROUP14",
        "ikeSaLifetimeSeconds": 28800,
        "ipsecEncryptAlgorithm": "AES-CBC-256",
        "ipsecIntegrityAlgorithm": "SHA-256",
        "ipsecPfsDhGroup": "DH-GROUP14",
        "ipsecSaLifetimeSeconds": 3600,
        "dpdEnable": 1,
        "dpdTimeout": 30,
        "dpdAction": "restart",
    }

    # The backup routes the peer's whole /16; a dedicated line to it routes the /17 halves, which win by
    # longest prefix (a second route to the same destination would be refused as ECMP).
    for zone in ZONES:
        route = named(run, f"site-a-vpn-route-site-b-{zone}-10.2.0.0-16")
        assert route.inputs["routeTableId"] == named(run, f"site-a-private-rt-{zone}").id
        assert route.inputs["destinationCidrBlock"] == "10.2.0.0/16"
        assert route.inputs["nextType"] == "VPN"
        assert route.inputs["nextHub"] == gateway.id
        assert route.inputs["description"] == "inferline-test-site-a-vpn-route-site-b-backup"


def test_backup_vpn_route_is_less_specific_than_the_line_routes_to_the_same_network() -> None:
    adapter = TencentcloudInterconnect()

    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        adapter.dedicated_lines(site, [sample_line(connection_id=CONNECTION_ID, remote_cidrs=("10.2.0.0/16",))], opts)
        adapter.vpn_tunnel(site, adapter.vpn_gateway(site, 100, opts), sample_tunnel(), opts)

    run = build_interconnect(network_spec("tencentcloud", REGION, ZONES), declare)
    for zone in ZONES:
        destinations = {
            record.inputs["destinationCidrBlock"]: record.inputs["nextType"]
            for record in run.resources
            if record.type == ROUTE and record.inputs["routeTableId"] == named(run, f"site-a-private-rt-{zone}").id
        }
        assert destinations == {
            "0.0.0.0/0": "NAT",
            "10.2.0.0/17": "DIRECTCONNECT",
            "10.2.128.0/17": "DIRECTCONNECT",
            "10.2.0.0/16": "VPN",
        }


@pytest.mark.parametrize("size", [5, 200, 1000])
def test_vpn_gateway_takes_the_size_planning_chose(size: int) -> None:
    run = build_interconnect(network_spec("tencentcloud", REGION, ZONES), _vpn_gateway(TencentcloudInterconnect(), size))
    assert named(run, "site-a-vpn-gateway").inputs["bandwidth"] == size


def test_every_child_has_the_component_as_parent_and_the_site_provider() -> None:
    adapter = TencentcloudInterconnect()

    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        adapter.dedicated_lines(site, [sample_line(connection_id=CONNECTION_ID)], opts)
        adapter.vpn_tunnel(site, adapter.vpn_gateway(site, 100, opts), sample_tunnel(backup=False), opts)

    run = build_interconnect(network_spec("tencentcloud", REGION, ZONES), declare)
    component = next(record for record in run.resources if record.type == INTERCONNECT_TYPE)
    provider = next(record for record in run.resources if record.type == "pulumi:providers:tencentcloud")
    ours = [
        record
        for record in run.resources
        if record.type in (DC_GATEWAY, TUNNEL, VPN_GATEWAY, CUSTOMER_GATEWAY, CONNECTION)
        or record.name.startswith(("site-a-dx-route-", "site-a-vpn-route-"))
    ]
    # Gateway, tunnel, VPN gateway, customer gateway, connection; line and VPN routes in each table.
    assert len(ours) == 5 + len(ZONES) * (len(LINE_DESTINATIONS) + 1)
    assert ours == children_of(run, "site-a", INTERCONNECT_TYPE)
    for record in ours:
        assert record.parent == component.urn, record.urn
        assert record.provider == provider.urn, record.urn
