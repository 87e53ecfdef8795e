"""`inferline:serving`: shape, the GPU pin notation, inline models and catalog rows from the stack file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from inferline.catalog import GPU_COLUMNS
from inferline.config.serving import GpuPin, ServingSettings, catalog_rows, parse_gpu_pin
from inferline.errors import ConfigError, Problem
from inferline.planning.stack import load_stack_file, validate

# Two zones: the site's AWS Application Load Balancer spans at least two.
SITE = {"name": "aws-use1", "cloud": "aws", "region": "us-east-1", "zones": ["us-east-1a", "us-east-1b"]}
DIGEST = "sha256:" + "0" * 64


def stack(**serving: Any) -> dict[str, Any]:
    return {
        "environment": "dev",
        "profile": {"name": "ecommerce-recsys", "gpu_memory_gb": 24},
        "sites": [SITE],
        "serving": {"model": "DeepSeek-R1-Distill-Qwen-7B", "precision": "bf16", "tokens_per_request": {"prompt": 256, "output": 8}, "image_digest": DIGEST, **serving},
    }


def problems(raw: dict[str, Any]) -> list[Problem]:
    with pytest.raises(ConfigError) as raised:
        validate(raw, "test")
    return raised.value.problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("H200:141GB:8", GpuPin("H200", 141, 8), id="full"),
        pytest.param("H200", GpuPin("H200", None, None), id="model-only"),
        pytest.param("A10:4", GpuPin("A10", None, 4), id="model-and-count"),
        pytest.param("A100-40GB:40GB", GpuPin("A100-40GB", 40, None), id="model-and-memory"),
    ],
)
def test_gpu_pin_notation(text: str, expected: GpuPin) -> None:
    assert parse_gpu_pin(text) == expected


@pytest.mark.parametrize(
    ("serving", "expected"),
    [
        pytest.param({"gpu": "H200:8:141GB"}, Problem("serving.gpu", "'H200:8:141GB' is not a GPU pin; write MODEL[:MEMORYGB][:COUNT], e.g. H200:141GB:8"), id="pin-out-of-order"),
        pytest.param({"gpu": "H200:0"}, Problem("serving.gpu", "'H200:0': the GPU count must be at least 1"), id="pin-zero-gpus"),
        pytest.param({"model": "Llama-9"}, Problem(
            "serving.model",
            "'Llama-9' is not in the model catalog (DeepSeek-R1, DeepSeek-R1-Distill-Qwen-1.5B, DeepSeek-R1-Distill-Qwen-7B, DeepSeek-R1-Distill-Llama-8B, "
            "DeepSeek-R1-Distill-Qwen-14B, DeepSeek-R1-Distill-Qwen-32B, DeepSeek-R1-Distill-Llama-70B); describe it inline instead",
        ), id="unknown-model"),
        pytest.param({"precision": "fp4"}, Problem("serving.precision", "Input should be 'bf16', 'fp8', 'int8' or 'int4'"), id="unknown-precision"),
        pytest.param({"throughput": {"A10G": 0.0}}, Problem("serving.throughput", "measured throughput must be above 0 requests/s (A10G)"), id="zero-throughput"),
        pytest.param({"overflow": {"above": 1.0}}, Problem("serving.overflow.above", "Input should be less than 1"), id="overflow-threshold"),
        pytest.param({"healthcheck_grace_s": 900}, Problem("serving.healthcheck_grace_s", "is not a known setting (check its spelling)"), id="typo"),
        pytest.param(
            {"model": {"name": "mine", "parameters_b": 7.0, "layers": 28, "max_context": 8192}},
            Problem("serving.model", "needs kv_heads and head_dim, or kv_latent_dim for latent attention"), id="inline-without-cache-shape",
        ),
    ],
)
def test_bad_serving_settings_name_the_field(serving: dict[str, Any], expected: Problem) -> None:
    assert problems(stack(**serving)) == [expected]


def test_an_inline_model_is_planned_like_a_catalog_one() -> None:
    inline = {"name": "my-7b", "parameters_b": 7.62, "layers": 28, "kv_heads": 4, "head_dim": 128, "max_context": 32768}
    plan = validate(stack(model=inline, gpu="A10G:1"), "test")
    assert plan.capacity is not None and plan.capacity.model == "my-7b"
    assert plan.sites["aws-use1"].pools["primary"].instance_type == "g5.xlarge"


def test_defaults() -> None:
    settings = ServingSettings.model_validate(stack()["serving"])
    assert (settings.health_check_grace_s, settings.overflow.above, settings.target_utilisation, settings.weights_read_gb_s) == (900, 0.85, 0.8, 1.0)
    assert (settings.overflow.enabled, settings.standby_warm_replicas, settings.context_tokens) == (None, 1, 264)


def test_no_serving_means_no_pools() -> None:
    raw = stack()
    del raw["serving"]
    plan = validate(raw, "test")
    assert plan.capacity is None and dict(plan.sites["aws-use1"].pools) == {}


def test_a_site_plan_carries_its_pools_by_role() -> None:
    plan = validate(stack(), "test")
    assert list(plan.sites["aws-use1"].pools) == ["primary", "overflow"]


def csv_text(*rows: str) -> str:
    return "\n".join([",".join(("cloud", *GPU_COLUMNS)), *rows]) + "\n"


ROW = "aws,g9.xlarge,A10G,1,24,4,16,,pcie,no,us-east-1,no,0.5,list price,operator,no"


def test_catalog_rows_from_a_csv_next_to_the_stack_file(tmp_path: Path) -> None:
    (tmp_path / "extra.csv").write_text(csv_text(ROW))
    stack_file = tmp_path / "Pulumi.test.yaml"
    serving = stack(gpu_catalog="extra.csv", gpu="A10G:24GB:1")["serving"]
    stack_file.write_text(
        "config:\n  inferline:environment: dev\n  inferline:profile: {name: ecommerce-recsys, gpu_memory_gb: 24}\n"
        f"  inferline:sites: [{SITE}]\n  inferline:serving: {serving}\n"
    )
    plan = load_stack_file(stack_file, "test")
    # Priced rows: g5.xlarge has no price, so the proxy ranks; both are A10G x 1, and the name breaks the tie.
    assert plan.sites["aws-use1"].pools["primary"].instance_type in {"g5.xlarge", "g9.xlarge"}
    (row,) = catalog_rows(ServingSettings.model_validate(serving), tmp_path)
    assert (row.cloud, row.instance_type, row.price_per_hour, row.verified, row.regions) == ("aws", "g9.xlarge", 0.5, False, frozenset({"us-east-1"}))


@pytest.mark.parametrize(
    ("text", "stack_dir", "message"),
    [
        pytest.param(None, None, "'extra.csv' is relative, but the stack file's directory is not known here; give an absolute path", id="relative-without-directory"),
        pytest.param(None, "tmp", "cannot read {tmp}/extra.csv: No such file or directory", id="missing-file"),
        pytest.param("instance_type\nx\n", "tmp", "{tmp}/extra.csv: columns must be", id="wrong-columns"),
        pytest.param(csv_text(ROW.replace(",pcie,", ",ethernet,")), "tmp", "{tmp}/extra.csv line 2: interconnect must be one of nvlink, pcie, got 'ethernet'", id="bad-interconnect"),
        pytest.param(csv_text(ROW.replace("aws,", "gcp,", 1)), "tmp", "{tmp}/extra.csv line 2: cloud 'gcp' is not one of", id="bad-cloud"),
        pytest.param(csv_text(ROW.replace(",no,0.5", ",maybe,0.5")), "tmp", "{tmp}/extra.csv line 2: regions_verified must be yes or no, got 'maybe'", id="bad-flag"),
        pytest.param(csv_text(ROW.replace(",us-east-1,", ",,")), "tmp", "{tmp}/extra.csv line 2: regions must name at least one region (space-separated)", id="no-region"),
    ],
)
def test_unreadable_catalog_files_are_config_errors(tmp_path: Path, text: str | None, stack_dir: str | None, message: str) -> None:
    if text is not None:
        (tmp_path / "extra.csv").write_text(text)
    settings = ServingSettings.model_validate(stack(gpu_catalog="extra.csv")["serving"])
    with pytest.raises(ConfigError) as raised:
        catalog_rows(settings, tmp_path if stack_dir else None)
    (problem,) = raised.value.problems
    assert problem.path == "serving.gpu_catalog"
    assert problem.message.startswith(message.format(tmp=tmp_path))
