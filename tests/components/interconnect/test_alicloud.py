from __future__ import annotations

import dataclasses
import ipaddress
import re
from collections import Counter
from types import MappingProxyType

import pulumi
import pytest

from inferline.components.interconnect.adapters.alicloud import AlicloudInterconnect
from inferline.components.interconnect.adapters.base import SiteContext
from inferline.components.interconnect.transit import TRANSIT_NETWORK_TYPE, TransitNetwork
from inferline.planning.transit import TransitNetworkPlan
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun
from tests.support import INTERCONNECT_TYPE, build_interconnect, children_of, named, network_spec, sample_line, sample_tunnel

REGION = "cn-hangzhou"
ZONES = ("cn-hangzhou-h", "cn-hangzhou-i")
SITE_TAGS = {"inferline-site": "site-a"}
#: Alibaba's side of BGP is fixed (topology FIXED_CLOUD_ASNS), so every Alibaba site context carries it.
ALIBABA_ASN = 45104
CONNECTION_ID = "pc-bp1ciz7ekd2grn1as****"
ADAPTER = AlicloudInterconnect()

ROUTE = "alicloud:vpc/routeEntry:RouteEntry"
VBR = "alicloud:expressconnect/virtualBorderRouter:VirtualBorderRouter"
BGP_GROUP = "alicloud:vpc/bgpGroup:BgpGroup"
BGP_PEER = "alicloud:vpc/bgpPeer:BgpPeer"
CEN = "alicloud:cen/instance:Instance"
TRANSIT_ROUTER = "alicloud:cen/transitRouter:TransitRouter"
TR_TABLE = "alicloud:cen/transitRouterRouteTable:TransitRouterRouteTable"
VBR_ATTACHMENT = "alicloud:cen/transitRouterVbrAttachment:TransitRouterVbrAttachment"
VPC_ATTACHMENT = "alicloud:cen/transitRouterVpcAttachment:TransitRouterVpcAttachment"
ASSOCIATION = "alicloud:cen/transitRouterRouteTableAssociation:TransitRouterRouteTableAssociation"
PROPAGATION = "alicloud:cen/transitRouterRouteTablePropagation:TransitRouterRouteTablePropagation"
VPN_GATEWAY = "alicloud:vpn/gateway:Gateway"
CUSTOMER_GATEWAY = "alicloud:vpn/customerGateway:CustomerGateway"
VPN_CONNECTION = "alicloud:vpn/connection:Connection"
VPN_ROUTE = "alicloud:vpn/routeEntry:RouteEntry"

IKE = {
    "ikeVersion": "ikev2",
    "ikeMode": "main",
    "ikeEncAlg": "aes256",
    "ikeAuthAlg": "sha256",
    "ikePfs": "group14",
    "ikeLifetime": 28800,
    "psk": "<secret>",
}
IPSEC = {"ipsecEncAlg": "aes256", "ipsecAuthAlg": "sha256", "ipsecPfs": "group14", "ipsecLifetime": 3600}


def interconnect_children(run: ProgramRun) -> list[ResourceRecord]:
    return children_of(run, "site-a", INTERCONNECT_TYPE)


def transit_children(run: ProgramRun) -> list[ResourceRecord]:
    return children_of(run, "alicloud", TRANSIT_NETWORK_TYPE)


def on_cen(site: SiteContext, *, protect: bool = True) -> SiteContext:
    """``site`` as a member of a stack-wide CEN of its own region (declared here), as plan_stack would make it."""
    plan = TransitNetworkPlan(
        cloud="alicloud",
        stack="test",
        protect=protect,
        tags=MappingProxyType({"inferline-stack": "test"}),
        members=MappingProxyType({site.names.site: site.network_spec.region}),
        region_pairs=MappingProxyType({}),
        line_sites=(site.names.site,),
    )
    return dataclasses.replace(site, transit=TransitNetwork(plan).hub(site.names.site))


def assert_wired_to_interconnect(run: ProgramRun) -> None:
    """Every resource outside the network and the stack's CEN is a child of the SiteInterconnect and uses the
    site's provider."""
    component = next(record for record in run.resources if record.type == INTERCONNECT_TYPE)
    network = next(record for record in run.resources if record.type == "inferline:network:PrivateNetwork")
    provider = named(run, "site-a-alicloud")
    shared = {record.urn for record in run.resources if record.type == TRANSIT_NETWORK_TYPE}
    mine = [
        r
        for r in run.resources
        if r.custom and r.parent != network.urn and r.parent not in shared and not r.type.startswith("pulumi:providers:")
    ]
    assert mine
    for record in mine:
        assert record.parent == component.urn, record.urn
        assert record.provider == provider.urn, record.urn


