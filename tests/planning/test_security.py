from __future__ import annotations

import ipaddress

from hypothesis import given
from hypothesis import strategies as st

from inferline.clouds import CATALOG
from inferline.planning.security import ANYWHERE, IngressRule, gpu_ingress, load_balancer_egress
from tests.support import network_spec, security_spec

NETWORK = network_spec("aws", "us-east-1", ("us-east-1a", "us-east-1b"))
EDGES = ("10.1.240.0/24", "10.1.241.0/24")


def test_gpu_nodes_take_the_serving_port_from_the_load_balancer_group() -> None:
    assert security_spec(NETWORK).gpu_ingress == (
        IngressRule("gpu-ingress-lb", 8000, "load-balancer", "load-balancer", "inference from the site's load balancer", "gpu-ingress-0"),
    )


def test_without_a_load_balancer_group_the_edge_subnets_are_the_source() -> None:
    rules = gpu_ingress(CATALOG["huaweicloud"], 8000, EDGES, ("10.9.0.0/16",))
    assert [(rule.name, rule.source_kind, rule.source, rule.previous_name) for rule in rules] == [
        ("gpu-ingress-10.1.240.0-24", "cidr", "10.1.240.0/24", "gpu-ingress-0"),
        ("gpu-ingress-10.1.241.0-24", "cidr", "10.1.241.0/24", "gpu-ingress-1"),
        ("gpu-ingress-10.9.0.0-16", "cidr", "10.9.0.0/16", "gpu-ingress-2"),
    ]


def test_a_documented_load_balancer_range_wins_over_the_edge_subnets() -> None:
    rules = gpu_ingress(CATALOG["volcengine"], 8000, EDGES, ())
    assert [(rule.name, rule.source) for rule in rules] == [("gpu-ingress-100.64.0.0-10", "100.64.0.0/10")]


def test_only_listener_ports_are_public_and_protect_follows_the_environment() -> None:
    assert security_spec(NETWORK).load_balancer_ingress == (IngressRule("lb-ingress-443", 443, "cidr", ANYWHERE, "TLS listener", "lb-ingress-0"),)
    assert security_spec(NETWORK).protect is True
    assert security_spec(NETWORK, environment="dev").protect is False


def test_load_balancer_egress_is_named_by_zone() -> None:
    assert [(rule.name, rule.source, rule.previous_name) for rule in load_balancer_egress(8000, NETWORK.zones)] == [
        ("lb-egress-us-east-1a", NETWORK.zones[0].private_cidr, "lb-egress-0"),
        ("lb-egress-us-east-1b", NETWORK.zones[1].private_cidr, "lb-egress-1"),
    ]


peer_lists = st.lists(st.integers(min_value=0, max_value=255).map(lambda i: f"10.{i}.0.0/16"), max_size=6, unique=True)


@given(peer_lists, st.sampled_from(sorted(CATALOG)))
def test_no_gpu_rule_is_public_or_opens_another_port(peers: list[str], cloud: str) -> None:
    for rule in gpu_ingress(CATALOG[cloud], 8000, EDGES, tuple(peers)):
        assert rule.port == 8000
        assert rule.source != ANYWHERE
        if rule.source_kind == "cidr":
            assert not ipaddress.ip_network(rule.source).is_global


@given(peer_lists, st.integers(min_value=0, max_value=255), st.sampled_from(sorted(CATALOG)))
def test_connecting_another_network_never_renames_or_retargets_a_rule(peers: list[str], extra: int, cloud: str) -> None:
    before = {rule.name: rule for rule in gpu_ingress(CATALOG[cloud], 8000, EDGES, tuple(sorted(peers)))}
    grown = sorted({*peers, f"10.{extra}.0.0/16"}, key=ipaddress.ip_network)
    after = {rule.name: rule for rule in gpu_ingress(CATALOG[cloud], 8000, EDGES, tuple(grown))}
    assert set(before) <= set(after)
    for name, rule in before.items():
        assert (rule.port, rule.source_kind, rule.source) == (after[name].port, after[name].source_kind, after[name].source)
