"""What each cloud's interconnect resources accept: VLANs, VPN gateway sizes, cloud-side ASNs, line speeds, and
the pre-shared and BGP keys (``KEY_RULES``, from which ``inferline.planning.keys`` derives the key generator).

Checked once, by the topology planner, so that anything `inferline validate` accepts the adapters can build.
Each value names its source (the provider SDK's docstring, which mirrors the cloud's API reference).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Literal

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


# --- Pre-shared keys and BGP MD5 keys -------------------------------------------------------------------------

KeyKind = Literal["psk", "bgp"]
KEY_KINDS: tuple[KeyKind, ...] = ("psk", "bgp")
#: The four character classes the clouds count: upper case, lower case, digits, and everything else ("specials").
UPPER = string.ascii_uppercase
LOWER = string.ascii_lowercase
DIGITS = string.digits
#: What "special characters" means where a source names no set: printable ASCII punctuation (no space).
ANY_SPECIAL = string.punctuation


@dataclass(frozen=True)
class KeyRule:
    """What one cloud accepts as one kind of key (a VPN pre-shared key or a BGP MD5 authentication key).

    ``specials``: the punctuation allowed besides letters and digits; None where the source names no set (then
    any of ``ANY_SPECIAL`` is taken as accepted, and the generator does not rely on it). ``max_length`` None:
    the source states no maximum. ``min_classes``: how many of upper case, lower case, digits and specials the
    key must mix.
    """

    cloud: CloudName
    kind: KeyKind
    argument: str  # the SDK argument the key is passed as
    min_length: int
    max_length: int | None
    specials: str | None
    source: str
    min_classes: int = 1
    forbidden_first: str = ""

    @property
    def allowed_specials(self) -> str:
        return ANY_SPECIAL if self.specials is None else self.specials

    def problem(self, key: str) -> str | None:
        """Why this cloud would refuse ``key``, without ever quoting it; None if it accepts it."""
        if len(key) < self.min_length or (self.max_length is not None and len(key) > self.max_length):
            return f"{self.cloud} {self.kind}: length must be {self.min_length}-{self.max_length or 'any'}"
        allowed = UPPER + LOWER + DIGITS + self.allowed_specials
        if any(char not in allowed for char in key):
            return f"{self.cloud} {self.kind}: only letters, digits and {self.allowed_specials}"
        if key[:1] and key[0] in self.forbidden_first:
            return f"{self.cloud} {self.kind}: must not start with any of {self.forbidden_first!r}"
        if character_classes(key) < self.min_classes:
            return f"{self.cloud} {self.kind}: must mix at least {self.min_classes} character classes"
        return None


def character_classes(key: str) -> int:
    """How many of upper case, lower case, digits and other characters ``key`` contains."""
    return sum(
        (
            any(char in UPPER for char in key),
            any(char in LOWER for char in key),
            any(char in DIGITS for char in key),
            any(char not in UPPER + LOWER + DIGITS for char in key),
        )
    )


KEY_RULES: dict[tuple[CloudName, KeyKind], KeyRule] = {
    (rule.cloud, rule.kind): rule
    for rule in (
        # --- VPN pre-shared keys ---
        KeyRule(
            cloud="aws",
            kind="psk",
            argument="ec2.VpnConnection tunnel1_preshared_key",
            min_length=8,
            max_length=64,
            specials="._",
            forbidden_first="0",
            source='pulumi-aws ec2.VpnConnection tunnel1_preshared_key: "must be between 8 and 64 characters in length and '
            'cannot start with zero(0). Allowed characters are alphanumeric characters, periods(.) and underscores(_)" '
            "(EC2 VpnTunnelOptionsSpecification PreSharedKey says the same)",
        ),
        KeyRule(
            cloud="alicloud",
            kind="psk",
            argument="vpn.Connection tunnel_options_specifications[].tunnel_ike_config.psk",
            min_length=1,
            max_length=100,
            specials="~!`@#$%^&*()_-+={}[]|;:',.<>/?",
            source='pulumi-alicloud vpn ConnectionTunnelOptionsSpecificationTunnelIkeConfigArgs psk: "1 to 100 characters '
            "in length and can contain digits, letters, and the following special characters: "
            "~!\\`@#$%^&*()_-+={}[]|;:',.<>/?\"",
        ),
        KeyRule(
            cloud="tencentcloud",
            kind="psk",
            argument="vpn.Connection pre_share_key",
            min_length=1,
            max_length=None,
            specials=None,
            source='tencentcloud vpn.Connection pre_share_key: "Pre-shared key of the VPN connection."; CreateVpnConnection '
            'PreShareKey: "The pre-shared key." No length or character set stated',
        ),
        KeyRule(
            cloud="huaweicloud",
            kind="psk",
            argument="huaweicloud.VpnConnection psk (dynamic provider, CreateVpnConnection)",
            min_length=8,
            max_length=128,
            specials="~!@#$%^()-_+={},./:;",
            min_classes=3,
            source="huaweicloudsdkvpn v5 CreateVpnConnectionRequestBodyContent.psk: upper case, lower case, digits and "
            "~!@#$%^()-_+={},./:; only, at least three of the four kinds; 8-128 characters "
            "(components/interconnect/huaweicloud/vpn.py _psk_problem encodes the same rule)",
        ),
        KeyRule(
            cloud="volcengine",
            kind="psk",
            argument="vpn.Connection ike_config_psk",
            min_length=1,
            max_length=100,
            specials=None,
            source='pulumi-volcengine vpn.Connection ike_config_psk: "The length does not exceed 100 characters, and only '
            'uppercase and lowercase letters, special symbols and numbers are allowed." (no set of symbols named)',
        ),
        # --- BGP MD5 authentication keys on dedicated lines ---
        KeyRule(
            cloud="aws",
            kind="bgp",
            argument="directconnect.PrivateVirtualInterface bgp_auth_key",
            min_length=6,
            max_length=80,
            specials=None,
            source='Direct Connect API NewBGPPeer authKey: "minimum length of 6 characters and ... maximun lenth of 80 '
            'characters" (pulumi-aws bgp_auth_key: "The authentication key for BGP configuration."); no set stated',
        ),
        KeyRule(
            cloud="alicloud",
            kind="bgp",
            argument="vpc.BgpGroup auth_key",
            min_length=1,
            max_length=None,
            specials=None,
            source='pulumi-alicloud vpc.BgpGroup auth_key: "The authentication key of the BGP group."; CreateBgpGroup '
            'AuthKey states no limit (its example is "!PWZ2wsq")',
        ),
        KeyRule(
            cloud="tencentcloud",
            kind="bgp",
            argument="dcx.Instance bgp_auth_key",
            min_length=1,
            max_length=None,
            specials=None,
            source='tencentcloud dcx.Instance bgp_auth_key: "BGP key of the user."; CreateDirectConnectTunnel BgpPeer.AuthKey '
            "states no limit",
        ),
        KeyRule(
            cloud="huaweicloud",
            kind="bgp",
            argument="huaweicloud.VirtualInterface bgp_md5 (dynamic provider, CreateVirtualInterface)",
            min_length=8,
            max_length=255,
            specials=None,
            min_classes=2,
            source="Huawei Direct Connect virtual interface BGP MD5 password: 8-255 characters, at least two of upper "
            "case, lower case, digits, special characters (components/interconnect/huaweicloud/dc.py _acceptable_md5_key)",
        ),
        KeyRule(
            cloud="volcengine",
            kind="bgp",
            argument="direct_connect.BgpPeer auth_key",
            min_length=6,
            max_length=80,
            specials="~`!@#$%^*()-_=+[]{}|,./;:",
            source='Volcengine Direct Connect CreateBgpPeer AuthKey: "6~80 characters: letters, digits and '
            '~`!@#$%^*()-_=+[]{}|,./;:" (pulumi-volcengine direct_connect.BgpPeer auth_key: "The auth key of bgp peer.")',
        ),
    )
}