def line_run(*, protect: bool = True, **changes: object) -> ProgramRun:
    spec = network_spec("alicloud", REGION, ZONES)
    changes.setdefault("connection_id", CONNECTION_ID)
    return build_interconnect(
        spec,
        lambda site, opts: ADAPTER.dedicated_lines(on_cen(site, protect=protect), [sample_line(**changes)], opts),
        asn=ALIBABA_ASN,
        protect=protect,
    )


def vpn_run(**changes: object) -> ProgramRun:
    spec = network_spec("alicloud", REGION, ZONES)

    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        gateway = ADAPTER.vpn_gateway(site, 100, opts)
        pulumi.export("gateway_id", gateway.gateway_id)
        pulumi.export("public_ip", gateway.public_ip)
        ADAPTER.vpn_tunnel(site, gateway, sample_tunnel(**changes), opts)

    return build_interconnect(spec, declare, asn=ALIBABA_ASN)


def test_the_adapter_keeps_no_state() -> None:
    assert vars(AlicloudInterconnect()) == {}


def test_a_line_off_the_stacks_cen_is_refused() -> None:
    message = (
        "site 'site-a': Alibaba Cloud dedicated lines and transit links land on the stack's Cloud Enterprise Network; "
        "plan the stack with plan_stack so the site is one of its members"
    )
    spec = network_spec("alicloud", REGION, ZONES)
    with pytest.raises(ValueError, match=re.escape(message)):
        build_interconnect(
            spec, lambda site, opts: ADAPTER.dedicated_lines(site, [sample_line(connection_id=CONNECTION_ID)], opts), asn=ALIBABA_ASN
        )


def test_existing_connection_gets_a_vbr_with_bgp_and_a_transit_router_into_the_vpc() -> None:
    run = line_run()

    zones, cidrs, halves = 2, 2, 2
    assert Counter(record.type for record in transit_children(run)) == {CEN: 1, TRANSIT_ROUTER: 1, TR_TABLE: 1}
    assert Counter(record.type for record in interconnect_children(run)) == {
        VBR: 1,
        BGP_GROUP: 1,
        BGP_PEER: 1,
        VBR_ATTACHMENT: 1,
        VPC_ATTACHMENT: 1,
        ASSOCIATION: 2,
        PROPAGATION: 2,
        ROUTE: zones * cidrs * halves,
    }
    assert_wired_to_interconnect(run)

    vbr = named(run, "site-a-dx-vbr-colo")
    assert vbr.inputs == {
        "virtualBorderRouterName": "inferline-test-site-a-dx-vbr-colo",
        "description": "Dedicated line to Shanghai, colocation hub SH2",
        "physicalConnectionId": CONNECTION_ID,
        "vlanId": 1234,
        "localGatewayIp": "169.254.52.237",
        "peerGatewayIp": "169.254.52.238",
        "peeringSubnetMask": "255.255.255.252",
        "tags": SITE_TAGS,
    }
    group = named(run, "site-a-dx-bgp-colo")
    assert group.inputs == {
        "bgpGroupName": "inferline-test-site-a-dx-bgp-colo",
        "routerId": vbr.id,
        "localAsn": ALIBABA_ASN,
        "peerAsn": 64900,
        "authKey": "<secret>",
    }
    assert named(run, "site-a-dx-bgp-peer-colo").inputs == {"bgpGroupId": group.id, "peerIpAddress": "169.254.52.238"}

    # The CEN and the region's router are the stack's, named after the cloud and the region.
    cen = named(run, "alicloud-cen")
    assert cen.inputs["cenInstanceName"] == "inferline-test-alicloud-cen"
    assert cen.inputs["tags"] == {"inferline-stack": "test"}
    router = named(run, f"alicloud-tr-{REGION}")
    assert router.inputs == {"cenId": cen.id, "transitRouterName": f"inferline-test-alicloud-tr-{REGION}", "tags": {"inferline-stack": "test"}}
    table = named(run, f"alicloud-tr-rt-{REGION}")
    assert table.property_dependencies["transitRouterId"] == [router.urn]

    vbr_attachment = named(run, "site-a-tr-vbr-colo")
    assert vbr_attachment.inputs["cenId"] == cen.id
    assert vbr_attachment.inputs["vbrId"] == vbr.id
    # Publishing the transit router's routes to the VBR is what advertises the site to the hub over BGP.
    assert vbr_attachment.inputs["autoPublishRouteEnabled"] is True
    assert vbr_attachment.property_dependencies["transitRouterId"] == [router.urn]
    vpc_attachment = named(run, "site-a-tr-vpc")
    assert vpc_attachment.inputs["vpcId"] == named(run, "site-a-vpc").id
    assert vpc_attachment.inputs["zoneMappings"] == [
        {"vswitchId": named(run, f"site-a-private-{zone}").id, "zoneId": zone} for zone in ZONES
    ]
    for role, attachment in (("tr-vbr", "site-a-tr-vbr-colo"), ("tr-vpc", "site-a-tr-vpc")):
        suffix = "-colo" if role == "tr-vbr" else ""
        for kind in ("association", "propagation"):
            record = named(run, f"site-a-{role}-{kind}{suffix}")
            assert record.property_dependencies["transitRouterAttachmentId"] == [named(run, attachment).urn]
            assert record.property_dependencies["transitRouterRouteTableId"] == [table.urn]

    for zone in ZONES:
        private_table = named(run, f"site-a-private-rt-{zone}")
        routes = [r for r in run.resources if r.type == ROUTE and r.inputs["routeTableId"] == private_table.id and "-dx-" in r.name]
        assert sorted(r.inputs["destinationCidrblock"] for r in routes) == [
            "10.212.0.0/17",
            "10.212.128.0/17",
            "192.168.0.0/21",
            "192.168.8.0/21",
        ]
        for route in routes:
            assert route.inputs["nexthopType"] == "Attachment"
            # The next hop is the VPC attachment's id, so the route waits for the VPC to be attached.
            assert route.property_dependencies["nexthopId"] == [vpc_attachment.urn]
    route = named(run, "site-a-dx-route-cn-hangzhou-i-10.212.128.0-17")
    assert route.inputs["description"] == "10.212.128.0/17 over the dedicated lines; one bit longer than any VPN route"


