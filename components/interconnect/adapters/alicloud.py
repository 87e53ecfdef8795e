"""Alibaba Cloud: a dedicated line is an Express Connect VBR with a BGP group and peer, attached to the site's
Cloud Enterprise Network (CEN) transit router, which also attaches the VPC; IPsec VPN ends are a dual-tunnel
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
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import pulumi
import pulumi_alicloud as alicloud

from components.interconnect.adapters.base import (
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
    cidr_slug,
    line_prefixes,
    protected,
)
from components.network.adapters.base import NetworkOutputs
from inferline.clouds import CloudName

#: expressconnect.VirtualBorderRouter vlan_id: "Valid values: `0` to `2999`" (SDK docstring).
_VLAN_MAX = 2999
#: vpn.Gateway bandwidth of a public gateway: "5, 10, 20, 50, 100, 200, 500, or 1000" Mbps (SDK docstring).
_VPN_BANDWIDTHS_MBPS = (5, 10, 20, 50, 100, 200, 500, 1000)
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
    if not 0 <= line.vlan <= _VLAN_MAX:
        raise ValueError(f"{line.link_id}: VLAN {line.vlan} is outside Alibaba Cloud's 0-{_VLAN_MAX}; pin the link's vlan")


@dataclass
class _Transit:
    """A site's CEN, transit router and VPC attachment, shared by all its lines."""

    network: NetworkOutputs
    cen: alicloud.cen.Instance
    router: alicloud.cen.TransitRouter
    table: alicloud.cen.TransitRouterRouteTable
    vpc_attachment: alicloud.cen.TransitRouterVpcAttachment
    routed: set[tuple[str, str]] = field(default_factory=set)  # (zone, destination) already in a private table

    def route_through(
        self, site: SiteContext, attachment_id: pulumi.Output[str], opts: pulumi.ResourceOptions, role: str, *parts: str
    ) -> None:
        """Association (the attachment's traffic looks up the table) and propagation (its routes go into it)."""
        table_id = self.table.transit_router_route_table_id
        alicloud.cen.TransitRouterRouteTableAssociation(
            site.names.resource(f"{role}-association", *parts),
            transit_router_route_table_id=table_id,
            transit_router_attachment_id=attachment_id,
            opts=opts,
        )
        alicloud.cen.TransitRouterRouteTablePropagation(
            site.names.resource(f"{role}-propagation", *parts),
            transit_router_route_table_id=table_id,
            transit_router_attachment_id=attachment_id,
            opts=opts,
        )


@dataclass(kw_only=True)
class _LinkedTransit(_Transit):
    """A site's transit once a same-cloud link uses it. A CEN has one transit router per region, shared by every
    site of that region on the CEN, so the router's region is kept to find it; ``peered`` holds the regions the
    router already has an inter-region connection to, one set shared by all sites on that router."""

    region: str
    peered: set[str]


