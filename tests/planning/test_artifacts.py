"""Artifacts names: from the stack and the site only, within the registries' limits."""

from __future__ import annotations

import dataclasses
import re
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inferline.clouds.capabilities import UNSUPPORTED
from inferline.planning.artifacts import NAMESPACE_LIMIT, artifacts_spec, namespace, weights_prefix
from inferline.planning.naming import Names
from inferline.planning.serving import ColdStart, PoolSpec
from inferline.planning.stack import validate
from inferline.preview.render import unsupported_features
from tests.planning.test_stack import raw_stack


def test_a_site_is_named_after_its_stack_and_site() -> None:
    spec = artifacts_spec(Names("prod", "sh-1"), "alicloud", "cn-shanghai", {"a": "b"}, True)
    assert (spec.namespace, spec.repository, spec.repository_path) == ("inferline-prod-sh-1", "inference-server", "inferline-prod-sh-1/inference-server")
    assert (spec.secret_name, spec.identity_name) == ("inferline-prod-sh-1-serving-token", "inferline-prod-sh-1-gpu-node")
    assert (spec.cloud, spec.region, dict(spec.tags), spec.protect) == ("alicloud", "cn-shanghai", {"a": "b"}, True)


@pytest.mark.parametrize(
    ("model", "prefix"),
    [
        pytest.param("/deepseek-ai/DeepSeek-R1/", "models/deepseek-ai/DeepSeek-R1", id="slashes"),
        pytest.param("org/ModelX", "models/org/ModelX", id="ends-in-x"),
    ],
)
def test_weights_prefix(model: str, prefix: str) -> None:
    assert weights_prefix(model) == prefix


def test_a_namespace_never_ends_in_a_separator() -> None:
    assert namespace(Names("s", "a-")) == "inferline-s-a"
    assert namespace(Names("S_T", "b")) == "inferline-s-t-b"


@given(stack=st.from_regex(r"[A-Za-z0-9_.-]{1,40}", fullmatch=True), site=st.from_regex(r"[a-z0-9-]{1,40}", fullmatch=True))
def test_namespaces_fit_every_registry(stack: str, site: str) -> None:
    name = namespace(Names(stack, site))
    assert 2 <= len(name) <= NAMESPACE_LIMIT
    assert re.fullmatch(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?", name)


def sample_pool() -> PoolSpec:
    return PoolSpec(
        role="primary", model="deepseek-ai/DeepSeek-R1", precision="fp8", instance_type="p5.48xlarge", gpu_model="H100", gpus_per_node=8,
        gpu_memory_gb=80, nodes_per_replica=1, min_nodes=2, desired_nodes=2, max_nodes=4, warm_nodes=0, zones=("us-east-1a",),
        health_check_grace_s=900, target_rps_per_node=10.0, overflow_above=None, root_disk_gb=500, cold_start=ColdStart(60, 60, 300, 120),
    )


def test_the_site_plans_artifacts_only_with_pools_and_says_which_secret_it_cannot_create() -> None:
    plan = validate(raw_stack("prod"), "blue")
    aws, ali = plan.sites["aws-use1"], plan.sites["ali-sh"]
    assert aws.artifacts is None and unsupported_features(plan) == []
    with_pools = dataclasses.replace(plan, sites=MappingProxyType({
        name: dataclasses.replace(site, pools=MappingProxyType({"primary": sample_pool()})) for name, site in plan.sites.items()
    }))
    assert with_pools.sites["aws-use1"].artifacts == artifacts_spec(aws.names, "aws", "us-east-1", aws.tags, True)
    assert with_pools.sites["ali-sh"].artifacts == artifacts_spec(ali.names, "alicloud", "cn-shanghai", ali.tags, True)
    assert unsupported_features(with_pools) == [("ali-sh", "secret-container", UNSUPPORTED["alicloud"]["secret-container"])]
    assert UNSUPPORTED["alicloud"]["secret-container"] == (
        "pulumi_alicloud kms.Secret requires secret_data and version_id: creating the secret would put the serving token in the program and its state"
    )
