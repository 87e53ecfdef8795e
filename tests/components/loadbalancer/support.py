"""Declare one site's network, security and load balancer under the preview mocks, as the Site does."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pulumi

from inferline.clouds import CloudName
from inferline.components.loadbalancer import LoadBalancerSite, SiteLoadBalancer
from inferline.components.network import PrivateNetwork
from inferline.components.providers import site_provider
from inferline.components.registry import adapters
from inferline.components.security import PrivateCertificateAuthority, SiteSecurity, site_certificate
from inferline.config.profiles import PROFILES
from inferline.config.security import SecuritySettings
from inferline.planning.load_balancer import plan_load_balancer
from inferline.planning.serving import LoadBalancerSpec
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun, run_under_mocks
from tests.support import children_of, network_spec, security_spec

SITE = "site-a"
LOAD_BALANCER_TYPE = "inferline:serving:LoadBalancer"
DOMAIN = "inference.internal.example"


def lb_spec(cloud: str, profile: str = "financial-risk", **targets: Any) -> LoadBalancerSpec:
    return plan_load_balancer(cloud, PROFILES[profile].model_copy(update=targets), SecuritySettings(), "sites[0]")


def build_load_balancer(
    cloud: CloudName, region: str, zones: tuple[str, ...], spec: LoadBalancerSpec, *, protect: bool = False, nat: str = "single"
) -> ProgramRun:
    """The site's network (edge subnets in every zone), its security baseline and its load balancer; the
    load balancer's outputs are exported as ``lb.*``."""
    network = replace(network_spec(cloud, region, zones, site=SITE, nat=nat), load_balancer=True)  # type: ignore[arg-type]
    security = security_spec(network)

    def program() -> None:
        provider = site_provider(SITE, cloud, region)
        site_security = SiteSecurity(security, adapters(cloud).security, provider)
        net = PrivateNetwork(network, adapters(cloud).network, site_security.encryption, provider).outputs
        ca = PrivateCertificateAuthority("test-ca", "inferline test")
        sec = site_security.build(net, site_certificate(ca, security))
        site = LoadBalancerSite(network.names, region, zones, dict(network.tags), protect, DOMAIN)
        outputs = SiteLoadBalancer(spec, site, adapters(cloud).load_balancer, net, sec, provider).outputs
        pulumi.export("lb.id", outputs.load_balancer_id)
        pulumi.export("lb.address", outputs.address)
        pulumi.export("lb.backend", outputs.backend_group_id)
        pulumi.export("lb.rule", outputs.rule_id)

    return run_under_mocks(program)


def lb_children(run: ProgramRun) -> list[ResourceRecord]:
    return children_of(run, SITE, LOAD_BALANCER_TYPE)


def one(run: ProgramRun, name: str) -> ResourceRecord:
    [record] = [r for r in lb_children(run) if r.name == name]
    return record


def by_type(run: ProgramRun, type_: str) -> list[ResourceRecord]:
    return [r for r in run.resources if r.type == type_]


def typed(run: ProgramRun, type_: str, name: str) -> ResourceRecord:
    [record] = [r for r in run.resources if r.type == type_ and r.name == name]
    return record
