"""The commands that get the inference server image and the model weights into a site's registry and bucket,
and the serving token into its secret: what ``inferline plan`` prints for the configured model.

They run on an operator's machine that can reach the public registry and model hub and has the cloud's CLI
signed in with the operator's own credentials; nodes never reach either hub. The image is copied by digest
with every platform (``skopeo copy --all --preserve-digests``), so the digest nodes pull is the digest pinned
in the configuration. Pure: no Pulumi imports, nothing run.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from inferline.clouds import CloudName
from inferline.planning.artifacts import ArtifactsSpec, weights_prefix
from inferline.planning.bootstrap import DIGEST, Server

ModelHub = Literal["huggingface", "modelscope"]
#: The upstream images (the projects' own repositories on Docker Hub).
UPSTREAM_IMAGES: dict[Server, str] = {"vllm": "docker.io/vllm/vllm-openai", "sglang": "docker.io/lmsysorg/sglang"}
#: The file the operator writes the serving token to (never a command-line argument, never in a stack file).
TOKEN_FILE = "serving-token.txt"


@dataclass(frozen=True)
class TransferTarget:
    """Where one site's artifacts go: from the site's stack outputs (``artifacts`` of the site)."""

    cloud: CloudName
    region: str
    registry_host: str
    repository: str
    #: The registry instance, where the cloud's login names it (Tencent TCR, Volcano Engine CR).
    registry_id: str | None
    bucket: str
    weights_prefix: str
    secret_name: str
    #: The site key, where the operator creates the secret (the clouds whose SDK cannot create it empty).
    key_id: str


#: Where the catalog's models are published: every one is a DeepSeek release (their model cards, cited in
#: inferline/catalog/data/models.csv), under the deepseek-ai organisation of the model hubs.
CATALOG_PUBLISHER = "deepseek-ai"


def hub_repository(model: str, catalog: Collection[str]) -> str:
    """The model hub repository to download ``model`` from: a catalog name under its publisher; an inline model's
    name as written (``org/name``)."""
    return f"{CATALOG_PUBLISHER}/{model}" if model in catalog and "/" not in model else model


def stack_output(site: str, *keys: str) -> str:
    """A shell substitution that reads ``sites.<site>.<keys...>`` from the stack's outputs after `pulumi up`."""
    path = "".join(f'["{key}"]' for key in keys)
    read = f'print(json.load(sys.stdin)["{site}"]{path})'
    return f"$(pulumi stack output sites --json | python3 -c 'import json,sys; {read}')"


def planned_target(spec: ArtifactsSpec, model: str) -> TransferTarget:
    """The target as `inferline plan` knows it before anything exists: names that planning fixes are literal,
    what only the cloud knows (an AWS account's registry, bucket names with an account or key id, a TCR
    instance id) is read from the stack's outputs when the commands run."""
    site, region = spec.names.site, spec.region
    hosts: dict[CloudName, str] = {
        "aws": stack_output(site, "artifacts", "registryHost"),
        # Pushes go to the public endpoint; nodes pull through registry-vpc.<region>.aliyuncs.com.
        "alicloud": f"registry.{region}.aliyuncs.com",
        "tencentcloud": f"{spec.namespace}.tencentcloudcr.com",
        "huaweicloud": f"swr.{region}.myhuaweicloud.com",
        "volcengine": f"{spec.namespace}-{region}.cr.volces.com",
    }
    registry_ids: dict[CloudName, str | None] = {
        "aws": None, "alicloud": None, "tencentcloud": stack_output(site, "artifacts", "registryId"), "huaweicloud": None, "volcengine": spec.namespace,
    }
    return TransferTarget(
        cloud=spec.cloud,
        region=region,
        registry_host=hosts[spec.cloud],
        repository=spec.repository_path,
        registry_id=registry_ids[spec.cloud],
        bucket=stack_output(site, "artifacts", "bucket"),
        weights_prefix=weights_prefix(model),
        secret_name=spec.secret_name,
        key_id=stack_output(site, "kmsKeyId"),
    )


def transfer_commands(target: TransferTarget, server: Server, digest: str, model: str, hub: ModelHub = "huggingface") -> list[str]:
    """Shell commands, in order: copy the image by digest, download the weights, upload them, store the token."""
    if DIGEST.fullmatch(digest) is None:
        raise ValueError(f"digest '{digest}' is not 'sha256:' and 64 lower-case hex digits")
    local = f"./{model.replace('/', '--')}"
    upstream = f"{UPSTREAM_IMAGES[server]}@{digest}"
    # A tag for people reading the registry; nodes pull by digest and tags are immutable where the registry can.
    tag = digest.replace(":", "-")[:19]
    destination = f"{target.registry_host}/{target.repository}:{tag}"
    download = (
        f"huggingface-cli download {model} --local-dir {local}"
        if hub == "huggingface"
        else f"modelscope download --model {model} --local_dir {local}"
    )
    return [
        *_registry_login(target),
        f"skopeo copy --all --preserve-digests docker://{upstream} docker://{destination}",
        download,
        _upload(target, local),
        _store_token(target),
    ]


