"""Capacity planning, pure: from the profile, the model and the GPU catalog to each site's GPU pools.

Memory first: weights at the configured precision, the KV cache for the replica's concurrency at the configured
context, and a runtime allowance per GPU decide how many GPUs one replica needs (tensor parallel within a node;
several nodes only where the catalog marks the type for it). Then throughput: one replica's requests/s comes
from the user's measurement, else the reference table, else a roofline estimate labelled "estimate". Replicas
follow from the load a site must carry (its share after the worst failure the stack can survive), the target
utilisation and the profile's headroom; the cheapest fitting type of the site's region wins. The estimate's
constants below are modelling assumptions, stated so they can be argued with, not measurements.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from inferline.catalog import GpuModelFacts, GpuType, ModelFacts, ReferenceThroughput, models
from inferline.clouds import CATALOG
from inferline.clouds.capabilities import unsupported_reason
from inferline.config.profiles import ProfileTargets
from inferline.config.serving import ServingSettings
from inferline.config.site import SiteRole
from inferline.errors import ConfigError, Problem
from inferline.planning.serving import ColdStart, PoolRole, PoolSpec, Precision

BYTES_PER_PARAMETER: Mapping[str, float] = MappingProxyType({"bf16": 2.0, "fp8": 1.0, "int8": 1.0, "int4": 0.5})
#: The KV cache stays at 16 bits whatever the weights' precision (the servers' default cache dtype follows the
#: model's activations, not its quantised weights).
KV_BYTES_PER_VALUE = 2
#: Share of GPU memory the server may use (vLLM's default gpu_memory_utilization is 0.9).
USABLE_MEMORY_SHARE = 0.9
#: Activations, CUDA graphs and communication buffers per GPU, GB (modelling assumption).
RUNTIME_OVERHEAD_GB_PER_GPU = 3.0
#: Most nodes one replica may span where the catalog allows multi-node replicas.
MAX_NODES_PER_REPLICA = 4
#: Largest batch the estimate considers with dynamic batching.
MAX_BATCH = 256
#: Roofline efficiencies: the share of peak memory bandwidth and tensor rate a server reaches (assumptions).
BANDWIDTH_EFFICIENCY = 0.6
COMPUTE_EFFICIENCY = 0.4
#: Latency of one tensor-parallel all-reduce, s, by link; two per layer and step (assumptions).
ALL_REDUCE_S: Mapping[str, float] = MappingProxyType({"nvlink": 10e-6, "pcie": 30e-6, "inter-node": 50e-6})
#: Cold start model: instance boot with GPU driver initialisation, the server image pulled from the site's
#: registry, engine start-up after the weights are in GPU memory (assumptions).
BOOT_S = 120
IMAGE_GB = 15.0
IMAGE_PULL_GB_S = 0.25
LOAD_GB_S_PER_GPU = 2.0
ENGINE_START_S = 60
#: Root disk: the OS and the image, plus the weights where the type has no local NVMe large enough.
ROOT_DISK_BASE_GB = 100
WEIGHTS_DISK_MARGIN = 1.1

ThroughputSource = str  # "measured", "reference: <source>" or "estimate"


@dataclass(frozen=True)
class SiteInput:
    """What capacity planning needs of one site."""

    name: str
    path: str  # "sites[2]": where the user wrote it
    cloud: str
    region: str
    role: SiteRole
    zones: tuple[str, ...]


@dataclass(frozen=True)
class ReplicaShape:
    """One model replica on one instance type: its GPUs, memory, speed and where the speed comes from."""

    gpu_type: GpuType
    precision: Precision
    nodes_per_replica: int
    concurrency: int
    memory_needed_gb: float
    service_time_s: float
    throughput_rps: float
    throughput_source: ThroughputSource

    @property
    def gpus_per_replica(self) -> int:
        return self.gpu_type.gpus * self.nodes_per_replica

    @property
    def usable_memory_gb(self) -> float:
        return USABLE_MEMORY_SHARE * self.gpu_type.memory_gb * self.nodes_per_replica


@dataclass(frozen=True)
class FailureShare:
    """The load one active site must carry after the worst failure the stack survives, and which one that is."""

    share_rps: float
    survives: str


@dataclass(frozen=True)
class PoolCapacity:
    shape: ReplicaShape
    replicas_min: int
    replicas_desired: int
    replicas_max: int
    pool: PoolSpec


@dataclass(frozen=True)
class SiteCapacity:
    name: str
    role: SiteRole
    failure: FailureShare
    pools: Mapping[PoolRole, PoolCapacity]


@dataclass(frozen=True)
class CapacityPlan:
    model: str
    precision: Precision
    weights_gb: float
    peak_rps: int
    sites: Mapping[str, SiteCapacity]


def model_facts(serving: ServingSettings) -> ModelFacts:
    model = serving.model
    if isinstance(model, str):
        return models()[model]
    return ModelFacts(
        name=model.name, parameters_b=model.parameters_b, active_parameters_b=model.active_parameters_b, layers=model.layers,
        kv_heads=model.kv_heads, head_dim=model.head_dim, kv_latent_dim=model.kv_latent_dim, max_context=model.max_context,
        source="inline description in the stack file",
    )


def weights_gb(model: ModelFacts, precision: Precision) -> float:
    return model.parameters_b * BYTES_PER_PARAMETER[precision]


def memory_needed_gb(model: ModelFacts, precision: Precision, context: int, concurrency: int, gpus: int) -> float:
    kv_gb = model.kv_bytes_per_token(KV_BYTES_PER_VALUE) * context * concurrency / 1e9
    return weights_gb(model, precision) + kv_gb + RUNTIME_OVERHEAD_GB_PER_GPU * gpus


def fits(model: ModelFacts, precision: Precision, context: int, concurrency: int, gpu_type: GpuType, nodes: int) -> bool:
    gpus = gpu_type.gpus * nodes
    return memory_needed_gb(model, precision, context, concurrency, gpus) <= USABLE_MEMORY_SHARE * gpu_type.memory_gb * nodes


def nodes_needed(model: ModelFacts, precision: Precision, context: int, gpu_type: GpuType) -> int | None:
    """Fewest nodes one replica needs on ``gpu_type`` at concurrency 1; None when it does not fit."""
    limit = MAX_NODES_PER_REPLICA if gpu_type.multi_node else 1
    return next((nodes for nodes in range(1, limit + 1) if fits(model, precision, context, 1, gpu_type, nodes)), None)


def _peak_tflops(facts: GpuModelFacts, precision: Precision) -> float:
    # FP8/INT8/INT4 weights compute at the FP8 rate where the GPU has FP8 tensor cores; elsewhere they are
    # dequantised to BF16 (weight-only quantisation), so they save memory and bandwidth, not compute. vLLM's FP8
    # docs: compute capability >= 8.9 runs W8A8, older GPUs run FP8 models as weight-only W8A16 through FP8 Marlin.
    # For MoE checkpoints with block-wise FP8 (DeepSeek-R1) on Ampere that path was missing in 2025
    # (vllm-project/vllm#13885) and its current state is not confirmed here: the README says so.
    return facts.fp8_tflops if precision != "bf16" and facts.fp8_tflops is not None else facts.bf16_tflops


def _all_reduce_s(model: ModelFacts, gpu_type: GpuType, nodes: int) -> float:
    within = 2 * model.layers * ALL_REDUCE_S[gpu_type.interconnect] if gpu_type.gpus * nodes > 1 else 0.0
    between = 2 * model.layers * ALL_REDUCE_S["inter-node"] if nodes > 1 else 0.0
    return within + between


def service_time_s(
    model: ModelFacts, precision: Precision, prompt: int, output: int, context: int, gpu_type: GpuType, facts: GpuModelFacts, nodes: int, batch: int
) -> float:
    """Roofline estimate of one request's time, s, at ``batch`` concurrent requests on one replica."""
    gpus = gpu_type.gpus * nodes
    bandwidth = gpus * facts.memory_bandwidth_tb_s * 1e12 * BANDWIDTH_EFFICIENCY
    compute = gpus * _peak_tflops(facts, precision) * 1e12 * COMPUTE_EFFICIENCY
    communication = _all_reduce_s(model, gpu_type, nodes)
    # A decode step reads the weights the batch touches (an MoE batch touches more experts as it grows) and
    # every sequence's cache; it is bound by whichever of bandwidth and compute is slower.
    weight_bytes = min(model.parameters_b, model.active_b * batch) * 1e9 * BYTES_PER_PARAMETER[precision]
    cache_bytes = batch * context * model.kv_bytes_per_token(KV_BYTES_PER_VALUE)
    step = max((weight_bytes + cache_bytes) / bandwidth, 2 * model.active_b * 1e9 * batch / compute) + communication
    prefill = 2 * model.active_b * 1e9 * prompt * batch / compute + communication
    return prefill + output * step


