"""Node bootstrap: the cloud-init a GPU node boots with, rendered from a template shipped with inferline.

The node installs nothing from public hubs. With its instance identity (no key in user data) it reads the
serving token from the cloud's secret store onto tmpfs, logs in to the site's registry, pulls the inference
server image by digest, copies the weights from the site's bucket to local NVMe, and runs the
OpenAI-compatible server with ``/health`` and ``/metrics`` on the serving port. Pure: no Pulumi imports.
The pool adapter renders it once the registry host and bucket name are known (``Output.apply``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from string import Template

from inferline.clouds import CloudName
from inferline.config.serving import InferenceServer
from inferline.planning.artifacts import ArtifactsSpec, weights_prefix
from inferline.planning.serving import PoolRole, PoolSpec, Precision

Server = InferenceServer
SERVERS: tuple[Server, ...] = ("vllm", "sglang")
#: An image digest as registries print it: ``sha256:`` and 64 hex digits (OCI image spec, "Digests").
DIGEST = re.compile(r"sha256:[0-9a-f]{64}")
#: Where the node keeps the weights: the mount point of its local NVMe.
DEFAULT_LOCAL_DIR = "/mnt/nvme"
#: Prompt tokens per scheduler step with dynamic batching: long prompts are prefilled in chunks of this size,
#: mixed into the running decode batch (vLLM --max-num-batched-tokens, SGLang --chunked-prefill-size).
DYNAMIC_BATCH_TOKENS = 8192
#: The environment variable the server reads the token from (vLLM reads VLLM_API_KEY as --api-key's default;
#: SGLang takes --api-key only, given from this variable inside the container). Neither asks for it on /health
#: or /metrics, so the load balancer and the scraper need none: vLLM's AuthenticationMiddleware skips every path
#: outside /v1, SGLang's add_api_key_middleware lets /health and /metrics through (both projects' sources).
TOKEN_ENV: dict[Server, str] = {"vllm": "VLLM_API_KEY", "sglang": "INFERLINE_SERVING_TOKEN"}
_TEMPLATE = "cloud-init.yaml.tmpl"
_INDENT = " " * 6


@dataclass(frozen=True)
class BootstrapSpec:
    """Everything one node needs to serve, none of it secret."""

    cloud: CloudName
    site: str
    pool: str
    region: str
    server: Server
    #: The server's repository in the site's registry (``host/namespace/repository``) and its pinned digest.
    registry_host: str
    repository: str
    digest: str
    #: The registry instance id, where logging in names it (Tencent TCR); None elsewhere.
    registry_id: str | None
    model: str
    precision: Precision
    #: GPUs of one node, all one replica: the tensor-parallel size.
    tensor_parallel: int
    max_context: int
    #: Requests decoded together per replica (the planner's concurrency per replica).
    max_sequences: int
    dynamic_batching: bool
    serving_port: int
    bucket: str
    weights_prefix: str
    #: The secret holding the serving token (its name; the value is never here).
    secret_name: str
    #: The node identity's name (RAM role, CAM role, agency, IAM role), where the node's tools name it.
    identity_name: str
    local_dir: str = DEFAULT_LOCAL_DIR

    @property
    def image(self) -> str:
        return f"{self.registry_host}/{self.repository}@{self.digest}"

    def problems(self) -> list[str]:
        """What makes the spec unrenderable; empty when it renders."""
        found = []
        if DIGEST.fullmatch(self.digest) is None:
            found.append(f"digest '{self.digest}' is not 'sha256:' and 64 lower-case hex digits: images are pinned by digest")
        if self.server not in SERVERS:
            found.append(f"server '{self.server}' is not one of {list(SERVERS)}")
        if self.tensor_parallel < 1 or self.max_sequences < 1 or self.max_context < 1:
            found.append("tensor_parallel, max_sequences and max_context must be at least 1")
        if not 1 <= self.serving_port <= 65535:
            found.append(f"serving_port {self.serving_port} is not a port")
        if self.cloud == "tencentcloud" and not self.registry_id:
            found.append("a Tencent TCR login names the registry instance: registry_id is required")
        for name in ("registry_host", "repository", "bucket", "weights_prefix", "secret_name", "identity_name", "local_dir", "model", "region"):
            value = getattr(self, name)
            if not _SHELL_SAFE.fullmatch(value):
                found.append(f"{name} '{value}' has characters a shell would interpret")
        return found


#: Values go into single-quoted shell assignments: no quote, no whitespace, nothing a shell expands.
_SHELL_SAFE = re.compile(r"[A-Za-z0-9._:/@+-]+")


@dataclass(frozen=True)
class NodeTools:
    """How one cloud's node does each step with its instance identity, as shell over the script's variables."""

    tools: tuple[str, ...]
    setup: tuple[str, ...]
    registry_login: tuple[str, ...]
    copy_weights: tuple[str, ...]
    #: A command that prints the token (and nothing else) on stdout.
    fetch_token: str
    source: str


_PY_JSON = "python3 -c 'import json,sys; print(json.load(sys.stdin){path})'"


def _json(path: str) -> str:
    return _PY_JSON.format(path=path)


NODE_TOOLS: dict[CloudName, NodeTools] = {
    "aws": NodeTools(
        tools=("aws",),
        setup=(),
        registry_login=('aws ecr get-login-password --region "$REGION" | docker login --username AWS --password-stdin "$REGISTRY"',),
        copy_weights=('aws s3 cp --recursive --only-show-errors "s3://$BUCKET/$WEIGHTS_PREFIX/" "$WEIGHTS_DIR/"',),
        fetch_token='aws secretsmanager get-secret-value --region "$REGION" --secret-id "$SECRET" --query SecretString --output text',
        source="AWS CLI v2 reads the instance profile through IMDSv2 (ECR 'Private registry authentication'; "
        "Secrets Manager 'get-secret-value')",
    ),
    "alicloud": NodeTools(
        tools=("aliyun",),
        setup=('aliyun configure set --profile inferline --mode EcsRamRole --ram-role-name "$IDENTITY" --region "$REGION"',),
        registry_login=(
            "auth=$(aliyun cr GetAuthorizationToken --profile inferline)",
            "user=$(printf '%s' \"$auth\" | " + _json('["data"]["tempUserName"]') + ")",
            "printf '%s' \"$auth\" | " + _json('["data"]["authorizationToken"]') + ' | docker login --username "$user" --password-stdin "$REGISTRY"',
        ),
        copy_weights=('aliyun oss cp --profile inferline -r -f "oss://$BUCKET/$WEIGHTS_PREFIX/" "$WEIGHTS_DIR/" --endpoint "oss-$REGION-internal.aliyuncs.com"',),
        fetch_token='aliyun kms GetSecretValue --profile inferline --SecretName "$SECRET" | ' + _json('["SecretData"]'),
        source="Alibaba Cloud CLI EcsRamRole mode (instance RAM role credentials from metadata); OSS internal endpoint",
    ),
    "tencentcloud": NodeTools(
        tools=("tccli", "coscli"),
        setup=(),
        registry_login=(
            'auth=$(tccli tcr CreateInstanceToken --use-cvm-role --region "$REGION" --RegistryId "$REGISTRY_ID" --TokenType temp)',
            "user=$(printf '%s' \"$auth\" | " + _json('["Username"]') + ")",
            "printf '%s' \"$auth\" | " + _json('["Token"]') + ' | docker login --username "$user" --password-stdin "$REGISTRY"',
        ),
        copy_weights=('coscli cp -r "cos://$BUCKET/$WEIGHTS_PREFIX/" "$WEIGHTS_DIR/" --mode CvmRole --cvm-role-name "$IDENTITY" -e "cos.$REGION.myqcloud.com"',),
        fetch_token='tccli ssm GetSecretValue --use-cvm-role --region "$REGION" --SecretName "$SECRET" --VersionId current | ' + _json('["SecretString"]'),
        source="TCCLI --use-cvm-role (cloud.tencent.com/document/product/440/96291); coscli's CvmRole mode is unverified",
    ),
    "huaweicloud": NodeTools(
        tools=("hcloud", "obsutil"),
        setup=(),
        registry_login=(
            "auth=$(hcloud SWR CreateSecret --cli-region=\"$REGION\" | " + _json('["auths"][sys.argv[1]]["auth"]') + ' "$REGISTRY")',
            "printf '%s' \"$auth\" | base64 -d | cut -d: -f2- | docker login --username \"$(printf '%s' \"$auth\" | base64 -d | cut -d: -f1)\" --password-stdin \"$REGISTRY\"",
        ),
        copy_weights=(
            # The agency's temporary keys from the ECS metadata service, valid for the copy only.
            "keys=$(curl -sf http://169.254.169.254/openstack/latest/securitykey)",
            "obsutil cp \"obs://$BUCKET/$WEIGHTS_PREFIX/\" \"$WEIGHTS_DIR/\" -r -f -flat -e \"obs.$REGION.myhuaweicloud.com\" "
            "-i \"$(printf '%s' \"$keys\" | " + _json('["credential"]["access"]') + ")\" "
            "-k \"$(printf '%s' \"$keys\" | " + _json('["credential"]["secret"]') + ")\" "
            "-t \"$(printf '%s' \"$keys\" | " + _json('["credential"]["securitytoken"]') + ")\"",
            "unset keys",
        ),
        fetch_token='hcloud CSMS ShowSecretVersion --cli-region="$REGION" --secret_name="$SECRET" --version_id=latest | ' + _json('["version"]["secret_string"]'),
        source="KooCLI falls back to the ECS agency when no profile is set (hcli_faq/hcli_11_002); ECS metadata securitykey",
    ),
    "volcengine": NodeTools(
        tools=("ve", "tosutil"),
        setup=('ve configure set --profile inferline --region "$REGION" --mode ecsrole --role-name "$IDENTITY"',),
        registry_login=(
            'auth=$(ve cr GetAuthorizationToken --profile inferline --Registry "$REGISTRY_ID")',
            "user=$(printf '%s' \"$auth\" | " + _json('["Result"]["Username"]') + ")",
            "printf '%s' \"$auth\" | " + _json('["Result"]["Token"]') + ' | docker login --username "$user" --password-stdin "$REGISTRY"',
        ),
        copy_weights=('tosutil cp "tos://$BUCKET/$WEIGHTS_PREFIX/" "$WEIGHTS_DIR/" -r -f -flat -e "tos-$REGION.ivolces.com" -re "$REGION" --mode ecsrole',),
        fetch_token='ve kms GetSecretValue --profile inferline --SecretName "$SECRET" | ' + _json('["Result"]["SecretValue"]'),
        source="unverified: Volcano Engine CLI (ve) and tosutil instance-role modes were not found in the docs searched",
    ),
}


@dataclass(frozen=True)
class NodeBootPlan:
    """How every node of a site's pools boots, final: all but what only the cloud knows once the site's artifacts
    exist (registry host and id, bucket name), which the pools fill in through ``bootstrap_spec``."""

    server: Server
    digest: str
    #: The VM image the nodes boot (AWS: ``resolve:ssm:`` of the DLAMI parameter, resolved at each launch).
    image: str
    max_context: int
    dynamic_batching: bool
    serving_port: int
    #: Requests one replica runs at once, by pool role (vLLM ``--max-num-seqs``, SGLang ``--max-running-requests``):
    #: the concurrency the capacity planner sized the replica for.
    max_sequences: tuple[tuple[PoolRole, int], ...]

    def sequences(self, role: PoolRole) -> int:
        return dict(self.max_sequences)[role]


def bootstrap_spec(
    pool: PoolSpec,
    artifacts: ArtifactsSpec,
    *,
    server: Server,
    digest: str,
    max_context: int,
    max_sequences: int,
    dynamic_batching: bool,
    serving_port: int,
    registry_host: str,
    registry_id: str | None,
    bucket: str,
) -> BootstrapSpec:
    """The bootstrap of one pool's nodes: the pool's model, precision and GPUs, the site's artifacts. The pool
    adapter calls it inside ``Output.apply`` with the registry host, registry id and bucket the artifacts
    capability returned; everything else is planned."""
    return BootstrapSpec(
        cloud=artifacts.cloud,
        site=artifacts.names.site,
        pool=pool.role,
        region=artifacts.region,
        server=server,
        registry_host=registry_host,
        repository=artifacts.repository_path,
        digest=digest,
        registry_id=registry_id,
        model=pool.model,
        precision=pool.precision,
        tensor_parallel=pool.gpus_per_node,
        max_context=max_context,
        max_sequences=max_sequences,
        dynamic_batching=dynamic_batching,
        serving_port=serving_port,
        bucket=bucket,
        weights_prefix=weights_prefix(pool.model),
        secret_name=artifacts.secret_name,
        identity_name=artifacts.identity_name,
    )


def server_arguments(spec: BootstrapSpec) -> list[str]:
    """The server's command line inside the container (weights at /model, token from the environment)."""
    batched = DYNAMIC_BATCH_TOKENS if spec.dynamic_batching else spec.max_context
    if spec.server == "vllm":
        # vLLM's OpenAI server serves /health and /metrics on its port ("OpenAI-Compatible Server" docs).
        args = [
            "--model", "/model", "--served-model-name", spec.model, "--host", "0.0.0.0", "--port", str(spec.serving_port),
            "--tensor-parallel-size", str(spec.tensor_parallel), "--max-model-len", str(spec.max_context),
            "--max-num-seqs", str(spec.max_sequences), "--max-num-batched-tokens", str(batched),
        ]
        return args + _VLLM_PRECISION[spec.precision]
    # SGLang serves /health always and /metrics only with --enable-metrics; -1 turns chunked prefill off.
    return [
        "python3", "-m", "sglang.launch_server", "--model-path", "/model", "--served-model-name", spec.model,
        "--host", "0.0.0.0", "--port", str(spec.serving_port), "--tp-size", str(spec.tensor_parallel),
        "--context-length", str(spec.max_context), "--max-running-requests", str(spec.max_sequences),
        "--chunked-prefill-size", str(DYNAMIC_BATCH_TOKENS if spec.dynamic_batching else -1), "--enable-metrics",
        *_SGLANG_PRECISION[spec.precision], "--api-key", f'"${TOKEN_ENV["sglang"]}"',
    ]


