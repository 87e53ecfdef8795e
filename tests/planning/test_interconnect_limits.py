"""What each cloud's interconnect resources accept, refused at validation with the field named."""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest

from inferline.clouds.interconnect import LIMITS, vpn_gateway_size
from inferline.errors import Problem
from inferline.planning.stack import validate
from tests.planning.test_topology import HUB, SITES, problems, stack

AWS = {"name": "aws-va", "cloud": "aws", "region": "us-east-1", "zones": ["us-east-1a", "us-east-1b"], "cidr": "172.20.0.0/16"}
VOLC = [
    {"name": "volc-sh", "cloud": "volcengine", "region": "cn-shanghai", "zones": ["cn-shanghai-a", "cn-shanghai-b"]},
    {"name": "volc-bj", "cloud": "volcengine", "region": "cn-beijing", "zones": ["cn-beijing-a", "cn-beijing-b"]},
]
AWS_HUB = {"name": "colo", "location": "Ashburn", "asn": 64900, "access_points": {"aws": "EqDC2"}}


def line(site: str, **changes: Any) -> dict[str, Any]:
    return {"kind": "dedicated", "between": [site, "colo"], "bandwidth_mbps": 1000, "connection_id": "dc-1", **changes}


@pytest.mark.parametrize(
    ("site", "vlan", "message"),
    [
        ("ali-sh", 3000, "3000 is outside alicloud's VLAN range 0-2999"),
        ("tc-sh", 3500, "3500 is outside tencentcloud's VLAN range 0-3000"),
    ],
)
def test_a_pinned_vlan_outside_the_clouds_range_is_refused(site: str, vlan: int, message: str) -> None:
    found = problems(stack("staging", hubs=[HUB], links=[line(site, vlan=vlan)]))
    assert [problem.path for problem in found] == ["interconnect.links[0].vlan"]
    assert found[0].message.startswith(message)


def test_aws_orders_only_the_speeds_it_sells() -> None:
    found = problems(stack("staging", sites=[AWS], hubs=[AWS_HUB], links=[line("aws-va", connection_id=None, bandwidth_mbps=500)]))
    assert found == [
        Problem(
            "interconnect.links[0].bandwidth_mbps",
            "aws orders dedicated connections of 1000, 10000, 100000, 400000 Mbps, not 500; for a partner's hosted connection set connection_id",
        )
    ]
    plan = validate(stack("staging", sites=[AWS], hubs=[AWS_HUB], links=[line("aws-va", connection_id=None, bandwidth_mbps=10_000)]), "t")
    assert plan.sites["aws-va"].interconnect.lines[0].bandwidth_mbps == 10_000


@pytest.mark.parametrize(
    ("ends", "mbps", "path_message"),
    [
        (["ali-sh", "hw-sh"], 150, "a alicloud VPN gateway carries 5, 10, 20, 50, 100, 200, 500, 1000 Mbps, not 150"),
        (["tc-sh", "hw-sh"], 400, "a huaweicloud VPN gateway carries up to 300 Mbps, not 400"),
    ],
)
def test_a_vpn_no_gateway_carries_is_refused(ends: list[str], mbps: int, path_message: str) -> None:
    vpn = {"kind": "vpn", "between": ends, "bandwidth_mbps": mbps}
    found = problems(stack("staging", links=[vpn]))
    assert [p.path for p in found] == ["interconnect.links[0].bandwidth_mbps"]
    assert found[0].message.startswith(path_message)


def test_tencent_gateways_round_up_to_the_size_tencent_sells() -> None:
    vpn = {"kind": "vpn", "between": ["tc-sh", "hw-sh"], "bandwidth_mbps": 150}
    plan = validate(stack("staging", links=[vpn]), "t")
    assert plan.sites["tc-sh"].interconnect.vpn_gateway_mbps == 200
    assert plan.sites["hw-sh"].interconnect.vpn_gateway_mbps == 150
    assert vpn_gateway_size("tencentcloud", 1001) is None


