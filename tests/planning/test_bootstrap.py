"""Node bootstrap: golden cloud-init per cloud, the server's exact command line, and no secret ever in user data.

Regenerate the golden files (and review the diff) with:
    INFERLINE_UPDATE_GOLDEN=1 python -m pytest tests/planning/test_bootstrap.py
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from inferline.clouds import CLOUDS, CloudName
from inferline.planning.bootstrap import (
    NODE_TOOLS,
    SECRET_PATTERNS,
    BootstrapSpec,
    render_user_data,
    secret_findings,
    server_arguments,
)

GOLDEN = Path(__file__).parent / "golden" / "bootstrap"
DIGEST = "sha256:" + "0123456789abcdef" * 4
REGISTRY_HOSTS: dict[CloudName, str] = {
    "aws": "123456789012.dkr.ecr.ap-southeast-1.amazonaws.com",
    "alicloud": "registry-vpc.cn-shanghai.aliyuncs.com",
    "tencentcloud": "inferline-prod-gz.tencentcloudcr.com",
    "huaweicloud": "swr.cn-east-3.myhuaweicloud.com",
    "volcengine": "inferline-prod-bj-cn-beijing.cr.volces.com",
}
REGISTRY_IDS: dict[CloudName, str | None] = {
    "aws": None, "alicloud": None, "tencentcloud": "tcr-0a1b2c3d", "huaweicloud": None, "volcengine": "inferline-prod-bj",
}


def spec(cloud: CloudName, **changes: Any) -> BootstrapSpec:
    base = BootstrapSpec(
        cloud=cloud,
        site="site-a",
        pool="primary",
        region="region-1",
        server="vllm",
        registry_host=REGISTRY_HOSTS[cloud],
        repository="inferline-prod-site-a/inference-server",
        digest=DIGEST,
        registry_id=REGISTRY_IDS[cloud],
        model="deepseek-ai/DeepSeek-R1",
        precision="fp8",
        tensor_parallel=8,
        max_context=32768,
        max_sequences=64,
        dynamic_batching=True,
        serving_port=8000,
        bucket="inferline-prod-site-a-models-123456789012",
        weights_prefix="models/deepseek-ai/DeepSeek-R1",
        secret_name="inferline-prod-site-a-serving-token",
        identity_name="inferline-prod-site-a-gpu-node",
    )
    return dataclasses.replace(base, **changes)


CASES = [(cloud, "vllm") for cloud in CLOUDS] + [("aws", "sglang")]


@pytest.mark.parametrize(("cloud", "server"), CASES, ids=[f"{c}-{s}" for c, s in CASES])
def test_user_data_matches_the_golden_file(cloud: CloudName, server: str) -> None:
    rendered = render_user_data(cloud, spec(cloud, server=server))
    golden = GOLDEN / f"{cloud}-{server}.yaml"
    if os.environ.get("INFERLINE_UPDATE_GOLDEN") == "1":
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(("cloud", "server"), CASES, ids=[f"{c}-{s}" for c, s in CASES])
def test_user_data_is_cloud_config_whose_script_bash_parses(cloud: CloudName, server: str, tmp_path: Path) -> None:
    rendered = render_user_data(cloud, spec(cloud, server=server))
    assert rendered.startswith("#cloud-config\n")
    document = yaml.safe_load(rendered)
    assert [entry["path"] for entry in document["write_files"]] == ["/etc/inferline/serve.sh", "/etc/systemd/system/inferline-server.service"]
    assert document["runcmd"] == [["systemctl", "daemon-reload"], ["systemctl", "enable", "--now", "inferline-server.service"]]
    script = tmp_path / "serve.sh"
    script.write_text(document["write_files"][0]["content"], encoding="utf-8")
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True).stderr == ""


@pytest.mark.parametrize("cloud", CLOUDS)
def test_the_node_pulls_by_digest_from_the_site_registry_and_copies_from_the_site_bucket(cloud: CloudName) -> None:
    rendered = render_user_data(cloud, spec(cloud))
    assert f"IMAGE='{REGISTRY_HOSTS[cloud]}/inferline-prod-site-a/inference-server@{DIGEST}'" in rendered
    assert "BUCKET='inferline-prod-site-a-models-123456789012'" in rendered
    assert "SECRET='inferline-prod-site-a-serving-token'" in rendered
    tools = NODE_TOOLS[cloud]
    for line in (*tools.registry_login, *tools.copy_weights, tools.fetch_token):
        assert line in rendered
    # Login and weights come before the server starts; the token before the login.
    order = [rendered.index(marker) for marker in (tools.fetch_token, tools.registry_login[-1], 'docker pull "$IMAGE"', tools.copy_weights[0], "exec docker run")]
    assert order == sorted(order)
    # Nothing from a public hub: no pip, apt, curl to the internet, docker.io or huggingface on the node.
    for public in ("pip install", "apt-get", "yum ", "docker.io", "huggingface", "modelscope", "ghcr.io"):
        assert public not in rendered


def test_vllm_command_line_is_exact() -> None:
    assert server_arguments(spec("aws")) == [
        "--model", "/model", "--served-model-name", "deepseek-ai/DeepSeek-R1", "--host", "0.0.0.0", "--port", "8000",
        "--tensor-parallel-size", "8", "--max-model-len", "32768", "--max-num-seqs", "64", "--max-num-batched-tokens", "8192",
        "--quantization", "fp8",
    ]


def test_sglang_command_line_is_exact_and_reads_the_token_inside_the_container() -> None:
    assert server_arguments(spec("aws", server="sglang", precision="bf16", dynamic_batching=False, tensor_parallel=1)) == [
        "python3", "-m", "sglang.launch_server", "--model-path", "/model", "--served-model-name", "deepseek-ai/DeepSeek-R1",
        "--host", "0.0.0.0", "--port", "8000", "--tp-size", "1", "--context-length", "32768", "--max-running-requests", "64",
        "--chunked-prefill-size", "-1", "--enable-metrics", "--dtype", "bfloat16", "--api-key", '"$INFERLINE_SERVING_TOKEN"',
    ]


@pytest.mark.parametrize(
    ("precision", "dynamic", "tail"),
    [
        pytest.param("bf16", False, ["--max-num-batched-tokens", "32768", "--dtype", "bfloat16"], id="bf16-no-batching"),
        pytest.param("fp8", True, ["--max-num-batched-tokens", "8192", "--quantization", "fp8"], id="fp8-dynamic"),
        pytest.param("int8", True, ["--max-num-batched-tokens", "8192", "--dtype", "auto"], id="int8"),
        pytest.param("int4", False, ["--max-num-batched-tokens", "32768", "--dtype", "auto"], id="int4"),
    ],
)
def test_vllm_precision_and_batching(precision: str, dynamic: bool, tail: list[str]) -> None:
    assert server_arguments(spec("aws", precision=precision, dynamic_batching=dynamic))[-len(tail):] == tail


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"digest": "latest"}, "digest 'latest' is not 'sha256:' and 64 lower-case hex digits: images are pinned by digest", id="tag"),
        pytest.param({"digest": "sha256:" + "A" * 64}, "digest 'sha256:" + "A" * 64 + "' is not 'sha256:' and 64 lower-case hex digits: images are pinned by digest", id="upper"),
        pytest.param({"server": "tgi"}, "server 'tgi' is not one of ['vllm', 'sglang']", id="server"),
        pytest.param({"tensor_parallel": 0}, "tensor_parallel, max_sequences and max_context must be at least 1", id="tp"),
        pytest.param({"max_sequences": 0}, "tensor_parallel, max_sequences and max_context must be at least 1", id="seqs"),
        pytest.param({"max_context": 0}, "tensor_parallel, max_sequences and max_context must be at least 1", id="context"),
        pytest.param({"serving_port": 0}, "serving_port 0 is not a port", id="port-low"),
        pytest.param({"serving_port": 65536}, "serving_port 65536 is not a port", id="port-high"),
        pytest.param({"bucket": "a'; rm -rf /"}, "bucket 'a'; rm -rf /' has characters a shell would interpret", id="quote"),
        pytest.param({"model": "m $(id)"}, "model 'm $(id)' has characters a shell would interpret", id="expansion"),
    ],
)
def test_unrenderable_specs_are_refused_with_the_reason(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError) as error:
        render_user_data("aws", spec("aws", **changes))
    assert str(error.value) == f"cannot render the node bootstrap of site-a/primary: {message}"


def test_edge_values_render() -> None:
    for changes in ({"serving_port": 1}, {"serving_port": 65535}, {"tensor_parallel": 1, "max_sequences": 1, "max_context": 1}):
        render_user_data("aws", spec("aws", **changes))


def test_tencent_needs_the_registry_id_and_a_spec_renders_for_its_own_cloud_only() -> None:
    with pytest.raises(ValueError, match=r"a Tencent TCR login names the registry instance: registry_id is required$"):
        render_user_data("tencentcloud", spec("tencentcloud", registry_id=None))
    with pytest.raises(ValueError, match=r"the spec is for aws, not alicloud$"):
        render_user_data("alicloud", spec("aws"))
    assert "REGISTRY_ID='tcr-0a1b2c3d'" in render_user_data("tencentcloud", spec("tencentcloud"))
    assert "REGISTRY_ID" not in render_user_data("aws", spec("aws"))


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        pytest.param("AKIAABCDEFGHIJKLMNOP", ["AWS access key id"], id="aws"),
        pytest.param("key LTAI5tAbCdEfGhIjKlMn", ["Alibaba access key id"], id="alibaba"),
        pytest.param("AKIDabcdefghijklmnopqrstuvwxyz12", ["Tencent secret id"], id="tencent"),
        pytest.param("AKLTabcdefghijklmnopqrstuvwxyz", ["Volcano Engine access key id"], id="volcengine"),
        pytest.param("-----BEGIN RSA PRIVATE KEY-----", ["private key"], id="pem"),
        pytest.param("docker login -u AWS -p hunter2 host", ["inline password"], id="password"),
        pytest.param("docker login --password=hunter2 host", ["inline password"], id="password-equals"),
        pytest.param("--api-key s3cr3t", ["inline api key"], id="api-key"),
        pytest.param("Authorization: Bearer abcdefgh12345678", ["bearer token"], id="bearer"),
        pytest.param('--api-key "$INFERLINE_SERVING_TOKEN"', [], id="api-key-from-env"),
        pytest.param('docker login --username AWS --password-stdin "$REGISTRY"', [], id="password-stdin"),
        pytest.param('mkdir -p "$WEIGHTS_DIR"', [], id="mkdir-p"),
    ],
)
def test_secret_findings(text: str, kinds: list[str]) -> None:
    assert secret_findings(text) == kinds


def test_every_secret_pattern_has_a_case() -> None:
    assert len(SECRET_PATTERNS) == 8


@pytest.mark.parametrize("cloud", CLOUDS)
def test_no_rendered_bootstrap_carries_a_secret(cloud: CloudName) -> None:
    for server in ("vllm", "sglang"):
        assert secret_findings(render_user_data(cloud, spec(cloud, server=server))) == []


def test_a_secret_smuggled_into_a_field_is_refused() -> None:
    with pytest.raises(ValueError, match=r"would carry a secret: \['AWS access key id'\]$"):
        render_user_data("aws", spec("aws", bucket="AKIAABCDEFGHIJKLMNOP"))


def test_the_spec_has_no_field_that_could_hold_a_secret_value() -> None:
    fields = {field.name for field in dataclasses.fields(BootstrapSpec)}
    assert not {name for name in fields if any(word in name for word in ("token", "password", "key", "credential"))}
    assert "secret_name" in fields


_safe = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=20)


@settings(max_examples=60, deadline=None)
@given(
    cloud=st.sampled_from(CLOUDS),
    server=st.sampled_from(("vllm", "sglang")),
    bucket=_safe,
    secret=_safe,
    tp=st.integers(1, 16),
    seqs=st.integers(1, 1024),
    context=st.integers(1, 262144),
    port=st.integers(1024, 65535),
)
def test_every_valid_spec_renders_parseable_cloud_config_without_secrets(
    cloud: CloudName, server: str, bucket: str, secret: str, tp: int, seqs: int, context: int, port: int
) -> None:
    rendered = render_user_data(
        cloud, spec(cloud, server=server, bucket=bucket, secret_name=secret, tensor_parallel=tp, max_sequences=seqs, max_context=context, serving_port=port)
    )
    assert secret_findings(rendered) == []
    document = yaml.safe_load(rendered)
    assert f"BUCKET='{bucket}'" in document["write_files"][0]["content"]
    assert str(port) in document["write_files"][1]["content"]


def test_a_pools_bootstrap_takes_its_model_precision_and_gpus_and_the_sites_artifacts() -> None:
    from inferline.planning.artifacts import artifacts_spec
    from inferline.planning.bootstrap import bootstrap_spec
    from inferline.planning.naming import Names
    from tests.planning.test_artifacts import sample_pool

    for cloud in ("aws", "tencentcloud"):
        artifacts = artifacts_spec(Names("prod", "site-a"), cloud, "region-1", {}, True)
        built = bootstrap_spec(
            sample_pool(), artifacts, server="vllm", digest=DIGEST, max_context=32768, max_sequences=64, dynamic_batching=True,
            serving_port=8000, registry_host=REGISTRY_HOSTS[cloud], registry_id=REGISTRY_IDS[cloud],
            bucket="inferline-prod-site-a-models-123456789012",
        )
        assert built == spec(cloud)


def test_every_problem_is_named_at_once() -> None:
    with pytest.raises(ValueError) as error:
        render_user_data("aws", spec("aws", digest="latest", serving_port=0))
    assert str(error.value) == (
        "cannot render the node bootstrap of site-a/primary: digest 'latest' is not 'sha256:' and 64 lower-case hex digits: "
        "images are pinned by digest; serving_port 0 is not a port"
    )
