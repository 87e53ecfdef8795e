from __future__ import annotations

from collections import Counter

import pytest

from inferline.components.interconnect.adapters.huaweicloud import HuaweicloudInterconnect
from tests.support import INTERCONNECT_TYPE, build_interconnect, named, network_spec, sample_line, sample_tunnel

ZONES = ("cn-north-4a", "cn-north-4b")
ADAPTER = HuaweicloudInterconnect()
VGW = "pulumi-python:dynamic/huaweicloud:VirtualGateway"
VIF = "pulumi-python:dynamic/huaweicloud:VirtualInterface"
VPN_GW = "pulumi-python:dynamic/huaweicloud:VpnGateway"
CGW = "pulumi-python:dynamic/huaweicloud:CustomerGateway"
CONNECTION = "pulumi-python:dynamic/huaweicloud:VpnConnection"
ROUTE = "huaweicloud:Vpc/route:Route"


def children(run) -> list:  # type: ignore[no-untyped-def]
    component = next(r for r in run.resources if r.type == INTERCONNECT_TYPE)
    return [r for r in run.resources if r.parent == component.urn]


def test_dedicated_line_is_a_virtual_gateway_and_interface_with_bgp() -> None:
    network = network_spec("huaweicloud", "cn-north-4", ZONES)
    run = build_interconnect(network, lambda site, opts: ADAPTER.dedicated_lines(site, [sample_line(connection_id="dc-123")], opts))
    assert Counter(r.type for r in children(run)) == {VGW: 1, VIF: 1, ROUTE: 8}
    gateway = named(run, "site-a-dc-vgw-colo")
    assert gateway.inputs["local_ep_group"] == ["10.1.0.0/16"]
    interface = named(run, "site-a-dc-vif-colo")
    inputs = interface.inputs
    assert (inputs["direct_connect_id"], inputs["vlan"], inputs["bandwidth"], inputs["bgp_asn"]) == ("dc-123", 1234, 1000, 64900)
    assert (inputs["local_gateway_v4_ip"], inputs["remote_gateway_v4_ip"]) == ("169.254.52.237/30", "169.254.52.238/30")
    assert inputs["bgp_md5"] == "<secret>"
    assert inputs["remote_ep_group"] == ["192.168.0.0/20", "10.212.0.0/16"]
    assert gateway.protect and interface.protect
    routes = [r for r in children(run) if r.type == ROUTE]
    assert sorted({r.inputs["destination"] for r in routes}) == ["10.212.0.0/17", "10.212.128.0/17", "192.168.0.0/21", "192.168.8.0/21"]
    assert {r.inputs["type"] for r in routes} == {"dc"}
    assert {r.inputs["routeTableId"] for r in routes} == {named(run, f"site-a-private-rt-{zone}").id for zone in ZONES}


def test_a_line_without_connection_id_is_refused() -> None:
    network = network_spec("huaweicloud", "cn-north-4", ZONES)
    with pytest.raises(ValueError, match="Huawei Cloud physical connections are ordered from the carrier"):
        build_interconnect(network, lambda site, opts: ADAPTER.dedicated_lines(site, [sample_line()], opts))


def test_vpn_gateway_and_a_backup_tunnel_route_the_whole_network() -> None:
    network = network_spec("huaweicloud", "cn-north-4", ZONES)

    def declare(site, opts):  # type: ignore[no-untyped-def]
        gateway = ADAPTER.vpn_gateway(site, 100, opts)
        ADAPTER.vpn_tunnel(site, gateway, sample_tunnel(), opts)

    run = build_interconnect(network, declare, protect=False)
    assert Counter(r.type for r in children(run)) == {VPN_GW: 1, CGW: 1, CONNECTION: 1, ROUTE: 2}
    connection = named(run, "site-a-vpn-site-b").inputs
    assert connection["psk"] == "<secret>"
    assert connection["style"] == "static"
    assert connection["peer_subnets"] == ["10.2.0.0/16"]
    assert connection["ike_policy"]["encryption_algorithm"] == "aes-256"
    assert connection["ipsec_policy"]["authentication_algorithm"] == "sha2-256"
    assert named(run, "site-a-cgw-site-b").inputs["ip"] == "198.51.100.7"
    gateway = named(run, "site-a-vpn-gw")
    assert gateway.inputs["connect_subnet"] == named(run, "site-a-edge-cn-north-4a").id
    # The VPN service's zones are not the site's compute zones: the API chooses them.
    assert gateway.inputs.get("availability_zones") is None
    assert not gateway.protect


def test_a_primary_tunnel_routes_the_peer_networks_too() -> None:
    network = network_spec("huaweicloud", "cn-north-4", ZONES)

    def declare(site, opts):  # type: ignore[no-untyped-def]
        ADAPTER.vpn_tunnel(site, ADAPTER.vpn_gateway(site, 100, opts), sample_tunnel(backup=False), opts)

    run = build_interconnect(network, declare)
    routes = [r for r in children(run) if r.type == ROUTE]
    assert [(r.inputs["destination"], r.inputs["type"]) for r in routes] == [("10.2.0.0/16", "vpn")] * 2
