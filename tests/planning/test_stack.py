"""What ``plan_stack`` hands each site: every field of a ``SitePlan`` comes from the configuration it names."""

from __future__ import annotations

from typing import Any

import pytest

from inferline.planning.interconnect import site_interconnect
from inferline.planning.load_balancer import plan_load_balancer
from inferline.planning.naming import Names
from inferline.planning.security import security_spec
from inferline.planning.stack import site_tags, stack_tags, validate

#: What ``raw_stack(serving=True)`` serves: the smallest catalogued model on one GPU of each site's region.
SERVING = {
    "model": "DeepSeek-R1-Distill-Qwen-7B",
    "precision": "bf16",
    "tokens_per_request": {"prompt": 256, "output": 8},
    "image_digest": "sha256:" + "ab" * 32,
    "node_images": {"ali-sh": "m-example"},
}


def raw_stack(environment: str, *, serving: bool = False) -> dict[str, Any]:
    return {
        **({"serving": SERVING} if serving else {}),
        "environment": environment,
        "profile": {"name": "financial-risk"},
        "tags": {"team": "risk", "cost": "shared"},
        "network": {"flow_logs": {"enabled": False}},
        "sites": [
            {"name": "aws-use1", "cloud": "aws", "region": "us-east-1", "zones": ["us-east-1a", "us-east-1b"], "tags": {"cost": "gpu"}, "nat": "single"},
            {"name": "ali-sh", "cloud": "alicloud", "region": "cn-shanghai", "zones": ["cn-shanghai-l", "cn-shanghai-m"]},
        ],
    }


@pytest.mark.parametrize("serving", [True, False], ids=["serving", "network-only"])
@pytest.mark.parametrize(("environment", "protect"), [("prod", True), ("staging", False), ("dev", False)])
def test_every_site_plan_field_comes_from_its_site(environment: str, protect: bool, serving: bool) -> None:
    plan = validate(raw_stack(environment, serving=serving), "blue")
    assert list(plan.sites) == ["ali-sh", "aws-use1"]
    for name, site_plan in plan.sites.items():
        site = next(s for s in plan.config.sites if s.name == name)
        assert site_plan.names == Names(stack="blue", site=name)
        assert (site_plan.cloud, site_plan.region, site_plan.role, site_plan.protect) == (site.cloud, site.region, site.role, protect)
        assert dict(site_plan.tags) == site_tags("blue", plan.config, site)
        network = site_plan.network
        assert network.names == Names(stack="blue", site=name)
        assert (network.cloud, network.region) == (site.cloud, site.region)
        assert network.cidr == plan.addresses.sites[name].cidr
        assert network.zones == plan.addresses.sites[name].zones
        assert network.nat == plan.config.nat_strategy(site)
        assert network.flow_logs == plan.config.network.flow_logs
        assert network.tags == site_tags("blue", plan.config, site)
        assert site_plan.security == security_spec(network, plan.config.security, environment, plan.topology.connected_cidrs(name))
        assert site_plan.interconnect == site_interconnect(plan.topology, name, site.cloud, protect)
        index = plan.config.sites.index(site)
        if serving:
            assert site_plan.load_balancer == plan_load_balancer(site.cloud, plan.targets, plan.config.security, f"sites[{index}]", len(site.zones))
            assert network.load_balancer is True
            assert network.edge_zones == network.zones
        else:  # a load balancer fronts pools: without serving there is none, and edge subnets only where NAT sits
            assert site_plan.load_balancer is None
            assert network.load_balancer is False
            assert [zone.zone for zone in network.edge_zones] == list(network.nat_zones)
    assert plan.sites["aws-use1"].network.nat == "single"


def test_site_tags_override_stack_tags() -> None:
    plan = validate(raw_stack("staging"), "blue")
    aws = next(s for s in plan.config.sites if s.name == "aws-use1")
    assert site_tags("blue", plan.config, aws) == {
        "inferline-stack": "blue",
        "inferline-environment": "staging",
        "inferline-site": "aws-use1",
        "team": "risk",
        "cost": "gpu",
    }
    assert stack_tags("blue", plan.config) == {
        "inferline-stack": "blue",
        "inferline-environment": "staging",
        "team": "risk",
        "cost": "shared",
    }


def test_security_spec_takes_the_sites_network_and_the_stacks_settings() -> None:
    from inferline.planning.security import load_balancer_egress

    plan = validate(raw_stack("prod"), "blue")
    settings = plan.config.security
    for name, site_plan in plan.sites.items():
        network, spec = site_plan.network, site_plan.security
        assert (spec.names, spec.cloud, spec.region, spec.environment, spec.vpc_cidr) == (network.names, network.cloud, network.region, "prod", network.cidr)
        assert spec.edge_cidrs == tuple(zone.edge_cidr for zone in network.zones)
        assert spec.private_cidrs == tuple(zone.private_cidr for zone in network.zones)
        assert spec.peer_cidrs == plan.topology.connected_cidrs(name)
        assert (spec.serving_port, spec.listener_ports) == (settings.serving_port, tuple(settings.listener_ports))
        assert (spec.kms, spec.tls, spec.audit) == (settings.kms, settings.tls, settings.audit)
        assert spec.tags == dict(network.tags)
        assert spec.load_balancer_egress == load_balancer_egress(settings.serving_port, network.zones)
        assert spec.load_balancer_egress


@pytest.mark.parametrize(("nat", "expected"), [("one-per-zone", ["us-east-1a", "us-east-1b"]), ("single", ["us-east-1a", "us-east-1a"]), ("none", [None, None])])
def test_each_zone_egresses_through_its_own_or_the_first_nat_zone(nat: str, expected: list[str | None]) -> None:
    raw = raw_stack("prod")
    raw["sites"][0]["nat"] = nat
    network = validate(raw, "blue").sites["aws-use1"].network
    assert [network.nat_zone_for(zone) for zone in ("us-east-1a", "us-east-1b")] == expected
    assert network.zones[1] == validate(raw, "blue").addresses.sites["aws-use1"].zone("us-east-1b")