def _registry_login(target: TransferTarget) -> list[str]:
    host, region = target.registry_host, target.region
    login = f"skopeo login --username {{user}} --password-stdin {host}"

    def field(path: str, file: str) -> str:
        return f"python3 -c 'import json,sys; print(json.load(sys.stdin){path})' < {file}"

    match target.cloud:
        case "aws":
            return [f"aws ecr get-login-password --region {region} | " + login.format(user="AWS")]
        case "alicloud":
            # ACR Personal Edition: skopeo asks for the account's login name and the registry password set once
            # in the ACR console.
            return [f"skopeo login {host}"]
        case "tencentcloud":
            token, user = field('["Token"]', "tcr-token.json"), field('["Username"]', "tcr-token.json")
            return [
                f"tccli tcr CreateInstanceToken --region {region} --RegistryId {target.registry_id} --TokenType temp > tcr-token.json",
                f"{token} | " + login.format(user=f'"$({user})"'),
                "rm tcr-token.json",
            ]
        case "huaweicloud":
            # CreateSecret answers {"auths": {host: {"auth": base64("user:password")}}}, docker's config format.
            auth = field(f'["auths"]["{host}"]["auth"]', "swr-login.json") + " | base64 -d"
            return [
                f"hcloud SWR CreateSecret --cli-region={region} > swr-login.json",
                f"{auth} | cut -d: -f2- | " + login.format(user=f'"$({auth} | cut -d: -f1)"'),
                "rm swr-login.json",
            ]
        case "volcengine":
            token, user = field('["Result"]["Token"]', "cr-token.json"), field('["Result"]["Username"]', "cr-token.json")
            return [
                f"ve cr GetAuthorizationToken --Registry {target.registry_id} > cr-token.json",
                f"{token} | " + login.format(user=f'"$({user})"'),
                "rm cr-token.json",
            ]
    raise ValueError(f"Cloud '{target.cloud}' has no registry login")


def _upload(target: TransferTarget, local: str) -> str:
    bucket, prefix, region = target.bucket, target.weights_prefix, target.region
    match target.cloud:
        case "aws":
            return f"aws s3 cp --recursive {local}/ s3://{bucket}/{prefix}/ --region {region}"
        case "alicloud":
            return f"aliyun oss cp -r {local}/ oss://{bucket}/{prefix}/ --region {region}"
        case "tencentcloud":
            return f"coscli cp -r {local}/ cos://{bucket}/{prefix}/ -e cos.{region}.myqcloud.com"
        case "huaweicloud":
            return f"obsutil cp {local}/ obs://{bucket}/{prefix}/ -r -f -flat -e obs.{region}.myhuaweicloud.com"
        case "volcengine":
            return f"tosutil cp {local}/ tos://{bucket}/{prefix}/ -r -f -flat -e tos-{region}.volces.com -re {region}"
    raise ValueError(f"Cloud '{target.cloud}' has no object storage upload")


def _store_token(target: TransferTarget) -> str:
    secret, region = target.secret_name, target.region
    match target.cloud:
        case "aws":
            return f"aws secretsmanager put-secret-value --region {region} --secret-id {secret} --secret-string file://{TOKEN_FILE}"
        case "alicloud":
            # The SDK cannot create the secret without its value: the operator creates it (see capabilities).
            return (f"aliyun kms CreateSecret --region {region} --SecretName {secret} --VersionId v1 "
                    f"--EncryptionKeyId {target.key_id} --SecretData \"$(cat {TOKEN_FILE})\"")
        case "tencentcloud":
            return (f"tccli ssm PutSecretValue --region {region} --SecretName {secret} --VersionId current "
                    f"--SecretString \"$(cat {TOKEN_FILE})\"")
        case "huaweicloud":
            # The SDK cannot create the secret without its value: the operator creates it with its first version.
            return (f"hcloud CSMS CreateSecret --cli-region={region} --name={secret} --kms_key_id={target.key_id} "
                    f"--secret_string=\"$(cat {TOKEN_FILE})\"")
        case "volcengine":
            return (f"ve kms CreateSecret --region {region} --SecretName {secret} --SecretType Generic "
                    f"--SecretValue \"$(cat {TOKEN_FILE})\"")
    raise ValueError(f"Cloud '{target.cloud}' has no secret store")


__all__ = ["CATALOG_PUBLISHER", "TOKEN_FILE", "UPSTREAM_IMAGES", "ModelHub", "TransferTarget", "hub_repository", "planned_target", "stack_output", "transfer_commands"]