@dataclass(frozen=True)
class _Request:
    """The planning inputs every candidate shares."""

    model: ModelFacts
    serving: ServingSettings
    targets: ProfileTargets
    gpu_facts: Mapping[str, GpuModelFacts]
    reference: tuple[ReferenceThroughput, ...]


def replica_shape(request: _Request, gpu_type: GpuType, precision: Precision) -> ReplicaShape | str:
    """The replica on ``gpu_type``, or why it cannot serve (memory, missing GPU facts, latency)."""
    model, serving = request.model, request.serving
    context, prompt, output = serving.context_tokens, serving.tokens_per_request.prompt, serving.tokens_per_request.output
    nodes = nodes_needed(model, precision, context, gpu_type)
    if nodes is None:
        return "memory"
    disk_limit = CATALOG[gpu_type.cloud].node_disk_max_gb
    if disk_limit is not None and node_disk_gb(model, precision, nodes, gpu_type) > disk_limit:
        return "disk"
    facts = request.gpu_facts.get(gpu_type.gpu_model)
    if facts is None:
        return "gpu-facts"
    p99_s = request.targets.p99_latency_ms / 1000
    one = service_time_s(model, precision, prompt, output, context, gpu_type, facts, nodes, 1)
    if one > p99_s:
        return "latency"
    batch = 1
    if request.targets.dynamic_batching:
        while (
            batch * 2 <= MAX_BATCH
            and fits(model, precision, context, batch * 2, gpu_type, nodes)
            and service_time_s(model, precision, prompt, output, context, gpu_type, facts, nodes, batch * 2) <= p99_s
        ):
            batch *= 2
    service = service_time_s(model, precision, prompt, output, context, gpu_type, facts, nodes, batch)
    throughput, source = batch / service, "estimate"
    reference = next(
        (row for row in request.reference
         if (row.model, row.precision, row.gpu_model, row.gpus) == (model.name, precision, gpu_type.gpu_model, gpu_type.gpus * nodes)),
        None,
    )
    if precision == serving.precision and gpu_type.gpu_model in serving.throughput:
        throughput, source = serving.throughput[gpu_type.gpu_model], "measured"
    elif reference is not None:
        throughput, source = reference.requests_per_s, f"reference: {reference.source}"
    return ReplicaShape(
        gpu_type=gpu_type,
        precision=precision,
        nodes_per_replica=nodes,
        concurrency=batch,
        memory_needed_gb=memory_needed_gb(model, precision, context, batch, gpu_type.gpus * nodes),
        service_time_s=service,
        throughput_rps=throughput,
        throughput_source=source,
    )


