from __future__ import annotations

import ipaddress
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inferline.config.interconnect import InterconnectSettings
from inferline.errors import ConfigError, Problem
from inferline.planning.stack import validate
from inferline.planning.topology import LINK_LOCAL, RESERVED_LINK_LOCAL, derived_bgp_cidr, documentation_addresses, plan_topology

SITES = [
    {"name": "tc-sh", "cloud": "tencentcloud", "region": "ap-shanghai", "zones": ["ap-shanghai-4", "ap-shanghai-5"]},
    {"name": "ali-sh", "cloud": "alicloud", "region": "cn-shanghai", "zones": ["cn-shanghai-l", "cn-shanghai-m"]},
    {"name": "hw-sh", "cloud": "huaweicloud", "region": "cn-east-3", "zones": ["cn-east-3a", "cn-east-3b"]},
]
HUB = {
    "name": "colo",
    "location": "Shanghai",
    "asn": 64900,
    "public_ip": "203.0.113.10",
    "access_points": {"tencentcloud": "a", "alicloud": "b", "huaweicloud": "c"},
    "connections": {"tc-sh": "dc-1", "ali-sh": "pc-2", "hw-sh": "dc-3"},
}


def stack(environment: str = "prod", sites: list[dict[str, Any]] | None = None, **interconnect: Any) -> dict[str, Any]:
    return {"environment": environment, "profile": {"name": "financial-risk"}, "sites": sites or SITES, "interconnect": interconnect}


def problems(raw: dict[str, Any]) -> list[Problem]:
    with pytest.raises(ConfigError) as raised:
        validate(raw, "test")
    return raised.value.problems


def test_prod_default_is_a_line_per_active_site_and_a_vpn_mesh_across_clouds() -> None:
    plan = validate(stack(hubs=[HUB]), "test").topology
    assert [(link.kind, link.a.name, link.b.name, link.role) for link in plan.links] == [
        ("dedicated", "ali-sh", "colo", "primary"),
        ("dedicated", "hw-sh", "colo", "primary"),
        ("dedicated", "tc-sh", "colo", "primary"),
        ("vpn", "ali-sh", "hw-sh", "backup"),
        ("vpn", "ali-sh", "tc-sh", "backup"),
        ("vpn", "hw-sh", "tc-sh", "backup"),
    ]
    assert plan.paths()[0] == ("ali-sh", "hw-sh", "dedicated via colo", "vpn (100 Mbps)")
    assert plan.site_asns["ali-sh"] == 45104  # Alibaba fixes its side


def test_nothing_is_generated_outside_prod_or_without_hubs() -> None:
    assert validate(stack("staging", hubs=[HUB]), "test").topology.links == ()
    assert validate(stack(), "test").topology.links == ()


def test_connected_cidrs_include_sites_behind_the_same_hub_and_the_hub_networks() -> None:
    plan = validate(stack(hubs=[{**HUB, "cidrs": ["192.168.0.0/20"]}]), "test")
    others = {plan.addresses.sites[name].cidr for name in ("ali-sh", "hw-sh")}
    assert set(plan.topology.connected_cidrs("tc-sh")) == others | {"192.168.0.0/20"}


def test_standby_sites_get_no_generated_line_but_a_vpn_to_every_site_of_another_cloud() -> None:
    sites = [*SITES[:2], {**SITES[2], "role": "standby"}]
    plan = validate(stack(sites=sites, hubs=[HUB]), "test").topology
    standby = [(link.kind, link.a.name, link.b.name) for link in plan.links if "hw-sh" in (link.a.name, link.b.name)]
    assert standby == [("vpn", "ali-sh", "hw-sh"), ("vpn", "hw-sh", "tc-sh")]


LINE = {"kind": "dedicated", "between": ["tc-sh", "colo"], "bandwidth_mbps": 1000, "connection_id": "dc-1"}


def test_prod_refuses_a_line_with_no_backup_path() -> None:
    assert problems(stack(hubs=[HUB], links=[LINE], generate=False)) == [
        Problem(
            "interconnect.links",
            "site 'tc-sh' reaches 'colo' by its dedicated line to hub 'colo' and nothing else; give the hub a public_ip for a "
            "VPN beside the line, or add a line to another hub joined to 'colo' by interconnect.backbone, so that losing the "
            "line is not losing it",
        )
    ]
    assert validate(stack("staging", hubs=[HUB], links=[LINE]), "test").topology.links  # only prod insists


