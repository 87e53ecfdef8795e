"""The `inferline` command as users run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from inferline.cli import EXIT_INVALID, EXIT_OK, main

ROOT = Path(__file__).resolve().parents[1]
PROD = yaml.safe_load((ROOT / "stacks" / "Pulumi.prod.yaml").read_text())


def stack_file(tmp_path: Path, mutate) -> Path:  # type: ignore[no-untyped-def]
    document = yaml.safe_load(yaml.safe_dump(PROD))
    mutate(document["config"])
    path = tmp_path / "Pulumi.broken.yaml"
    path.write_text(yaml.safe_dump(document))
    return path


def first_site(config: dict, **changes: object) -> None:  # type: ignore[type-arg]
    config["inferline:sites"][0].update(changes)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        pytest.param(lambda c: first_site(c, cidr="10.130.0.0/16", slot=None) or c["inferline:sites"][1].update(cidr="10.130.0.0/17"),
                     "sites[1].cidr: site 'ali-sh' (10.130.0.0/17) overlaps site 'tc-sh' (10.130.0.0/16) at sites[0]", id="overlapping-cidrs"),
        pytest.param(lambda c: first_site(c, cloud="azure"), "sites[0].cloud: Input should be 'aws', 'alicloud'", id="unknown-cloud"),
        pytest.param(lambda c: first_site(c, zonez=["ap-shanghai-4"]), "sites[0].zonez: is not a known setting", id="misspelled-key"),
        pytest.param(lambda c: first_site(c, region="ap-atlantis"), "sites[0].region: 'ap-atlantis' is not a region of Tencent Cloud", id="unknown-region"),
        pytest.param(lambda c: first_site(c, zones=["ap-shanghai-4"]), "sites[0].zones: prod sites need at least 2 zones, got 1", id="single-zone-in-prod"),
    ],
)
def test_invalid_stack_exits_2_naming_the_field_without_traceback(tmp_path: Path, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    path = stack_file(tmp_path, mutate)
    record = tmp_path / "plan.json"
    result = subprocess.run(
        [sys.executable, "-m", "inferline.cli", "preview", "--config", str(path), "--json", str(record)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == EXIT_INVALID
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""  # nothing was declared, no plan printed
    assert not record.exists()


def test_unknown_stack_names_the_stacks_there(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", "--stack", "qa", "--project-dir", str(ROOT)]) == EXIT_INVALID
    assert "stacks here: dev, prod, staging" in capsys.readouterr().err


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_json_record_carries_every_resource(stack: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record_path = tmp_path / "plan.json"
    assert main(["preview", "--stack", stack, "--project-dir", str(ROOT), "--json", str(record_path)]) == EXIT_OK
    printed = capsys.readouterr().out
    document = json.loads(record_path.read_text())
    resources = document["resources"]
    assert resources and document["stack"] == stack
    urns = {resource["urn"] for resource in resources}
    for resource in resources:
        assert {"type", "urn", "parent", "provider", "inputs", "dependencies", "property_dependencies"} <= set(resource)
        if resource["custom"] and not resource["type"].startswith("pulumi:providers:"):
            assert resource["parent"] in urns
            assert resource["provider"] in urns or resource["type"].startswith("pulumi-python:dynamic/")
    assert "PRIVATE KEY" not in record_path.read_text()
    uploads = [r for r in resources if r["type"].endswith(("acm/certificate:Certificate", "serviceCertificate:ServiceCertificate", "Ssl/certificate:Certificate", "DedicatedElb/certificate:Certificate", "alb/certificate:Certificate"))]
    assert uploads and all(r["inputs"].get("privateKey", r["inputs"].get("key")) == "<secret>" for r in uploads)
    assert sum(document["countsByCloud"].values()) == sum(r["custom"] and not r["type"].startswith("pulumi:") for r in resources)
    for cloud, count in document["countsByCloud"].items():
        assert f"{cloud}" in printed and str(count) in printed
    # The capacity table: one primary pool per site, in the record and on the terminal.
    pools = document["capacity"]["pools"]
    assert sorted(row["site"] for row in pools if row["pool"] == "primary") == sorted(document["addressPlan"])
    assert all(row["nodes"]["desired"] >= row["nodes"]["min"] and row["coldStartS"]["total"] > 0 for row in pools)
    table = printed[printed.index("\ncapacity: "):].split("\n\n", 1)[0].splitlines()
    assert sorted(line.split()[0] for line in table[4:] if line.split()[2] == "primary") == sorted(document["addressPlan"])


def test_record_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    main(["preview", "--stack", "staging", "--project-dir", str(ROOT), "--json", str(first)])
    main(["preview", "--stack", "staging", "--project-dir", str(ROOT), "--json", str(second)])
    capsys.readouterr()
    assert first.read_text() == second.read_text()


def test_validate_needs_no_sdk(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--stack", "prod", "--project-dir", str(ROOT)]) == EXIT_OK
    assert "valid (4 sites, environment prod, profile financial-risk)" in capsys.readouterr().out


def test_plan_prints_the_capacity_table_without_the_sdk() -> None:
    code = (
        "import sys; from inferline.cli import main; code = main(['plan', '--stack', 'prod']); "
        "assert not [m for m in sys.modules if m.startswith(('pulumi', 'inferline.components'))], 'SDK imported'; sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == EXIT_OK, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "capacity: DeepSeek-R1 int4, weights 336 GB, peak 500 req/s (headroom 30%, p99 200 ms)"
    table = lines[: lines.index(next(line for line in lines if line.startswith("transfer")))]
    assert [line.split()[0] for line in table[3:]] == ["ali-sh", "aws-hk", "hw-sh", "tc-sh"]
    assert "8 x H800" in result.stdout and "losing any one site" in result.stdout


def test_plan_json_lists_every_pool(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--stack", "dev", "--project-dir", str(ROOT), "--json"]) == EXIT_OK
    document = json.loads(capsys.readouterr().out)
    assert (document["model"], document["precision"], document["peakRps"]) == ("DeepSeek-R1-Distill-Qwen-7B", "bf16", 200)
    # The overflow pool is not planned on Alibaba Cloud, whose alarms cannot watch another group (listed unsupported).
    assert [(row["site"], row["pool"], row["precision"]) for row in document["pools"]] == [("ali-hz", "primary", "bf16")]


@pytest.mark.parametrize(
    ("serving", "message"),
    [
        pytest.param({"profile": {"name": "financial-risk", "p99_latency_ms": 10}},
                     "profile.p99_latency_ms: 10 ms is below one request's service time at ali-sh (", id="p99-below-service-time"),
        pytest.param({"serving": {"gpu": "A10"}, "profile": {"gpu_memory_gb": 24}},
                     "serving.precision: DeepSeek-R1 at int4 needs 360 GB for weights, one request's cache and runtime; the largest tc-sh option (1 x PNV4.56XLARGE932) has 173 GB usable", id="no-type-fits"),
        pytest.param({"serving": {"gpu": "B200"}}, "sites[0].region: no catalogued tencentcloud GPU type with at least 80 GB per GPU matching serving.gpu 'B200' is offered in ap-shanghai", id="pin-matches-nothing"),
    ],
)
def test_an_infeasible_capacity_plan_exits_2_naming_the_field(tmp_path: Path, serving: dict, message: str) -> None:  # type: ignore[type-arg]
    def mutate(config: dict) -> None:  # type: ignore[type-arg]
        config["inferline:serving"].update(serving.get("serving", {}))
        config["inferline:profile"].update(serving.get("profile", {}))

    path = stack_file(tmp_path, mutate)
    result = subprocess.run([sys.executable, "-m", "inferline.cli", "plan", "--config", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == EXIT_INVALID
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_readme_reference_is_current() -> None:
    assert main(["config-reference", "--check", str(ROOT / "README.md")]) == EXIT_OK


def test_a_check_a_mandatory_rule_could_not_make_fails_the_preview(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Unknown is not a pass: one "could not be checked" under a mandatory rule fails the offline preview."""
    from inferline.cli import EXIT_FAILED
    from inferline.policies.rules import Finding
    from inferline.preview import render

    unchecked = {"kms-key-rotation-enabled": [Finding("urn:key", "unknown", "enableKeyRotation is not known during preview; could not be checked")]}
    monkeypatch.setattr(render, "policy_results", lambda run, plan: unchecked)
    assert main(["preview", "--stack", "dev", "--project-dir", str(ROOT), "--quiet"]) == EXIT_FAILED
    assert "0 mandatory policy violations, 1 could not be checked" in capsys.readouterr().err