def failure_share(sites: Sequence[SiteInput], peak_rps: float) -> FailureShare:
    """Each active site's load after losing any one site or every site of one cloud, whichever leaves least."""
    active = [site for site in sites if site.role == "active"]
    if len(active) <= 1:
        return FailureShare(peak_rps, "no site loss: one active site, a standby takes over")
    by_cloud: dict[str, int] = {}
    for site in active:
        by_cloud[site.cloud] = by_cloud.get(site.cloud, 0) + 1
    scenarios = [("any one site", 1)] + [(f"every {cloud} site", count) for cloud, count in sorted(by_cloud.items()) if 1 < count < len(active)]
    survives, lost = max(scenarios, key=lambda scenario: (scenario[1], scenario[0]))
    uncovered = [cloud for cloud, count in sorted(by_cloud.items()) if count == len(active)]
    note = f"; losing {uncovered[0]} entirely is left to a standby" if uncovered else ""
    return FailureShare(peak_rps / (len(active) - lost), f"losing {survives}{note}")


def replicas(shape: ReplicaShape, load_rps: float, headroom: float, utilisation: float) -> int:
    return max(1, math.ceil(load_rps * (1 + headroom) / (shape.throughput_rps * utilisation) - 1e-9))


def cold_start(shape: ReplicaShape, model: ModelFacts, read_gb_s: float) -> ColdStart:
    per_node_gb = weights_gb(model, shape.precision) / shape.nodes_per_replica
    return ColdStart(
        boot_s=BOOT_S,
        image_s=math.ceil(IMAGE_GB / IMAGE_PULL_GB_S),
        weights_s=math.ceil(per_node_gb / read_gb_s),
        load_s=math.ceil(per_node_gb / (LOAD_GB_S_PER_GPU * shape.gpu_type.gpus)) + ENGINE_START_S,
    )