STANDBY_SITES = [SITES[0], {"name": "aws-hk", "cloud": "aws", "region": "ap-east-1", "zones": ["ap-east-1a", "ap-east-1b"], "role": "standby"}]
HK = {"name": "hk-colo", "location": "Hong Kong", "asn": 64901, "cidrs": ["192.168.16.0/20"], "access_points": {"aws": "HKG-1"}}
SH = {**HUB, "cidrs": ["192.168.0.0/20"]}
AWS_LINE = {"kind": "dedicated", "between": ["aws-hk", "hk-colo"], "bandwidth_mbps": 1000}


@pytest.mark.parametrize(
    ("interconnect", "lost"),
    [
        pytest.param({"hubs": [SH, HK], "links": [AWS_LINE]}, "'hk-colo'", id="a-vpn-to-another-site-is-no-way-to-the-hub"),
        pytest.param({"hubs": [SH, HK], "links": [AWS_LINE], "backbone": [["colo", "hk-colo"]]}, "'colo', 'hk-colo'", id="the-backbone-adds-what-the-line-carries"),
        pytest.param({"hubs": [SH, {**HK, "public_ip": "198.51.100.10"}], "links": [AWS_LINE]}, None, id="generated-vpn-to-the-hub"),
        pytest.param({"hubs": [SH, {**HK, "public_ip": "198.51.100.10"}], "links": [AWS_LINE], "backbone": [["colo", "hk-colo"]]}, None, id="vpn-to-the-hub-and-over-the-backbone"),
    ],
)
def test_a_standby_line_needs_a_backup_path_to_all_it_carries(interconnect: dict[str, Any], lost: str | None) -> None:
    raw = stack(sites=STANDBY_SITES, **interconnect)
    if lost is None:
        assert validate(raw, "test").topology.links
        return
    line_problems = [problem for problem in problems(raw) if "aws-hk" in problem.message]
    assert line_problems == [
        Problem(
            "interconnect.links",
            f"site 'aws-hk' reaches {lost} by its dedicated line to hub 'hk-colo' and nothing else; give the hub a public_ip "
            "for a VPN beside the line, or add a line to another hub joined to 'hk-colo' by interconnect.backbone, so that "
            f"losing the line is not losing {'it' if ',' not in lost else 'them'}",
        )
    ]


def test_the_paths_table_lists_every_pair_of_sites_and_every_site_hub_pair() -> None:
    plan = validate(stack(hubs=[HUB]), "test").topology
    rows = plan.paths()
    assert [(a, b) for a, b, _, _ in rows] == [
        ("ali-sh", "hw-sh"), ("ali-sh", "tc-sh"), ("hw-sh", "tc-sh"), ("ali-sh", "colo"), ("hw-sh", "colo"), ("tc-sh", "colo"),
    ]
    assert rows[3] == ("ali-sh", "colo", "dedicated", "none")
    unlinked = validate(stack("staging", hubs=[HUB]), "test").topology.paths()
    assert unlinked == [("ali-sh", "hw-sh", "none", "none"), ("ali-sh", "tc-sh", "none", "none"), ("hw-sh", "tc-sh", "none", "none")]


def planner_problems(raw: dict[str, Any]) -> list[Problem]:
    """The planner's own problems, for link kinds validation refuses before planning (peering, transit)."""
    links = raw["interconnect"].pop("links")
    plan = validate(raw, "test")
    settings = InterconnectSettings.model_validate({**raw["interconnect"], "links": links})
    with pytest.raises(ConfigError) as raised:
        plan_topology(settings, plan.config.sites, plan.addresses, generate=False)
    return raised.value.problems


def test_lines_clouds_cannot_order_need_a_connection_id() -> None:
    hub = {**HUB, "connections": {"tc-sh": "dc-1", "ali-sh": "pc-2"}}
    assert problems(stack(hubs=[hub])) == [
        Problem("interconnect (generated).connection_id", "huaweicloud lines are ordered from the carrier, outside inferline: set the physical connection id (connection_id, or hub 'colo' connections.hw-sh for a generated line)")
    ]


