"""Configuration as the running program reads it from the engine."""

from __future__ import annotations

import json

import pulumi
import pytest

from inferline.config.program import inferline_values, load_stack_plan
from inferline.preview.runner import run_under_mocks

SITES = [{"name": "aws-a", "cloud": "aws", "region": "us-east-1", "zones": ["us-east-1a"]}]


def config(**values: object) -> dict[str, str]:
    return {f"inferline:{key}": value if isinstance(value, str) else json.dumps(value) for key, value in values.items()}


def test_values_come_back_structured() -> None:
    seen = {}
    run_under_mocks(lambda: seen.update(inferline_values()), config=config(environment="dev", profile={"name": "custom"}, sites=SITES))
    assert seen == {"environment": "dev", "profile": {"name": "custom"}, "sites": SITES}


def test_invalid_config_stops_the_program_with_every_problem() -> None:
    with pytest.raises(pulumi.RunError) as raised:
        run_under_mocks(lambda: load_stack_plan() and None, config=config(environment="dev", profile={"name": "financial-risk"}, sites=SITES, site=[]))
    assert str(raised.value) == "Invalid inferline configuration (1 problem):\n  - site: is not a known setting (check its spelling)"


def test_valid_config_plans_the_stack() -> None:
    plans = []
    run_under_mocks(lambda: plans.append(load_stack_plan()), stack="dev", config=config(environment="dev", profile={"name": "financial-risk"}, sites=SITES))
    assert plans[0].stack == "dev" and list(plans[0].addresses.sites) == ["aws-a"]