def test_a_pinned_asn_outside_the_clouds_cloud_side_range_is_refused() -> None:
    transit = {"kind": "transit", "between": ["volc-sh", "volc-bj"], "bandwidth_mbps": 100}
    found = problems(stack("staging", sites=VOLC, links=[transit], site_asns={"volc-sh": 64000}))
    assert found == [
        Problem(
            "interconnect.site_asns.volc-sh",
            f"64000 is outside volcengine's cloud-side ASN ranges 64512-65534 or 4200000000-4294967294 ({LIMITS['volcengine'].cloud_asn_source})",
        )
    ]


def test_cross_region_transit_bandwidth_outside_the_clouds_range_is_refused() -> None:
    transit = {"kind": "transit", "between": ["volc-sh", "volc-bj"], "bandwidth_mbps": 20_000}
    found = problems(stack("staging", sites=VOLC, links=[transit]))
    assert found == [Problem("interconnect.links[0].bandwidth_mbps", "volcengine cross-region transit bandwidth is 2-10000 Mbps, not 20000")]


def test_tencent_cross_region_transit_takes_fixed_steps() -> None:
    sites = [SITES[0], {"name": "tc-bj", "cloud": "tencentcloud", "region": "ap-beijing", "zones": ["ap-beijing-3", "ap-beijing-5"]}]
    transit = {"kind": "transit", "between": ["tc-sh", "tc-bj"], "bandwidth_mbps": 300}
    found = problems(stack("staging", sites=sites, links=[transit]))
    assert found == [Problem("interconnect.links[0].bandwidth_mbps", "tencentcloud caps cross-region transit at 10, 20, 50, 100, 200, 500, 1000 Mbps, not 300")]


def test_an_alibaba_site_needs_two_zones_for_any_link() -> None:
    one_zone = [{**SITES[1], "zones": ["cn-shanghai-l"]}, SITES[2]]
    vpn = {"kind": "vpn", "between": ["ali-sh", "hw-sh"], "bandwidth_mbps": 100}
    found = problems(stack("dev", sites=one_zone, links=[vpn]))
    assert [p.path for p in found] == ["interconnect.links[0].between"]
    assert "site 'ali-sh' has 1 zone" in found[0].message


def test_transit_links_carry_the_prepaid_term_and_other_links_none() -> None:
    transit = {"kind": "transit", "between": ["volc-sh", "volc-bj"], "bandwidth_mbps": 100}
    default = validate(stack("staging", sites=VOLC, links=[transit]), "t").topology.links[0]
    assert (default.kind, default.prepaid_months) == ("transit", 12)
    pinned = validate(stack("staging", sites=VOLC, links=[transit], transit_prepaid_months=36), "t").topology.links[0]
    assert pinned.prepaid_months == 36
    assert problems(stack("staging", sites=VOLC, links=[transit], transit_prepaid_months=10))[0].path == "interconnect.transit_prepaid_months"
    vpn = {"kind": "vpn", "between": ["ali-sh", "hw-sh"], "bandwidth_mbps": 100}
    assert validate(stack("staging", links=[vpn]), "t").topology.links[0].prepaid_months is None


def test_a_huawei_line_takes_its_bgp_30_from_the_private_pool_never_link_local() -> None:
    plan = validate(stack("staging", hubs=[HUB], links=[line("hw-sh"), line("tc-sh")]), "t")
    by_site = {link.a.name: link for link in plan.topology.links}
    huawei, tencent = by_site["hw-sh"].bgp, by_site["tc-sh"].bgp
    assert huawei is not None and tencent is not None
    assert ipaddress.IPv4Network(huawei.cidr).subnet_of(ipaddress.IPv4Network("172.31.254.0/23"))
    assert ipaddress.IPv4Network(huawei.cidr).prefixlen == 30
    assert ipaddress.IPv4Network(tencent.cidr).subnet_of(ipaddress.IPv4Network("169.254.0.0/16"))