def test_a_huawei_site_takes_one_line() -> None:
    second = {**HUB, "name": "colo2", "asn": 64901, "connections": {"tc-sh": "dc-4", "ali-sh": "pc-5", "hw-sh": "dc-6"}}
    (problem,) = problems(stack(hubs=[HUB, second]))
    assert problem.message == "site 'hw-sh' has 2 dedicated lines (colo, colo2): a Huawei Cloud VPC takes one Direct Connect virtual gateway, so a site has one dedicated line"


def test_peering_and_transit_between_sites_of_one_cloud_are_planned() -> None:
    sites = [
        {"name": "ali-a", "cloud": "alicloud", "region": "cn-shanghai", "zones": ["cn-shanghai-l", "cn-shanghai-m"]},
        {"name": "ali-b", "cloud": "alicloud", "region": "cn-hangzhou", "zones": ["cn-hangzhou-h", "cn-hangzhou-i"]},
    ]
    links = [{"kind": "transit", "between": ["ali-b", "ali-a"], "bandwidth_mbps": 200}]
    (link,) = validate(stack(sites=sites, links=links), "test").topology.links
    assert (link.id, link.role, link.bgp, link.bandwidth_mbps) == ("transit:ali-a~ali-b", "primary", None, 200)


@pytest.mark.parametrize(
    ("interconnect", "expected"),
    [
        pytest.param({"hubs": [HUB, {**HUB, "name": "colo2"}], "generate": False}, [Problem("interconnect.hubs[1].asn", "hub 'colo2' reuses ASN 64900 of hub 'colo'")], id="hub-asn-reused"),
        pytest.param({"hubs": [HUB], "site_asns": {"tc-sh": 64900}}, [Problem("interconnect.site_asns", "site 'tc-sh' and hub 'colo' share ASN 64900")], id="site-and-hub-asn"),
        pytest.param({"site_asns": {"tc-sh": 65001, "hw-sh": 65001}, "links": [{"kind": "vpn", "between": ["tc-sh", "hw-sh"], "bandwidth_mbps": 100}]}, [Problem("interconnect.site_asns.tc-sh", "sites 'hw-sh' and 'tc-sh' share ASN 65001; pin another for one of them")], id="two-sites-one-asn"),
        pytest.param({"site_asns": {"ali-sh": 65001}}, [Problem("interconnect.site_asns.ali-sh", "alicloud fixes its side of BGP at ASN 45104")], id="alibaba-asn-fixed"),
        pytest.param({"hubs": [{**HUB, "asn": 23456}]}, [Problem("interconnect.hubs[0].asn", "23456 is a reserved ASN")], id="reserved-asn"),
        pytest.param({"hubs": [{**HUB, "public_ip": "100.64.1.1"}]}, [Problem("interconnect.hubs[0].public_ip", "'100.64.1.1' is not a public IPv4 address; clouds' customer gateways refuse private, loopback, link-local and multicast addresses")], id="gateway-ip-not-public"),
        pytest.param({"links": [{"kind": "vpn", "between": ["tc-sh", "nowhere"], "bandwidth_mbps": 100}]}, [Problem("interconnect.links[0].between", "'nowhere' is neither a site nor a hub of this stack")], id="unknown-endpoint"),
        pytest.param({"hubs": [{**HUB, "access_points": {}}], "generate": False, "links": [{"kind": "dedicated", "between": ["colo", "tc-sh"], "bandwidth_mbps": 100}]}, [Problem("interconnect.links[0].between", "hub 'colo' names no tencentcloud access point, so no tencentcloud line can land there")], id="no-access-point"),
        pytest.param({"hubs": [{**HUB, "public_ip": None}], "generate": False, "links": [{"kind": "vpn", "between": ["tc-sh", "colo"], "bandwidth_mbps": 100}]}, [Problem("interconnect.links[0].between", "hub 'colo' has no public_ip for the VPN to reach")], id="vpn-hub-without-ip"),
        pytest.param({"links": [{"kind": "vpn", "between": ["tc-sh", "ali-sh"], "bandwidth_mbps": 100, "bgp_cidr": "169.254.1.0/30"}]}, [Problem("interconnect.links[0].bgp_cidr", "169.254.1.0/30 must be a /30 inside 169.254.0.0/16, outside 169.254.0.0-169.254.5.255 and 169.254.169.252/30")], id="reserved-bgp-cidr"),
        pytest.param({"links": [{"kind": "vpn", "between": ["tc-sh", "ali-sh"], "bandwidth_mbps": 100, "bgp_cidr": "169.254.9.0/30"}, {"kind": "vpn", "between": ["hw-sh", "ali-sh"], "bandwidth_mbps": 100, "bgp_cidr": "169.254.9.0/30"}, {"kind": "vpn", "between": ["hw-sh", "tc-sh"], "bandwidth_mbps": 100}]}, [Problem("interconnect.links", "links vpn:ali-sh~tc-sh and vpn:ali-sh~hw-sh both use 169.254.9.0/30 for BGP; pin bgp_cidr on one of them")], id="bgp-cidr-clash"),
        pytest.param({"hubs": [{**HUB, "cidrs": ["10.212.0.0/16"]}]}, [Problem("interconnect.links", "'colo' (10.212.0.0/16) and 'tc-sh' (10.212.0.0/16) overlap but vpn:colo~tc-sh connects them"), Problem("interconnect.links", "'tc-sh' (10.212.0.0/16) and 'colo' (10.212.0.0/16) overlap but dedicated:tc-sh~colo connects them")], id="hub-overlaps-site"),
        pytest.param({"hubs": [HUB], "links": [{"kind": "vpn", "between": ["tc-sh", "colo"], "bandwidth_mbps": 100}]}, [Problem("interconnect.links[0]", "this VPN would carry no network: hub 'colo' has no cidrs and every site behind it has a link of its own to the VPN's site")], id="vpn-to-hub-carrying-nothing"),
        pytest.param({"hubs": [HUB, {**HUB, "name": "colo2", "asn": 64901}], "backbone": [["colo", "nowhere"], ["colo2", "colo2"], ["colo", "colo2"], ["colo2", "colo"], ["colo"]], "generate": False}, [Problem("interconnect.backbone[0]", "'nowhere' is not a hub of this stack"), Problem("interconnect.backbone[1]", "hub 'colo2' cannot be joined to itself"), Problem("interconnect.backbone[3]", "hubs 'colo2' and 'colo' are already joined"), Problem("interconnect.backbone[4]", "names 1 hub; a backbone entry joins two")], id="backbone-hubs"),
        pytest.param({"links": [{"kind": "vpn", "between": ["tc-sh", "ali-sh"], "bandwidth_mbps": 100}, {"kind": "vpn", "between": ["hw-sh", "ali-sh"], "bandwidth_mbps": 100}]}, [Problem("interconnect.links", "sites 'hw-sh' and 'tc-sh' both have links but no path between them; add a link between them or join their hubs by interconnect.backbone")], id="linked-sites-without-a-path"),
    ],
)
def test_topology_problems_name_what_clashes(interconnect: dict[str, Any], expected: list[Problem]) -> None:
    assert problems(stack(**interconnect)) == expected


