"""GPU and model catalogs: data in CSV files shipped with the package, each row with its source.

``gpus_<cloud>.csv``: instance types with their GPUs, the regions known to offer them and whether the row is
verified; ``gpu_models.csv``: per-GPU bandwidth and tensor rates for the roofline estimate; ``models.csv``: the
facts memory needs per model; ``throughput.csv``: measured reference throughput per model x GPU (rows only with a
source). Users add or override instance-type rows from the stack file (``serving.gpu_catalog``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

from inferline.clouds import CLOUDS

#: Columns of an instance-type row; a user's CSV adds `cloud` first.
GPU_COLUMNS = (
    "instance_type", "gpu_model", "gpus", "gpu_memory_gb", "vcpu", "ram_gb", "nvme_gb", "interconnect", "multi_node",
    "regions", "regions_verified", "price_per_hour", "price_source", "source", "verified",
)
INTERCONNECTS = ("nvlink", "pcie")


@dataclass(frozen=True)
class GpuType:
    """One instance type of one cloud, as the catalog (or the user) states it."""

    cloud: str
    instance_type: str
    gpu_model: str
    gpus: int
    gpu_memory_gb: int
    vcpu: int | None
    ram_gb: int | None
    nvme_gb: int | None
    #: How the node's GPUs talk to each other (nvlink | pcie).
    interconnect: str
    #: Whether one model replica may span several nodes of this type (RDMA-class networking between nodes).
    multi_node: bool
    regions: frozenset[str]
    regions_verified: bool
    price_per_hour: float | None
    price_source: str
    source: str
    verified: bool

    @property
    def memory_gb(self) -> int:
        return self.gpus * self.gpu_memory_gb


@dataclass(frozen=True)
class GpuModelFacts:
    """What the roofline estimate needs of one GPU model."""

    gpu_model: str
    memory_bandwidth_tb_s: float
    bf16_tflops: float
    #: None: no FP8 tensor cores (FP8/INT8 weights are dequantised and computed at the BF16 rate).
    fp8_tflops: float | None
    source: str
    verified: bool


@dataclass(frozen=True)
class ModelFacts:
    """What memory and the roofline need of one model."""

    name: str
    parameters_b: float
    #: Parameters used per token (MoE); None: dense, all of them.
    active_parameters_b: float | None
    layers: int
    kv_heads: int | None
    head_dim: int | None
    #: Multi-head latent attention: the cached width per layer and token (replaces 2 x kv_heads x head_dim).
    kv_latent_dim: int | None
    max_context: int
    source: str

    @property
    def active_b(self) -> float:
        return self.active_parameters_b if self.active_parameters_b is not None else self.parameters_b

    def kv_bytes_per_token(self, bytes_per_value: int = 2) -> int:
        if self.kv_latent_dim is not None:
            return self.layers * self.kv_latent_dim * bytes_per_value
        assert self.kv_heads is not None and self.head_dim is not None  # checked when the row is read
        return 2 * self.layers * self.kv_heads * self.head_dim * bytes_per_value


@dataclass(frozen=True)
class ReferenceThroughput:
    """A measured requests/s figure of one replica for one model, precision and GPU set, with its source."""

    model: str
    precision: str
    gpu_model: str
    gpus: int
    requests_per_s: float
    source: str


class CatalogError(ValueError):
    """A catalog row that cannot be read: ``problems`` are (row label, message)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{where}: {what}" for where, what in problems))


def _read(name: str) -> str:
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


def _optional_int(value: str) -> int | None:
    return int(value) if value.strip() else None


def _optional_float(value: str) -> float | None:
    return float(value) if value.strip() else None


def _yes(value: str, column: str) -> bool:
    if value not in ("yes", "no"):
        raise ValueError(f"{column} must be yes or no, got {value!r}")
    return value == "yes"


def parse_gpu_csv(text: str, origin: str, cloud: str | None = None) -> list[GpuType]:
    """Rows of an instance-type CSV. With ``cloud`` None each row names its cloud in a `cloud` column."""
    reader = csv.DictReader(io.StringIO(text))
    expected = set(GPU_COLUMNS) | ({"cloud"} if cloud is None else set())
    header = set(reader.fieldnames or ())
    if header != expected:
        missing, extra = sorted(expected - header), sorted(header - expected)
        raise CatalogError([(origin, f"columns must be {', '.join(sorted(expected))} (missing: {', '.join(missing) or 'none'}; unknown: {', '.join(extra) or 'none'})")])
    rows, problems = [], []
    for number, row in enumerate(reader, start=2):  # line 1 is the header
        where = f"{origin} line {number}"
        try:
            rows.append(_gpu_row(row, cloud))
        except (ValueError, TypeError) as error:
            problems.append((where, str(error)))
    if problems:
        raise CatalogError(problems)
    return rows


