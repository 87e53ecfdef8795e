"""What each cloud's interconnect resources accept: VLANs, VPN gateway sizes, cloud-side ASNs, line speeds.

Checked once, by the topology planner, so that anything `inferline validate` accepts the adapters can build.
Each value names its source (the provider SDK's docstring, which mirrors the cloud's API reference).
"""

from __future__ import annotations

from dataclasses import dataclass

from inferline.clouds.catalog import CloudName

AsnRanges = tuple[tuple[int, int], ...]
#: The 2-byte and 4-byte private ranges (RFC 6996), which every cloud below takes for an ASN it lets us choose.
PRIVATE_ASN_RANGES: AsnRanges = ((64_512, 65_534), (4_200_000_000, 4_294_967_294))


@dataclass(frozen=True)
class InterconnectLimits:
    cloud: CloudName
    # VLAN ids a dedicated line's virtual interface takes, inclusive.
    vlan_range: tuple[int, int]
    vlan_source: str
    # Sizes a VPN gateway is sold in, Mbps; ``round_up``: the smallest size that carries the tunnels is bought
    # (and the plan says so), else the tunnels' bandwidth must be one of the sizes. No sizes: any bandwidth up
    # to ``vpn_gateway_max_mbps``.
    vpn_gateway_sizes_mbps: tuple[int, ...]
    vpn_gateway_source: str
    round_up_vpn_gateway: bool = False
    vpn_gateway_max_mbps: int | None = None
    # ASN ranges of the cloud side where inferline chooses it (VPN/Direct Connect gateways, transit routers);
    # empty where the cloud fixes or assigns its own.
    cloud_asn_ranges: AsnRanges = ()
    cloud_asn_source: str = ""
    # Speeds of a line inferline orders itself (clouds in ORDERS_LINES), Mbps.
    line_order_speeds_mbps: tuple[int, ...] = ()
    # Cross-region transit bandwidth, Mbps, inclusive; None: no range stated beyond the link's own.
    transit_bandwidth_range: tuple[int, int] | None = None
    # Cross-region peering and transit bandwidth caps sold in fixed steps, Mbps.
    transit_bandwidth_steps: tuple[int, ...] = ()
    # Zones a site needs before it can have any link (gateways and attachments that span two zones).
    min_zones_for_links: int = 1
    min_zones_source: str = ""
    # Whether a dedicated line's BGP /30 may be link-local (169.254.0.0/16); where not, it comes from the
    # stack's private pool (interconnect.line_bgp_pool).
    line_bgp_link_local: bool = True
    line_bgp_source: str = ""


