"""The stack builder as the Pulumi program runs it: plan first, then sites, then links."""

from __future__ import annotations

import json

import pulumi
import pytest

from inferline.components.stack import plan_program
from inferline.preview.runner import run_under_mocks

SITES = [
    {"name": "aws-a", "cloud": "aws", "region": "us-east-1", "zones": ["us-east-1a", "us-east-1b"], "cidr": "10.1.0.0/16"},
    {"name": "aws-b", "cloud": "aws", "region": "us-west-2", "zones": ["us-west-2a", "us-west-2b"], "cidr": "10.1.128.0/17"},
]


def config(**values: object) -> dict[str, str]:
    return {f"inferline:{key}": value if isinstance(value, str) else json.dumps(value) for key, value in values.items()}


def test_a_plan_problem_stops_the_program_before_anything_is_declared() -> None:
    with pytest.raises(pulumi.RunError) as raised:
        run_under_mocks(lambda: plan_program() and None, config=config(environment="dev", profile={"name": "financial-risk"}, sites=SITES))
    assert str(raised.value).startswith("Invalid inferline configuration (1 problem):\n  - sites[1].cidr: ")


def test_valid_config_plans_every_site_by_name() -> None:
    plans = []
    sites = [SITES[1] | {"cidr": "10.2.0.0/16"}, SITES[0]]
    run_under_mocks(lambda: plans.append(plan_program()), stack="dev", config=config(environment="dev", profile={"name": "financial-risk"}, sites=sites))
    assert plans[0].stack == "dev" and list(plans[0].sites) == ["aws-a", "aws-b"]
    assert plans[0].sites["aws-b"].network.cidr == "10.2.0.0/16"
