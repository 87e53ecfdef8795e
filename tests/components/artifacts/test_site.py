"""The site builds its artifacts, after security and under itself, only when it has GPU pools."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pytest

from inferline.components.artifacts import ARTIFACTS_TYPE
from inferline.components.security import PrivateCertificateAuthority
from inferline.components.site import SITE_TYPE, Site
from inferline.planning.bootstrap import NodeBootPlan
from inferline.planning.load_balancer import plan_load_balancer
from inferline.planning.stack import SitePlan, validate
from inferline.preview.runner import ProgramRun, run_under_mocks
from tests.planning.test_artifacts import sample_pool
from tests.planning.test_stack import raw_stack


def _run(site_plan: SitePlan) -> ProgramRun:
    def program() -> None:
        Site(site_plan, certificate_authority=PrivateCertificateAuthority("ca", "inferline test"), random_provider=None)

    return run_under_mocks(program)


@pytest.mark.parametrize("site", ["aws-use1", "ali-sh"])
def test_a_site_with_pools_builds_its_artifacts_under_it(site: str) -> None:
    stack = validate(raw_stack("prod"), "blue")
    plan = stack.sites[site]
    # The stack has no serving section: give the site what serving would plan with its pools.
    load_balancer = plan_load_balancer(plan.cloud, stack.targets, stack.config.security, site, len(plan.network.zones))
    network = dataclasses.replace(plan.network, load_balancer=True)
    boot = NodeBootPlan(
        server="vllm", digest="sha256:" + "ab" * 32, image="img-1", max_context=4096, dynamic_batching=False, serving_port=8000,
        max_sequences=(("primary", 16),),
    )
    # An instance type of the site's cloud: Alibaba's provider refuses one without the ecs. prefix at preview.
    instance_type = {"aws-use1": sample_pool().instance_type, "ali-sh": "ecs.gn7e-c16g1.16xlarge"}[site]
    pool = dataclasses.replace(sample_pool(), zones=tuple(zone.zone for zone in plan.network.zones), instance_type=instance_type)
    run = _run(dataclasses.replace(plan, network=network, load_balancer=load_balancer, pools=MappingProxyType({"primary": pool}), boot=boot))
    (component,) = [record for record in run.resources if record.type == SITE_TYPE]
    (artifacts,) = [record for record in run.resources if record.type == ARTIFACTS_TYPE]
    assert (artifacts.name, artifacts.parent) == (site, component.urn)
    assert any(record.parent == artifacts.urn and record.name == f"{site}-models" for record in run.resources)


def test_a_site_without_pools_has_no_artifacts() -> None:
    run = _run(validate(raw_stack("prod"), "blue").sites["aws-use1"])
    assert [record for record in run.resources if record.type == ARTIFACTS_TYPE] == []
