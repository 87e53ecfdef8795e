"""A site's pools: primary first, the overflow watching it, and the wiring a site must hand over."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pulumi
import pytest

from inferline.clouds.images import AWS_DLAMI_PARAMETER, node_image
from inferline.components.loadbalancer.outputs import LoadBalancerOutputs
from inferline.components.network import PrivateNetwork
from inferline.components.pool import GPU_POOL_TYPE
from inferline.components.pool.site import NodeBoot, site_pools
from inferline.components.providers import site_provider
from inferline.components.registry import adapters
from inferline.components.security import PrivateCertificateAuthority, SiteSecurity, site_certificate
from inferline.planning.serving import LoadBalancerSpec
from inferline.planning.stack import SitePlan, load_stack_file
from inferline.planning.tls import tls_listener_policy
from inferline.preview.runner import run_under_mocks
from tests.components.pool.support import overflow_spec, pool_spec

PROD = Path(__file__).parents[3] / "stacks" / "Pulumi.prod.yaml"


def _aws_site() -> SitePlan:
    plan = load_stack_file(PROD, "prod")
    site = next(site for site in plan.sites.values() if site.cloud == "aws")
    zones = tuple(zone.zone for zone in site.network.zones)
    balancer = LoadBalancerSpec(
        kind="alb", layer=7, https_port=443, redirect_http_port=80, backend_port=8000, health_check_path="/health",
        health_check_interval_s=30, health_check_timeout_s=5, healthy_threshold=2, unhealthy_threshold=3,
        idle_timeout_s=300, request_timeout_s=300, tls=tls_listener_policy("aws", "alb"),
    )
    pools = MappingProxyType({"primary": pool_spec(zones), "overflow": overflow_spec(zones)})
    return replace(site, load_balancer=balancer, pools=pools)


def _run(site: SitePlan, with_load_balancer: bool = True):  # type: ignore[no-untyped-def]
    def program() -> None:
        provider = site_provider(site.name, site.cloud, site.region)
        site_security = SiteSecurity(site.security, adapters(site.cloud).security, provider)
        network = PrivateNetwork(site.network, adapters(site.cloud).network, site_security.encryption, provider).outputs
        ca = PrivateCertificateAuthority("test-ca", "inferline test")
        security = site_security.build(network, site_certificate(ca, site.security))
        parent = pulumi.ComponentResource("inferline:site:Site", site.name)
        lb = LoadBalancerOutputs(
            load_balancer_id=pulumi.Output.from_input("arn:aws:elasticloadbalancing:ap-east-1:123456789012:loadbalancer/app/x/1"),
            address=pulumi.Output.from_input("x.example.com"),
            backend_group_id=pulumi.Output.from_input("arn:aws:elasticloadbalancing:ap-east-1:123456789012:targetgroup/x/2"),
        )
        node = NodeBoot(user_data="#cloud-config\n", identity="node", image=node_image("aws", None))
        nodes = {role: node for role in site.pools}
        site_pools(site, adapters(site.cloud).pool, network, security, lb if with_load_balancer else None, nodes, provider, parent)

    return run_under_mocks(program)


def test_a_site_builds_its_primary_then_its_overflow_under_the_site() -> None:
    site = _aws_site()
    run = _run(site)
    parent = next(r for r in run.resources if r.type == "inferline:site:Site")
    pools = sorted((r.name, r.parent == parent.urn) for r in run.resources if r.type == GPU_POOL_TYPE)
    assert pools == [(f"{site.name}-overflow", True), (f"{site.name}-primary", True)]
    template = next(r for r in run.resources if r.name == f"{site.name}-gpu-primary-template")
    assert template.inputs["imageId"] == f"resolve:ssm:{AWS_DLAMI_PARAMETER}"


def test_pools_without_a_load_balancer_are_a_wiring_error() -> None:
    with pytest.raises(Exception, match="plans GPU pools but has no load balancer"):
        _run(_aws_site(), with_load_balancer=False)


def test_no_planned_pools_declare_nothing() -> None:
    site = replace(_aws_site(), pools=MappingProxyType({}))
    run = _run(site, with_load_balancer=False)
    assert [r for r in run.resources if r.type == GPU_POOL_TYPE] == []


@pytest.mark.parametrize("cloud", ["alicloud", "tencentcloud", "huaweicloud", "volcengine"])
def test_other_clouds_need_a_named_image(cloud: str) -> None:
    assert node_image(cloud, "img-123") == "img-123"  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=f"{cloud}: no public GPU image with the NVIDIA driver and a container runtime was verified"):
        node_image(cloud, None)  # type: ignore[arg-type]


def test_an_overflow_pool_the_cloud_cannot_trigger_is_not_built() -> None:
    plan = load_stack_file(PROD, "prod")
    site = next(site for site in plan.sites.values() if site.cloud == "alicloud")
    zones = tuple(zone.zone for zone in site.network.zones)
    aws = _aws_site()
    # Pools of an Alibaba instance type (the provider refuses one without the ecs. prefix at preview).
    pools = {role: replace(spec, instance_type="ecs.gn7e-c16g1.16xlarge") for role, spec in (("primary", pool_spec(zones)), ("overflow", overflow_spec(zones)))}
    site = replace(site, load_balancer=aws.load_balancer, pools=MappingProxyType(pools))
    run = _run(site)
    assert sorted(r.name for r in run.resources if r.type == GPU_POOL_TYPE) == [f"{site.name}-primary"]
