"""Huawei Cloud: Direct Connect virtual gateway and virtual interface, VPN gateway, customer gateway and
connection, all through inferline's dynamic providers (pulumi-huaweicloud 0.0.12 has neither VPN nor Direct
Connect), plus bridged VPC routes into the private route tables.

The dynamic resources call Huawei's APIs with credentials from the environment, not through the site's
Pulumi provider; they still take the site's region explicitly and are children of the site's component.
"""

from __future__ import annotations

import ipaddress
from typing import ClassVar

import pulumi

from components.interconnect.adapters.base import DedicatedLine, SiteContext, VpnGatewayOutputs, VpnTunnel, protected
from components.interconnect.huaweicloud.dc import VirtualGateway, VirtualInterface
from components.interconnect.huaweicloud.vpn import IKE_POLICY, IPSEC_POLICY, CustomerGateway, VpnConnection, VpnGateway
from components.providers import import_huaweicloud
from inferline.clouds import CloudName

import_huaweicloud()  # the SDK imports pkg_resources and warns; import it once quietly
import pulumi_huaweicloud as huaweicloud  # noqa: E402

#: Huawei names take 64 characters.
_NAME_LIMIT = 64


class HuaweicloudInterconnect:
    cloud: ClassVar[CloudName] = "huaweicloud"

    def dedicated_line(
        self, site: SiteContext, line: DedicatedLine, opts: pulumi.ResourceOptions, *, gateway: VpnGatewayOutputs | None = None
    ) -> None:
        # ``gateway`` (the VPN gateway) is not used: lines land on their own gateway here.
        names, spec = site.names, site.network_spec
        if line.connection_id is None:
            # Ordering a physical connection needs the carrier, port type and device data of the colocation,
            # which inferline's configuration does not hold: the line is ordered outside and named here.
            raise ValueError(
                f"link {line.link_id}: Huawei Cloud physical connections are ordered from the carrier; "
                "set the link's connection_id to the Direct Connect connection id"
            )
        # A VPC takes one virtual gateway, so a Huawei site has one line (validation refuses a second).
        dc_gateway = VirtualGateway(
            names.resource("dc-vgw", line.hub_name),
            region=spec.region,
            name=names.cloud("dc-vgw", line.hub_name, limit=_NAME_LIMIT),
            vpc_id=site.network.vpc_id,
            local_ep_group=[spec.cidr],
            bgp_asn=site.asn,
            opts=protected(opts, site),
        )
        VirtualInterface(
            names.resource("dc-vif", line.hub_name),
            region=spec.region,
            name=names.cloud("dc-vif", line.hub_name, limit=_NAME_LIMIT),
            direct_connect_id=line.connection_id,
            vgw_id=dc_gateway.id,
            vlan=line.vlan,
            bandwidth=line.bandwidth_mbps,
            local_gateway_v4_ip=f"{line.bgp.a_ip}/30",
            remote_gateway_v4_ip=f"{line.bgp.b_ip}/30",
            remote_ep_group=list(line.remote_cidrs),
            bgp_asn=line.hub_asn,
            bgp_md5=line.auth_key,
            description=f"inferline line to {line.hub_name} ({line.hub_location})",
            opts=protected(opts, site),
        )
        # The line routes each network as its two halves: a route table holds one route per destination, and
        # the longer prefixes make the line win over a backup VPN's route to the whole network.
        self._routes(site, "dc", dc_gateway.id, _halves(line.remote_cidrs), line.hub_name, opts)

    def vpn_gateway(self, site: SiteContext, bandwidth_mbps: int, opts: pulumi.ResourceOptions) -> VpnGatewayOutputs:
        names, spec = site.names, site.network_spec
        zones = [zone.zone for zone in spec.zones]
        # The gateway takes an interconnection subnet; the first zone's edge subnet if there is one, else its private one.
        connect_subnet = site.network.edge_subnet_ids.get(zones[0]) or site.network.private_subnet_ids[zones[0]]
        gateway = VpnGateway(
            names.resource("vpn-gw"),
            region=spec.region,
            name=names.cloud("vpn-gw", limit=_NAME_LIMIT),
            vpc_id=site.network.vpc_id,
            local_subnets=[spec.cidr],
            connect_subnet=connect_subnet,
            bgp_asn=site.asn,
            bandwidth_mbps=bandwidth_mbps,
            availability_zones=zones[:2],
            tags=dict(spec.tags),
            opts=opts,
        )
        return VpnGatewayOutputs(gateway_id=gateway.id, public_ip=gateway.public_ip, endpoint_id=gateway.eip1_id)

    def vpn_tunnel(
        self, site: SiteContext, gateway: VpnGatewayOutputs, tunnel: VpnTunnel, opts: pulumi.ResourceOptions
    ) -> pulumi.Output[str] | None:
        names, spec = site.names, site.network_spec
        assert gateway.endpoint_id is not None  # vpn_gateway above always sets it
        customer = CustomerGateway(
            names.resource("cgw", tunnel.peer_name),
            region=spec.region,
            name=names.cloud("cgw", tunnel.peer_name, limit=_NAME_LIMIT),
            ip=tunnel.peer_public_ip,
            bgp_asn=tunnel.peer_asn,
            tags=dict(spec.tags),
            opts=opts,
        )
        # Static routed mode with the peer's networks as traffic selectors, which is what the other clouds'
        # ends (policy- or static-route VPNs) negotiate.
        VpnConnection(
            names.resource("vpn", tunnel.peer_name),
            region=spec.region,
            name=names.cloud("vpn", tunnel.peer_name, limit=_NAME_LIMIT),
            vgw_id=gateway.gateway_id,
            vgw_ip=gateway.endpoint_id,
            customer_gateway_id=customer.id,
            peer_subnets=list(tunnel.remote_cidrs),
            psk=tunnel.pre_shared_key,
            style="static",
            ike_policy=dict(IKE_POLICY),
            ipsec_policy=dict(IPSEC_POLICY),
            tags=dict(spec.tags),
            opts=opts,
        )
        # The whole networks: a dedicated line to the same networks routes their halves, which win while the
        # line's routes are in place (static routes: removing them is what fails traffic over).
        self._routes(site, "vpn", gateway.gateway_id, tunnel.remote_cidrs, tunnel.peer_name, opts)
        return None  # the outside address is the gateway's own

    @staticmethod
    def _routes(site: SiteContext, kind: str, next_hop: pulumi.Input[str], cidrs: tuple[str, ...], peer: str, opts: pulumi.ResourceOptions) -> None:
        names = site.names
        for zone, table in sorted(site.network.private_route_table_ids.items()):
            for cidr in cidrs:
                huaweicloud.vpc.Route(
                    names.resource(f"{kind}-route", peer, zone, cidr.replace(".", "-").replace("/", "-")),
                    vpc_id=site.network.vpc_id,
                    route_table_id=table,
                    destination=cidr,
                    type=kind,
                    nexthop=next_hop,
                    opts=opts,
                )


def _halves(cidrs: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(str(half) for cidr in cidrs for half in ipaddress.IPv4Network(cidr).subnets(prefixlen_diff=1))
