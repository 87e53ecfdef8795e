from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from inferline.config.loader import read_stack_file
from inferline.errors import ConfigError, Problem
from inferline.planning.stack import load_stack_file, validate

STACKS = Path(__file__).resolve().parents[2] / "stacks"


def base(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "environment": "prod",
        "profile": {"name": "financial-risk"},
        "sites": [
            {"name": "aws-use1", "cloud": "aws", "region": "us-east-1", "zones": ["us-east-1a", "us-east-1b"]},
            {"name": "ali-sh", "cloud": "alicloud", "region": "cn-shanghai", "zones": ["cn-shanghai-l", "cn-shanghai-m"]},
        ],
    }
    raw.update(changes)
    return raw


def with_site(index: int, **changes: Any) -> dict[str, Any]:
    raw = base()
    raw["sites"][index] = {**raw["sites"][index], **changes}
    return raw


def problems(raw: dict[str, Any]) -> list[Problem]:
    with pytest.raises(ConfigError) as raised:
        validate(raw, "test")
    return raised.value.problems


def test_valid_config_resolves_profile_and_addresses() -> None:
    plan = validate(base(), "test")
    assert plan.targets.p99_latency_ms == 220
    assert plan.targets.capacity_headroom == 0.30
    assert sorted(plan.addresses.sites) == ["ali-sh", "aws-use1"]
    assert plan.nat_strategy(plan.config.sites[0]) == "one-per-zone"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(with_site(1, cloud="gcp"), [Problem("sites[1].cloud", "Input should be 'aws', 'alicloud', 'tencentcloud', 'huaweicloud' or 'volcengine'")], id="unknown-cloud"),
        pytest.param(with_site(0, zonez=["us-east-1a"]), [Problem("sites[0].zonez", "is not a known setting (check its spelling)")], id="misspelled-site-key"),
        pytest.param({**base(), "sties": []}, [Problem("sties", "is not a known setting (check its spelling)")], id="misspelled-top-level-key"),
        pytest.param(with_site(0, region="us-east-9"), [Problem("sites[0].region", "'us-east-9' is not a region of AWS (known regions: inferline/clouds/aws_facts.py)")], id="unknown-region"),
        pytest.param(with_site(1, zones=["cn-shanghai-l"]), [Problem("sites[1].zones", "prod sites need at least 2 zones, got 1")], id="single-zone-in-prod"),
        pytest.param(with_site(0, zones=["us-east-1a", "us-west-2a"]), [Problem("sites[0].zones", "us-west-2a not a zone of us-east-1 (AWS zones look like '" + __import__("inferline.clouds", fromlist=["CATALOG"]).CATALOG["aws"].zone_example + "')")], id="zone-of-another-region"),
        pytest.param(with_site(0, zones=["us-east-1a", "us-east-1a"]), [Problem("sites[0].zones", "zones must be unique, us-east-1a repeated")], id="repeated-zone"),
        pytest.param(with_site(1, name="aws-use1"), [Problem("sites[1].name", "'aws-use1' is already the name of sites[0]")], id="duplicate-name"),
        pytest.param(with_site(0, name="AWS_1"), [Problem("sites[0].name", "String should match pattern '^[a-z][a-z0-9-]{0,18}[a-z0-9]$'")], id="bad-name"),
        pytest.param(
            base(sites=[{"name": "a1", "cloud": "aws", "region": "us-east-1", "zones": ["us-east-1a", "us-east-1b"], "cidr": "10.1.0.0/16"},
                        {"name": "b1", "cloud": "aws", "region": "us-west-2", "zones": ["us-west-2a", "us-west-2b"], "cidr": "10.1.64.0/18"}]),
            [Problem("sites[1].cidr", "site 'b1' (10.1.64.0/18) overlaps site 'a1' (10.1.0.0/16) at sites[0]")],
            id="overlapping-cidrs",
        ),
        pytest.param(with_site(0, cidr="10.1.2.3/16"), [Problem("sites[0].cidr", "'10.1.2.3/16' is not an IPv4 network in CIDR notation (10.1.2.3/16 has host bits set)")], id="host-bits"),
        pytest.param(base(environment="production"), [Problem("environment", "Input should be 'dev', 'staging' or 'prod'")], id="bad-environment"),
        pytest.param(base(profile={"name": "custom", "priority": "latency"}), [
            Problem(f"profile.{field}", "is required when the profile is 'custom'")
            for field in sorted(("p99_latency_ms", "throughput_rps", "gpu_memory_gb", "failover_rto_s", "dynamic_batching", "max_payload_mb"))
        ], id="custom-profile-needs-targets"),
        pytest.param(base(profile={"name": "financial-risk", "p99_latency_ms": "fast"}), [Problem("profile.p99_latency_ms", "Input should be a valid integer")], id="strict-types"),
        pytest.param(base(security={"tls": {"mode": "certificates", "certificates": {"aws-use1": "arn:aws:acm:us-east-1:1:certificate/x", "gone": "x"}}}), [
            Problem("security.tls.certificates", "mode 'certificates' needs a certificate for site 'ali-sh'"),
            Problem("security.tls.certificates.gone", "'gone' is not a site of this stack"),
        ], id="certificates-per-site"),
        pytest.param(base(security={"tls": {"certificates": {"aws-use1": "x"}}}), [Problem("security.tls", "certificates are only read with mode 'certificates'")], id="certificates-need-their-mode"),
        pytest.param(base(security={"serving_port": 8443, "listener_ports": [443, 8443]}), [Problem("security", "serving_port 8443 must not also be a public listener port")], id="serving-port-not-public"),
        pytest.param(base(security={"kms": {"rotation_days": 30}}), [Problem("security.kms.rotation_days", "Input should be greater than or equal to 90")], id="rotation-in-every-clouds-range"),
        pytest.param(base(security={"kms": {"rotation_days": 180}}), [Problem("security.kms.rotation_days", "must be 365 with alicloud sites (ali-sh): Alibaba Cloud KMS default keys rotate every 365 days only; other periods need a paid KMS instance")], id="alicloud-rotation-is-fixed"),
        pytest.param(base(security={"ssh": True}), [Problem("security.ssh", "is not a known setting (check its spelling)")], id="no-ssh-switch"),
    ],
)
def test_each_problem_names_its_field(raw: dict[str, Any], expected: list[Problem]) -> None:
    assert problems(raw) == expected


