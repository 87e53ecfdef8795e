"""`inferline:serving` — the model a stack serves and what capacity planning needs to size its GPU pools."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from inferline.catalog import CatalogError, GpuType, models, parse_gpu_csv
from inferline.clouds import CloudName
from inferline.config.base import StrictModel
from inferline.errors import ConfigError, Problem

Precision = Literal["bf16", "fp8", "int8", "int4"]
Interconnect = Literal["nvlink", "pcie"]

#: Primary-pool utilisation above which the overflow pool takes traffic (issue #10 item 7).
DEFAULT_OVERFLOW_ABOVE = 0.85
#: Seconds a new node gets to load its model before failed health checks replace it.
DEFAULT_HEALTH_CHECK_GRACE_S = 900
#: Utilisation each replica is planned at: the rest absorbs bursts until scale-out lands.
DEFAULT_TARGET_UTILISATION = 0.8
#: Read rate of weights from the site's object storage to local disk, GB/s (a stated model input).
DEFAULT_WEIGHTS_READ_GB_S = 1.0
#: Replicas a standby site keeps running (warm) while it does not serve.
DEFAULT_STANDBY_WARM_REPLICAS = 1

#: `H200`, `H200:8`, `H200:141GB`, `H200:141GB:8` (dstack's GPU short notation).
GPU_PIN_PATTERN = re.compile(r"^(?P<model>[A-Za-z][A-Za-z0-9-]*)(?::(?P<memory>\d+)GB)?(?::(?P<count>\d+))?$")


@dataclass(frozen=True)
class GpuPin:
    """A pinned GPU: model, and optionally memory per GPU and GPUs per node."""

    model: str
    memory_gb: int | None
    count: int | None

    def matches(self, gpu_type: GpuType) -> bool:
        return (
            gpu_type.gpu_model.lower() == self.model.lower()
            and self.memory_gb in (None, gpu_type.gpu_memory_gb)
            and self.count in (None, gpu_type.gpus)
        )


def parse_gpu_pin(text: str) -> GpuPin:
    match = GPU_PIN_PATTERN.match(text)
    if match is None:
        raise ValueError(f"'{text}' is not a GPU pin; write MODEL[:MEMORYGB][:COUNT], e.g. H200:141GB:8")
    memory, count = match["memory"], match["count"]
    if count is not None and int(count) < 1:
        raise ValueError(f"'{text}': the GPU count must be at least 1")
    return GpuPin(model=match["model"], memory_gb=int(memory) if memory else None, count=int(count) if count else None)


class TokensPerRequest(StrictModel):
    prompt: Annotated[int, Field(ge=1, le=1_000_000, description="Prompt tokens of a typical request.")]
    output: Annotated[int, Field(ge=1, le=1_000_000, description="Generated tokens of a typical request.")]


class ModelDescription(StrictModel):
    """A model not in the catalog, described inline with the facts memory and the roofline need."""

    name: Annotated[str, Field(min_length=1, max_length=80, description="Model name, as the inference server loads it.")]
    parameters_b: Annotated[float, Field(gt=0, description="Total parameters, billions.")]
    active_parameters_b: Annotated[float | None, Field(gt=0, description="Parameters active per token (MoE), billions. Defaults to all of them (dense).")] = None
    layers: Annotated[int, Field(ge=1, description="Transformer layers.")]
    kv_heads: Annotated[int | None, Field(ge=1, description="Key/value heads (GQA). Required unless kv_latent_dim is set.")] = None
    head_dim: Annotated[int | None, Field(ge=1, description="Dimension of one attention head. Required unless kv_latent_dim is set.")] = None
    kv_latent_dim: Annotated[int | None, Field(ge=1, description="Multi-head latent attention: cached width per layer and token.")] = None
    max_context: Annotated[int, Field(ge=1, description="Longest context the model supports, tokens.")]

    @model_validator(mode="after")
    def _cache_shape(self) -> ModelDescription:
        if self.kv_latent_dim is None and (self.kv_heads is None or self.head_dim is None):
            raise ValueError("needs kv_heads and head_dim, or kv_latent_dim for latent attention")
        if self.active_parameters_b is not None and self.active_parameters_b > self.parameters_b:
            raise ValueError("active_parameters_b must not exceed parameters_b")
        return self


class GpuCatalogRow(StrictModel):
    """An instance type added to (or replacing the same cloud and type in) the GPU catalog."""

    cloud: Annotated[CloudName, Field(description="Cloud of the instance type.")]
    instance_type: Annotated[str, Field(min_length=1, description="Instance type as the cloud spells it.")]
    gpu_model: Annotated[str, Field(min_length=1, description="GPU model, e.g. H200 (names in inferline/catalog/data/gpu_models.csv).")]
    gpus: Annotated[int, Field(ge=1, le=16, description="GPUs per node.")]
    gpu_memory_gb: Annotated[int, Field(ge=1, description="Memory per GPU, GB.")]
    vcpu: Annotated[int | None, Field(ge=1, description="vCPUs. Defaults to unknown.")] = None
    ram_gb: Annotated[int | None, Field(ge=1, description="RAM, GB. Defaults to unknown.")] = None
    nvme_gb: Annotated[int | None, Field(ge=0, description="Local NVMe, GB. Defaults to none.")] = None
    interconnect: Annotated[Interconnect, Field(description="GPU interconnect within a node.")]
    multi_node: Annotated[bool, Field(description="Whether one replica may span several nodes (RDMA-class networking). Defaults to false.")] = False
    regions: Annotated[list[str], Field(min_length=1, description="Regions known to offer the type.")]
    price_per_hour: Annotated[float | None, Field(gt=0, description="Hourly price, if known. Defaults to unknown (types are then ranked by provisioned GPU memory).")] = None
    price_source: Annotated[str, Field(description="Where the price comes from. Defaults to empty.")] = ""
    source: Annotated[str, Field(min_length=1, description="Where the row's facts come from.")]
    verified: Annotated[bool, Field(description="Whether the row's facts are checked against the cloud's documentation. Defaults to false.")] = False

    def gpu_type(self) -> GpuType:
        return GpuType(
            cloud=self.cloud, instance_type=self.instance_type, gpu_model=self.gpu_model, gpus=self.gpus,
            gpu_memory_gb=self.gpu_memory_gb, vcpu=self.vcpu, ram_gb=self.ram_gb, nvme_gb=self.nvme_gb,
            interconnect=self.interconnect, multi_node=self.multi_node, regions=frozenset(self.regions),
            regions_verified=self.verified, price_per_hour=self.price_per_hour, price_source=self.price_source,
            source=self.source, verified=self.verified,
        )


#: The OpenAI-compatible inference servers the node bootstrap can run (both serve /health and /metrics).
InferenceServer = Literal["vllm", "sglang"]


class OverflowSettings(StrictModel):
    """The INT8 pool that takes traffic when the primary pool runs hot."""

    enabled: Annotated[bool | None, Field(description="Whether to plan the overflow pool. Defaults to on for a bf16 primary with a latency or throughput profile, off for gpu-memory profiles (medical-imaging) and fp8 primaries (int8 saves nothing there); never with an int8 or int4 primary.")] = None
    above: Annotated[float, Field(gt=0.0, lt=1.0, description="Primary utilisation (0-1) above which the overflow pool takes traffic. Defaults to 0.85.")] = DEFAULT_OVERFLOW_ABOVE


class ServingSettings(StrictModel):
    """`inferline:serving` — the model every site serves and the inputs of capacity planning."""

    model: Annotated[str | ModelDescription, Field(description="A catalog model name (inferline/catalog/data/models.csv) or an inline description.")]
    precision: Annotated[Precision, Field(description="Weight precision: bf16, fp8, int8 or int4.")]
    tokens_per_request: Annotated[TokensPerRequest, Field(description="Prompt and output tokens of a typical request.")]
    max_context: Annotated[int | None, Field(ge=1, description="Context each request may use, tokens (the KV cache is sized for it). Defaults to prompt + output tokens.")] = None
    throughput: Annotated[dict[str, float], Field(description="Measured requests/s of one replica, by GPU model (e.g. H200: 12.5); wins over the reference table and the estimate. Defaults to none.")] = Field(default_factory=dict)
    gpu: Annotated[str | None, Field(description="Pins the GPU: MODEL[:MEMORYGB][:COUNT], e.g. H200:141GB:8. Defaults to the cheapest fitting type per site.")] = None
    gpu_catalog: Annotated[list[GpuCatalogRow] | str, Field(description="Rows added to or replacing the GPU catalog, or the path of a CSV of them (relative to the stack file; columns as the catalog's, plus cloud). Defaults to none: the built-in catalog only.")] = Field(default_factory=list)
    overflow: Annotated[OverflowSettings, Field(description="The INT8 overflow pool.")] = OverflowSettings()
    target_utilisation: Annotated[float, Field(gt=0.0, le=1.0, description="Utilisation each replica is planned at. Defaults to 0.8.")] = DEFAULT_TARGET_UTILISATION
    health_check_grace_s: Annotated[int, Field(ge=60, le=7200, description="Seconds a new node gets to load the model before failed health checks replace it. Defaults to 900.")] = DEFAULT_HEALTH_CHECK_GRACE_S
    weights_read_gb_s: Annotated[float, Field(gt=0.0, le=100.0, description="Read rate of the weights from the site's bucket to the node, GB/s, for the cold-start estimate. Defaults to 1.0.")] = DEFAULT_WEIGHTS_READ_GB_S
    standby_warm_replicas: Annotated[int, Field(ge=0, description="Replicas a standby site keeps running before it takes over. Defaults to 1.")] = DEFAULT_STANDBY_WARM_REPLICAS
    server: Annotated[InferenceServer, Field(description="Inference server the GPU nodes run: vllm or sglang (both OpenAI-compatible, with /health and /metrics). Defaults to vllm.")] = "vllm"
    image_digest: Annotated[str | None, Field(pattern=r"^sha256:[0-9a-f]{64}$", description="Digest (sha256:...) of the server image you copy into every site's registry; nodes pull exactly this image. `inferline plan` prints the copy commands. Required once any site has a GPU pool.")] = None
    node_images: Annotated[dict[str, str], Field(description="GPU node image id by site name: a VM image with the NVIDIA driver, Docker with the NVIDIA container runtime, python3 and the cloud's CLI. Required for every site outside AWS. Defaults, on AWS only, to the Deep Learning Base GPU AMI named by its public SSM parameter.")] = Field(default_factory=dict)

    @field_validator("model")
    @classmethod
    def _known_model(cls, model: str | ModelDescription) -> str | ModelDescription:
        if isinstance(model, str) and model not in models():
            raise ValueError(f"'{model}' is not in the model catalog ({', '.join(models())}); describe it inline instead")
        return model

    @field_validator("gpu")
    @classmethod
    def _gpu_pin(cls, gpu: str | None) -> str | None:
        if gpu is not None:
            parse_gpu_pin(gpu)
        return gpu

    @field_validator("throughput")
    @classmethod
    def _positive_throughput(cls, throughput: dict[str, float]) -> dict[str, float]:
        bad = sorted(gpu for gpu, rps in throughput.items() if rps <= 0)
        if bad:
            raise ValueError(f"measured throughput must be above 0 requests/s ({', '.join(bad)})")
        return throughput

    @property
    def gpu_pin(self) -> GpuPin | None:
        return parse_gpu_pin(self.gpu) if self.gpu is not None else None

    @property
    def context_tokens(self) -> int:
        return self.max_context if self.max_context is not None else self.tokens_per_request.prompt + self.tokens_per_request.output


def catalog_rows(settings: ServingSettings, stack_dir: Path | None) -> list[GpuType]:
    """The user's catalog rows: inline, or read from the CSV the setting names (relative to the stack file)."""
    if not isinstance(settings.gpu_catalog, str):
        return [row.gpu_type() for row in settings.gpu_catalog]
    path = Path(settings.gpu_catalog)
    if not path.is_absolute():
        if stack_dir is None:
            raise ConfigError([Problem("serving.gpu_catalog", f"'{path}' is relative, but the stack file's directory is not known here; give an absolute path")])
        path = stack_dir / path
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError([Problem("serving.gpu_catalog", f"cannot read {path}: {error.strerror}")]) from None
    try:
        return parse_gpu_csv(text, str(path))
    except CatalogError as error:
        raise ConfigError([Problem("serving.gpu_catalog", f"{where}: {what}") for where, what in error.problems]) from None