def root_disk_gb(shape: ReplicaShape, model: ModelFacts) -> int:
    return node_disk_gb(model, shape.precision, shape.nodes_per_replica, shape.gpu_type)


def node_disk_gb(model: ModelFacts, precision: Precision, nodes: int, gpu_type: GpuType) -> int:
    """The disk a node gets for the OS and the image, plus its share of the weights where local NVMe cannot hold it."""
    per_node_gb = weights_gb(model, precision) / nodes * WEIGHTS_DISK_MARGIN
    nvme = gpu_type.nvme_gb or 0
    size = ROOT_DISK_BASE_GB + (0 if nvme >= per_node_gb else per_node_gb)
    return math.ceil(size / 10) * 10


def _cost(shape: ReplicaShape, replica_count: int, priced: bool) -> float:
    nodes = replica_count * shape.nodes_per_replica
    if priced:
        assert shape.gpu_type.price_per_hour is not None
        return nodes * shape.gpu_type.price_per_hour
    # Without a price for every candidate, provisioned GPU memory stands in for cost.
    return float(nodes * shape.gpu_type.memory_gb)


def overflow_enabled(serving: ServingSettings, targets: ProfileTargets) -> bool:
    """Explicit setting, else on for bf16 primaries of latency and throughput profiles. From fp8 the int8 pool
    needs the same memory and runs at the same estimated rate, so it is opt-in there."""
    if serving.precision in ("int8", "int4"):
        return False
    if serving.overflow.enabled is not None:
        return serving.overflow.enabled
    return serving.precision == "bf16" and targets.priority != "gpu-memory"


def plan_capacity(
    serving: ServingSettings,
    targets: ProfileTargets,
    sites: Sequence[SiteInput],
    gpu_types: Iterable[GpuType],
    gpu_facts: Mapping[str, GpuModelFacts],
    reference: Iterable[ReferenceThroughput] = (),
) -> CapacityPlan:
    """Every site's pools, or a ConfigError naming each infeasible site, the field and what to change."""
    model = model_facts(serving)
    request = _Request(model, serving, targets, gpu_facts, tuple(reference))
    catalog = tuple(gpu_types)
    problems: list[Problem] = []
    if serving.overflow.enabled and serving.precision in ("int8", "int4"):
        problems.append(Problem("serving.overflow.enabled", f"the primary pool already runs {serving.precision}; the overflow pool degrades bf16 or fp8 to int8, so turn it off"))
    if serving.context_tokens > model.max_context:
        problems.append(Problem("serving.max_context", f"{serving.context_tokens} tokens exceed {model.name}'s {model.max_context}"))
    if problems:
        raise ConfigError(problems)
    failure = failure_share(sites, targets.throughput_rps)
    active_count = sum(site.role == "active" for site in sites)
    standby_share = targets.throughput_rps / max(1, active_count)
    with_overflow = overflow_enabled(serving, targets)
    planned: dict[str, SiteCapacity] = {}
    for site in sorted(sites, key=lambda s: s.name):
        candidates = _candidates(catalog, site, serving, targets)
        load = failure.share_rps if site.role == "active" else standby_share
        primary = _choose(request, candidates, serving.precision, load, targets, site, problems)
        if primary is None:
            continue
        pools: dict[PoolRole, PoolCapacity] = {"primary": _pool(request, site, "primary", primary, load)}
        # Only where the cloud can scale one group on another's load; elsewhere the preview lists the overflow pool
        # as unsupported (with the reason) rather than planning a pool nothing would ever start.
        if with_overflow and site.role == "active" and unsupported_reason(site.cloud, "pool-overflow-alarm") is None:
            overflow = _choose(request, candidates, "int8", load, targets, site, problems)
            if overflow is not None:
                pools["overflow"] = _pool(request, site, "overflow", overflow, load)
        planned[site.name] = SiteCapacity(site.name, site.role, failure, MappingProxyType(pools))
    if problems:
        raise ConfigError(problems)
    return CapacityPlan(model.name, serving.precision, weights_gb(model, serving.precision), targets.throughput_rps, MappingProxyType(planned))


