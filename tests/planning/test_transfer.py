"""The commands `inferline plan` prints to get the image, the weights and the token into a site's artifacts."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest

from inferline.clouds import CLOUDS, CloudName
from inferline.planning.artifacts import artifacts_spec
from inferline.planning.bootstrap import secret_findings
from inferline.planning.naming import Names
from inferline.planning.transfer import (
    TransferTarget,
    _store_token,
    _upload,
    hub_repository,
    planned_target,
    stack_output,
    transfer_commands,
)

DIGEST = "sha256:" + "0123456789abcdef" * 4
MODEL = "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"


def target(cloud: CloudName, registry_id: str | None = None) -> TransferTarget:
    return TransferTarget(
        cloud=cloud, region="r-1", registry_host="registry.example", repository="ns/inference-server", registry_id=registry_id,
        bucket="bucket-x", weights_prefix=f"models/{MODEL}", secret_name="site-token", key_id="key-1",
    )


def test_aws_commands_are_exact() -> None:
    assert transfer_commands(target("aws"), "vllm", DIGEST, MODEL) == [
        "aws ecr get-login-password --region r-1 | skopeo login --username AWS --password-stdin registry.example",
        f"skopeo copy --all --preserve-digests docker://docker.io/vllm/vllm-openai@{DIGEST} docker://registry.example/ns/inference-server:sha256-0123456789ab",
        f"huggingface-cli download {MODEL} --local-dir ./deepseek-ai--DeepSeek-R1-Distill-Qwen-7B",
        f"aws s3 cp --recursive ./deepseek-ai--DeepSeek-R1-Distill-Qwen-7B/ s3://bucket-x/models/{MODEL}/ --region r-1",
        "aws secretsmanager put-secret-value --region r-1 --secret-id site-token --secret-string file://serving-token.txt",
    ]


@pytest.mark.parametrize(
    ("cloud", "upload", "token"),
    [
        pytest.param("alicloud", f"aliyun oss cp -r ./m/ oss://bucket-x/models/{MODEL}/ --region r-1",
                     'aliyun kms CreateSecret --region r-1 --SecretName site-token --VersionId v1 --EncryptionKeyId key-1 --SecretData "$(cat serving-token.txt)"', id="alicloud"),
        pytest.param("tencentcloud", f"coscli cp -r ./m/ cos://bucket-x/models/{MODEL}/ -e cos.r-1.myqcloud.com",
                     'tccli ssm PutSecretValue --region r-1 --SecretName site-token --VersionId current --SecretString "$(cat serving-token.txt)"', id="tencentcloud"),
        pytest.param("huaweicloud", f"obsutil cp ./m/ obs://bucket-x/models/{MODEL}/ -r -f -flat -e obs.r-1.myhuaweicloud.com",
                     'hcloud CSMS CreateSecret --cli-region=r-1 --name=site-token --kms_key_id=key-1 --secret_string="$(cat serving-token.txt)"', id="huaweicloud"),
        pytest.param("volcengine", f"tosutil cp ./m/ tos://bucket-x/models/{MODEL}/ -r -f -flat -e tos-r-1.volces.com -re r-1",
                     've kms CreateSecret --region r-1 --SecretName site-token --SecretType Generic --SecretValue "$(cat serving-token.txt)"', id="volcengine"),
    ],
)
def test_upload_and_token_per_cloud(cloud: CloudName, upload: str, token: str) -> None:
    commands = transfer_commands(target(cloud, "reg-1"), "sglang", DIGEST, "m", hub="modelscope")
    assert commands[-3:] == ["modelscope download --model m --local_dir ./m", upload, token]
    assert f"skopeo copy --all --preserve-digests docker://docker.io/lmsysorg/sglang@{DIGEST} docker://registry.example/ns/inference-server:sha256-0123456789ab" in commands


@pytest.mark.parametrize("cloud", CLOUDS)
def test_no_command_carries_a_secret_and_the_token_comes_from_a_file(cloud: CloudName) -> None:
    commands = transfer_commands(target(cloud, "reg-1"), "vllm", DIGEST, MODEL)
    assert secret_findings("\n".join(commands)) == []
    assert "serving-token.txt" in commands[-1]


def test_tencent_login_names_the_registry_instance() -> None:
    assert transfer_commands(target("tencentcloud", "tcr-1"), "vllm", DIGEST, MODEL)[0] == (
        "tccli tcr CreateInstanceToken --region r-1 --RegistryId tcr-1 --TokenType temp > tcr-token.json"
    )


def test_an_unpinned_image_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^digest 'latest' is not 'sha256:' and 64 lower-case hex digits$"):
        transfer_commands(target("aws"), "vllm", "latest", MODEL)


READ_BUCKET = """$(pulumi stack output sites --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["sh"]["artifacts"]["bucket"])')"""


