"""AWS: a site's dedicated lines and VPN tunnels all land on one virtual private gateway (VGW) attached to
its VPC. Lines reach it through a Direct Connect gateway (private virtual interface per line, BGP), tunnels
are Site-to-Site VPN connections on it (static routes), and the VGW propagates both into every private
route table.

One VGW for both, not one each: a VPC takes one VGW at a time, and a VGW associates with one Direct
Connect gateway ("must not be associated with another Direct Connect gateway",
CreateDirectConnectGatewayAssociation API reference). The adapter keeps no state, so the site's gateway
(VGW, Direct Connect gateway, association, propagation) is passed, not remembered: ``vpn_gateway`` builds
it, and ``dedicated_line(..., gateway=...)`` joins it. Called without ``gateway=``, a line builds the site's
gateway itself, under the same names: right for a site with one line and no VPN. A second line or a VPN on
that site must then get ``gateway=``; otherwise Pulumi refuses the duplicate ``{site}-vgw``, as AWS would
refuse a second VGW on the VPC.

Why the dedicated line wins over a VPN to the same network: nothing here writes a static route. The VGW
propagates the line's BGP routes and the VPN's static routes into the route tables, and for propagated
routes to one prefix AWS prefers "Direct Connect BGP routes (dynamic routes)" over "VPN static routes"
(Amazon VPC User Guide, "How route priority works"). A static ec2.Route to the VGW would outrank every
propagated route, the line's included, so there is none. VPC route tables have no weight or priority, so a
backup tunnel is built like a primary one; the preference holds while the hub advertises the same (or
longer) prefixes over BGP as the tunnel routes.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, cast

import pulumi
import pulumi_aws as aws

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
    protected,
)
from inferline.components.network.adapters.base import child_opts
from inferline.planning.naming import cidr_slug

#: directconnect.Connection bandwidth for dedicated connections, "1Gbps, 10Gbps, 100Gbps, and 400Gbps.
#: Case sensitive" (SDK docstring); the sub-1G speeds exist only as partners' hosted connections.
_DX_BANDWIDTHS = {1_000: "1Gbps", 10_000: "10Gbps", 100_000: "100Gbps", 400_000: "400Gbps"}
#: PrivateVirtualInterface bgp_asn "between 1 and 2147483646. For larger values, use bgp_asn_long".
_VIF_BGP_ASN_MAX = 2_147_483_646
#: CustomerGateway bgp_asn "from 1 to 2147483647"; larger ones go to bgp_asn_extended.
_CGW_BGP_ASN_MAX = 2_147_483_647
_IPSEC = "ipsec.1"  # "The only type AWS supports at this time" (VpnConnection, CustomerGateway)

#: base.py's proposals in VpnConnection's spellings (AES128 | AES256 | ..., SHA1 | SHA2-256 | ..., group
#: numbers, ikev1 | ikev2). Indexing, not .get: a proposal changed in base.py fails here, not at AWS.
_ENCRYPTION = {"aes256": "AES256"}[ENCRYPTION]
_INTEGRITY = {"sha256": "SHA2-256"}[INTEGRITY]


def _proposals(tunnel: str) -> dict[str, Any]:
    """One tunnel's IKE and IPsec proposals. A phase 2 DH group is what makes AWS use PFS."""
    return {
        f"{tunnel}_ike_versions": [IKE_VERSION],
        f"{tunnel}_phase1_encryption_algorithms": [_ENCRYPTION],
        f"{tunnel}_phase1_integrity_algorithms": [_INTEGRITY],
        f"{tunnel}_phase1_dh_group_numbers": [DH_GROUP],
        f"{tunnel}_phase1_lifetime_seconds": IKE_LIFETIME_S,
        f"{tunnel}_phase2_encryption_algorithms": [_ENCRYPTION],
        f"{tunnel}_phase2_integrity_algorithms": [_INTEGRITY],
        f"{tunnel}_phase2_dh_group_numbers": [DH_GROUP],
        f"{tunnel}_phase2_lifetime_seconds": IPSEC_LIFETIME_S,
    }


