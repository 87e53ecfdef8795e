"""Across every cloud's adapter: nothing but a load balancer's listener ports is ever open to the internet."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from inferline.policies.rules.base import ResourceView
from inferline.policies.rules.ingress import check_public_ingress, ingress_ranges, is_public
from inferline.preview.record import ResourceRecord
from tests.support import build_security, network_spec, security_spec

SITES = {
    "aws": ("us-east-1", ("us-east-1a", "us-east-1b")),
    "alicloud": ("cn-hangzhou", ("cn-hangzhou-h", "cn-hangzhou-i")),
    "tencentcloud": ("ap-guangzhou", ("ap-guangzhou-3", "ap-guangzhou-4")),
    "huaweicloud": ("cn-north-4", ("cn-north-4a", "cn-north-4b")),
    "volcengine": ("cn-beijing", ("cn-beijing-a", "cn-beijing-b")),
}
peers = st.lists(st.integers(min_value=2, max_value=250).map(lambda i: f"10.{i}.0.0/16"), max_size=3, unique=True)
listener_ports = st.lists(st.sampled_from([443, 8443, 9443]), min_size=1, max_size=2, unique=True)


def view(record: ResourceRecord) -> ResourceView:
    return ResourceView(urn=record.urn, type=record.type, props=record.inputs)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(sorted(SITES)), peers, listener_ports, st.sampled_from([8000, 8080, 9000]))
def test_only_listener_ports_on_load_balancer_groups_are_public(cloud: str, peer_cidrs: list[str], ports: list[int], serving_port: int) -> None:
    region, zones = SITES[cloud]
    network = network_spec(cloud, region, zones)  # type: ignore[arg-type]
    spec = security_spec(network, peer_cidrs=tuple(peer_cidrs), serving_port=serving_port, listener_ports=tuple(ports))
    run = build_security(network, spec)
    groups = {record.id: record.name for record in run.resources if record.name.endswith(("-gpu-sg", "-lb-sg"))}
    public_ports = set()
    for record in run.resources:
        assert check_public_ingress(view(record), tuple(ports)) is None, record.urn
        for cidr, low, high in ingress_ranges(view(record)) or []:
            assert not (low <= 22 <= high) or not is_public(cidr)
            if is_public(cidr):
                group = record.inputs.get("securityGroupId")
                assert group is None or groups.get(group, "").endswith("-lb-sg"), record.urn
                assert low == high and low in ports
                public_ports.add(low)
    # Where load balancers carry a security group, the listener ports are exactly what is public.
    assert public_ports == (set(ports) if cloud in ("aws", "alicloud", "tencentcloud") else set())