def test_a_sites_second_line_shares_its_transit_router_and_routes() -> None:
    spec = network_spec("alicloud", REGION, ZONES)

    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        second = sample_line(
            link_id="dedicated:site-a~colo-2",
            hub_name="colo-2",
            hub_asn=64901,
            connection_id="pc-2",
            remote_cidrs=("10.212.0.0/16", "172.20.0.0/16"),
        )
        ADAPTER.dedicated_lines(on_cen(site), [sample_line(connection_id="pc-1"), second], opts)

    run = build_interconnect(spec, declare, asn=ALIBABA_ASN)
    counts = Counter(record.type for record in interconnect_children(run))
    # A VPC attaches to one CEN instance only: one VPC attachment, a VBR and its attachment per line.
    assert Counter(record.type for record in transit_children(run)) == {CEN: 1, TRANSIT_ROUTER: 1, TR_TABLE: 1}
    assert counts[VPC_ATTACHMENT] == 1
    assert (counts[VBR], counts[VBR_ATTACHMENT], counts[BGP_GROUP]) == (2, 2, 2)
    assert (counts[ASSOCIATION], counts[PROPAGATION]) == (3, 3)
    # 10.212.0.0/16 is behind both hubs and routed once per table; the transit router picks the line by BGP.
    assert counts[ROUTE] == len(ZONES) * 3 * 2
    assert named(run, "site-a-dx-bgp-colo-2").inputs["peerAsn"] == 64901


@pytest.mark.parametrize("protect", [True, False])
def test_vbr_and_transit_hub_are_protected_only_in_prod(protect: bool) -> None:
    run = line_run(protect=protect)
    critical = {VBR, CEN, TRANSIT_ROUTER}
    for record in interconnect_children(run) + transit_children(run):
        assert record.protect == (protect and record.type in critical), record.urn