@dataclass(kw_only=True)  # keyword-only: base fields with defaults may precede it
class AwsSiteGateway(VpnGatewayOutputs):
    """The site's VGW, plus the Direct Connect gateway associated with it, which every line's interface joins."""

    dx_gateway_id: pulumi.Output[str]




def _site_gateway(site: SiteContext, opts: pulumi.ResourceOptions) -> AwsSiteGateway:
    """The site's VGW in its VPC, propagating into every private route table, and its Direct Connect gateway."""
    names, spec = site.names, site.network_spec
    critical = protected(opts, site)
    # The VGW needs no subnet; vpc_id attaches it. Its ASN matters only to BGP VPNs (ours are static),
    # and AWS lets it equal the Direct Connect gateway's, so the site keeps one ASN throughout.
    vgw = aws.ec2.VpnGateway(
        names.resource("vgw"),
        vpc_id=site.network.vpc_id,
        amazon_side_asn=str(site.asn),
        tags={**spec.tags, "Name": names.cloud("vgw")},
        opts=critical,
    )
    # A Direct Connect gateway is global: a line landing at any Direct Connect location reaches this VPC,
    # not only lines in the VGW's own region. It advertises the site's CIDR to the hubs and nothing else.
    dx_gateway = aws.directconnect.Gateway(
        names.resource("dx-gateway"),
        name=names.cloud("dx-gateway"),
        amazon_side_asn=str(site.asn),
        tags={**spec.tags, "Name": names.cloud("dx-gateway")},
        opts=critical,
    )
    association = aws.directconnect.GatewayAssociation(
        names.resource("dx-gateway-association"),
        dx_gateway_id=dx_gateway.id,
        associated_gateway_id=vgw.id,
        allowed_prefixes=[spec.cidr],
        opts=opts,
    )
    # Propagation only once the VGW is associated with the Direct Connect gateway: the Direct Connect guide says
    # not to enable route propagation on a virtual private gateway before that association exists.
    for zone, table_id in site.network.private_route_table_ids.items():
        aws.ec2.VpnGatewayRoutePropagation(
            names.resource("vgw-propagation", zone), vpn_gateway_id=vgw.id, route_table_id=table_id, opts=child_opts(opts, association)
        )
    no_address = cast("pulumi.Output[str]", pulumi.Output.from_input(None))  # see vpn_gateway
    return AwsSiteGateway(gateway_id=vgw.id, public_ip=no_address, dx_gateway_id=dx_gateway.id)


