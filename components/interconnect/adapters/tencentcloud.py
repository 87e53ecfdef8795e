"""Tencent Cloud: dedicated lines are dedicated tunnels (dcx) on an existing connection, landing on the VPC's
Direct Connect gateway; IPsec VPN ends are a VPC VPN gateway, a customer gateway per peer and an SPD
(policy-based) connection. Every private route table gets static routes: a VPC-type Direct Connect gateway is
reached through route-table entries with next type DIRECTCONNECT, and the SDK has no resource that
propagates its BGP-learned routes into a VPC route table (dc.GatewayCcnRoute serves CCN-type gateways only).

Why the dedicated line wins over a VPN to the same network: route.TableEntry (SDK 0.2.3) has no priority or
weight, and a route table refuses two enabled routes to one destination through a Direct Connect gateway
and a VPN gateway: the route-table ECMP table lists VPN gateway routes as "Not supported" with the same type
and with any other type (intl.cloud.tencent.com/document/product/215/35501), and CreateRoutes answers
UnsupportedOperation.Ecmp / EcmpWithUserRoute. A disabled standby route does not help: the provider creates every entry enabled and only
then disables it (resource_tc_route_table_entry.go, "route cannot disable on create"), so it would hit that
error. So the line routes each remote network as its two halves (one bit longer) and a VPN routes the
network itself: different destinations, and longest-prefix match picks the line. Static routes are not
withdrawn when BGP drops, so the VPN carries traffic only once the line's routes are disabled or removed.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from typing import ClassVar

import pulumi
import tencentcloud_iac_pulumi as tencentcloud

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
from inferline.planning.naming import cidr_slug

#: VPN gateway, customer gateway and connection names: "limited to 1-60" (SDK docstrings); the same bound
#: is kept for the Direct Connect gateway and tunnel, whose docs state none.
_NAME_LIMIT = 60
#: Pay-as-you-go, as the NAT gateways: a VPN gateway is mostly a backup path; prepaid cannot downsize.
_VPN_CHARGE_TYPE = "POSTPAID_BY_HOUR"
#: The proposals of base.py in vpn.Connection's spellings; a KeyError here means base.py changed a proposal.
_IKE_VERSION = {"ikev2": "IKEV2"}[IKE_VERSION]
_ENCRYPTION = {"aes256": "AES-CBC-256"}[ENCRYPTION]
_INTEGRITY = {"sha256": "SHA-256"}[INTEGRITY]
_IKE_DH_GROUP = f"GROUP{DH_GROUP}"
#: A phase-2 DH group is what turns PFS on ("NULL", the default, is off).
_IPSEC_PFS_GROUP = f"DH-GROUP{DH_GROUP}"
#: Dead-peer detection, so a tunnel that idles as a backup is restarted rather than left half-open.
_DPD_TIMEOUT_S = 30
#: CCN billing: pay-as-you-go (ccn.Instance's default), billed on the monthly 95th percentile of cross-region
#: bandwidth; same-region traffic under 1 Gbps is free (intl.cloud.tencent.com/pricing/ccn). Prepaid would sell
#: fixed bandwidth per region pair up front.
_CCN_CHARGE_TYPE = "POSTPAID"
#: Gold, Tencent's default tier, stated so it is a decision: Platinum costs more, Silver is for jitter-tolerant traffic.
_CCN_QOS = "AU"
#: A cap per region pair ("the inbound and outbound bandwidth cap between two regions", CCN bandwidth docs), which is
#: what a link between two sites is; OUTER_REGION_LIMIT would cap a region's total egress to every other region.
_CCN_BANDWIDTH_LIMIT_TYPE = "INTER_REGION_LIMIT"






class TencentcloudInterconnect:
    cloud: ClassVar[CloudName] = "tencentcloud"

    def dedicated_lines(
        self, site: SiteContext, lines: Sequence[DedicatedLine], opts: pulumi.ResourceOptions, *, gateway: VpnGatewayOutputs | None = None
    ) -> None:
        del gateway  # lines land on their own Direct Connect gateway here, not on the VPN gateway
        if not lines:
            return
        # A VPC takes one NORMAL Direct Connect gateway ("a VPC can create two DCGs, the one is NAT type and the
        # other is non-NAT type", dc.Gateway docstring), so a site's lines to two hubs share it.
        dc_gateway = tencentcloud.dc.Gateway(
            site.names.resource("dc-gateway"),
            name=site.names.cloud("dc-gateway", limit=_NAME_LIMIT),
            network_type="VPC",
            network_instance_id=site.network.vpc_id,
            gateway_type="NORMAL",
            opts=protected(opts, site),
        )
        for line in lines:
            self._line(site, line, dc_gateway, opts)
        # One entry per destination and table for the shared gateway: a network reached through both hubs
        # is routed once and the gateway chooses between its tunnels by BGP.
        destinations = sorted({prefix for line in lines for cidr in line.remote_cidrs for prefix in line_prefixes(cidr)})
        for destination in destinations:
            for zone, table_id in site.network.private_route_table_ids.items():
                tencentcloud.route.TableEntry(
                    site.names.resource("dx-route", zone, cidr_slug(destination)),
                    route_table_id=table_id,
                    destination_cidr_block=destination,
                    next_type="DIRECTCONNECT",
                    next_hub=dc_gateway.id,
                    description=site.names.cloud("dx-route", zone, limit=_NAME_LIMIT),
                    opts=opts,
                )

    def _line(self, site: SiteContext, line: DedicatedLine, dc_gateway: tencentcloud.dc.Gateway, opts: pulumi.ResourceOptions) -> None:
        problems = []
        if line.connection_id is None:
            # dc.Instance requires line_operator (ChinaTelecom, ChinaMobile, ... InternationalOperator) and
            # port_type (1000Base-LX, 10GBase-LR, ...); neither is in inferline's config, and guessing a carrier
            # or optics would order the wrong circuit.
            problems.append(
                "Tencent Cloud orders a connection only with its carrier and port type (dc.Instance line_operator and "
                "port_type), which inferline config does not hold; order the connection with Tencent Cloud and set "
                "the link's connection_id"
            )
        if problems:
            raise ValueError(f"{line.link_id}: " + "; ".join(problems))
        names, hub = site.names, line.hub_name
        prefix = ipaddress.IPv4Network(line.bgp.cidr).prefixlen

        # The cloud side's ASN is not an input (CreateDirectConnectTunnel's BgpPeer is the customer's Asn and
        # AuthKey only): Tencent peers from its own ASN, so site.asn is not used on this cloud.
        tencentcloud.dcx.Instance(
            names.resource("dx-vif", hub),
            name=names.cloud("dx-vif", hub, limit=_NAME_LIMIT),
            dc_id=line.connection_id,
            dcg_id=dc_gateway.id,
            network_type="VPC",
            network_region=site.network_spec.region,
            vpc_id=site.network.vpc_id,
            vlan=line.vlan,
            bandwidth=line.bandwidth_mbps,
            route_type="BGP",
            bgp_asn=line.hub_asn,
            bgp_auth_key=line.auth_key,
            # Each side's address with its mask, as the SDK's example writes them ("10.8.254.14/30").
            tencent_address=f"{line.bgp.a_ip}/{prefix}",
            customer_address=f"{line.bgp.b_ip}/{prefix}",
            opts=protected(opts, site),
        )

    def peering(self, pair: SitePair) -> None:
        """A peering connection from a's VPC to b's, accepted with b's provider, and each site's private tables
        routing the other's network through it."""
        a, b = pair.a, pair.b
        cross_region = a.network_spec.region != b.network_spec.region
        # The peer account is whoever b's provider signs in as (the preview mocks answer this lookup).
        peer_uin = tencentcloud.user.get_info_output(
            opts=pulumi.InvokeOutputOptions(provider=pair.opts_b.provider, parent=pair.opts_b.parent)
        ).owner_uin
        peering = tencentcloud.vpc.PeerConnectManager(
            a.names.resource("peer", b.names.site),
            peering_connection_name=a.names.cloud("peer", b.names.site, limit=_NAME_LIMIT),
            source_vpc_id=a.network.vpc_id,
            destination_vpc_id=b.network.vpc_id,
            destination_region=b.network_spec.region,
            destination_uin=peer_uin,
            # A cap only across regions, where peering traffic is billed by bandwidth; a same-region peering
            # is not billed or capped by bandwidth. Charge type and QoS level stay at the API's defaults.
            bandwidth=pair.bandwidth_mbps if cross_region else None,
            opts=protected(pair.opts_a, a),
        )
        # No accept step: AcceptVpcPeeringConnection is for peerings across accounts, and every site's provider
        # signs in with the same credentials (the environment's), so both VPCs are one account's.
        # The other's whole network, as the peering carries all of it. A VPN between the same two sites would route
        # that same CIDR and be refused as ECMP (module docstring), so a pair takes one or the other.
        for site, other, opts in ((a, b, pair.opts_a), (b, a, pair.opts_b)):
            for zone, table_id in sorted(site.network.private_route_table_ids.items()):
                tencentcloud.route.TableEntry(
                    site.names.resource("peer-route", other.names.site, zone),
                    route_table_id=table_id,
                    destination_cidr_block=other.network_spec.cidr,
                    next_type="PEERCONNECTION",
                    next_hub=peering.id,
                    description=site.names.cloud("peer-route", other.names.site, limit=_NAME_LIMIT),
                    opts=opts,
                )

    def transit(self, pair: SitePair) -> None:
        """One CCN for the link with both VPCs attached, and a bandwidth cap between the regions when they differ.

        No route.TableEntry is declared: a VPC attached to a CCN publishes its subnets' CIDRs to the CCN, and the
        CCN's routes are delivered into the VPC's route tables by the system (VPC API, Route.RouteType "CCN: CCN
        route, delivered by the system by default, cannot be edited or deleted; users can only add and operate
        USER routes"). SDK 0.2.3's route.TableEntry offers no "CCN" next type, and a USER_CCN route to the other
        site's whole CIDR would collide with a backup VPN's route to the same CIDR, which the route table refuses
        as ECMP (module docstring); the delivered per-subnet routes are more specific and win over it instead.
        """
        a, b = pair.a, pair.b
        # A CCN is global: one instance serves both regions, created through a's provider.
        ccn = tencentcloud.ccn.Instance(
            a.names.resource("ccn", b.names.site),
            name=a.names.cloud("ccn", b.names.site, limit=_NAME_LIMIT),
            charge_type=_CCN_CHARGE_TYPE,
            qos=_CCN_QOS,
            bandwidth_limit_type=_CCN_BANDWIDTH_LIMIT_TYPE,
            tags=dict(a.network_spec.tags),
            opts=protected(pair.opts_a, a),
        )
        # A VPC attaches as a whole (no subnets or zones to name); each side's through its own provider.
        attachments = [
            tencentcloud.ccn.AttachmentV2(
                site.names.resource("ccn-attachment", other.names.site),
                ccn_id=ccn.id,
                instance_type="VPC",
                instance_region=site.network_spec.region,
                instance_id=site.network.vpc_id,
                opts=opts,
            )
            for site, other, opts in ((a, b, pair.opts_a), (b, a, pair.opts_b))
        ]
        if a.network_spec.region != b.network_spec.region:
            # The cross-region leg, Tencent's counterpart of a hub peering: without an explicit cap a pay-as-you-go
            # CCN gets 1 Gbps by default, and more than that takes a ticket (tencentcloud.com/document/product/1003/38894).
            # Set once both regions have an attached instance.
            tencentcloud.ccn.BandwidthLimit(
                a.names.resource("ccn-bandwidth", b.names.site),
                ccn_id=ccn.id,
                region=a.network_spec.region,
                dst_region=b.network_spec.region,
                bandwidth_limit=pair.bandwidth_mbps,
                opts=protected(child_opts(pair.opts_a, *attachments), a),
            )

    def vpn_gateway(self, site: SiteContext, bandwidth_mbps: int, opts: pulumi.ResourceOptions) -> VpnGatewayOutputs:
        # Planning sized it: the smallest of the fixed steps that carries the tunnels (clouds.interconnect).
        size = bandwidth_mbps
        # An IPsec gateway sits in the VPC and a zone, not in a subnet (CreateVpnGateway takes VpcId and Zone);
        # the gateway is highly available by itself (Tencent's VPN health-check docs), so one is enough.
        gateway = tencentcloud.vpn.Gateway(
            site.names.resource("vpn-gateway"),
            name=site.names.cloud("vpn-gateway", limit=_NAME_LIMIT),
            vpc_id=site.network.vpc_id,
            zone=site.network_spec.zones[0].zone,
            type="IPSEC",
            bandwidth=size,
            charge_type=_VPN_CHARGE_TYPE,
            tags=dict(site.network_spec.tags),
            opts=opts,
        )
        return VpnGatewayOutputs(gateway_id=gateway.id, public_ip=gateway.public_ip_address)

    def vpn_tunnel(
        self, site: SiteContext, gateway: VpnGatewayOutputs, tunnel: VpnTunnel, opts: pulumi.ResourceOptions
    ) -> pulumi.Output[str] | None:
        names, tags, peer = site.names, dict(site.network_spec.tags), tunnel.peer_name
        # The peer's ASN is recorded on its customer gateway, but the tunnel is policy-based with static routes,
        # as the VPC route tables are static anyway: local_ip and peer_ip (for a BGP tunnel) go unused.
        customer_gateway = tencentcloud.vpn.CustomerGateway(
            names.resource("vpn-cgw", peer),
            name=names.cloud("vpn-cgw", peer, limit=_NAME_LIMIT),
            public_ip_address=tunnel.peer_public_ip,
            bgp_asn=tunnel.peer_asn,
            tags=tags,
            opts=opts,
        )
        # route_type is left to the API's default: the SPD policy below (site CIDR to the peer's networks) is
        # what the tunnel negotiates as its traffic selectors.
        tencentcloud.vpn.Connection(
            names.resource("vpn-connection", peer),
            name=names.cloud("vpn-connection", peer, limit=_NAME_LIMIT),
            vpc_id=site.network.vpc_id,
            vpn_gateway_id=gateway.gateway_id,
            customer_gateway_id=customer_gateway.id,
            pre_share_key=tunnel.pre_shared_key,
            security_group_policies=[
                tencentcloud.vpn.ConnectionSecurityGroupPolicyArgs(
                    local_cidr_block=site.network_spec.cidr,
                    remote_cidr_blocks=list(tunnel.remote_cidrs),
                )
            ],
            ike_version=_IKE_VERSION,
            ike_proto_encry_algorithm=_ENCRYPTION,
            ike_proto_authen_algorithm=_INTEGRITY,
            ike_dh_group_name=_IKE_DH_GROUP,
            ike_sa_lifetime_seconds=IKE_LIFETIME_S,
            ipsec_encrypt_algorithm=_ENCRYPTION,
            ipsec_integrity_algorithm=_INTEGRITY,
            ipsec_pfs_dh_group=_IPSEC_PFS_GROUP,
            ipsec_sa_lifetime_seconds=IPSEC_LIFETIME_S,
            dpd_enable=1,
            dpd_timeout=_DPD_TIMEOUT_S,
            dpd_action="restart",
            tags=tags,
            opts=opts,
        )
        # The network itself, never split: a dedicated line to it routes its halves and wins (module docstring).
        role = "backup" if tunnel.backup else "primary"
        for cidr in tunnel.remote_cidrs:
            for zone, table_id in site.network.private_route_table_ids.items():
                tencentcloud.route.TableEntry(
                    names.resource("vpn-route", peer, zone, cidr_slug(cidr)),
                    route_table_id=table_id,
                    destination_cidr_block=cidr,
                    next_type="VPN",
                    next_hub=gateway.gateway_id,
                    description=names.cloud("vpn-route", peer, role, limit=_NAME_LIMIT),
                    opts=opts,
                )
        return None  # the outside address is the gateway's own
