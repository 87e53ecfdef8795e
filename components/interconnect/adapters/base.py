"""The interface every cloud's interconnect adapter implements: dedicated lines and IPsec VPN ends."""

from __future__ import annotations

import dataclasses
import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

import pulumi

from inferline.clouds import CloudName
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.planning.interconnect import LinePlan
from inferline.planning.naming import Names
from inferline.planning.network import NetworkSpec
from inferline.planning.topology import PER_CONNECTION_VPN_ADDRESS

#: IPsec proposals every VPN end uses: IKEv2, AES-256, SHA-256, DH group 14 (2048-bit MODP), PFS on.
IKE_VERSION = "ikev2"
ENCRYPTION = "aes256"
INTEGRITY = "sha256"
DH_GROUP = 14
IKE_LIFETIME_S = 28800
IPSEC_LIFETIME_S = 3600


@dataclass(frozen=True)
class TransitHub:
    """A site's way into its cloud's stack-wide transit network (Alibaba Cloud's CEN): the network, and the
    router and route table of the site's region, shared by every site there. Built by
    ``components.interconnect.transit.TransitNetwork`` and handed down; adapters keep nothing."""

    network_id: pulumi.Output[str]
    router_id: pulumi.Output[str]
    table_id: pulumi.Output[str]


@dataclass
class SiteContext:
    """One site as the interconnect sees it: its network, its side's BGP ASN, and whether it is prod; and, on
    clouds with a stack-wide transit network, the hub of its region when the site is a member."""

    network_spec: NetworkSpec
    network: NetworkOutputs
    asn: int
    protect: bool
    transit: TransitHub | None = None

    @property
    def names(self) -> Names:
        return self.network_spec.names


@dataclass(frozen=True)
class DedicatedLine(LinePlan):
    """A planned line (``inferline.planning.interconnect.LinePlan``) with its generated BGP MD5 key."""

    # A Pulumi secret.
    auth_key: pulumi.Output[str]

    @classmethod
    def keyed(cls, line: LinePlan, auth_key: pulumi.Output[str]) -> DedicatedLine:
        return cls(**{field.name: getattr(line, field.name) for field in dataclasses.fields(line)}, auth_key=auth_key)


@dataclass
class VpnGatewayOutputs:
    gateway_id: pulumi.Output[str]
    # The public address the other end's customer gateway points at.
    public_ip: pulumi.Output[str]
    # The cloud's id of that address, where a connection names the gateway's endpoint by id (Huawei Cloud).
    endpoint_id: pulumi.Output[str] | None = None


@dataclass
class VpnTunnel:
    """One end of an IPsec tunnel to a peer (another site's VPN gateway, or a hub's router)."""

    link_id: str
    peer_name: str
    peer_public_ip: pulumi.Output[str]
    peer_asn: int
    # Networks on the other side: routed into this site's private route tables.
    remote_cidrs: tuple[str, ...]
    # Link-local /30 of the tunnel: local_ip is this end's, peer_ip the other end's.
    local_ip: str
    peer_ip: str
    # Pre-shared key, a Pulumi secret shared by both ends.
    pre_shared_key: pulumi.Output[str]
    bandwidth_mbps: int
    # A backup tunnel's routes must lose to the dedicated path's (see each adapter for how).
    backup: bool


#: Clouds whose VPN outside address belongs to each connection, not to the gateway (AWS). Their end of a
#: tunnel is built first, and the peer points at the address their ``vpn_tunnel`` returns.
PER_CONNECTION_ADDRESS = PER_CONNECTION_VPN_ADDRESS


@dataclass
class SitePair:
    """Two sites of one cloud joined by a peering or transit link. Resources on a site's side use that
    site's options (its provider); both sides' options share one parent (the link's component)."""

    link_id: str
    a: SiteContext
    b: SiteContext
    opts_a: pulumi.ResourceOptions
    opts_b: pulumi.ResourceOptions
    bandwidth_mbps: int
    # Months of cross-region bandwidth bought up front, where the cloud sells it prepaid (planned).
    prepaid_months: int | None = None


class InterconnectAdapter(Protocol):
    cloud: ClassVar[CloudName]

    def dedicated_lines(
        self, site: SiteContext, lines: Sequence[DedicatedLine], opts: pulumi.ResourceOptions, *, gateway: VpnGatewayOutputs | None = None
    ) -> None:
        """Every dedicated line of the site, with what they share (a Direct Connect gateway, a transit router),
        built once here: the adapter keeps nothing between calls. The virtual layer on each leased line (and the
        line itself where the SDK can order it). ``gateway`` is the site's VPN gateway when it has one, for
        clouds whose lines land on that same gateway (AWS)."""
        ...

    def peering(self, pair: SitePair) -> None:
        """VPC peering between the two sites (cross-region where the cloud allows it), accepted on b's side,
        with routes to the other's CIDR in both sites' private route tables."""
        ...

    def transit(self, pair: SitePair) -> None:
        """The two sites joined through the cloud's transit hub (attachments, hub peering across regions,
        routes to the other's CIDR in both sites' private route tables)."""
        ...

    def vpn_gateway(self, site: SiteContext, bandwidth_mbps: int, opts: pulumi.ResourceOptions) -> VpnGatewayOutputs:
        """The site's one VPN gateway, shared by all its tunnels."""
        ...

    def vpn_tunnel(
        self, site: SiteContext, gateway: VpnGatewayOutputs, tunnel: VpnTunnel, opts: pulumi.ResourceOptions
    ) -> pulumi.Output[str] | None:
        """This site's end of one tunnel: customer gateway for the peer, connection, routes. Returns this end's
        outside address where it belongs to the connection rather than the gateway (see PER_CONNECTION_ADDRESS)."""
        ...


def line_prefixes(cidr: str) -> list[str]:
    """What a dedicated line routes for ``cidr``: its two halves.

    Route tables hold one route per destination on most clouds, and a backup VPN routes ``cidr`` itself;
    the line's longer prefixes win while its routes are in place. A /32 has no halves.
    """
    network = ipaddress.IPv4Network(cidr)
    if network.prefixlen == network.max_prefixlen:
        return [cidr]
    return [str(half) for half in network.subnets(prefixlen_diff=1)]


def protected(opts: pulumi.ResourceOptions, site: SiteContext) -> pulumi.ResourceOptions:
    """``opts`` with ``protect`` in prod, for connections, virtual interfaces and transit hubs."""
    return pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(protect=site.protect))