def test_a_pinned_link_local_30_on_a_huawei_line_is_refused_with_the_reason() -> None:
    found = problems(stack("staging", hubs=[HUB], links=[line("hw-sh", bgp_cidr="169.254.10.0/30")]))
    assert [p.path for p in found] == ["interconnect.links[0].bgp_cidr"]
    assert found[0].message.startswith("169.254.10.0/30 must be a /30 inside interconnect.line_bgp_pool 172.31.254.0/23: Huawei Cloud reserves 169.254.0.0/16")


def test_a_pool_that_overlaps_what_the_line_connects_is_refused() -> None:
    hub = {**HUB, "cidrs": ["192.168.0.0/20"]}
    found = problems(stack("staging", hubs=[hub], links=[line("hw-sh")], line_bgp_pool="192.168.0.0/24"))
    assert [p.path for p in found] == ["interconnect.line_bgp_pool"]
    assert problems(stack("staging", hubs=[HUB], line_bgp_pool="8.8.8.0/24"))[0].path == "interconnect.line_bgp_pool"


def test_tencent_cross_region_peering_takes_fixed_steps_too() -> None:
    sites = [SITES[0], {"name": "tc-bj", "cloud": "tencentcloud", "region": "ap-beijing", "zones": ["ap-beijing-3", "ap-beijing-5"]}]
    peering = {"kind": "peering", "between": ["tc-sh", "tc-bj"], "bandwidth_mbps": 150}
    assert problems(stack("staging", sites=sites, links=[peering])) == [
        Problem("interconnect.links[0].bandwidth_mbps", "tencentcloud caps cross-region peering at 10, 20, 50, 100, 200, 500, 1000 Mbps, not 150")
    ]


@pytest.mark.parametrize("kind", ["peering", "transit"])
def test_a_vpn_and_a_same_cloud_link_between_two_tencent_sites_is_refused(kind: str) -> None:
    sites = [SITES[0], {"name": "tc-bj", "cloud": "tencentcloud", "region": "ap-beijing", "zones": ["ap-beijing-3", "ap-beijing-5"]}]
    links = [
        {"kind": kind, "between": ["tc-sh", "tc-bj"], "bandwidth_mbps": 100},
        {"kind": "vpn", "between": ["tc-bj", "tc-sh"], "bandwidth_mbps": 100},
    ]
    assert problems(stack("staging", sites=sites, links=links)) == [
        Problem("interconnect.links", f"'tc-bj' and 'tc-sh' are joined by {kind} and vpn: Tencent Cloud route tables refuse two routes to one destination; keep one")
    ]


@pytest.mark.parametrize(
    ("connection_id", "message"),
    [
        pytest.param("", "String should have at least 1 character", id="empty"),
        pytest.param("dc 1", "String should match pattern '^\\S+$'", id="space"),
        pytest.param("d" * 61, "String should have at most 60 characters", id="longer-than-tencent-takes"),
    ],
)
def test_a_connection_id_the_clouds_would_refuse_is_refused_at_both_places_it_is_given(connection_id: str, message: str) -> None:
    # Tencent's dedicated tunnel takes a dc_id of 1-60 characters at preview (resource_tc_dcx.go).
    assert problems(stack("staging", hubs=[HUB], links=[line("tc-sh", connection_id=connection_id)])) == [
        Problem("interconnect.links[0].connection_id", message)
    ]
    hub = {**HUB, "connections": {**HUB["connections"], "tc-sh": connection_id}}
    assert problems(stack("staging", hubs=[hub], links=[line("tc-sh", connection_id=None)])) == [
        Problem("interconnect.hubs[0].connections.tc-sh", message)
    ]
    assert validate(stack("staging", hubs=[HUB], links=[line("tc-sh", connection_id="d" * 60)]), "t").topology.links
