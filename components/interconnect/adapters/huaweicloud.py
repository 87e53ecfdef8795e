"""Huawei Cloud: Direct Connect virtual gateway and virtual interface, VPN gateway, customer gateway and
connection, all through inferline's dynamic providers (pulumi-huaweicloud 0.0.12 has neither VPN nor Direct
Connect), plus bridged VPC routes into the private route tables.

Sites of one region are joined by VPC peering or an Enterprise Router (bridged resources); 0.0.12 has no
ER peering attachment nor inter-region Cloud Connect bandwidth, so neither crosses regions.

The dynamic resources call Huawei's APIs with credentials from the environment, not through the site's
Pulumi provider; they still take the site's region explicitly and are children of the site's component.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import pulumi

from inferline.clouds import CloudName
from inferline.components.interconnect.adapters.base import (
    DedicatedLine,
    SiteContext,
    SitePair,
    VpnGatewayOutputs,
    VpnTunnel,
    line_prefixes,
    protected,
)
from inferline.components.interconnect.huaweicloud.dc import VirtualGateway, VirtualInterface
from inferline.components.interconnect.huaweicloud.vpn import IKE_POLICY, IPSEC_POLICY, CustomerGateway, VpnConnection, VpnGateway
from inferline.components.network.adapters.base import child_opts
from inferline.components.providers import import_huaweicloud
from inferline.planning.naming import cidr_slug

import_huaweicloud()  # the SDK imports pkg_resources and warns; import it once quietly
import pulumi_huaweicloud as huaweicloud  # noqa: E402

#: Huawei names take 64 characters.
_NAME_LIMIT = 64
#: er.Instance availability_zones: "The maximum number of availability zone is two" (SDK docstring).
_ER_MAX_ZONES = 2


class HuaweicloudInterconnect:
    cloud: ClassVar[CloudName] = "huaweicloud"

    def dedicated_lines(
        self, site: SiteContext, lines: Sequence[DedicatedLine], opts: pulumi.ResourceOptions, *, gateway: VpnGatewayOutputs | None = None
    ) -> None:
        # ``gateway`` (the VPN gateway) is not used: lines land on their own gateway here.
        for line in lines:
            self._line(site, line, opts)

    def _line(self, site: SiteContext, line: DedicatedLine, opts: pulumi.ResourceOptions) -> None:
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
        self._routes(site, "dc", dc_gateway.id, tuple(prefix for cidr in line.remote_cidrs for prefix in line_prefixes(cidr)), line.hub_name, opts)

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
            # No availability_zones: a VPN gateway's zones are the VPN service's zones for its flavor, not the
            # site's compute zones (ListAvailabilityZones of the VPN API); left out, the API chooses them.
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

    def peering(self, pair: SitePair) -> None:
        a, b = pair.a, pair.b
        _check_same_region(pair, "VPC peering connects VPCs of one region only")
        # No accepter: both sites' providers read the same credentials from the environment, so the two VPCs
        # belong to one tenant, and "if you create a VPC peering connection with another VPC of your own, the
        # connection is created without the need for you to accept" (vpc.PeeringConnection docstring); an
        # accepter is for cross-tenant peerings (peer_tenant_id). PeeringConnection takes no bandwidth, so
        # pair.bandwidth_mbps goes unused.
        peering = huaweicloud.vpc.PeeringConnection(
            a.names.resource("peer", b.names.site),
            name=a.names.cloud("peer", b.names.site, limit=_NAME_LIMIT),
            vpc_id=a.network.vpc_id,
            peer_vpc_id=b.network.vpc_id,
            description=f"inferline {pair.link_id}",
            opts=protected(pair.opts_a, a),
        )
        # One connection serves both VPCs: each side's routes name the same peering id as next hop.
        self._pair_routes(a, b, "peer-route", "peering", peering.id, pair.opts_a)
        self._pair_routes(b, a, "peer-route", "peering", peering.id, pair.opts_b)

    def transit(self, pair: SitePair) -> None:
        a, b = pair.a, pair.b
        _check_same_region(pair, "Enterprise Routers are regional and SDK 0.0.12 has no ER peering attachment")
        # One router for the link, in a's project (both sites share the region). It carries a's ASN: the
        # router speaks BGP to nothing here (VPC attachments learn routes by propagation), so any valid one does.
        router = huaweicloud.er.Instance(
            a.names.resource("er", b.names.site),
            name=a.names.cloud("er", b.names.site, limit=_NAME_LIMIT),
            asn=a.asn,
            availability_zones=[zone.zone for zone in a.network_spec.zones][:_ER_MAX_ZONES],
            # Both default to false, and then an attachment is associated with no route table and its VPC's
            # CIDR is propagated nowhere: traffic would enter the router and find no route ("if default route
            # table propagation is off, add static routes to the VPC in the ER route table", ER user guide).
            enable_default_association=True,
            enable_default_propagation=True,
            description=f"inferline {pair.link_id}",
            tags=dict(a.network_spec.tags),
            opts=protected(pair.opts_a, a),
        )
        for site, other, opts in ((a, b, pair.opts_a), (b, a, pair.opts_b)):
            zone = site.network_spec.zones[0].zone
            # A VPC attachment takes one subnet (subnet_id); the router reaches every subnet of the VPC from it.
            # auto_create_vpc_routes is off: it adds the fixed 10/8, 172.16/12 and 192.168/16 (SDK docstring), and
            # the docstring does not say into which table (we understand the VPC's default one, which only the
            # edge subnets use); the routes below put exactly the peer's CIDR into each private table instead.
            attachment = huaweicloud.er.VpcAttachment(
                site.names.resource("er-attachment", other.names.site),
                name=site.names.cloud("er-attachment", other.names.site, limit=_NAME_LIMIT),
                instance_id=router.id,
                vpc_id=site.network.vpc_id,
                subnet_id=site.network.private_subnet_ids[zone],
                auto_create_vpc_routes=False,
                description=f"inferline {pair.link_id}",
                tags=dict(site.network_spec.tags),
                opts=opts,
            )
            # A route to the router is valid only once the VPC is attached to it.
            self._pair_routes(site, other, "er-route", "er", router.id, child_opts(opts, attachment))

    @staticmethod
    def _pair_routes(
        site: SiteContext, other: SiteContext, role: str, kind: str, next_hop: pulumi.Input[str], opts: pulumi.ResourceOptions
    ) -> None:
        """``other``'s network into every private route table of ``site``."""
        for zone, table in sorted(site.network.private_route_table_ids.items()):
            huaweicloud.vpc.Route(
                site.names.resource(role, other.names.site, zone),
                vpc_id=site.network.vpc_id,
                route_table_id=table,
                destination=other.network_spec.cidr,
                type=kind,
                nexthop=next_hop,
                description=f"{other.names.site} over {kind}",
                opts=opts,
            )

    @staticmethod
    def _routes(site: SiteContext, kind: str, next_hop: pulumi.Input[str], cidrs: tuple[str, ...], peer: str, opts: pulumi.ResourceOptions) -> None:
        names = site.names
        for zone, table in sorted(site.network.private_route_table_ids.items()):
            for cidr in cidrs:
                huaweicloud.vpc.Route(
                    names.resource(f"{kind}-route", peer, zone, cidr_slug(cidr)),
                    vpc_id=site.network.vpc_id,
                    route_table_id=table,
                    destination=cidr,
                    type=kind,
                    nexthop=next_hop,
                    opts=opts,
                )


def _check_same_region(pair: SitePair, reason: str) -> None:
    # The planner refuses these links already (topology SAME_REGION_ONLY); this guards direct callers.
    region_a, region_b = pair.a.network_spec.region, pair.b.network_spec.region
    if region_a != region_b:
        raise ValueError(
            f"{pair.link_id}: Huawei Cloud {reason}; '{pair.a.names.site}' is in {region_a} and '{pair.b.names.site}' in {region_b}"
        )