def _candidates(catalog: Sequence[GpuType], site: SiteInput, serving: ServingSettings, targets: ProfileTargets) -> list[GpuType]:
    pin = serving.gpu_pin
    return [
        gpu_type for gpu_type in catalog
        if gpu_type.cloud == site.cloud
        and site.region in gpu_type.regions
        and gpu_type.gpu_memory_gb >= targets.gpu_memory_gb
        and (pin is None or pin.matches(gpu_type))
    ]


def _choose(
    request: _Request, candidates: Sequence[GpuType], precision: Precision, load: float, targets: ProfileTargets, site: SiteInput, problems: list[Problem]
) -> ReplicaShape | None:
    if not candidates:
        pin = request.serving.gpu
        wanted = f"with at least {targets.gpu_memory_gb} GB per GPU" + (f" matching serving.gpu '{pin}'" if pin else "")
        problems.append(Problem(
            f"{site.path}.region",
            f"no catalogued {site.cloud} GPU type {wanted} is offered in {site.region}; add one to serving.gpu_catalog, "
            f"change serving.gpu or profile.gpu_memory_gb, or move the site",
        ))
        return None
    outcomes = {gpu_type.instance_type: replica_shape(request, gpu_type, precision) for gpu_type in candidates}
    shapes = [shape for shape in outcomes.values() if isinstance(shape, ReplicaShape)]
    if shapes:
        utilisation, headroom = request.serving.target_utilisation, targets.capacity_headroom
        priced = all(shape.gpu_type.price_per_hour is not None for shape in shapes)
        return min(shapes, key=lambda shape: (_cost(shape, replicas(shape, load, headroom, utilisation), priced), shape.gpu_type.instance_type))
    model = request.model
    if "latency" in outcomes.values():
        fastest = min(
            service_time_s(model, precision, request.serving.tokens_per_request.prompt, request.serving.tokens_per_request.output,
                           request.serving.context_tokens, gpu_type, request.gpu_facts[gpu_type.gpu_model],
                           nodes_needed(model, precision, request.serving.context_tokens, gpu_type) or 1, 1)
            for gpu_type in candidates if outcomes[gpu_type.instance_type] == "latency"
        )
        problems.append(Problem(
            "profile.p99_latency_ms",
            f"{targets.p99_latency_ms} ms is below one request's service time at {site.name} ({fastest * 1000:.0f} ms at best, estimate, "
            f"{model.name} {precision}); raise it or lower serving.tokens_per_request",
        ))
        return None
    if "gpu-facts" in outcomes.values():
        missing = sorted({gpu_type.gpu_model for gpu_type in candidates if outcomes[gpu_type.instance_type] == "gpu-facts"})
        problems.append(Problem("serving.throughput", f"no bandwidth and tensor figures for {', '.join(missing)} (inferline/catalog/data/gpu_models.csv) at {site.name}; give a measured figure"))
        return None
    # The memory and disk refusals name the setting that chose this precision: the primary's or the overflow's.
    field = "serving.precision" if precision == request.serving.precision else "serving.overflow.enabled"
    if "disk" in outcomes.values():
        facts = CATALOG[site.cloud]
        sizes = ", ".join(
            f"{gpu_type.instance_type} {_replica_node_disk_gb(request, gpu_type, precision)} GB"
            for gpu_type in sorted(candidates, key=lambda gpu_type: gpu_type.instance_type)
            if outcomes[gpu_type.instance_type] == "disk"
        )
        problems.append(Problem(
            field,
            f"{model.name} at {precision} needs more disk per {site.name} node than {facts.display_name} gives a GPU pool's node "
            f"({facts.node_disk_max_gb} GB: {facts.node_disk_source}): {sizes} for the image and the weights, none of them on local "
            f"NVMe; use a lower precision, or add a type with enough nvme_gb to serving.gpu_catalog",
        ))
        return None
    largest = max(candidates, key=lambda gpu_type: (gpu_type.memory_gb * (MAX_NODES_PER_REPLICA if gpu_type.multi_node else 1), gpu_type.instance_type))
    nodes = MAX_NODES_PER_REPLICA if largest.multi_node else 1
    need = memory_needed_gb(model, precision, request.serving.context_tokens, 1, largest.gpus * nodes)
    problems.append(Problem(
        field,
        f"{model.name} at {precision} needs {need:.0f} GB for weights, one request's cache and runtime; the largest {site.name} option "
        f"({nodes} x {largest.instance_type}) has {USABLE_MEMORY_SHARE * largest.memory_gb * nodes:.0f} GB usable; use a lower precision, "
        f"a shorter serving.max_context, or add a larger or multi-node type to serving.gpu_catalog",
    ))
    return None