#: bf16 as weights' dtype; fp8 quantises at load where the checkpoint is not already FP8; int8 and int4 need a
#: pre-quantised checkpoint (AWQ, GPTQ, W8A8), whose config.json names its method, which both servers read.
_VLLM_PRECISION: dict[Precision, list[str]] = {
    "bf16": ["--dtype", "bfloat16"],
    "fp8": ["--quantization", "fp8"],
    "int8": ["--dtype", "auto"],
    "int4": ["--dtype", "auto"],
}
_SGLANG_PRECISION: dict[Precision, list[str]] = {
    "bf16": ["--dtype", "bfloat16"],
    "fp8": ["--quantization", "fp8"],
    "int8": ["--dtype", "auto"],
    "int4": ["--dtype", "auto"],
}


def render_user_data(cloud: CloudName, spec: BootstrapSpec) -> str:
    """The node's cloud-init for ``cloud``; ValueError when the spec is unrenderable or the result holds a secret."""
    problems = spec.problems()
    if spec.cloud != cloud:
        problems.append(f"the spec is for {spec.cloud}, not {cloud}")
    if problems:
        raise ValueError(f"cannot render the node bootstrap of {spec.site}/{spec.pool}: " + "; ".join(problems))
    tools = NODE_TOOLS[cloud]
    template = Template(resources.files("inferline.planning").joinpath("templates", _TEMPLATE).read_text(encoding="utf-8"))
    setup = list(tools.setup)
    if spec.registry_id is not None:
        setup.insert(0, f"REGISTRY_ID='{spec.registry_id}'")
    rendered = template.substitute(
        site=spec.site,
        cloud=cloud,
        pool=spec.pool,
        region=spec.region,
        registry_host=spec.registry_host,
        image=spec.image,
        bucket=spec.bucket,
        weights_prefix=spec.weights_prefix,
        secret=spec.secret_name,
        identity=spec.identity_name,
        local_dir=spec.local_dir,
        tools=" ".join(tools.tools),
        setup=_lines(setup),
        fetch_token=tools.fetch_token,
        token_env=TOKEN_ENV[spec.server],
        registry_login=_lines(tools.registry_login),
        copy_weights=_lines(tools.copy_weights),
        server_command=_command(spec),
        server=spec.server,
        port=spec.serving_port,
    )
    found = secret_findings(rendered)
    if found:  # unreachable with a valid spec: no field carries a secret; kept as the last line of defence
        raise ValueError(f"the node bootstrap of {spec.site}/{spec.pool} would carry a secret: {found}")
    return rendered


