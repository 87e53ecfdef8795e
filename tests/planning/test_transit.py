"""The stack-wide transit network plan: members, regions, inter-region connections, keyed by identities."""

from __future__ import annotations

from typing import Any

from inferline.planning.interconnect import TransitPeer
from inferline.planning.stack import validate

SITES = {
    "ali-b": ("cn-shanghai", ["cn-shanghai-e", "cn-shanghai-f"]),
    "ali-c": ("cn-hangzhou", ["cn-hangzhou-h", "cn-hangzhou-i"]),
    "ali-a": ("cn-beijing", ["cn-beijing-h", "cn-beijing-i"]),
    "ali-d": ("cn-shanghai", ["cn-shanghai-e", "cn-shanghai-f"]),
}


def raw(sites: list[str], links: list[tuple[str, str, int]]) -> dict[str, Any]:
    return {
        "environment": "staging",
        "profile": {"name": "ecommerce-recsys"},
        "sites": [{"name": name, "cloud": "alicloud", "region": SITES[name][0], "zones": SITES[name][1]} for name in sites],
        "interconnect": {"links": [{"kind": "transit", "between": [a, b], "bandwidth_mbps": mbps} for a, b, mbps in links]},
    }


def test_one_router_per_region_and_one_connection_per_region_pair_with_the_largest_bandwidth() -> None:
    plan = validate(
        raw(["ali-b", "ali-c", "ali-a", "ali-d"], [("ali-b", "ali-c", 200), ("ali-d", "ali-c", 500), ("ali-a", "ali-b", 100)]), "s"
    )
    network = plan.transit_networks["alicloud"]
    assert dict(network.members) == {"ali-a": "cn-beijing", "ali-b": "cn-shanghai", "ali-c": "cn-hangzhou", "ali-d": "cn-shanghai"}
    assert network.regions == ("cn-beijing", "cn-hangzhou", "cn-shanghai")
    assert dict(network.region_pairs) == {("cn-beijing", "cn-shanghai"): 100, ("cn-hangzhou", "cn-shanghai"): 500}
    cidr = {name: site.network.cidr for name, site in plan.sites.items()}
    assert plan.sites["ali-b"].interconnect.transit_peers == (
        TransitPeer("ali-a", cidr["ali-a"], "transit-ali-a-ali-b"),
        TransitPeer("ali-c", cidr["ali-c"], "transit-ali-b-ali-c"),
    )


def test_adding_a_site_and_link_only_adds_to_the_plan() -> None:
    two = validate(raw(["ali-b", "ali-c"], [("ali-b", "ali-c", 200)]), "s").transit_networks["alicloud"]
    three = validate(raw(["ali-b", "ali-c", "ali-a"], [("ali-b", "ali-c", 200), ("ali-a", "ali-b", 100)]), "s").transit_networks["alicloud"]
    assert dict(two.members).items() <= dict(three.members).items()
    assert dict(two.region_pairs).items() <= dict(three.region_pairs).items()


def test_no_alibaba_links_no_transit_network() -> None:
    assert dict(validate(raw(["ali-b", "ali-c"], []), "s").transit_networks) == {}


def test_the_network_carries_the_stack_its_protection_tags_and_line_sites() -> None:
    hub = {
        "name": "colo",
        "location": "Shanghai",
        "asn": 64900,
        "access_points": {"alicloud": "b", "tencentcloud": "a"},
        "connections": {"ali-b": "pc-1", "ali-c": "pc-2", "tc-sh": "dc-3"},
    }
    config = raw(["ali-b", "ali-c"], [("ali-b", "ali-c", 200)])
    config["sites"].append({"name": "tc-sh", "cloud": "tencentcloud", "region": "ap-shanghai", "zones": ["ap-shanghai-4", "ap-shanghai-5"]})
    config["interconnect"]["hubs"] = [hub]
    config["tags"] = {"team": "risk"}
    for environment, protect in (("prod", True), ("staging", False)):
        plan = validate({**config, "environment": environment, "interconnect": {**config["interconnect"], "generate": True}}, "blue")
        network = plan.transit_networks["alicloud"]
        assert (network.cloud, network.stack, network.protect) == ("alicloud", "blue", protect)
        assert dict(network.tags) == {"inferline-stack": "blue", "inferline-environment": environment, "team": "risk"}
        assert network.line_sites == ("ali-b", "ali-c")
        assert dict(network.members) == {"ali-b": "cn-shanghai", "ali-c": "cn-hangzhou"}
        assert dict(network.region_pairs) == {("cn-hangzhou", "cn-shanghai"): 200}