def _gpu_row(row: Mapping[str, str], cloud: str | None) -> GpuType:
    row_cloud = cloud if cloud is not None else row["cloud"]
    if row_cloud not in CLOUDS:
        raise ValueError(f"cloud {row_cloud!r} is not one of {', '.join(CLOUDS)}")
    if row["interconnect"] not in INTERCONNECTS:
        raise ValueError(f"interconnect must be one of {', '.join(INTERCONNECTS)}, got {row['interconnect']!r}")
    gpus, memory = int(row["gpus"]), int(row["gpu_memory_gb"])
    if gpus < 1 or memory < 1:
        raise ValueError(f"gpus and gpu_memory_gb must be at least 1, got {gpus} and {memory}")
    regions = frozenset(row["regions"].split())
    if not regions:
        raise ValueError("regions must name at least one region (space-separated)")
    return GpuType(
        cloud=row_cloud,
        instance_type=row["instance_type"],
        gpu_model=row["gpu_model"],
        gpus=gpus,
        gpu_memory_gb=memory,
        vcpu=_optional_int(row["vcpu"]),
        ram_gb=_optional_int(row["ram_gb"]),
        nvme_gb=_optional_int(row["nvme_gb"]),
        interconnect=row["interconnect"],
        multi_node=_yes(row["multi_node"], "multi_node"),
        regions=regions,
        regions_verified=_yes(row["regions_verified"], "regions_verified"),
        price_per_hour=_optional_float(row["price_per_hour"]),
        price_source=row["price_source"],
        source=row["source"],
        verified=_yes(row["verified"], "verified"),
    )


@cache
def builtin_gpu_types() -> tuple[GpuType, ...]:
    return tuple(row for cloud in CLOUDS for row in parse_gpu_csv(_read(f"gpus_{cloud}.csv"), f"gpus_{cloud}.csv", cloud))


def merge_gpu_types(base: Iterable[GpuType], overrides: Iterable[GpuType]) -> tuple[GpuType, ...]:
    """``base`` with each override replacing the row of the same cloud and instance type, or added."""
    merged = {(row.cloud, row.instance_type): row for row in base}
    for row in overrides:
        merged[(row.cloud, row.instance_type)] = row
    return tuple(sorted(merged.values(), key=lambda row: (row.cloud, row.instance_type)))


@cache
def gpu_models() -> Mapping[str, GpuModelFacts]:
    return MappingProxyType({
        row["gpu_model"]: GpuModelFacts(
            gpu_model=row["gpu_model"],
            memory_bandwidth_tb_s=float(row["memory_bandwidth_tb_s"]),
            bf16_tflops=float(row["bf16_tflops"]),
            fp8_tflops=_optional_float(row["fp8_tflops"]),
            source=row["source"],
            verified=_yes(row["verified"], "verified"),
        )
        for row in csv.DictReader(io.StringIO(_read("gpu_models.csv")))
    })


@cache
def models() -> Mapping[str, ModelFacts]:
    return MappingProxyType({
        row["name"]: ModelFacts(
            name=row["name"],
            parameters_b=float(row["parameters_b"]),
            active_parameters_b=_optional_float(row["active_parameters_b"]),
            layers=int(row["layers"]),
            kv_heads=_optional_int(row["kv_heads"]),
            head_dim=_optional_int(row["head_dim"]),
            kv_latent_dim=_optional_int(row["kv_latent_dim"]),
            max_context=int(row["max_context"]),
            source=row["source"],
        )
        for row in csv.DictReader(io.StringIO(_read("models.csv")))
    })


@cache
def reference_throughput() -> tuple[ReferenceThroughput, ...]:
    return tuple(
        ReferenceThroughput(
            model=row["model"], precision=row["precision"], gpu_model=row["gpu_model"], gpus=int(row["gpus"]),
            requests_per_s=float(row["requests_per_s"]), source=row["source"],
        )
        for row in csv.DictReader(io.StringIO(_read("throughput.csv")))
    )


__all__ = [
    "GPU_COLUMNS", "CatalogError", "GpuModelFacts", "GpuType", "ModelFacts", "ReferenceThroughput",
    "builtin_gpu_types", "gpu_models", "merge_gpu_types", "models", "parse_gpu_csv", "reference_throughput",
]