LIMITS: dict[CloudName, InterconnectLimits] = {
    limits.cloud: limits
    for limits in (
        InterconnectLimits(
            cloud="aws",
            # directconnect.PrivateVirtualInterface vlan: "The VLAN ID" (1-4094 in the Direct Connect API).
            vlan_range=(1, 4094),
            vlan_source="Direct Connect CreatePrivateVirtualInterface: vlan 1-4094",
            # A VGW has no size; its tunnels are "standard", "up to 1.25 Gbps per tunnel" (VpnConnection
            # tunnel_bandwidth docstring; "large" is "not supported when vpn_gateway_id is specified").
            vpn_gateway_sizes_mbps=(),
            vpn_gateway_source="pulumi-aws ec2.VpnConnection tunnel_bandwidth docstring: standard tunnels up to 1.25 Gbps",
            vpn_gateway_max_mbps=1_250,
            cloud_asn_ranges=PRIVATE_ASN_RANGES,
            cloud_asn_source="pulumi-aws directconnect.Gateway amazon_side_asn: 64512-65534 or 4200000000-4294967294",
            # directconnect.Connection bandwidth for dedicated connections: "1Gbps, 10Gbps, 100Gbps, and 400Gbps".
            line_order_speeds_mbps=(1_000, 10_000, 100_000, 400_000),
        ),
        InterconnectLimits(
            cloud="alicloud",
            vlan_range=(0, 2999),
            vlan_source='pulumi-alicloud expressconnect.VirtualBorderRouter vlan_id: "Valid values: 0 to 2999"',
            vpn_gateway_sizes_mbps=(5, 10, 20, 50, 100, 200, 500, 1000),
            vpn_gateway_source='pulumi-alicloud vpn.Gateway bandwidth: "5, 10, 20, 50, 100, 200, 500, or 1000"',
            min_zones_for_links=2,
            min_zones_source="a transit router VPC attachment and a dual-tunnel VPN gateway take vSwitches in two zones",
        ),
        InterconnectLimits(
            cloud="tencentcloud",
            vlan_range=(0, 3000),
            vlan_source='tencentcloud dcx.Instance vlan: "(0~3000)" (CreateDirectConnectTunnel)',
            vpn_gateway_sizes_mbps=(5, 10, 20, 50, 100, 200, 500, 1000),
            vpn_gateway_source='tencentcloud vpn.Gateway bandwidth: "5,10,20,50,100,200,500,1000"',
            round_up_vpn_gateway=True,
            # Cross-region caps of a peering connection and of a CCN's region pair come in fixed steps: 10, 20,
            # 50, 100, 200, 500, 1000 Mbps (Tencent VPC peering and CCN bandwidth-limit choices).
            transit_bandwidth_steps=(10, 20, 50, 100, 200, 500, 1000),
        ),
        InterconnectLimits(
            cloud="huaweicloud",
            vlan_range=(0, 3999),
            vlan_source="Huawei Direct Connect CreateVirtualInterface vlan: 0-3999",
            # Gateways are the Professional1 flavor (the dynamic provider's default), whose EIPs take up to
            # 300 Mbps (flavors Basic 100, Professional1 300, Professional2 1000).
            vpn_gateway_sizes_mbps=(),
            vpn_gateway_source="Huawei VPN CreateVgw: Professional1 gateway EIP bandwidth up to 300 Mbps",
            vpn_gateway_max_mbps=300,
            cloud_asn_ranges=PRIVATE_ASN_RANGES,
            cloud_asn_source='pulumi-huaweicloud er.Instance asn: "64512-65534 or 4200000000-4294967294"',
            line_bgp_link_local=False,
            line_bgp_source=(
                "Huawei Cloud reserves 169.254.0.0/16 (with 100.64.0.0/10, 127.0.0.0/8 and 224.0.0.0/3) for the VPC "
                "service (inferline/clouds/huaweicloud_facts.py), so a virtual interface's gateway addresses need a private range"
            ),
        ),
        InterconnectLimits(
            cloud="volcengine",
            vlan_range=(0, 2999),
            vlan_source='pulumi-volcengine direct_connect.VirtualInterface vlan_id: "0 ~ 2999"',
            vpn_gateway_sizes_mbps=(5, 10, 20, 50, 100, 200, 500),
            vpn_gateway_source='pulumi-volcengine vpn.Gateway bandwidth: "5, 10, 20, 50, 100, 200, 500"',
            cloud_asn_ranges=PRIVATE_ASN_RANGES,
            cloud_asn_source='pulumi-volcengine transit_router.TransitRouter asn: "64512-65534 and 4200000000-4294967294"',
            transit_bandwidth_range=(2, 10_000),
        ),
    )
}


def vpn_gateway_size(cloud: str, bandwidth_mbps: int) -> int | None:
    """The gateway size that carries ``bandwidth_mbps`` on ``cloud``; None if no size does."""
    limits = LIMITS[cloud]  # type: ignore[index]
    sizes = limits.vpn_gateway_sizes_mbps
    if not sizes:
        return bandwidth_mbps if limits.vpn_gateway_max_mbps is None or bandwidth_mbps <= limits.vpn_gateway_max_mbps else None
    if limits.round_up_vpn_gateway:
        return next((size for size in sizes if size >= bandwidth_mbps), None)
    return bandwidth_mbps if bandwidth_mbps in sizes else None


def in_ranges(value: int, ranges: AsnRanges) -> bool:
    return any(low <= value <= high for low, high in ranges)