@pytest.mark.parametrize(
    ("cloud", "host", "registry_id"),
    [
        pytest.param("aws", stack_output("sh", "artifacts", "registryHost"), None, id="aws"),
        pytest.param("alicloud", "registry.r-1.aliyuncs.com", None, id="alicloud"),
        pytest.param("tencentcloud", "inferline-prod-sh.tencentcloudcr.com", stack_output("sh", "artifacts", "registryId"), id="tencentcloud"),
        pytest.param("huaweicloud", "swr.r-1.myhuaweicloud.com", None, id="huaweicloud"),
        pytest.param("volcengine", "inferline-prod-sh-r-1.cr.volces.com", "inferline-prod-sh", id="volcengine"),
    ],
)
def test_the_planned_target_fixes_what_planning_knows_and_reads_the_rest_from_the_stack(cloud: CloudName, host: str, registry_id: str | None) -> None:
    spec = artifacts_spec(Names("prod", "sh"), cloud, "r-1", {}, True)
    assert planned_target(spec, "deepseek-ai/DeepSeek-R1") == TransferTarget(
        cloud=cloud, region="r-1", registry_host=host, repository="inferline-prod-sh/inference-server", registry_id=registry_id,
        bucket=READ_BUCKET, weights_prefix="models/deepseek-ai/DeepSeek-R1", secret_name="inferline-prod-sh-serving-token",
        key_id=stack_output("sh", "kmsKeyId"),
    )


def test_a_stack_output_lookup_runs_in_a_shell(tmp_path: Path) -> None:
    fake = tmp_path / "pulumi"
    fake.write_text('#!/bin/sh\necho \'{"sh": {"artifacts": {"bucket": "bucket-from-stack"}}}\'\n', encoding="utf-8")
    fake.chmod(0o755)
    result = subprocess.run(["bash", "-c", f"echo {READ_BUCKET}"], capture_output=True, text=True, env={"PATH": f"{tmp_path}:/usr/bin:/bin"})
    assert result.stdout == "bucket-from-stack\n"


@pytest.mark.parametrize("cloud", CLOUDS)
def test_every_command_parses_as_shell(cloud: CloudName, tmp_path: Path) -> None:
    spec = artifacts_spec(Names("prod", "sh"), cloud, "r-1", {}, True)
    script = tmp_path / "transfer.sh"
    script.write_text("\n".join(transfer_commands(planned_target(spec, MODEL), "vllm", DIGEST, MODEL)) + "\n", encoding="utf-8")
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True).stderr == ""


@pytest.mark.parametrize(
    ("cloud", "login"),
    [
        pytest.param("alicloud", ["skopeo login registry.example"], id="alicloud"),
        pytest.param("huaweicloud", [
            "hcloud SWR CreateSecret --cli-region=r-1 > swr-login.json",
            "python3 -c 'import json,sys; print(json.load(sys.stdin)[\"auths\"][\"registry.example\"][\"auth\"])' < swr-login.json | base64 -d"
            " | cut -d: -f2- | skopeo login --username \"$(python3 -c 'import json,sys; print(json.load(sys.stdin)[\"auths\"][\"registry.example\"]"
            "[\"auth\"])' < swr-login.json | base64 -d | cut -d: -f1)\" --password-stdin registry.example",
            "rm swr-login.json",
        ], id="huaweicloud"),
        pytest.param("volcengine", [
            "ve cr GetAuthorizationToken --Registry reg-1 > cr-token.json",
            "python3 -c 'import json,sys; print(json.load(sys.stdin)[\"Result\"][\"Token\"])' < cr-token.json | skopeo login --username "
            "\"$(python3 -c 'import json,sys; print(json.load(sys.stdin)[\"Result\"][\"Username\"])' < cr-token.json)\" --password-stdin registry.example",
            "rm cr-token.json",
        ], id="volcengine"),
    ],
)
def test_registry_logins_take_the_password_from_stdin(cloud: CloudName, login: list[str]) -> None:
    assert transfer_commands(target(cloud, "reg-1"), "vllm", DIGEST, MODEL)[: len(login)] == login


def test_no_command_holds_a_placeholder_a_shell_would_take_for_a_redirection() -> None:
    for cloud in CLOUDS:
        spec = artifacts_spec(Names("prod", "sh"), cloud, "r-1", {}, True)
        for command in transfer_commands(planned_target(spec, MODEL), "vllm", DIGEST, MODEL):
            assert re.search(r"<[a-z][a-z-]*>", command) is None, command


def test_tencent_login_is_exact() -> None:
    assert transfer_commands(target("tencentcloud", "tcr-1"), "vllm", DIGEST, MODEL)[:3] == [
        "tccli tcr CreateInstanceToken --region r-1 --RegistryId tcr-1 --TokenType temp > tcr-token.json",
        "python3 -c 'import json,sys; print(json.load(sys.stdin)[\"Token\"])' < tcr-token.json | skopeo login --username "
        "\"$(python3 -c 'import json,sys; print(json.load(sys.stdin)[\"Username\"])' < tcr-token.json)\" --password-stdin registry.example",
        "rm tcr-token.json",
    ]


def test_a_cloud_without_commands_is_named() -> None:
    unknown = dataclasses.replace(target("aws"), cloud="gcp")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^Cloud 'gcp' has no registry login$"):
        transfer_commands(unknown, "vllm", DIGEST, MODEL)
    with pytest.raises(ValueError, match=r"^Cloud 'gcp' has no object storage upload$"):
        _upload(unknown, "./m")
    with pytest.raises(ValueError, match=r"^Cloud 'gcp' has no secret store$"):
        _store_token(unknown)


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        pytest.param("DeepSeek-R1", "deepseek-ai/DeepSeek-R1", id="catalog-name-under-its-publisher"),
        pytest.param("my-org/my-model", "my-org/my-model", id="inline-hub-id-as-written"),
        pytest.param("local-name", "local-name", id="inline-name-not-in-the-catalog"),
    ],
)
def test_hub_repository(model: str, expected: str) -> None:
    assert hub_repository(model, {"DeepSeek-R1", "DeepSeek-R1-Distill-Qwen-7B"}) == expected
