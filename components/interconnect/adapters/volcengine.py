"""Volcano Engine: dedicated lines land on a Direct Connect gateway that reaches the VPC through a transit
router; IPsec VPN ends are a VPC VPN gateway, a customer gateway per peer and a policy-based connection.

Why the dedicated line wins over a VPN to the same network: vpc.RouteEntry (SDK 0.0.47) takes no priority
or weight, and we found no Volcano Engine document ranking TransitRouter next hops above VpnGW ones, nor
one saying a route table accepts two routes to one destination (Alibaba and Huawei refuse that). So the
line routes each remote network as its two halves (one bit longer), and a VPN routes the network itself:
longest-prefix match, which every VPC route table applies before anything else, picks the line. Static
routes are not withdrawn when BGP drops, so the VPN only takes over once the line's routes are removed.

Two Volcano Engine sites are joined through transit routers only: SDK 0.0.47 has no VPC peering resource.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import pulumi
import pulumi_volcengine as volcengine

from inferline.clouds import CloudName
from inferline.components.interconnect.adapters.base import (
    DH_GROUP,
    ENCRYPTION,
    IKE_LIFETIME_S,
    IKE_VERSION,
    INTEGRITY,
    IPSEC_LIFETIME_S,
    DedicatedLine,
    SiteContext,
    SitePair,
    VpnGatewayOutputs,
    VpnTunnel,
    line_prefixes,
    protected,
)
from inferline.components.network.adapters.base import child_opts
from inferline.components.volcengine_tags import tag_list
from inferline.planning.naming import cidr_slug

#: vpn.Connection local_subnets / remote_subnets: "Up to 5 network segments are supported" (SDK docstring).
_VPN_MAX_SUBNETS = 5
#: Pay-as-you-go, as the NAT gateways: a VPN gateway is a backup path, mostly idle.
_VPN_BILLING = "PostPaid"
#: The geographic region set of each region, for bandwidth packages ("Valid values: `China`, `Asia`", SDK
#: docstring). Hong Kong counts as Asia: traffic between it and the mainland is cross-border, which the
#: China set does not cover. Regions as in inferline.clouds.volcengine_facts.
_GEOGRAPHIC_SETS = {
    "cn-beijing": "China",
    "cn-shanghai": "China",
    "cn-guangzhou": "China",
    "cn-hongkong": "Asia",
    "ap-southeast-1": "Asia",
    "ap-southeast-3": "Asia",
}
#: The proposals of base.py in the spellings vpn.Connection documents (`aes256`, `sha256`, `group14`, `ikev2`).
_DH_GROUP = f"group{DH_GROUP}"







class VolcengineInterconnect:
    cloud: ClassVar[CloudName] = "volcengine"

    def dedicated_lines(
        self, site: SiteContext, lines: Sequence[DedicatedLine], opts: pulumi.ResourceOptions, *, gateway: VpnGatewayOutputs | None = None
    ) -> None:
        # ``gateway`` (the VPN gateway) is not used: lines land on their own gateway here.
        for line in lines:
            self._line(site, line, opts)

    def _line(self, site: SiteContext, line: DedicatedLine, opts: pulumi.ResourceOptions) -> None:
        if line.connection_id is None:
            # direct_connect.Connection requires customer_name, customer_contact_phone and
            # customer_contact_email (and line_operator, port_type, port_spec); inventing them would
            # put a fake contact on a carrier order.
            raise ValueError(
                f"{line.link_id}: Volcano Engine orders a line only with the customer's contact name, phone and email "
                "(direct_connect.Connection customer_name, customer_contact_phone, customer_contact_email), which inferline "
                "config does not hold; order the line with Volcano Engine and set the link's connection_id"
            )
        names, tags, hub = site.names, site.network_spec.tags, line.hub_name
        critical = protected(opts, site)

        dc_gateway = volcengine.direct_connect.Gateway(
            names.resource("dx-gateway", hub),
            direct_connect_gateway_name=names.cloud("dx-gateway", hub),
            description=f"Dedicated line to {line.hub_location}",
            tags=tag_list(volcengine.direct_connect.GatewayTagArgs, tags),
            opts=critical,
        )
        vif = volcengine.direct_connect.VirtualInterface(
            names.resource("dx-vif", hub),
            virtual_interface_name=names.cloud("dx-vif", hub),
            direct_connect_connection_id=line.connection_id,
            direct_connect_gateway_id=dc_gateway.id,
            vlan_id=line.vlan,
            # The SDK takes each side's address with its mask ("**.**.**.**/**" in its example).
            local_ip=f"{line.bgp.a_ip}/30",
            peer_ip=f"{line.bgp.b_ip}/30",
            route_type="BGP",
            bandwidth=line.bandwidth_mbps,
            tags=tag_list(volcengine.direct_connect.VirtualInterfaceTagArgs, tags),
            opts=critical,
        )
        # The cloud side's ASN is not an input here (BgpPeer.local_asn is output-only): Volcano Engine
        # assigns it; the transit router below carries site.asn, the one ASN the SDK lets us choose.
        volcengine.direct_connect.BgpPeer(
            names.resource("dx-bgp", hub),
            bgp_peer_name=names.cloud("dx-bgp", hub),
            virtual_interface_id=vif.id,
            remote_asn=line.hub_asn,
            auth_key=line.auth_key,
            opts=opts,
        )

        # A Direct Connect gateway reaches VPCs only through a transit router (vpc.RouteEntry has no
        # Direct Connect next hop). One per line keeps the adapter stateless.
        router = volcengine.transit_router.TransitRouter(
            names.resource("dx-tr", hub),
            transit_router_name=names.cloud("dx-tr", hub),
            asn=site.asn,
            tags=tag_list(volcengine.transit_router.TransitRouterTagArgs, tags),
            opts=critical,
        )
        # Both attachments use the router's default route table, where (by Volcano Engine's default, not
        # checked here) the hub's BGP routes and the VPC's CIDR are propagated and meet.
        volcengine.transit_router.DirectConnectGatewayAttachment(
            names.resource("dx-tr-dxgw", hub),
            transit_router_attachment_name=names.cloud("dx-tr-dxgw", hub),
            transit_router_id=router.id,
            direct_connect_gateway_id=dc_gateway.id,
            tags=tag_list(volcengine.transit_router.DirectConnectGatewayAttachmentTagArgs, tags),
            opts=opts,
        )
        vpc_attachment = volcengine.transit_router.VpcAttachment(
            names.resource("dx-tr-vpc", hub),
            transit_router_attachment_name=names.cloud("dx-tr-vpc", hub),
            transit_router_id=router.id,
            vpc_id=site.network.vpc_id,
            attach_points=[
                volcengine.transit_router.VpcAttachmentAttachPointArgs(subnet_id=subnet_id, zone_id=zone)
                for zone, subnet_id in site.network.private_subnet_ids.items()
            ],
            tags=tag_list(volcengine.transit_router.VpcAttachmentTagArgs, tags),
            opts=opts,
        )
        # Static routes, not the attachment's auto_publish_route_enabled: the private subnets use custom
        # route tables, and no document says which tables the transit router publishes into.
        route_opts = child_opts(opts, vpc_attachment)  # a VPC routes to a transit router only once attached
        for zone, table_id in site.network.private_route_table_ids.items():
            for cidr in line.remote_cidrs:
                for destination in line_prefixes(cidr):
                    volcengine.vpc.RouteEntry(
                        names.resource("dx-route", hub, zone, cidr_slug(destination)),
                        route_entry_name=names.cloud("dx-route", hub, zone),
                        route_table_id=table_id,
                        destination_cidr_block=destination,
                        next_hop_type="TransitRouter",
                        next_hop_id=router.id,
                        description=f"{cidr} over the dedicated line to {hub}; one bit longer than any VPN route to it",
                        opts=route_opts,
                    )

    def vpn_gateway(self, site: SiteContext, bandwidth_mbps: int, opts: pulumi.ResourceOptions) -> VpnGatewayOutputs:
        network = site.network
        # The gateway's public side belongs in an edge subnet; without NAT there are none, so a private one.
        subnets = network.edge_subnet_ids or network.private_subnet_ids
        gateway = volcengine.vpn.Gateway(
            site.names.resource("vpn-gateway"),
            vpn_gateway_name=site.names.cloud("vpn-gateway"),
            vpc_id=network.vpc_id,
            subnet_id=next(iter(subnets.values())),
            bandwidth=bandwidth_mbps,
            billing_type=_VPN_BILLING,
            tags=tag_list(volcengine.vpn.GatewayTagArgs, site.network_spec.tags),
            opts=opts,
        )
        return VpnGatewayOutputs(gateway_id=gateway.id, public_ip=gateway.ip_address)

    def vpn_tunnel(
        self, site: SiteContext, gateway: VpnGatewayOutputs, tunnel: VpnTunnel, opts: pulumi.ResourceOptions
    ) -> pulumi.Output[str] | None:
        if len(tunnel.remote_cidrs) > _VPN_MAX_SUBNETS:
            raise ValueError(
                f"{tunnel.link_id}: a Volcano Engine VPN connection takes at most {_VPN_MAX_SUBNETS} remote networks, "
                f"not {len(tunnel.remote_cidrs)}"
            )
        names, tags, peer = site.names, site.network_spec.tags, tunnel.peer_name
        # vpn.CustomerGateway has no ASN and vpn.Connection no BGP or tunnel addresses in SDK 0.0.47:
        # the tunnel is policy-based with static routes, so peer_asn, local_ip and peer_ip go unused.
        customer_gateway = volcengine.vpn.CustomerGateway(
            names.resource("vpn-cgw", peer),
            customer_gateway_name=names.cloud("vpn-cgw", peer),
            ip_address=tunnel.peer_public_ip,
            description=f"VPN peer {peer}",
            tags=tag_list(volcengine.vpn.CustomerGatewayTagArgs, tags),
            opts=opts,
        )
        connection = volcengine.vpn.Connection(
            names.resource("vpn-connection", peer),
            vpn_connection_name=names.cloud("vpn-connection", peer),
            vpn_gateway_id=gateway.gateway_id,
            customer_gateway_id=customer_gateway.id,
            local_subnets=[site.network_spec.cidr],
            remote_subnets=list(tunnel.remote_cidrs),
            ike_config_psk=tunnel.pre_shared_key,
            ike_config_version=IKE_VERSION,
            ike_config_enc_alg=ENCRYPTION,
            ike_config_auth_alg=INTEGRITY,
            ike_config_dh_group=_DH_GROUP,
            ike_config_lifetime=IKE_LIFETIME_S,
            ipsec_config_enc_alg=ENCRYPTION,
            ipsec_config_auth_alg=INTEGRITY,
            # A DH group in phase 2 is what turns on PFS ("disable" would turn it off).
            ipsec_config_dh_group=_DH_GROUP,
            ipsec_config_lifetime=IPSEC_LIFETIME_S,
            tags=tag_list(volcengine.vpn.ConnectionTagArgs, tags),
            opts=opts,
        )
        role = "backup path; the dedicated line's longer prefixes win" if tunnel.backup else "primary path"
        for cidr in tunnel.remote_cidrs:
            # The VPN gateway's own route table: which connection carries this network.
            volcengine.vpn.GatewayRoute(
                names.resource("vpn-gw-route", peer, cidr_slug(cidr)),
                vpn_gateway_id=gateway.gateway_id,
                destination_cidr_block=cidr,
                next_hop_id=connection.id,
                opts=opts,
            )
            # The network itself, never split: a dedicated line to it routes its halves and wins (module docstring).
            for zone, table_id in site.network.private_route_table_ids.items():
                volcengine.vpc.RouteEntry(
                    names.resource("vpn-route", peer, zone, cidr_slug(cidr)),
                    route_entry_name=names.cloud("vpn-route", peer, zone),
                    route_table_id=table_id,
                    destination_cidr_block=cidr,
                    next_hop_type="VpnGW",
                    next_hop_id=gateway.gateway_id,
                    description=f"{cidr} over the VPN to {peer}: {role}",
                    opts=opts,
                )
        return None  # the outside address is the gateway's own

    def peering(self, pair: SitePair) -> None:
        # The planner refuses Volcano Engine peering links (topology UNSUPPORTED_LINKS); this guards direct callers.
        raise ValueError(
            f"{pair.link_id}: Volcano Engine's SDK (pulumi_volcengine 0.0.47) has no VPC peering resource; use a transit link"
        )

    def transit(self, pair: SitePair) -> None:
        a, b = pair.a, pair.b
        # ASNs and cross-region bandwidth are checked by validation (inferline.clouds.interconnect).
        same_region = a.network_spec.region == b.network_spec.region
        if not same_region:
            for site in (a, b):
                if site.network_spec.region not in _GEOGRAPHIC_SETS:
                    raise ValueError(
                        f"site '{site.names.site}': no bandwidth-package geographic region set is known for {site.network_spec.region}"
                    )
        # A transit router is regional: one serves both VPCs in one region; across regions each site gets its own,
        # joined by a peer attachment. Each carries its site's ASN, so two peered routers never share one.
        router_a = self._router(a, b, pair.opts_a)
        router_b = router_a if same_region else self._router(b, a, pair.opts_b)
        self._attach(a, b, router_a, pair.opts_a)
        self._attach(b, a, router_b, pair.opts_b)
        if same_region:
            return
        # Cross-region bandwidth is bought as a package and assigned to the peer attachment (the SDK requires
        # `bandwidth` with the package id); both are the link's bandwidth, the package serving this link alone.
        package = volcengine.transit_router.BandwidthPackage(
            a.names.resource("tr-bandwidth", b.names.site),
            transit_router_bandwidth_package_name=a.names.cloud("tr-bandwidth", b.names.site),
            bandwidth=pair.bandwidth_mbps,
            local_geographic_region_set_id=_GEOGRAPHIC_SETS[a.network_spec.region],
            peer_geographic_region_set_id=_GEOGRAPHIC_SETS[b.network_spec.region],
            # The term planned (interconnect.transit_prepaid_months, 12 by default). No renew_type: the SDK applies
            # it "only when modifying the bandwidth package", so at creation it would be recorded but never take
            # effect; renewal is set on the package afterwards (README, Volcano Engine notes).
            period=pair.prepaid_months,
            description=f"Cross-region bandwidth of {pair.link_id}",
            tags=tag_list(volcengine.transit_router.BandwidthPackageTagArgs, a.network_spec.tags),
            opts=protected(pair.opts_a, a),
        )
        # Created from a's side only: the SDK has no accepter for peer attachments, and both routers are in
        # the one account the providers' credentials name. Routes cross it through each router's default
        # route table, where (by Volcano Engine's default, not checked here) attachments are associated and
        # propagate their routes, as the dedicated line relies on too.
        volcengine.transit_router.PeerAttachment(
            a.names.resource("tr-peer", b.names.site),
            transit_router_attachment_name=a.names.cloud("tr-peer", b.names.site),
            transit_router_id=router_a.id,
            peer_transit_router_id=router_b.id,
            peer_transit_router_region_id=b.network_spec.region,
            transit_router_bandwidth_package_id=package.id,
            bandwidth=pair.bandwidth_mbps,
            description=f"{pair.link_id} between {a.network_spec.region} and {b.network_spec.region}",
            tags=tag_list(volcengine.transit_router.PeerAttachmentTagArgs, a.network_spec.tags),
            opts=protected(pair.opts_a, a),
        )

    @staticmethod
    def _router(site: SiteContext, other: SiteContext, opts: pulumi.ResourceOptions) -> volcengine.transit_router.TransitRouter:
        names = site.names
        return volcengine.transit_router.TransitRouter(
            names.resource("tr", other.names.site),
            transit_router_name=names.cloud("tr", other.names.site),
            asn=site.asn,
            description=f"Transit to {other.names.site}",
            tags=tag_list(volcengine.transit_router.TransitRouterTagArgs, site.network_spec.tags),
            opts=protected(opts, site),
        )

    @staticmethod
    def _attach(
        site: SiteContext, other: SiteContext, router: volcengine.transit_router.TransitRouter, opts: pulumi.ResourceOptions
    ) -> None:
        """``site``'s VPC on ``router`` (an attach point per zone), and ``other``'s network into its private tables."""
        names = site.names
        attachment = volcengine.transit_router.VpcAttachment(
            names.resource("tr-vpc", other.names.site),
            transit_router_attachment_name=names.cloud("tr-vpc", other.names.site),
            transit_router_id=router.id,
            vpc_id=site.network.vpc_id,
            attach_points=[
                volcengine.transit_router.VpcAttachmentAttachPointArgs(subnet_id=subnet_id, zone_id=zone)
                for zone, subnet_id in sorted(site.network.private_subnet_ids.items())
            ],
            tags=tag_list(volcengine.transit_router.VpcAttachmentTagArgs, site.network_spec.tags),
            opts=opts,
        )
        # Static routes rather than auto_publish_route_enabled, as for the dedicated line: the private subnets use
        # custom route tables, and no document says which tables the transit router publishes into.
        route_opts = child_opts(opts, attachment)  # a VPC routes to a transit router only once attached
        destination = other.network_spec.cidr
        for zone, table_id in sorted(site.network.private_route_table_ids.items()):
            volcengine.vpc.RouteEntry(
                names.resource("tr-route", other.names.site, zone),
                route_entry_name=names.cloud("tr-route", other.names.site, zone),
                route_table_id=table_id,
                destination_cidr_block=destination,
                next_hop_type="TransitRouter",
                next_hop_id=router.id,
                description=f"{destination} of {other.names.site} through the transit router",
                opts=route_opts,
            )