class AlicloudInterconnect:
    cloud: ClassVar[CloudName] = "alicloud"

    def __init__(self) -> None:
        # A VPC attaches to one CEN instance only, so a site's second line must reuse its first line's transit
        # router: the adapter remembers it per site network (the object identity is one program's site).
        self._transits: dict[int, _Transit] = {}

    def dedicated_lines(
        self, site: SiteContext, lines: Sequence[DedicatedLine], opts: pulumi.ResourceOptions, *, gateway: VpnGatewayOutputs | None = None
    ) -> None:
        del gateway  # lines land on their own Direct Connect gateway here, not on the VPN gateway
        if not lines:
            return
        for line in lines:
            _check_line(line)
        transit = self._transit(site, opts)
        for line in lines:
            self._line(site, line, transit, opts)

    @staticmethod
    def _line(site: SiteContext, line: DedicatedLine, transit: _Transit, opts: pulumi.ResourceOptions) -> None:
        assert line.connection_id is not None  # _check_line
        names, tags, hub = site.names, site.network_spec.tags, line.hub_name

        vbr = alicloud.expressconnect.VirtualBorderRouter(
            names.resource("dx-vbr", hub),
            virtual_border_router_name=names.cloud("dx-vbr", hub),
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
            names.resource("dx-bgp", hub),
            bgp_group_name=names.cloud("dx-bgp", hub),
            router_id=vbr.id,
            local_asn=site.asn,
            peer_asn=line.hub_asn,
            auth_key=line.auth_key,
            opts=opts,
        )
        alicloud.vpc.BgpPeer(names.resource("dx-bgp-peer", hub), bgp_group_id=group.id, peer_ip_address=line.bgp.b_ip, opts=opts)

        # The VBR's BGP routes reach the VPC through the transit router: the attachment propagates them into the
        # router's table, and publishing the router's routes to the VBR is what advertises the site to the hub.
        vbr_attachment = alicloud.cen.TransitRouterVbrAttachment(
            names.resource("tr-vbr", hub),
            transit_router_attachment_name=names.cloud("tr-vbr", hub),
            cen_id=transit.cen.id,
            transit_router_id=transit.router.transit_router_id,
            vbr_id=vbr.id,
            auto_publish_route_enabled=True,
            tags=tags,
            opts=opts,
        )
        transit.route_through(site, vbr_attachment.transit_router_attachment_id, opts, "tr-vbr", hub)

        # Custom route tables take no transit router routes by themselves: static routes to the VPC attachment.
        # Routed once per site, however many lines lead there: the transit router picks the line by BGP.
        for zone, table_id in site.network.private_route_table_ids.items():
            for cidr in line.remote_cidrs:
                for destination in line_prefixes(cidr):
                    if (zone, destination) in transit.routed:
                        continue
                    transit.routed.add((zone, destination))
                    alicloud.vpc.RouteEntry(
                        names.resource("dx-route", zone, cidr_slug(destination)),
                        name=names.cloud("dx-route", zone),
                        route_table_id=table_id,
                        destination_cidrblock=destination,
                        nexthop_type="Attachment",
                        nexthop_id=transit.vpc_attachment.transit_router_attachment_id,
                        description=f"{destination} over the dedicated lines; one bit longer than any VPN route",
                        opts=opts,
                    )

    def _transit(self, site: SiteContext, opts: pulumi.ResourceOptions) -> _Transit:
        cached = self._transits.get(id(site.network))
        if cached is not None and cached.network is site.network:
            return cached
        names, tags = site.names, site.network_spec.tags
        switches = _two_zones(site, "a transit router VPC attachment")  # an ENI in each, for zone failover
        hub_opts = protected(opts, site)
        cen = alicloud.cen.Instance(
            names.resource("cen"),
            cen_instance_name=names.cloud("cen"),
            description=f"Dedicated lines of inferline site {names.site}",
            tags=tags,
            opts=hub_opts,
        )
        router = alicloud.cen.TransitRouter(
            names.resource("tr"), transit_router_name=names.cloud("tr"), cen_id=cen.id, tags=tags, opts=hub_opts
        )
        # Our own route table: the router's system table has no output in SDK 4.0.0, and explicit association
        # and propagation replace the attachments' deprecated route_table_*_enabled flags.
        table = alicloud.cen.TransitRouterRouteTable(
            names.resource("tr-rt"),
            transit_router_route_table_name=names.cloud("tr-rt"),
            transit_router_id=router.transit_router_id,
            tags=tags,
            opts=opts,
        )
        vpc_attachment = alicloud.cen.TransitRouterVpcAttachment(
            names.resource("tr-vpc"),
            transit_router_vpc_attachment_name=names.cloud("tr-vpc"),
            cen_id=cen.id,
            transit_router_id=router.transit_router_id,
            vpc_id=site.network.vpc_id,
            zone_mappings=[
                alicloud.cen.TransitRouterVpcAttachmentZoneMappingArgs(zone_id=zone, vswitch_id=switch)
                for zone, switch in zip(site.network.private_subnet_ids, switches, strict=True)
            ],
            tags=tags,
            opts=opts,
        )
        transit = _Transit(site.network, cen, router, table, vpc_attachment)
        transit.route_through(site, vpc_attachment.transit_router_attachment_id, opts, "tr-vpc")
        self._transits[id(site.network)] = transit
        return transit

    def vpn_gateway(self, site: SiteContext, bandwidth_mbps: int, opts: pulumi.ResourceOptions) -> VpnGatewayOutputs:
        if bandwidth_mbps not in _VPN_BANDWIDTHS_MBPS:
            raise ValueError(
                f"site '{site.names.site}': an Alibaba Cloud VPN gateway takes {', '.join(map(str, _VPN_BANDWIDTHS_MBPS))} Mbps, "
                f"not {bandwidth_mbps}"
            )
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
        """Both VPCs on transit routers of one CEN. Sites only meet on one CEN ("To establish network connectivity
        between network instances, you must attach them to the same CEN instance", CEN FAQ) and a VPC attaches to
        one CEN, so a site already on a CEN (its dedicated lines' or an earlier link's) brings it, and a link
        between two new sites creates one that later lines and links of both sites then use."""
        a, b = pair.a, pair.b
        a_transit, b_transit = self._linked(a), self._linked(b)
        if a_transit is not None and b_transit is not None and a_transit.cen is not b_transit.cen:
            raise ValueError(
                f"{pair.link_id}: '{a.names.site}' and '{b.names.site}' are each on their own Cloud Enterprise "
                "Network already (their dedicated lines' or other links'); a VPC attaches to one CEN and CENs do not "
                "connect to each other, so a transit link cannot join them; use a peering link"
            )
        known = a_transit or b_transit
        cen = known.cen if known is not None else self._link_cen(pair)
        a_transit = a_transit or self._join(a, b, cen, pair.opts_a)
        b_transit = b_transit or self._join(b, a, cen, pair.opts_b)
        # One router per region per CEN: two sites of one region share it and its table, which propagates both
        # VPCs, so no connection between routers is needed.
        if a_transit.router is not b_transit.router and b_transit.region not in a_transit.peered:
            self._peer_routers(pair, a_transit, b_transit)
        for site, other, transit, opts in ((a, b, a_transit, pair.opts_a), (b, a, b_transit, pair.opts_b)):
            destination = other.network_spec.cidr
            for zone, table_id in site.network.private_route_table_ids.items():
                if (zone, destination) in transit.routed:
                    continue  # the other site is reached through this router already
                transit.routed.add((zone, destination))
                alicloud.vpc.RouteEntry(
                    site.names.resource("transit-route", other.names.site, zone),
                    name=site.names.cloud("transit-route", other.names.site, zone),
                    route_table_id=table_id,
                    destination_cidrblock=destination,
                    nexthop_type="Attachment",
                    nexthop_id=transit.vpc_attachment.transit_router_attachment_id,
                    description=f"{destination} to inferline site {other.names.site} over the transit router",
                    opts=opts,
                )

    def _linked(self, site: SiteContext) -> _LinkedTransit | None:
        """The site's transit, if it has one, now knowing its router's region (the site's)."""
        cached = self._transits.get(id(site.network))
        if cached is None or cached.network is not site.network:
            return None
        if isinstance(cached, _LinkedTransit):
            return cached
        # A dedicated lines' transit: its CEN is the site's own, with a single router, in the site's region.
        linked = _LinkedTransit(**vars(cached), region=site.network_spec.region, peered=set())
        self._transits[id(site.network)] = linked
        return linked

    def _link_cen(self, pair: SitePair) -> alicloud.cen.Instance:
        a, b = pair.a, pair.b
        return alicloud.cen.Instance(
            a.names.resource("cen", b.names.site),
            cen_instance_name=a.names.cloud("cen", b.names.site),
            description=f"Transit between inferline sites {a.names.site} and {b.names.site}",
            tags=a.network_spec.tags,
            opts=protected(pair.opts_a, a),
        )

    def _join(
        self, site: SiteContext, other: SiteContext, cen: alicloud.cen.Instance, opts: pulumi.ResourceOptions
    ) -> _LinkedTransit:
        """Attach the site's VPC to the CEN's router in its region, creating the router if the CEN has none there."""
        names, tags, region = site.names, site.network_spec.tags, site.network_spec.region
        switches = _two_zones(site, "a transit router VPC attachment")
        regional = next(
            (t for t in self._transits.values() if isinstance(t, _LinkedTransit) and t.cen is cen and t.region == region), None
        )
        if regional is not None:
            router, table, peered = regional.router, regional.table, regional.peered
        else:
            router = alicloud.cen.TransitRouter(
                names.resource("tr", other.names.site),
                transit_router_name=names.cloud("tr", other.names.site),
                cen_id=cen.id,
                tags=tags,
                opts=protected(opts, site),
            )
            # As for dedicated lines: a table of our own, with explicit association and propagation.
            table = alicloud.cen.TransitRouterRouteTable(
                names.resource("tr-rt", other.names.site),
                transit_router_route_table_name=names.cloud("tr-rt", other.names.site),
                transit_router_id=router.transit_router_id,
                tags=tags,
                opts=opts,
            )
            peered = set()
        # Created with the site's provider, so the CEN's account must own the VPC too: a VPC of another account
        # would need that account's cen.InstanceGrant and vpc_owner_id, which one provider per site cannot give.
        vpc_attachment = alicloud.cen.TransitRouterVpcAttachment(
            names.resource("tr-vpc", other.names.site),
            transit_router_vpc_attachment_name=names.cloud("tr-vpc", other.names.site),
            cen_id=cen.id,
            transit_router_id=router.transit_router_id,
            vpc_id=site.network.vpc_id,
            zone_mappings=[
                alicloud.cen.TransitRouterVpcAttachmentZoneMappingArgs(zone_id=zone, vswitch_id=switch)
                for zone, switch in zip(site.network.private_subnet_ids, switches, strict=True)
            ],
            tags=tags,
            opts=opts,
        )
        transit = _LinkedTransit(site.network, cen, router, table, vpc_attachment, region=region, peered=peered)
        transit.route_through(site, vpc_attachment.transit_router_attachment_id, opts, "tr-vpc", other.names.site)
        self._transits[id(site.network)] = transit
        return transit

    def _peer_routers(self, pair: SitePair, a_transit: _LinkedTransit, b_transit: _LinkedTransit) -> None:
        """An inter-region connection between the two sites' routers, created from a's region, associated with and
        propagating into both routers' tables (Alibaba's cross-region transit router example does the same)."""
        a, b = pair.a, pair.b
        peer = alicloud.cen.TransitRouterPeerAttachment(
            a.names.resource("tr-peer", b.names.site),
            transit_router_peer_attachment_name=a.names.cloud("tr-peer", b.names.site),
            cen_id=a_transit.cen.id,
            transit_router_id=a_transit.router.transit_router_id,
            peer_transit_router_id=b_transit.router.transit_router_id,
            peer_transit_router_region_id=b_transit.region,
            # Pay by data transfer, capped at the link's bandwidth: no CEN bandwidth plan to buy and attach.
            bandwidth_type="DataTransfer",
            bandwidth=pair.bandwidth_mbps,
            # Advertises the routes of the table the connection is associated with to the peer router: each
            # VPC's CIDR reaches the other region (off by default).
            auto_publish_route_enabled=True,
            tags=a.network_spec.tags,
            opts=protected(pair.opts_a, a),
        )
        a_transit.route_through(a, peer.transit_router_attachment_id, pair.opts_a, "tr-peer", b.names.site)
        b_transit.route_through(b, peer.transit_router_attachment_id, pair.opts_b, "tr-peer", a.names.site)
        a_transit.peered.add(b_transit.region)
        b_transit.peered.add(a_transit.region)
