from __future__ import annotations

import ipaddress

from hypothesis import given
from hypothesis import strategies as st

from inferline.planning.security import ANYWHERE, IngressRule
from tests.support import network_spec, security_spec

NETWORK = network_spec("aws", "us-east-1", ("us-east-1a", "us-east-1b"))


def test_gpu_nodes_take_the_serving_port_from_the_load_balancer_group() -> None:
    spec = security_spec(NETWORK)
    assert spec.gpu_ingress(True) == (IngressRule(8000, "load-balancer", "load-balancer", "inference from the site's load balancer"),)


def test_without_a_load_balancer_group_the_edge_subnets_are_the_source() -> None:
    spec = security_spec(NETWORK, peer_cidrs=("10.9.0.0/16",))
    assert [(rule.source_kind, rule.source) for rule in spec.gpu_ingress(False)] == [
        ("cidr", "10.1.240.0/24"),
        ("cidr", "10.1.241.0/24"),
        ("cidr", "10.9.0.0/16"),
    ]


def test_only_listener_ports_are_public_and_protect_follows_the_environment() -> None:
    assert security_spec(NETWORK).load_balancer_ingress() == (IngressRule(443, "cidr", ANYWHERE, "TLS listener"),)
    assert security_spec(NETWORK).protect is True
    assert security_spec(NETWORK, environment="dev").protect is False


peer_lists = st.lists(st.integers(min_value=0, max_value=255).map(lambda i: f"10.{i}.0.0/16"), max_size=6, unique=True)


@given(peer_lists, st.booleans())
def test_no_gpu_rule_is_public_or_opens_another_port(peers: list[str], lb_group: bool) -> None:
    spec = security_spec(NETWORK, peer_cidrs=tuple(peers))
    for rule in spec.gpu_ingress(lb_group):
        assert rule.port == spec.serving_port
        assert rule.source != ANYWHERE
        if rule.source_kind == "cidr":
            assert not ipaddress.ip_network(rule.source).is_global