def _replica_node_disk_gb(request: _Request, gpu_type: GpuType, precision: Precision) -> int:
    """The node disk of a type that fits the model (``replica_shape`` found its nodes before it looked at the disk)."""
    nodes = nodes_needed(request.model, precision, request.serving.context_tokens, gpu_type)
    assert nodes is not None
    return node_disk_gb(request.model, precision, nodes, gpu_type)


def _pool(request: _Request, site: SiteInput, role: PoolRole, shape: ReplicaShape, load: float) -> PoolCapacity:
    serving, targets = request.serving, request.targets
    utilisation, headroom = serving.target_utilisation, targets.capacity_headroom
    if role == "overflow":
        # Overflow carries the headroom's worth of the site's load once the primary passes its threshold.
        low, desired, high = 0, 0, replicas(shape, load * headroom, 0.0, utilisation)
    elif site.role == "standby":
        low = desired = serving.standby_warm_replicas
        high = max(low, replicas(shape, load, headroom, utilisation))
    else:
        low = replicas(shape, load, 0.0, utilisation)
        desired = max(low, replicas(shape, load, headroom, utilisation))
        high = max(desired, replicas(shape, targets.throughput_rps, headroom, utilisation))
    # Every pool can also grow above its desired size by the headroom (the capacity-headroom policy's rule), so a
    # single active site, sized for the whole peak, still has room for a burst.
    high = max(high, math.ceil(desired * (1 + headroom) - 1e-9))
    nodes = shape.nodes_per_replica
    pool = PoolSpec(
        role=role,
        model=request.model.name,
        precision=shape.precision,
        instance_type=shape.gpu_type.instance_type,
        gpu_model=shape.gpu_type.gpu_model,
        gpus_per_node=shape.gpu_type.gpus,
        gpu_memory_gb=shape.gpu_type.gpu_memory_gb,
        nodes_per_replica=nodes,
        min_nodes=low * nodes,
        desired_nodes=desired * nodes,
        max_nodes=high * nodes,
        # A standby keeps the nodes it would grow into initialised but stopped, where the cloud has warm capacity.
        warm_nodes=(high - low) * nodes if site.role == "standby" and role == "primary" else 0,
        zones=site.zones,
        health_check_grace_s=serving.health_check_grace_s,
        target_rps_per_node=round(shape.throughput_rps * utilisation / nodes, 3),
        overflow_above=serving.overflow.above if role == "overflow" else None,
        root_disk_gb=root_disk_gb(shape, request.model),
        cold_start=cold_start(shape, request.model, serving.weights_read_gb_s),
    )
    return PoolCapacity(shape, low, desired, high, pool)


__all__ = [
    "CapacityPlan", "FailureShare", "PoolCapacity", "ReplicaShape", "SiteCapacity", "SiteInput",
    "failure_share", "fits", "memory_needed_gb", "model_facts", "node_disk_gb", "nodes_needed", "plan_capacity", "replica_shape",
    "replicas", "service_time_s", "weights_gb",
]
