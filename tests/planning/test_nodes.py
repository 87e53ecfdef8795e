"""The planned node boot: what every pool's nodes run, and what a scaling group of independent nodes cannot run."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from inferline.clouds.images import AWS_DLAMI_PARAMETER
from inferline.config.loader import read_stack_file
from inferline.errors import ConfigError, Problem
from inferline.planning.bootstrap import NodeBootPlan
from inferline.planning.nodes import ONE_NODE_PER_REPLICA
from inferline.planning.stack import StackPlan, validate

STACKS = Path(__file__).parents[2] / "stacks"
DIGEST = "sha256:635152941ca60ff975a86b2573bc85b372c8df36d90c0272081aca52d68d175d"


def prod() -> dict[str, Any]:
    return copy.deepcopy(read_stack_file(STACKS / "Pulumi.prod.yaml")[0])


def plan(raw: dict[str, Any]) -> StackPlan:
    return validate(raw, "prod", stack_dir=STACKS)


def problems(raw: dict[str, Any]) -> list[Problem]:
    with pytest.raises(ConfigError) as raised:
        plan(raw)
    return raised.value.problems


def test_every_site_with_pools_boots_the_pinned_server_on_its_image() -> None:
    planned = plan(prod())
    boots = {name: site.boot for name, site in planned.sites.items()}
    assert boots["aws-hk"] == NodeBootPlan(
        server="vllm",
        digest=DIGEST,
        image=f"resolve:ssm:{AWS_DLAMI_PARAMETER}",
        max_context=264,
        dynamic_batching=False,
        serving_port=8000,
        max_sequences=(("primary", planned.capacity.sites["aws-hk"].pools["primary"].shape.concurrency),),  # type: ignore[union-attr]
    )
    assert {name: boot.image for name, boot in boots.items() if boot is not None} == {
        "ali-sh": "m-uf6inferlinegpu0001",
        "aws-hk": f"resolve:ssm:{AWS_DLAMI_PARAMETER}",
        "hw-sh": "7a1c3e5f-2b4d-4f6a-8c0e-1d3f5a7b9c2e",
        "tc-sh": "img-inferl01",
    }


def test_a_configured_image_wins_on_aws_too() -> None:
    raw = prod()
    raw["serving"]["node_images"]["aws-hk"] = "ami-0123456789abcdef0"
    assert plan(raw).sites["aws-hk"].boot.image == "ami-0123456789abcdef0"  # type: ignore[union-attr]


def test_a_site_outside_aws_without_an_image_is_refused_naming_it() -> None:
    raw = prod()
    del raw["serving"]["node_images"]["tc-sh"]
    (problem,) = problems(raw)
    assert problem.path == "serving.node_images.tc-sh"
    assert problem.message.startswith("required for tencentcloud site sites[0]: no public GPU image")


def test_an_image_for_an_unknown_site_is_refused() -> None:
    raw = prod()
    raw["serving"]["node_images"]["nowhere"] = "img-1"
    assert problems(raw) == [Problem("serving.node_images.nowhere", "'nowhere' is not a site of this stack")]


def test_pools_need_the_server_digest() -> None:
    raw = prod()
    del raw["serving"]["image_digest"]
    assert problems(raw) == [Problem("serving.image_digest", "is required: GPU nodes pull the inference server image by digest (sha256:...)")]


def test_replicas_that_need_two_nodes_are_refused_with_what_to_change() -> None:
    raw = prod()
    raw["serving"]["precision"] = "fp8"
    # The catalog lets the planner span two nodes (RDMA between them; Tencent's HCC type is marked so built in),
    # which the pools cannot build.
    for row in raw["serving"]["gpu_catalog"]:
        row["multi_node"] = True
    types = {"ali-sh": "ecs.ebmgn7ex.32xlarge", "hw-sh": "p3.16xlarge.8", "tc-sh": "HCCPNV5.24XLARGE384"}
    assert problems(raw) == [
        Problem(
            "serving.precision",
            f"site '{site}' would need 2 x {instance_type} per primary replica: {ONE_NODE_PER_REPLICA}; use a lower "
            "precision, a smaller model, or pin a type whose node holds the model (serving.gpu, serving.gpu_catalog)",
        )
        for site, instance_type in types.items()
    ]