def test_peering_joins_one_cloud() -> None:
    links = [{"kind": "peering", "between": ["tc-sh", "ali-sh"], "bandwidth_mbps": 100}]
    assert planner_problems(stack(links=links)) == [Problem("interconnect.links[0].kind", "peering links join two sites of one cloud; 'ali-sh' and 'tc-sh' are not")]


def test_huawei_peering_is_same_region_only_and_volcengine_has_none() -> None:
    sites = [
        {"name": "hw-a", "cloud": "huaweicloud", "region": "cn-east-3", "zones": ["cn-east-3a", "cn-east-3b"]},
        {"name": "hw-b", "cloud": "huaweicloud", "region": "cn-north-4", "zones": ["cn-north-4a", "cn-north-4b"]},
        {"name": "vo-a", "cloud": "volcengine", "region": "cn-beijing", "zones": ["cn-beijing-a", "cn-beijing-b"]},
        {"name": "vo-b", "cloud": "volcengine", "region": "cn-shanghai", "zones": ["cn-shanghai-a", "cn-shanghai-b"]},
    ]
    links = [{"kind": "peering", "between": ["hw-a", "hw-b"], "bandwidth_mbps": 100}, {"kind": "peering", "between": ["vo-a", "vo-b"], "bandwidth_mbps": 100}]
    assert planner_problems(stack(sites=sites, links=links)) == [
        Problem("interconnect.links[0].kind", "Huawei Cloud VPC peering connects VPCs of one region only; 'hw-a' is in cn-east-3 and 'hw-b' in cn-north-4"),
        Problem("interconnect.links[1].kind", "Volcano Engine's SDK has no VPC peering resource; use a transit link"),
    ]