class AwsInterconnect:
    cloud: ClassVar[CloudName] = "aws"

    def dedicated_lines(
        self, site: SiteContext, lines: Sequence[DedicatedLine], opts: pulumi.ResourceOptions, *, gateway: VpnGatewayOutputs | None = None
    ) -> None:
        if not lines:
            return
        if gateway is None:
            gateway = _site_gateway(site, opts)  # lines and no VPN (module docstring)
        if not isinstance(gateway, AwsSiteGateway):
            raise TypeError(f"site '{site.names.site}': AWS lines land on the gateway AwsInterconnect.vpn_gateway built")
        for line in lines:
            self._line(site, line, gateway, opts)

    def _line(self, site: SiteContext, line: DedicatedLine, gateway: AwsSiteGateway, opts: pulumi.ResourceOptions) -> None:
        names, hub = site.names, line.hub_name
        critical = protected(opts, site)

        connection_id: pulumi.Input[str]
        if line.connection_id is not None:
            connection_id = line.connection_id
        else:
            # The speed is one AWS orders: validation (clouds.interconnect line_order_speeds_mbps) refused others.
            bandwidth = _DX_BANDWIDTHS[line.bandwidth_mbps]
            # Ordering only requests the port: AWS then issues an LOA-CFA for the cross-connect at the hub,
            # and the connection (and the interface below) stay pending until the carrier patches it.
            connection_id = aws.directconnect.Connection(
                names.resource("dx", hub),
                name=names.cloud("dx", hub),
                bandwidth=bandwidth,
                location=line.access_point,
                tags={**site.network_spec.tags, "Name": names.cloud("dx", hub)},
                opts=critical,
            ).id

        network = ipaddress.IPv4Network(line.bgp.cidr)
        hub_asn: dict[str, Any] = (
            {"bgp_asn": line.hub_asn} if line.hub_asn <= _VIF_BGP_ASN_MAX else {"bgp_asn_long": str(line.hub_asn)}
        )
        # The Amazon side of the session is the Direct Connect gateway's ASN (site.asn, see _site_gateway);
        # bgp_asn is the hub router's. The hub's routes reach the VPC by propagation (module docstring).
        aws.directconnect.PrivateVirtualInterface(
            names.resource("dx-vif", hub),
            name=names.cloud("dx-vif", hub),
            connection_id=connection_id,
            dx_gateway_id=gateway.dx_gateway_id,
            vlan=line.vlan,
            address_family="ipv4",
            amazon_address=f"{line.bgp.a_ip}/{network.prefixlen}",
            customer_address=f"{line.bgp.b_ip}/{network.prefixlen}",
            bgp_auth_key=line.auth_key,
            tags={**site.network_spec.tags, "Name": names.cloud("dx-vif", hub)},
            opts=critical,
            **hub_asn,
        )

    def vpn_gateway(self, site: SiteContext, bandwidth_mbps: int, opts: pulumi.ResourceOptions) -> AwsSiteGateway:
        """The site's gateway, for its tunnels and its lines: pass it to dedicated_line as ``gateway=``."""
        # AWS gives each VPN connection its own two outside addresses (VpnConnection.tunnel1_address and
        # tunnel2_address); a VGW has none, so public_ip resolves to nothing and vpn_tunnel returns the
        # connection's address for the peer (base.PER_CONNECTION_ADDRESS).
        return _site_gateway(site, opts)

    def vpn_tunnel(
        self, site: SiteContext, gateway: VpnGatewayOutputs, tunnel: VpnTunnel, opts: pulumi.ResourceOptions
    ) -> pulumi.Output[str] | None:
        inside = ipaddress.IPv4Network(f"{tunnel.local_ip}/30", strict=False)
        if ipaddress.IPv4Address(tunnel.peer_ip) not in inside:
            raise ValueError(f"{tunnel.link_id}: tunnel addresses {tunnel.local_ip} and {tunnel.peer_ip} are not in one /30")
        names, tags, peer = site.names, site.network_spec.tags, tunnel.peer_name

        peer_asn: dict[str, Any] = (
            {"bgp_asn": str(tunnel.peer_asn)} if tunnel.peer_asn <= _CGW_BGP_ASN_MAX else {"bgp_asn_extended": str(tunnel.peer_asn)}
        )
        customer_gateway = aws.ec2.CustomerGateway(
            names.resource("vpn-cgw", peer),
            type=_IPSEC,
            ip_address=tunnel.peer_public_ip,
            tags={**tags, "Name": names.cloud("vpn-cgw", peer)},
            opts=opts,
            **peer_asn,
        )
        # Traffic selectors take one CIDR a side: with one remote network, pin them to it and the site's CIDR
        # (what a policy-based peer proposes); with several, keep AWS's 0.0.0.0/0 and let routes confine it.
        selectors: dict[str, Any] = (
            {"local_ipv4_network_cidr": tunnel.remote_cidrs[0], "remote_ipv4_network_cidr": site.network_spec.cidr}
            if len(tunnel.remote_cidrs) == 1
            else {}
        )
        connection = aws.ec2.VpnConnection(
            names.resource("vpn-connection", peer),
            type=_IPSEC,
            vpn_gateway_id=gateway.gateway_id,
            customer_gateway_id=customer_gateway.id,
            static_routes_only=True,
            # The tunnel's planned /30. AWS always takes its first address for itself and gives the peer
            # the second; with static routing no BGP session runs on these addresses.
            tunnel1_inside_cidr=str(inside),
            tunnel1_preshared_key=tunnel.pre_shared_key,
            # The peer ends are other clouds' gateways that may wait to be called: AWS starts IKE itself,
            # and restarts it after dead-peer detection, so the backup path comes up without traffic.
            tunnel1_startup_action="start",
            tunnel1_dpd_timeout_action="restart",
            **_proposals("tunnel1"),
            # Every AWS connection has a second tunnel; the peer knows one address, so it stays down, but it
            # gets the same proposals so it never negotiates AWS's weaker defaults (AES128, SHA1, DH 2).
            **_proposals("tunnel2"),
            **selectors,
            tags={**tags, "Name": names.cloud("vpn-connection", peer)},
            opts=opts,
        )
        # Which networks the VGW sends down this connection; the VGW propagates them into the private route
        # tables, where a Direct Connect BGP route to the same prefix outranks them (module docstring).
        for cidr in tunnel.remote_cidrs:
            aws.ec2.VpnConnectionRoute(
                names.resource("vpn-route", peer, cidr_slug(cidr)),
                vpn_connection_id=connection.id,
                destination_cidr_block=cidr,
                opts=opts,
            )
        # The peer's customer gateway points here (base.PER_CONNECTION_ADDRESS).
        return connection.tunnel1_address

    def peering(self, pair: SitePair) -> None:
        """A VPC peering connection requested from a's VPC, and routes to the other site's CIDR over it in every
        private route table of both sites.

        Both sites' providers read the same credentials (README, "Credentials"), so both VPCs are in one
        account and ``peer_owner_id`` keeps its default, the provider's account. In one region the requester
        accepts its own request: ``auto_accept`` holds only when "both VPCs need to be in the same AWS account
        and region", and a ``VpcPeeringConnectionAccepter`` there would manage the tags of the same
        connection a second time. Across regions the request waits in b's region, so b accepts it with its
        own provider (``peer_region`` requires ``auto_accept`` false and an accepter; SDK docstrings).

        A peering connection takes no bandwidth (``pair.bandwidth_mbps`` has nowhere to go on AWS).
        """
        a, b = pair.a, pair.b
        same_region = a.network_spec.region == b.network_spec.region
        request: dict[str, Any] = {"auto_accept": True} if same_region else {"peer_region": b.network_spec.region}
        connection = aws.ec2.VpcPeeringConnection(
            a.names.resource("peer", b.names.site),
            vpc_id=a.network.vpc_id,
            peer_vpc_id=b.network.vpc_id,
            tags={**a.network_spec.tags, "Name": a.names.cloud("peer", b.names.site)},
            opts=protected(pair.opts_a, a),
            **request,
        )
        connection_id: pulumi.Output[str] = connection.id
        if not same_region:
            # Removing an accepter only forgets it (the connection is deleted from the requester's side), but
            # it is b's half of the connection, so it is protected like the requester.
            accepter = aws.ec2.VpcPeeringConnectionAccepter(
                b.names.resource("peer-accepter", a.names.site),
                vpc_peering_connection_id=connection.id,
                auto_accept=True,
                tags={**b.network_spec.tags, "Name": b.names.cloud("peer", a.names.site)},
                opts=protected(pair.opts_b, b),
            )
            # The accepter's id is the connection's: routes taking it wait for the connection to be active.
            connection_id = accepter.id
        # A static route outranks propagated ones, so the peer's CIDR goes over peering even where a VGW
        # propagates a VPN backup route to it (module docstring).
        for site, peer, opts in ((a, b, pair.opts_a), (b, a, pair.opts_b)):
            for zone, table_id in site.network.private_route_table_ids.items():
                aws.ec2.Route(
                    site.names.resource("peer-route", peer.names.site, zone),
                    route_table_id=table_id,
                    destination_cidr_block=peer.network_spec.cidr,
                    vpc_peering_connection_id=connection_id,
                    opts=opts,
                )

    def transit(self, pair: SitePair) -> None:
        """The two VPCs joined through transit gateways built for this link: one in a shared region, one per
        site's region otherwise, peered from a's and accepted by b's.

        Each transit gateway associates every attachment with its default route table and propagates the VPC
        attachments' CIDRs into it, so one gateway routes between its two VPCs by itself. A peering
        attachment propagates nothing ("you must add a static route to the transit gateway route table that
        points to the transit gateway peering attachment", AWS Transit Gateway guide, "Add a route"), so each
        gateway gets a static route to the far site's CIDR. The peering attachment itself is associated with
        the default route table by the default association (an explicit ``RouteTableAssociation`` fails with
        Resource.AlreadyAssociated, terraform-provider-aws#16452), which is where the far side's traffic is
        looked up.

        Both sites share one account (see ``peering``), so attaching b's VPC to a's gateway in one region
        needs no resource share, and ``peer_account_id`` keeps its default. Transit gateway attachments take
        no bandwidth (``pair.bandwidth_mbps`` has nowhere to go on AWS).
        """
        a, b = pair.a, pair.b
        same_region = a.network_spec.region == b.network_spec.region
        hub_a = self._transit_gateway(a, b, pair.opts_a, pair.link_id)
        hub_b = hub_a if same_region else self._transit_gateway(b, a, pair.opts_b, pair.link_id)
        attachments = {
            site.names.site: aws.ec2transitgateway.VpcAttachment(
                site.names.resource("tgw-attachment", peer.names.site),
                transit_gateway_id=hub.id,
                vpc_id=site.network.vpc_id,
                # One subnet per zone: the attachment reaches only the zones it has a subnet in.
                subnet_ids=list(site.network.private_subnet_ids.values()),
                transit_gateway_default_route_table_association=True,
                transit_gateway_default_route_table_propagation=True,
                tags={**site.network_spec.tags, "Name": site.names.cloud("tgw-attachment", peer.names.site)},
                opts=opts,
            )
            for site, peer, hub, opts in ((a, b, hub_a, pair.opts_a), (b, a, hub_b, pair.opts_b))
        }
        if not same_region:
            peering = aws.ec2transitgateway.PeeringAttachment(
                a.names.resource("tgw-peering", b.names.site),
                transit_gateway_id=hub_a.id,
                peer_transit_gateway_id=hub_b.id,
                peer_region=b.network_spec.region,
                tags={**a.network_spec.tags, "Name": a.names.cloud("tgw-peering", b.names.site)},
                opts=protected(pair.opts_a, a),
            )
            accepter = aws.ec2transitgateway.PeeringAttachmentAccepter(
                b.names.resource("tgw-peering-accepter", a.names.site),
                transit_gateway_attachment_id=peering.id,
                tags={**b.network_spec.tags, "Name": b.names.cloud("tgw-peering", a.names.site)},
                opts=protected(pair.opts_b, b),
            )
            # The accepter's id is the attachment's: static routes taking it wait for the peering to be accepted.
            for site, peer, hub, opts in ((a, b, hub_a, pair.opts_a), (b, a, hub_b, pair.opts_b)):
                aws.ec2transitgateway.Route(
                    site.names.resource("tgw-static-route", peer.names.site),
                    transit_gateway_route_table_id=hub.association_default_route_table_id,
                    destination_cidr_block=peer.network_spec.cidr,
                    transit_gateway_attachment_id=accepter.id,
                    opts=opts,
                )
        for site, peer, hub, opts in ((a, b, hub_a, pair.opts_a), (b, a, hub_b, pair.opts_b)):
            # A VPC route to a transit gateway needs the VPC attached to it first; the route does not name the
            # attachment, so the dependency is explicit.
            route_opts = child_opts(opts, attachments[site.names.site])
            for zone, table_id in site.network.private_route_table_ids.items():
                aws.ec2.Route(
                    site.names.resource("transit-route", peer.names.site, zone),
                    route_table_id=table_id,
                    destination_cidr_block=peer.network_spec.cidr,
                    transit_gateway_id=hub.id,
                    opts=route_opts,
                )

    @staticmethod
    def _transit_gateway(
        site: SiteContext, peer: SiteContext, opts: pulumi.ResourceOptions, link_id: str
    ) -> aws.ec2transitgateway.TransitGateway:
        """The link's transit gateway in ``site``'s region, with the site's ASN as its Amazon side."""
        return aws.ec2transitgateway.TransitGateway(
            site.names.resource("tgw", peer.names.site),
            description=f"inferline {link_id}",
            amazon_side_asn=site.asn,
            # The defaults, spelled out: the routing in ``transit`` relies on both.
            default_route_table_association="enable",
            default_route_table_propagation="enable",
            tags={**site.network_spec.tags, "Name": site.names.cloud("tgw", peer.names.site)},
            opts=protected(opts, site),
        )