def test_a_duplicate_urn_exits_1_with_the_urn_and_no_traceback(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import pulumi
    import pulumi_random as random

    from inferline.cli import EXIT_FAILED
    from inferline.preview import runner

    def twice(*args: object, **kwargs: object) -> runner.ProgramRun:
        def program() -> None:
            parent = pulumi.ComponentResource("inferline:test:Site", "site")
            for _ in range(2):
                random.RandomId("suffix", byte_length=4, opts=pulumi.ResourceOptions(parent=parent))

        return runner.run_under_mocks(program)

    monkeypatch.setattr(runner, "run_program", twice)
    assert main(["preview", "--stack", "dev", "--project-dir", str(ROOT)]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "offline preview failed: duplicate resource URN 'urn:pulumi:test::inferline::inferline:test:Site$random:index/randomId:RandomId::suffix'" in err
    assert "Traceback" not in err


def test_plan_prints_each_sites_transfer_commands_after_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--stack", "dev", "--project-dir", str(ROOT)]) == EXIT_OK
    out = capsys.readouterr().out
    transfer = out[out.index("transfer (after `pulumi up`") :].splitlines()
    assert transfer[1] == "  ali-hz:"
    assert transfer[3].startswith("    skopeo copy --all --preserve-digests docker://docker.io/vllm/vllm-openai@sha256:6351529")
    assert transfer[4] == "    huggingface-cli download deepseek-ai/DeepSeek-R1-Distill-Qwen-7B --local-dir ./deepseek-ai--DeepSeek-R1-Distill-Qwen-7B"
    # Uploaded where the nodes read the weights (the pool's model under models/).
    assert "/models/DeepSeek-R1-Distill-Qwen-7B/ --region cn-hangzhou" in transfer[5]