@given(st.text(alphabet="abcdefghij-~:", min_size=1, max_size=40))
def test_derived_bgp_cidrs_are_usable_link_local_30s(link_id: str) -> None:
    cidr = derived_bgp_cidr(link_id)
    assert cidr.prefixlen == 30 and cidr.subnet_of(LINK_LOCAL)
    assert not any(cidr.overlaps(reserved) for reserved in RESERVED_LINK_LOCAL)
    assert cidr == derived_bgp_cidr(link_id)
    assert isinstance(cidr, ipaddress.IPv4Network)


def test_sites_without_links_need_no_distinct_asn() -> None:
    plan = validate(stack(site_asns={"tc-sh": 65001, "hw-sh": 65001}), "test")
    assert plan.topology.links == ()


AWS_SITES = [
    {"name": "aws-use1", "cloud": "aws", "region": "us-east-1", "zones": ["us-east-1a", "us-east-1b"]},
    {"name": "aws-usw2", "cloud": "aws", "region": "us-west-2", "zones": ["us-west-2a", "us-west-2b"]},
]


@pytest.mark.parametrize(
    ("sites", "interconnect", "expected"),
    [
        pytest.param(
            None,
            {"hubs": [{**HUB, "public_ip": "8.8.8.8"}, {**HUB, "name": "colo2", "asn": 64901, "public_ip": "8.8.4.4"}], "generate": False, "links": [{"kind": "vpn", "between": ["colo", "colo2"], "bandwidth_mbps": 100}]},
            [Problem("interconnect.links[0].kind", "a VPN needs at least one site")],
            id="vpn-between-hubs",
        ),
        pytest.param(
            None,
            {"links": [{"kind": "dedicated", "between": ["tc-sh", "ali-sh"], "bandwidth_mbps": 100}]},
            [Problem("interconnect.links[0].kind", "a dedicated line runs from a site to a hub; 'tc-sh' and 'ali-sh' are not")],
            id="dedicated-between-sites",
        ),
        pytest.param(
            None,
            {"links": [{"kind": "transit", "between": ["tc-sh", "ali-sh"], "bandwidth_mbps": 100}]},
            [Problem("interconnect.links[0].kind", "transit links join two sites of one cloud; 'ali-sh' and 'tc-sh' are not")],
            id="transit-across-clouds",
        ),
        pytest.param(
            AWS_SITES,
            {"links": [{"kind": "vpn", "between": ["aws-use1", "aws-usw2"], "bandwidth_mbps": 100}]},
            [Problem("interconnect.links[0].kind", "an IPsec VPN between two aws sites cannot be built: each end's address exists only once the other end's connection does")],
            id="vpn-between-two-aws-sites",
        ),
    ],
)
def test_link_kind_problems(sites: list[dict[str, Any]] | None, interconnect: dict[str, Any], expected: list[Problem]) -> None:
    assert problems(stack("dev", sites, **interconnect)) == expected


def test_a_vpn_between_aws_and_another_cloud_is_planned() -> None:
    sites = [AWS_SITES[0], SITES[0]]
    plan = validate(stack("dev", sites, links=[{"kind": "vpn", "between": ["aws-use1", "tc-sh"], "bandwidth_mbps": 100}]), "test")
    assert [link.kind for link in plan.topology.links] == ["vpn"]