def _lines(lines: list[str] | tuple[str, ...]) -> str:
    return "\n".join(_INDENT + line for line in lines) if lines else _INDENT + ":"


def _command(spec: BootstrapSpec) -> str:
    args = server_arguments(spec)
    if spec.server == "sglang":
        # The token reaches SGLang's --api-key through a shell inside the container, never through user data.
        return _INDENT + "  sh -c " + "'exec " + " ".join(args) + "'"
    # One flag and its value per line.
    lines: list[str] = []
    for arg in args:
        if lines and not arg.startswith("--") and lines[-1].startswith("--") and " " not in lines[-1]:
            lines[-1] += f" {arg}"
        else:
            lines.append(arg)
    return " \\\n".join(_INDENT + "  " + line for line in lines)


#: What a credential looks like in text: cloud access-key ids, PEM private keys, inline passwords and tokens.
SECRET_PATTERNS: dict[str, re.Pattern[str]] = {
    "AWS access key id": re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
    "Alibaba access key id": re.compile(r"\bLTAI[0-9A-Za-z]{12,20}\b"),
    "Tencent secret id": re.compile(r"\bAKID[0-9A-Za-z]{13,40}\b"),
    "Volcano Engine access key id": re.compile(r"\bAKL[TU][0-9A-Za-z]{20,}\b"),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "inline password": re.compile(r"login\b[^\n]*\s(--password|-p)[ =]|password-stdin\s*<<<"),
    "inline api key": re.compile(r"--api-key[ =](?![\"']?\$)\S+"),
    "bearer token": re.compile(r"Bearer\s+[A-Za-z0-9._~+/-]{8,}"),
}


def secret_findings(text: str) -> list[str]:
    """The kinds of credential found in ``text`` (empty when none): user data is readable from the instance."""
    return [kind for kind, pattern in SECRET_PATTERNS.items() if pattern.search(text)]


__all__ = [
    "DIGEST",
    "NODE_TOOLS",
    "SERVERS",
    "BootstrapSpec",
    "NodeTools",
    "Server",
    "bootstrap_spec",
    "render_user_data",
    "secret_findings",
    "server_arguments",
]
