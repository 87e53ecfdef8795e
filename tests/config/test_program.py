"""Configuration as the running program reads it from the engine."""

from __future__ import annotations

import json

import pulumi
import pytest

from inferline.config.program import inferline_values, program_config
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
        run_under_mocks(lambda: program_config() and None, config=config(environment="dev", profile={"name": "financial-risk"}, sites=SITES, site=[]))
    assert str(raised.value) == "Invalid inferline configuration (1 problem):\n  - site: is not a known setting (check its spelling)"


def test_valid_config_comes_back_as_the_model() -> None:
    configs = []
    run_under_mocks(lambda: configs.append(program_config()), stack="dev", config=config(environment="dev", profile={"name": "financial-risk"}, sites=SITES))
    assert [site.name for site in configs[0].sites] == ["aws-a"] and configs[0].environment == "dev"