def test_a_link_keeps_its_settings_and_its_bgp_session_addresses() -> None:
    from inferline.planning.topology import BgpSession

    hub = {**HUB, "public_ip": "8.8.8.8"}
    links = [
        {"kind": "vpn", "between": ["tc-sh", "colo"], "bandwidth_mbps": 100, "bgp_cidr": "169.254.10.0/30"},
        {"kind": "dedicated", "between": ["ali-sh", "colo"], "bandwidth_mbps": 1000, "vlan": 1234, "connection_id": "pc-9"},
    ]
    plan = validate(stack("dev", hubs=[hub], generate=False, links=links), "test")
    vpn, line = sorted(plan.topology.links, key=lambda link: link.kind, reverse=True)
    assert (vpn.kind, vpn.generated, vpn.role, vpn.bgp, vpn.vlan, vpn.connection_id) == (
        "vpn", False, "primary", BgpSession("169.254.10.0/30", "169.254.10.1", "169.254.10.2"), None, None,
    )
    assert (line.kind, line.id, line.generated, line.vlan, line.connection_id) == ("dedicated", "dedicated:ali-sh~colo", False, 1234, "pc-9")
    assert line.bgp is not None and line.bgp.a_ip != line.bgp.b_ip


def test_a_generated_vpn_between_sites_on_one_hub_is_a_backup_that_keeps_its_session() -> None:
    plan = validate(stack(hubs=[HUB]), "test")
    backups = [link for link in plan.topology.links if link.role == "backup"]
    assert backups
    for link in backups:
        assert (link.kind, link.generated, link.vlan, link.connection_id) == ("vpn", True, None, None)
        assert link.bgp is not None and link.bgp.cidr == str(derived_bgp_cidr(link.id))


def test_a_standby_line_gets_a_backup_vpn_to_its_hub_that_routes_what_lies_behind_the_backbone() -> None:
    hk = {**HK, "public_ip": "198.51.100.10"}
    plan = validate(stack(sites=STANDBY_SITES, hubs=[SH, hk], links=[AWS_LINE], backbone=[["hk-colo", "colo"]]), "test")
    vpn = next(link for link in plan.topology.links if link.id == "vpn:aws-hk~hk-colo")
    assert (vpn.generated, vpn.role, vpn.bandwidth_mbps, vpn.hub_routes) == (True, "backup", 100, ("192.168.0.0/20", "192.168.16.0/20"))
    assert ("aws-hk", "colo", "dedicated via hk-colo", "vpn via hk-colo") in plan.topology.paths()


@pytest.mark.parametrize(
    ("address", "accepted"),
    [
        pytest.param("8.8.8.8", True, id="global"),
        pytest.param("203.0.113.10", True, id="documentation-rfc5737"),
        pytest.param("198.51.100.10", True, id="documentation-rfc5737-2"),
        pytest.param("100.64.1.1", False, id="shared-address-space"),
        pytest.param("10.0.0.1", False, id="private"),
    ],
)
def test_hub_public_ip(address: str, accepted: bool) -> None:
    raw = stack("dev", hubs=[{**HUB, "public_ip": address}])
    if accepted:
        validate(raw, "test")
    else:
        assert [problem.path for problem in problems(raw)] == ["interconnect.hubs[0].public_ip"]


@pytest.mark.parametrize("hub_networks", [4, 5])
def test_a_volcengine_vpn_to_a_hub_routes_at_most_five_networks(hub_networks: int) -> None:
    sites = [
        {"name": "volc-sh", "cloud": "volcengine", "region": "cn-shanghai", "zones": ["cn-shanghai-a", "cn-shanghai-b"]},
        {"name": "volc-bj", "cloud": "volcengine", "region": "cn-beijing", "zones": ["cn-beijing-a", "cn-beijing-b"]},
    ]
    hub = {**HUB, "cidrs": [f"192.168.{index}.0/24" for index in range(hub_networks)], "access_points": {"volcengine": "v"}}
    links = [
        {"kind": "vpn", "between": ["volc-sh", "colo"], "bandwidth_mbps": 100},
        {"kind": "dedicated", "between": ["volc-bj", "colo"], "bandwidth_mbps": 1000, "connection_id": "dcc-1"},
    ]
    raw = stack("dev", sites, hubs=[hub], links=links)
    if hub_networks == 4:  # with volc-bj behind the hub, five: the most a connection takes
        assert len(next(link for link in validate(raw, "test").topology.links if link.kind == "vpn").hub_routes) == 5
        return
    assert problems(raw) == [
        Problem(
            "interconnect.links[0]",
            "the VPN from 'volc-sh' to hub 'colo' would route 6 networks (10.254.0.0/16, 192.168.0.0/24, 192.168.1.0/24, "
            "192.168.2.0/24, 192.168.3.0/24, 192.168.4.0/24); a volcengine VPN connection takes at most 5",
        )
    ]


