"""Alibaba Cloud: a dedicated line is an Express Connect VBR with a BGP group and peer, attached to the transit
router of the site's region on the stack's one Cloud Enterprise Network (CEN), which also attaches the VPC (the
CEN, its regional routers and their inter-region connections are stack-wide: ``transit_network``); IPsec VPN ends are a dual-tunnel
VPN gateway in the VPC, a customer gateway per peer, a connection and destination routes.

Why the dedicated line wins over a VPN to the same network. Alibaba's documented Express-Connect-over-VPN
preference lives in the transit router ("Active/standby connection with IPsec-VPN and Express Connect": the
router learns the network from both and prefers the Express Connect route), so it holds only when the VPN is
a transit router attachment too; here it ends on a VPC VPN gateway. A VPN gateway advertises what it learns
to the VPC's system route table only, never to custom ones ("Configure BGP dynamic routing"), and the private
vSwitches use custom tables, so both paths are static routes there. A table refuses two routes to one
destination ("The destination CIDR blocks of route entries in the same route table must be unique",
CreateRouteEntry API reference), so the line routes each remote network as its two halves and a VPN the
network itself: longest-prefix match picks the line. Static routes are not withdrawn when BGP drops, so the
VPN only carries the traffic once the line's routes are removed.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from typing import ClassVar

import pulumi
import pulumi_alicloud as alicloud

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
    TransitHub,
    VpnGatewayOutputs,
    VpnTunnel,
    line_prefixes,
    protected,
)
from inferline.planning.interconnect import TransitPeer
from inferline.planning.naming import Names, cidr_slug
from inferline.planning.transit import TransitNetworkPlan

#: vpn.RouteEntry weight "should be 0 or 100" (SDK docstring): 100 the preferred route to a destination, 0 the standby.
_ACTIVE_WEIGHT, _STANDBY_WEIGHT = 100, 0
#: The proposals of base.py in the spellings vpn.Connection documents (`aes256`, `sha256`, `group14`, `ikev2`).
_DH_GROUP = f"group{DH_GROUP}"


def _two_zones(site: SiteContext, what: str) -> list[pulumi.Output[str]]:
    switches = list(site.network.private_subnet_ids.values())
    if len(switches) < 2:
        raise ValueError(f"site '{site.names.site}': {what} needs private vSwitches in two zones, the site has {len(switches)}")
    return switches


def _check_line(line: DedicatedLine) -> None:
    if line.connection_id is None:
        # expressconnect.PhysicalConnection requires line_operator, the carrier (CT, CU, CM, CO, Equinix or
        # Other), which inferline config does not hold; none of them is neutral ("Other" means a carrier
        # outside the Chinese mainland), and a wrong carrier on an order is worse than no order.
        raise ValueError(
            f"{line.link_id}: Alibaba Cloud orders an Express Connect circuit only with its carrier "
            "(expressconnect.PhysicalConnection line_operator: CT, CU, CM, CO, Equinix or Other), which inferline "
            "config does not hold; order the circuit with Alibaba Cloud and set the link's connection_id"
        )


def _route_through(
    site: SiteContext, table_id: pulumi.Input[str], attachment_id: pulumi.Output[str], opts: pulumi.ResourceOptions, role: str, *parts: str
) -> None:
    """Association (the attachment's traffic looks up the table) and propagation (its routes go into it)."""
    _associate(site.names.resource(f"{role}-association", *parts), site.names.resource(f"{role}-propagation", *parts), table_id, attachment_id, opts)


def _associate(
    association: str, propagation: str, table_id: pulumi.Input[str], attachment_id: pulumi.Output[str], opts: pulumi.ResourceOptions
) -> None:
    alicloud.cen.TransitRouterRouteTableAssociation(
        association, transit_router_route_table_id=table_id, transit_router_attachment_id=attachment_id, opts=opts
    )
    alicloud.cen.TransitRouterRouteTablePropagation(
        propagation, transit_router_route_table_id=table_id, transit_router_attachment_id=attachment_id, opts=opts
    )


def _old_site_urns(site: str, resource_type: str, name: str) -> list[pulumi.Input[str | pulumi.Alias]]:
    """Where a resource of ``site``'s SiteInterconnect lived: under the Site component, and before sites existed
    at the stack's root (the SiteInterconnect's own alias)."""
    stack, project = pulumi.get_stack(), pulumi.get_project()
    return [
        f"urn:pulumi:{stack}::{project}::{parents}${resource_type}::{name}"
        for parents in (f"inferline:site:Site${SITE_INTERCONNECT}", SITE_INTERCONNECT)
    ]


def _old_link_urn(link: str, resource_type: str, name: str) -> str:
    """Where a resource of a SameCloudLink (a root component named ``link``) lived."""
    return f"urn:pulumi:{pulumi.get_stack()}::{pulumi.get_project()}::inferline:interconnect:SameCloudLink${resource_type}::{name}"


#: Type token of the component a site's lines were built under; part of the URNs the shared hub is aliased to.
SITE_INTERCONNECT = "inferline:interconnect:SiteInterconnect"
#: The region the stack's CEN instance is created through. A CEN instance is a global resource ("CEN is a
#: global network... a CEN instance is not region-specific", CEN documentation), but the provider needs a
#: region to call the API with; one fixed region, so the CEN never follows a site.
CEN_REGION = "cn-hangzhou"


class AlicloudInterconnect:
    """Stateless: what several sites or lines share (the CEN, a region's transit router) is planned once for the
    stack (``inferline.planning.transit``) and built by ``TransitNetwork``; sites get their region's hub handed
    down in ``SiteContext.transit``."""

    cloud: ClassVar[CloudName] = "alicloud"
    global_region: ClassVar[str] = CEN_REGION

    def transit_network(
        self, plan: TransitNetworkPlan, cen_opts: pulumi.ResourceOptions, regional_opts: Mapping[str, pulumi.ResourceOptions]
    ) -> dict[str, TransitHub]:
        """The stack's one CEN (a VPC attaches to one CEN instance, and sites only meet on one: "To establish
        network connectivity between network instances, you must attach them to the same CEN instance", CEN
        FAQ), one transit router and route table per region (a CEN has at most one transit router per region),
        and an inter-region connection per pair of regions joined by a transit link. Named after the cloud and
        regions only, so adding a site or a link never renames any of them."""
        names = Names(stack=plan.stack, site=plan.cloud)
        tags = dict(plan.tags)
        protect = pulumi.ResourceOptions(protect=plan.protect)
        # Before the stack-wide CEN every site with lines had a CEN, router and table of its own. Only one old CEN
        # can become the stack's (a resource takes one old identity, and the others' VPCs cannot move CENs in
        # place): the alphabetically first such site's, with its router and table in its region.
        heir = plan.line_sites[0] if plan.line_sites else None
        heir_region = plan.members[heir] if heir is not None else None

        def aliased(opts: pulumi.ResourceOptions, resource_type: str, role: str) -> pulumi.ResourceOptions:
            if heir is None:
                return opts
            return pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(aliases=_old_site_urns(heir, resource_type, f"{heir}-{role}")))

        cen = alicloud.cen.Instance(
            names.resource("cen"),
            cen_instance_name=names.cloud("cen"),
            description=f"Transit network of inferline stack {plan.stack}: dedicated lines and transit links",
            tags=tags,
            opts=aliased(pulumi.ResourceOptions.merge(cen_opts, protect), "alicloud:cen/instance:Instance", "cen"),
        )
        routers: dict[str, alicloud.cen.TransitRouter] = {}
        hubs: dict[str, TransitHub] = {}
        for region in plan.regions:
            opts = regional_opts[region]
            inherited = region == heir_region
            router = alicloud.cen.TransitRouter(
                names.resource("tr", region),
                transit_router_name=names.cloud("tr", region),
                cen_id=cen.id,
                tags=tags,
                opts=aliased(pulumi.ResourceOptions.merge(opts, protect), "alicloud:cen/transitRouter:TransitRouter", "tr")
                if inherited
                else pulumi.ResourceOptions.merge(opts, protect),
            )
            # Our own route table: the router's system table has no output in SDK 4.0.0, and explicit association
            # and propagation replace the attachments' deprecated route_table_*_enabled flags.
            table = alicloud.cen.TransitRouterRouteTable(
                names.resource("tr-rt", region),
                transit_router_route_table_name=names.cloud("tr-rt", region),
                transit_router_id=router.transit_router_id,
                tags=tags,
                opts=aliased(opts, "alicloud:cen/transitRouterRouteTable:TransitRouterRouteTable", "tr-rt") if inherited else opts,
            )
            routers[region] = router
            hubs[region] = TransitHub(network_id=cen.id, router_id=router.transit_router_id, table_id=table.transit_router_route_table_id)
        for (first, second), bandwidth in plan.region_pairs.items():
            # Created from the first region of the sorted pair, associated with and propagating into both regions'
            # tables (Alibaba's cross-region transit router example does the same).
            peer = alicloud.cen.TransitRouterPeerAttachment(
                names.resource("tr-peer", first, second),
                transit_router_peer_attachment_name=names.cloud("tr-peer", first, second),
                cen_id=cen.id,
                transit_router_id=routers[first].transit_router_id,
                peer_transit_router_id=routers[second].transit_router_id,
                peer_transit_router_region_id=second,
                # Pay by data transfer, capped at the links' largest bandwidth: no CEN bandwidth plan to buy.
                bandwidth_type="DataTransfer",
                bandwidth=bandwidth,
                # Advertises the routes of the table the connection is associated with to the peer router: each
                # region's VPC CIDRs reach the other (off by default).
                auto_publish_route_enabled=True,
                tags=tags,
                opts=pulumi.ResourceOptions.merge(regional_opts[first], protect),
            )
            for region in (first, second):
                role = names.resource("tr-peer", first, second)
                _associate(
                    f"{role}-association-{region}",
                    f"{role}-propagation-{region}",
                    hubs[region].table_id,
                    peer.transit_router_attachment_id,
                    regional_opts[region],
                )
        return hubs

    def join_transit(
        self, site: SiteContext, lines: Sequence[DedicatedLine], peers: Sequence[TransitPeer], opts: pulumi.ResourceOptions
    ) -> None:
        """The site on its region's transit router: its VPC attachment, its lines' VBRs, and static routes in its
        private tables to the VPC attachment for the lines' networks and each transit peer's."""
        for line in lines:
            _check_line(line)
        hub = site.transit
        if hub is None:
            raise ValueError(
                f"site '{site.names.site}': Alibaba Cloud dedicated lines and transit links land on the stack's Cloud "
                "Enterprise Network; plan the stack with plan_stack so the site is one of its members"
            )
        names, tags = site.names, site.network_spec.tags
        switches = _two_zones(site, "a transit router VPC attachment")  # an ENI in each, for zone failover
        # Created with the site's provider, so the CEN's account must own the VPC too: a VPC of another account
        # would need that account's cen.InstanceGrant and vpc_owner_id.
        vpc_attachment = alicloud.cen.TransitRouterVpcAttachment(
            names.resource("tr-vpc"),
            transit_router_vpc_attachment_name=names.cloud("tr-vpc"),
            cen_id=hub.network_id,
            transit_router_id=hub.router_id,
            vpc_id=site.network.vpc_id,
            zone_mappings=[
                alicloud.cen.TransitRouterVpcAttachmentZoneMappingArgs(zone_id=zone, vswitch_id=switch)
                for zone, switch in zip(site.network.private_subnet_ids, switches, strict=True)
            ],
            tags=tags,
            opts=opts,
        )
        attachment_id = vpc_attachment.transit_router_attachment_id
        _route_through(site, hub.table_id, attachment_id, opts, "tr-vpc")
        for line in lines:
            self._line(site, line, hub, opts)

        # Custom route tables take no transit router routes by themselves: static routes to the VPC attachment.
        # Routed once per destination, however many lines lead there: the transit router picks the line by BGP.
        for zone, table_id in site.network.private_route_table_ids.items():
            routed: set[str] = set()
            for line in lines:
                for cidr in line.remote_cidrs:
                    for destination in line_prefixes(cidr):
                        if destination in routed:
                            continue
                        routed.add(destination)
                        alicloud.vpc.RouteEntry(
                            names.resource("dx-route", zone, cidr_slug(destination)),
                            name=names.cloud("dx-route", zone),
                            route_table_id=table_id,
                            destination_cidrblock=destination,
                            nexthop_type="Attachment",
                            nexthop_id=attachment_id,
                            description=f"{destination} over the dedicated lines; one bit longer than any VPN route",
                            opts=opts,
                        )
            for peer in peers:
                if peer.cidr in routed:
                    continue
                routed.add(peer.cidr)
                name = names.resource("transit-route", peer.site, zone)
                # Until the stack-wide CEN, the link built these routes: the same route, moved here.
                moved = pulumi.ResourceOptions(aliases=[_old_link_urn(peer.link, "alicloud:vpc/routeEntry:RouteEntry", name)] if peer.link else [])
                alicloud.vpc.RouteEntry(
                    name,
                    name=names.cloud("transit-route", peer.site, zone),
                    route_table_id=table_id,
                    destination_cidrblock=peer.cidr,
                    nexthop_type="Attachment",
                    nexthop_id=attachment_id,
                    description=f"{peer.cidr} to inferline site {peer.site} over the transit router",
                    opts=pulumi.ResourceOptions.merge(opts, moved),
                )

    def dedicated_lines(
        self, site: SiteContext, lines: Sequence[DedicatedLine], opts: pulumi.ResourceOptions, *, gateway: VpnGatewayOutputs | None = None
    ) -> None:
        """The site's lines on the stack's CEN, with no transit peers (``join_transit`` takes both)."""
        del gateway  # lines land on the transit router here, not on the VPN gateway
        if lines:
            self.join_transit(site, lines, (), opts)

    @staticmethod
    def _line(site: SiteContext, line: DedicatedLine, hub: TransitHub, opts: pulumi.ResourceOptions) -> None:
        assert line.connection_id is not None  # _check_line
        names, tags, hub_name = site.names, site.network_spec.tags, line.hub_name

        vbr = alicloud.expressconnect.VirtualBorderRouter(
            names.resource("dx-vbr", hub_name),
            virtual_border_router_name=names.cloud("dx-vbr", hub_name),
            description=f"Dedicated line to {line.hub_location}",
            physical_connection_id=line.connection_id,
            vlan_id=line.vlan,
            local_gateway_ip=line.bgp.a_ip,
            peer_gateway_ip=line.bgp.b_ip,
            peering_subnet_mask=str(ipaddress.IPv4Network(line.bgp.cidr).netmask),
            tags=tags,
            opts=protected(opts, site),
        )
        # site.asn is Alibaba's fixed 45104 for every Alibaba site (topology FIXED_CLOUD_ASNS); passed anyway so
        # the plan shows the ASN the hub must peer with.
        group = alicloud.vpc.BgpGroup(
            names.resource("dx-bgp", hub_name),
            bgp_group_name=names.cloud("dx-bgp", hub_name),
            router_id=vbr.id,
            local_asn=site.asn,
            peer_asn=line.hub_asn,
            auth_key=line.auth_key,
            opts=opts,
        )
        alicloud.vpc.BgpPeer(names.resource("dx-bgp-peer", hub_name), bgp_group_id=group.id, peer_ip_address=line.bgp.b_ip, opts=opts)

        # The VBR's BGP routes reach the VPC through the transit router: the attachment propagates them into the
        # region's table, and publishing the router's routes to the VBR is what advertises the site to the hub.
        vbr_attachment = alicloud.cen.TransitRouterVbrAttachment(
            names.resource("tr-vbr", hub_name),
            transit_router_attachment_name=names.cloud("tr-vbr", hub_name),
            cen_id=hub.network_id,
            transit_router_id=hub.router_id,
            vbr_id=vbr.id,
            auto_publish_route_enabled=True,
            tags=tags,
            opts=opts,
        )
        _route_through(site, hub.table_id, vbr_attachment.transit_router_attachment_id, opts, "tr-vbr", hub_name)

    def vpn_gateway(self, site: SiteContext, bandwidth_mbps: int, opts: pulumi.ResourceOptions) -> VpnGatewayOutputs:
        # Where the region has it, a new gateway is dual-tunnel: a vSwitch and a disaster-recovery vSwitch in two
        # zones (which must be zones vpn.get_gateway_zones lists; an invoke the offline preview cannot answer).
        # Private vSwitches, because only they always span two zones; the gateway's public IPs are its own.
        switches = _two_zones(site, "a dual-tunnel VPN gateway")
        gateway = alicloud.vpn.Gateway(
            site.names.resource("vpn-gateway"),
            vpn_gateway_name=site.names.cloud("vpn-gateway"),
            vpc_id=site.network.vpc_id,
            vswitch_id=switches[0],
            disaster_recovery_vswitch_id=switches[1],
            bandwidth=bandwidth_mbps,
            network_type="public",
            vpn_type="Normal",  # the ShangMi type negotiates IKEv1 only
            enable_ipsec=True,
            enable_ssl=False,
            # Pay-as-you-go, as the NAT gateways: a VPN gateway is a backup path, mostly idle.
            payment_type="PayAsYouGo",
            tags=site.network_spec.tags,
            opts=opts,
        )
        # internet_ip is the active tunnel's address; the standby tunnel's (disaster_recovery_internet_ip) has no
        # place in VpnGatewayOutputs, so peers build one tunnel.
        return VpnGatewayOutputs(gateway_id=gateway.id, public_ip=gateway.internet_ip)

    def vpn_tunnel(
        self, site: SiteContext, gateway: VpnGatewayOutputs, tunnel: VpnTunnel, opts: pulumi.ResourceOptions
    ) -> pulumi.Output[str] | None:
        names, tags, peer = site.names, site.network_spec.tags, tunnel.peer_name
        customer_gateway = alicloud.vpn.CustomerGateway(
            names.resource("vpn-cgw", peer),
            customer_gateway_name=names.cloud("vpn-cgw", peer),
            ip_address=tunnel.peer_public_ip,
            asn=str(tunnel.peer_asn),
            description=f"VPN peer {peer}",
            tags=tags,
            opts=opts,
        )
        # A dual-tunnel gateway takes its proposals per tunnel (the top-level ike_config/ipsec_config/bgp_config
        # are single-tunnel only). Both tunnels end at the peer's one address. Static routing, not BGP: tunnel BGP
        # needs a /30 per tunnel and the plan gives one per link, so local_ip and peer_ip go unused.
        tunnels = [
            alicloud.vpn.ConnectionTunnelOptionsSpecificationArgs(
                role=role,
                customer_gateway_id=customer_gateway.id,
                tunnel_ike_config=alicloud.vpn.ConnectionTunnelOptionsSpecificationTunnelIkeConfigArgs(
                    ike_version=IKE_VERSION,
                    ike_mode="main",
                    ike_enc_alg=ENCRYPTION,
                    ike_auth_alg=INTEGRITY,
                    ike_pfs=_DH_GROUP,
                    ike_lifetime=IKE_LIFETIME_S,
                    psk=tunnel.pre_shared_key,
                ),
                tunnel_ipsec_config=alicloud.vpn.ConnectionTunnelOptionsSpecificationTunnelIpsecConfigArgs(
                    ipsec_enc_alg=ENCRYPTION,
                    ipsec_auth_alg=INTEGRITY,
                    ipsec_pfs=_DH_GROUP,  # a DH group in phase 2 is PFS ("disabled" would turn it off)
                    ipsec_lifetime=IPSEC_LIFETIME_S,
                ),
            )
            for role in ("master", "slave")
        ]
        connection = alicloud.vpn.Connection(
            names.resource("vpn-connection", peer),
            vpn_connection_name=names.cloud("vpn-connection", peer),
            vpn_gateway_id=gateway.gateway_id,
            local_subnets=[site.network_spec.cidr],
            remote_subnets=list(tunnel.remote_cidrs),
            enable_tunnels_bgp=False,
            # The destination routes below are the gateway's routes, not policy routes the service adds unseen.
            auto_config_route=False,
            # Negotiate now: a backup tunnel that waits for traffic would drop the first packets of a failover.
            effect_immediately=True,
            tunnel_options_specifications=tunnels,
            tags=tags,
            opts=opts,
        )
        # The weight orders VPN routes to one destination on this gateway only; against the line, the longer
        # prefixes decide (module docstring).
        weight = _STANDBY_WEIGHT if tunnel.backup else _ACTIVE_WEIGHT
        role = "backup path; the dedicated line's longer prefixes win" if tunnel.backup else "primary path"
        for cidr in tunnel.remote_cidrs:
            alicloud.vpn.RouteEntry(
                names.resource("vpn-gw-route", peer, cidr_slug(cidr)),
                vpn_gateway_id=gateway.gateway_id,
                route_dest=cidr,
                next_hop=connection.id,
                weight=weight,
                # Publishing goes to the VPC's system route table, which no private vSwitch uses; they get routes below.
                publish_vpc=False,
                opts=opts,
            )
            for zone, table_id in site.network.private_route_table_ids.items():
                alicloud.vpc.RouteEntry(
                    names.resource("vpn-route", peer, zone, cidr_slug(cidr)),
                    name=names.cloud("vpn-route", peer, zone),
                    route_table_id=table_id,
                    destination_cidrblock=cidr,
                    nexthop_type="VpnGateway",
                    nexthop_id=gateway.gateway_id,
                    description=f"{cidr} over the VPN to {peer}: {role}",
                    opts=opts,
                )
        return None  # the outside address is the gateway's own

    def peering(self, pair: SitePair) -> None:
        a, b = pair.a, pair.b
        # CreateVpcPeerConnection requires the accepter's account id, AcceptingAliUid (the SDK leaves it optional and
        # the provider then sends 0): read through b's provider, so it is right across accounts too.
        accepter_account = alicloud.get_account_output(
            opts=pulumi.InvokeOutputOptions(provider=pair.opts_b.provider, parent=pair.opts_b.parent)
        )
        cross_region = a.network_spec.region != b.network_spec.region
        connection = alicloud.vpc.PeerConnection(
            a.names.resource("peer", b.names.site),
            peer_connection_name=a.names.cloud("peer", b.names.site),
            description=f"VPC peering of inferline sites {a.names.site} and {b.names.site}",
            vpc_id=a.network.vpc_id,
            accepting_vpc_id=b.network.vpc_id,
            accepting_region_id=b.network_spec.region,
            accepting_ali_uid=accepter_account.id.apply(int),
            # Only an inter-region connection takes a bandwidth (CreateVpcPeerConnection: "make sure that you
            # create an inter-region VPC peering connection"), so a same-region connection gets none.
            bandwidth=pair.bandwidth_mbps if cross_region else None,
            tags=a.network_spec.tags,
            opts=protected(pair.opts_a, a),
        )
        # Within one account Alibaba activates the connection itself and the accepter only waits for it (the
        # provider ignores IncorrectStatus.VpcPeer on accept); across accounts it is what accepts. No name,
        # description or bandwidth here: they would rewrite the connection's own and fight the requester's.
        # Protected as the connection is: deleting the accepter deletes the connection (DeleteVpcPeerConnection).
        accepter = alicloud.vpc.PeerConnectionAccepter(
            b.names.resource("peer-accepter", a.names.site),
            instance_id=connection.id,
            opts=protected(pair.opts_b, b),
        )
        # The accepter's instance id is the connection's: routing to it makes both sides' routes wait until the
        # connection is accepted and active.
        for site, other, opts in ((a, b, pair.opts_a), (b, a, pair.opts_b)):
            for zone, table_id in site.network.private_route_table_ids.items():
                alicloud.vpc.RouteEntry(
                    site.names.resource("peer-route", other.names.site, zone),
                    name=site.names.cloud("peer-route", other.names.site, zone),
                    route_table_id=table_id,
                    destination_cidrblock=other.network_spec.cidr,
                    nexthop_type="VpcPeer",
                    nexthop_id=accepter.instance_id,
                    description=f"{other.network_spec.cidr} to inferline site {other.names.site} over VPC peering",
                    opts=opts,
                )

    def transit(self, pair: SitePair) -> None:
        """Nothing of the link's own: both sites are members of the stack's CEN (planned from the link), whose
        regional routers and inter-region connections ``transit_network`` built, and each site's SiteInterconnect
        attached its VPC and routed to its transit peers. Only checked here."""
        for site in (pair.a, pair.b):
            if site.transit is None:
                raise ValueError(
                    f"{pair.link_id}: site '{site.names.site}' is not on the stack's Cloud Enterprise Network; plan the "
                    "stack with plan_stack so every transit link's sites are its members"
                )