def test_all_problems_are_reported_at_once() -> None:
    raw = base(sites=[
        {"name": "a1", "cloud": "gcp", "region": "x", "zones": ["x"]},
        {"name": "b1", "cloud": "aws", "region": "us-east-1", "zones": ["us-east-1a"], "typo": 1},
    ], tags={"team": 7})
    assert [problem.path for problem in problems(raw)] == ["sites[0].cloud", "sites[0].zones", "sites[1].typo", "sites[1].zones", "tags.team"]


def test_custom_profile_with_every_target() -> None:
    targets = {"priority": "throughput", "p99_latency_ms": 500, "throughput_rps": 100, "gpu_memory_gb": 24,
               "failover_rto_s": 60, "dynamic_batching": True, "max_payload_mb": 2}
    plan = validate(base(profile={"name": "custom", **targets}), "test")
    assert plan.targets.model_dump() == {**targets, "capacity_headroom": 0.30, "health_check_interval_s": 30}


def test_overrides_replace_only_their_field() -> None:
    plan = validate(base(profile={"name": "medical-imaging", "gpu_memory_gb": 141}), "test")
    assert (plan.targets.gpu_memory_gb, plan.targets.p99_latency_ms, plan.targets.max_payload_mb) == (141, 1800, 512)


def test_secure_values_are_never_echoed(tmp_path: Path) -> None:
    path = tmp_path / "Pulumi.x.yaml"
    path.write_text("config:\n  inferline:environment: dev\n  inferline:tags:\n    secure: v1:c2VjcmV0LWNpcGhlcnRleHQ=\n")
    values, secret_keys = read_stack_file(path)
    with pytest.raises(ConfigError) as raised:
        validate(values, "x", secret_keys)
    assert raised.value.problems == [
        Problem("tags", "is encrypted (`pulumi config set --secret`), but this setting is not secret: set it in plain text")
    ]
    assert "c2VjcmV0LWNpcGhlcnRleHQ" not in raised.value.render()


def test_stack_file_reads_only_the_inferline_namespace(tmp_path: Path) -> None:
    path = tmp_path / "Pulumi.x.yaml"
    path.write_text("config:\n  aws:region: us-east-1\n  inferline:environment: dev\n  inferline:token:\n    secure: AAEAAQ==\n")
    assert read_stack_file(path) == ({"environment": "dev", "token": {"secure": "AAEAAQ=="}}, ["token"])


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_shipped_stacks_are_valid(stack: str) -> None:
    plan = load_stack_file(STACKS / f"Pulumi.{stack}.yaml", stack)
    assert plan.config.environment == stack


def test_unreadable_yaml_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "Pulumi.bad.yaml"
    path.write_text("config: [unclosed\n")
    with pytest.raises(ConfigError) as raised:
        read_stack_file(path)
    assert raised.value.problems[0].message.startswith(f"{path} is not valid YAML")