def test_a_hub_named_like_a_site_is_refused_naming_the_hub() -> None:
    clash = {**HUB, "name": "ali-sh"}
    assert Problem("interconnect.hubs[0].name", "'ali-sh' is already a site name") in problems(stack("staging", hubs=[clash]))


def test_hubs_on_documentation_addresses_are_named_by_hub_name() -> None:
    # RFC 5737's three networks validate (so examples can use them) but no VPN to them ever comes up.
    addresses = {"d-hub": "192.0.2.255", "b-hub": "198.51.100.1", "a-hub": "203.0.113.10", "c-hub": "8.8.4.4", "e-hub": None}
    hubs = [{**HUB, "name": name, "asn": 64900 + index, "public_ip": address} for index, (name, address) in enumerate(addresses.items())]
    settings = InterconnectSettings.model_validate({"hubs": hubs})
    assert documentation_addresses(settings) == [("a-hub", "203.0.113.10"), ("b-hub", "198.51.100.1"), ("d-hub", "192.0.2.255")]
    edges = [{**HUB, "name": "x-hub", "public_ip": "192.0.3.0"}, {**HUB, "name": "y-hub", "asn": 64901, "public_ip": "203.0.112.255"}]
    assert documentation_addresses(InterconnectSettings.model_validate({"hubs": edges})) == []


def test_a_link_declared_twice_is_refused_naming_both_ends() -> None:
    vpn = {"kind": "vpn", "between": ["tc-sh", "hw-sh"], "bandwidth_mbps": 100}
    found = problems(stack("staging", links=[vpn, {**vpn, "between": ["hw-sh", "tc-sh"]}]))
    assert Problem("interconnect.links", "vpn link between 'hw-sh' and 'tc-sh' is declared twice") in found


def test_site_asns_must_name_sites_and_avoid_reserved_asns() -> None:
    # Tencent fixes its side of BGP (FIXED_CLOUD_ASNS), so the pins go to the Alibaba and Huawei sites.
    found = problems(stack("staging", site_asns={"nowhere": 64600, "hw-sh": 64496}))
    assert found == [
        Problem("interconnect.site_asns.hw-sh", "64496 is a reserved ASN"),
        Problem("interconnect.site_asns.nowhere", "'nowhere' is not a site of this stack"),
    ]


def test_hubs_whose_networks_overlap_are_refused_naming_the_later_hub() -> None:
    first = {**HUB, "cidrs": ["192.168.0.0/16"]}
    second = {**HUB, "name": "colo-2", "asn": 64901, "public_ip": "203.0.113.11", "cidrs": ["192.168.8.0/24"], "connections": {}}
    found = problems(stack("staging", hubs=[first, second]))
    assert Problem("interconnect.hubs[1].cidrs", "hub 'colo-2' (192.168.8.0/24) overlaps hub 'colo' (192.168.0.0/16)") in found


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        pytest.param(["colo"], "names 1 hub; a backbone entry joins two", id="one"),
        pytest.param(["colo", "colo-2", "colo"], "names 3 hubs; a backbone entry joins two", id="three"),
        pytest.param(["colo", "elsewhere"], "'elsewhere' is not a hub of this stack", id="unknown"),
    ],
)
def test_a_backbone_entry_joins_two_hubs_of_the_stack(entry: list[str], expected: str) -> None:
    second = {**HUB, "name": "colo-2", "asn": 64901, "public_ip": "203.0.113.11", "connections": {}}
    found = problems(stack("staging", hubs=[HUB, second], backbone=[entry]))
    assert Problem("interconnect.backbone[0]", expected) in found

