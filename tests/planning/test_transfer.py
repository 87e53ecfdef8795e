"""The commands `inferline plan` prints to get the image, the weights and the token into a site's artifacts."""

from __future__ import annotations

import pytest

from inferline.clouds import CLOUDS, CloudName
from inferline.planning.bootstrap import secret_findings
from inferline.planning.transfer import TransferTarget, transfer_commands

DIGEST = "sha256:" + "0123456789abcdef" * 4
MODEL = "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"


def target(cloud: CloudName, registry_id: str | None = None) -> TransferTarget:
    return TransferTarget(
        cloud=cloud, region="r-1", registry_host="registry.example", repository="ns/inference-server", registry_id=registry_id,
        bucket="bucket-x", weights_prefix=f"models/{MODEL}", secret_name="site-token",
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
                     'aliyun kms CreateSecret --region r-1 --SecretName site-token --VersionId v1 --EncryptionKeyId <site-kms-key-id> --SecretData "$(cat serving-token.txt)"', id="alicloud"),
        pytest.param("tencentcloud", f"coscli cp -r ./m/ cos://bucket-x/models/{MODEL}/ -e cos.r-1.myqcloud.com",
                     'tccli ssm PutSecretValue --region r-1 --SecretName site-token --VersionId current --SecretString "$(cat serving-token.txt)"', id="tencentcloud"),
        pytest.param("huaweicloud", f"obsutil cp ./m/ obs://bucket-x/models/{MODEL}/ -r -f -flat -e obs.r-1.myhuaweicloud.com",
                     'hcloud CSMS CreateSecretVersion --cli-region=r-1 --secret_name=site-token --secret_string="$(cat serving-token.txt)"', id="huaweicloud"),
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