def test_a_line_without_connection_id_asks_for_one_instead_of_inventing_a_carrier() -> None:
    message = (
        "dedicated:site-a~colo: Alibaba Cloud orders an Express Connect circuit only with its carrier "
        "(expressconnect.PhysicalConnection line_operator: CT, CU, CM, CO, Equinix or Other), which inferline "
        "config does not hold; order the circuit with Alibaba Cloud and set the link's connection_id"
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        line_run(connection_id=None)


def test_vpn_gateway_and_a_backup_tunnel() -> None:
    run = vpn_run()

    assert Counter(record.type for record in interconnect_children(run)) == {
        VPN_GATEWAY: 1,
        CUSTOMER_GATEWAY: 1,
        VPN_CONNECTION: 1,
        VPN_ROUTE: 1,
        ROUTE: len(ZONES),
    }
    assert_wired_to_interconnect(run)
    assert not any(record.protect for record in interconnect_children(run))

    gateway = named(run, "site-a-vpn-gateway")
    assert gateway.inputs == {
        "vpnGatewayName": "inferline-test-site-a-vpn-gateway",
        "vpcId": named(run, "site-a-vpc").id,
        "vswitchId": named(run, f"site-a-private-{ZONES[0]}").id,
        "disasterRecoveryVswitchId": named(run, f"site-a-private-{ZONES[1]}").id,
        "bandwidth": 100,
        "networkType": "public",
        "vpnType": "Normal",
        "enableIpsec": True,
        "enableSsl": False,
        "paymentType": "PayAsYouGo",
        "tags": SITE_TAGS,
    }
    assert run.outputs["gateway_id"] == gateway.id
    assert run.outputs["public_ip"] == "<computed>"  # the active tunnel's internet_ip, known after creation

    customer_gateway = named(run, "site-a-vpn-cgw-site-b")
    assert customer_gateway.inputs == {
        "customerGatewayName": "inferline-test-site-a-vpn-cgw-site-b",
        "ipAddress": "198.51.100.7",
        "asn": "65020",
        "description": "VPN peer site-b",
        "tags": SITE_TAGS,
    }
    connection = named(run, "site-a-vpn-connection-site-b")
    assert connection.inputs == {
        "vpnConnectionName": "inferline-test-site-a-vpn-connection-site-b",
        "vpnGatewayId": gateway.id,
        "localSubnets": ["10.1.0.0/16"],
        "remoteSubnets": ["10.2.0.0/16"],
        "enableTunnelsBgp": False,
        "autoConfigRoute": False,
        "effectImmediately": True,
        "tunnelOptionsSpecifications": [
            {"role": role, "customerGatewayId": customer_gateway.id, "tunnelIkeConfig": IKE, "tunnelIpsecConfig": IPSEC}
            for role in ("master", "slave")
        ],
        "tags": SITE_TAGS,
    }
    # Standby weight on the gateway: it orders VPN routes to one network, the line wins by prefix length.
    assert named(run, "site-a-vpn-gw-route-site-b-10.2.0.0-16").inputs == {
        "vpnGatewayId": gateway.id,
        "routeDest": "10.2.0.0/16",
        "nextHop": connection.id,
        "weight": 0,
        "publishVpc": False,
    }
    for zone in ZONES:
        route = named(run, f"site-a-vpn-route-site-b-{zone}-10.2.0.0-16")
        assert route.inputs == {
            "name": f"inferline-test-site-a-vpn-route-site-b-{zone}",
            "routeTableId": named(run, f"site-a-private-rt-{zone}").id,
            "destinationCidrblock": "10.2.0.0/16",
            "nexthopType": "VpnGateway",
            "nexthopId": gateway.id,
            "description": "10.2.0.0/16 over the VPN to site-b: backup path; the dedicated line's longer prefixes win",
        }


def test_a_primary_tunnel_routes_are_active() -> None:
    run = vpn_run(backup=False)
    assert named(run, "site-a-vpn-gw-route-site-b-10.2.0.0-16").inputs["weight"] == 100
    for zone in ZONES:
        route = named(run, f"site-a-vpn-route-site-b-{zone}-10.2.0.0-16")
        assert route.inputs["description"] == "10.2.0.0/16 over the VPN to site-b: primary path"


def test_the_dedicated_line_wins_over_a_backup_vpn_to_the_same_network_by_longer_prefixes() -> None:
    spec = network_spec("alicloud", REGION, ZONES)

    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        ADAPTER.dedicated_lines(on_cen(site), [sample_line(connection_id=CONNECTION_ID, remote_cidrs=("10.2.0.0/16",))], opts)
        ADAPTER.vpn_tunnel(site, ADAPTER.vpn_gateway(site, 100, opts), sample_tunnel(backup=True), opts)

    run = build_interconnect(spec, declare, asn=ALIBABA_ASN)
    for zone in ZONES:
        table = named(run, f"site-a-private-rt-{zone}").id
        routes = [
            r
            for r in run.resources
            if r.type == ROUTE and r.inputs["routeTableId"] == table and r.inputs["destinationCidrblock"] != "0.0.0.0/0"
        ]
        destinations = [r.inputs["destinationCidrblock"] for r in routes]
        # Alibaba refuses two routes to one destination in a table (CreateRouteEntry), so there are none.
        assert len(destinations) == len(set(destinations))
        vpn = ipaddress.IPv4Network(named(run, f"site-a-vpn-route-site-b-{zone}-10.2.0.0-16").inputs["destinationCidrblock"])
        line = [ipaddress.IPv4Network(r.inputs["destinationCidrblock"]) for r in routes if r.inputs["nexthopType"] == "Attachment"]
        # The line's routes cover the VPN's network exactly, each with a longer prefix.
        assert sorted(line) == sorted(vpn.subnets(prefixlen_diff=1))


def test_a_single_zone_site_cannot_host_a_dual_tunnel_gateway() -> None:
    spec = network_spec("alicloud", REGION, ZONES[:1])
    message = "site 'site-a': a dual-tunnel VPN gateway needs private vSwitches in two zones, the site has 1"

    def declare(site: SiteContext, opts: pulumi.ResourceOptions) -> None:
        ADAPTER.vpn_gateway(site, 100, opts)

    with pytest.raises(ValueError, match=re.escape(message)):
        build_interconnect(spec, declare, asn=ALIBABA_ASN)
