"""The interconnect: each site's dedicated lines and VPN gateway, and the links between sites.

Built from the plan (``inferline.planning.interconnect``, ``inferline.planning.topology``). A site's
``SiteInterconnect`` holds what only needs that site (its lines to hubs, the VPN gateway its tunnels share),
sized by planning; a ``VpnLink`` holds the managed ends of one tunnel, since each end needs the other's public
address; a ``SameCloudLink`` joins two sites of one cloud. Each takes its adapter from the caller.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_random as random

from inferline.clouds.interconnect import KeyKind
from inferline.components.interconnect.adapters.base import (
    PER_CONNECTION_ADDRESS,
    DedicatedLine,
    InterconnectAdapter,
    SiteContext,
    SitePair,
    VpnGatewayOutputs,
    VpnTunnel,
)
from inferline.components.interconnect.transit import TRANSIT_ADAPTERS
from inferline.planning.interconnect import SiteInterconnectSpec
from inferline.planning.keys import key_settings
from inferline.planning.topology import PlannedLink

SITE_INTERCONNECT_TYPE = "inferline:interconnect:SiteInterconnect"
VPN_LINK_TYPE = "inferline:interconnect:VpnLink"
SAME_CLOUD_LINK_TYPE = "inferline:interconnect:SameCloudLink"


def secret_key(name: str, parent: pulumi.Resource, provider: pulumi.ProviderResource, kind: KeyKind) -> pulumi.Output[str]:
    """A random key of ``kind`` that every cloud accepts (``inferline.planning.keys``), kept as a Pulumi secret.

    A fixed letter, then a RandomPassword: RandomPassword cannot keep its first character off "0", which AWS
    refuses at the start of a pre-shared key.
    """
    settings = key_settings(kind)
    password = random.RandomPassword(
        name, **settings.random_password_args(), opts=pulumi.ResourceOptions(parent=parent, provider=provider)
    )
    return pulumi.Output.secret(pulumi.Output.concat(settings.prefix, password.result))


class SiteInterconnect(pulumi.ComponentResource):
    """A site's dedicated lines to hubs and, if it has VPN links, its VPN gateway. Named after the site."""

    vpn_gateway: VpnGatewayOutputs | None

    def __init__(
        self,
        site: SiteContext,
        spec: SiteInterconnectSpec,
        adapter: InterconnectAdapter,
        provider: pulumi.ProviderResource,
        random_provider: pulumi.ProviderResource | None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(SITE_INTERCONNECT_TYPE, site.names.site, None, opts)
        child = pulumi.ResourceOptions(parent=self, provider=provider)
        # The VPN gateway first: on AWS the lines land on it too.
        self.vpn_gateway = adapter.vpn_gateway(site, spec.vpn_gateway_mbps, child) if spec.vpn_gateway_mbps else None
        lines: list[DedicatedLine] = []
        if spec.lines:
            assert random_provider is not None  # the stack creates one whenever a site has a line or a tunnel
            lines = [
                DedicatedLine.keyed(line, secret_key(site.names.resource("bgp-key", line.hub_name), self, random_provider, "bgp"))
                for line in spec.lines
            ]
        # A member of its cloud's stack-wide transit network attaches itself to its region's hub, with its lines
        # and its routes to transit peers, in one call.
        transit = TRANSIT_ADAPTERS.get(site.network_spec.cloud) if site.transit is not None else None
        if transit is not None:
            transit.join_transit(site, lines, spec.transit_peers, child)
        elif lines:
            adapter.dedicated_lines(site, lines, child, gateway=self.vpn_gateway)
        self.register_outputs({"vpnGatewayPublicIp": self.vpn_gateway.public_ip if self.vpn_gateway else None})


@dataclass
class VpnEnd:
    """One managed end of a tunnel: the site, its interconnect (for the gateway) and its provider."""

    site: SiteContext
    interconnect: SiteInterconnect
    adapter: InterconnectAdapter
    provider: pulumi.ProviderResource


class VpnLink(pulumi.ComponentResource):
    """The managed ends of one IPsec tunnel, sharing one generated pre-shared key. Named after the link."""

    def __init__(
        self,
        link: PlannedLink,
        ends: dict[str, VpnEnd],
        hub_public_ip: str | None,
        random_provider: pulumi.ProviderResource,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        name = f"vpn-{link.a.name}-{link.b.name}"
        super().__init__(VPN_LINK_TYPE, name, None, _listed_in_reverse(f"vpn-{link.b.name}-{link.a.name}", opts))
        assert link.bgp is not None  # the planner gives every VPN link its tunnel /30
        psk = secret_key(f"{name}-psk", self, random_provider, "psk")
        sides = [(link.a, link.b, link.bgp.a_ip, link.bgp.b_ip), (link.b, link.a, link.bgp.b_ip, link.bgp.a_ip)]
        # An end whose outside address belongs to the connection (AWS) is built first; the other end then
        # points at the address it returns. Validation refuses a VPN with two such ends.
        sides.sort(key=lambda side: side[0].cloud not in PER_CONNECTION_ADDRESS)
        addresses: dict[str, pulumi.Output[str]] = {}
        for local, peer, local_ip, peer_ip in sides:
            end = ends.get(local.name)
            if end is None:
                continue  # a hub's end is the customer's router, configured outside Pulumi
            gateway = end.interconnect.vpn_gateway
            assert gateway is not None  # every site with a VPN link has a gateway
            tunnel = VpnTunnel(
                link_id=link.id,
                peer_name=peer.name,
                peer_public_ip=self._peer_address(peer.name, ends, addresses, hub_public_ip),
                peer_asn=peer.asn,
                # Behind a hub lie more than its own networks: planned as the link's hub_routes.
                remote_cidrs=link.hub_routes if peer.kind == "hub" else peer.cidrs,
                local_ip=local_ip,
                peer_ip=peer_ip,
                pre_shared_key=psk,
                bandwidth_mbps=link.bandwidth_mbps,
                backup=link.role == "backup",
            )
            address = end.adapter.vpn_tunnel(end.site, gateway, tunnel, pulumi.ResourceOptions(parent=self, provider=end.provider))
            addresses[local.name] = address if address is not None else gateway.public_ip
        self.register_outputs({})

    @staticmethod
    def _peer_address(
        peer: str, ends: dict[str, VpnEnd], built: dict[str, pulumi.Output[str]], hub_public_ip: str | None
    ) -> pulumi.Output[str]:
        if peer in built:
            return built[peer]
        peer_end = ends.get(peer)
        if peer_end is not None and peer_end.interconnect.vpn_gateway is not None:
            return peer_end.interconnect.vpn_gateway.public_ip
        assert hub_public_ip is not None  # validation requires a hub's public_ip for VPN links to it
        return pulumi.Output.from_input(hub_public_ip)


class SameCloudLink(pulumi.ComponentResource):
    """Two sites of one cloud joined by VPC peering or through the cloud's transit hub. Named after the link."""

    def __init__(
        self,
        link: PlannedLink,
        a: tuple[SiteContext, pulumi.ProviderResource],
        b: tuple[SiteContext, pulumi.ProviderResource],
        adapter: InterconnectAdapter,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        reverse = _listed_in_reverse(f"{link.kind}-{link.b.name}-{link.a.name}", opts)
        super().__init__(SAME_CLOUD_LINK_TYPE, f"{link.kind}-{link.a.name}-{link.b.name}", None, reverse)
        (site_a, provider_a), (site_b, provider_b) = a, b
        pair = SitePair(
            link_id=link.id,
            a=site_a,
            b=site_b,
            opts_a=pulumi.ResourceOptions(parent=self, provider=provider_a),
            opts_b=pulumi.ResourceOptions(parent=self, provider=provider_b),
            bandwidth_mbps=link.bandwidth_mbps,
            prepaid_months=link.prepaid_months,
        )
        if link.kind == "peering":
            adapter.peering(pair)
        else:
            adapter.transit(pair)
        self.register_outputs({})


def _listed_in_reverse(old_name: str, opts: pulumi.ResourceOptions | None) -> pulumi.ResourceOptions:
    """Link ends are in name order since 0.2; before, they followed the stack file, so a link listed as
    ``[b, a]`` was named ``…-b-a``. The alias keeps such a component (and its children's parent) in place."""
    return pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(aliases=[pulumi.Alias(name=old_name)]))
