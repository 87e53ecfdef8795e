"""The capacity planner: memory, the failure share, the choice of type, the pools, and the refusals."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from inferline.catalog import GpuType, ReferenceThroughput, builtin_gpu_types, gpu_models, models
from inferline.config.profiles import PROFILES, ProfileTargets
from inferline.config.serving import ServingSettings
from inferline.errors import ConfigError, Problem
from inferline.planning import capacity
from inferline.planning.capacity import SiteInput, failure_share, fits, memory_needed_gb, nodes_needed, plan_capacity, weights_gb
from inferline.planning.serving import ColdStart, PoolSpec

R1 = models()["DeepSeek-R1"]
QWEN_7B = models()["DeepSeek-R1-Distill-Qwen-7B"]


def gpu(instance_type: str, gpu_model: str = "H200", gpus: int = 8, memory: int = 141, **changes: Any) -> GpuType:
    row = GpuType(
        cloud="aws", instance_type=instance_type, gpu_model=gpu_model, gpus=gpus, gpu_memory_gb=memory, vcpu=None, ram_gb=None,
        nvme_gb=None, interconnect="nvlink", multi_node=False, regions=frozenset({"us-east-1"}), regions_verified=False,
        price_per_hour=None, price_source="", source="test", verified=True,
    )
    return dataclasses.replace(row, **changes)


def site(name: str = "a", cloud: str = "aws", role: str = "active", index: int = 0, region: str = "us-east-1") -> SiteInput:
    return SiteInput(name=name, path=f"sites[{index}]", cloud=cloud, region=region, role=role, zones=(f"{region}a", f"{region}b"))  # type: ignore[arg-type]


def serving(**values: Any) -> ServingSettings:
    base: dict[str, Any] = {"model": "DeepSeek-R1-Distill-Qwen-7B", "precision": "bf16", "tokens_per_request": {"prompt": 256, "output": 8}}
    return ServingSettings.model_validate({**base, **values})


def targets(**changes: Any) -> ProfileTargets:
    return PROFILES["ecommerce-recsys"].model_copy(update={"gpu_memory_gb": 24, **changes})


# --- memory ---------------------------------------------------------------------------------------------------


def test_memory_is_weights_plus_cache_at_the_concurrency_plus_runtime_per_gpu() -> None:
    # 7.62 B x 2 bytes; 57,344 cache bytes per token (28 layers x 2 x 4 heads x 128 x 2 bytes) x 1,000 x 3; 3 GB x 2 GPUs.
    assert memory_needed_gb(QWEN_7B, "bf16", context=1000, concurrency=3, gpus=2) == pytest.approx(15.24 + 0.172032 + 6.0)


@pytest.mark.parametrize(
    ("precision", "expected"),
    [pytest.param("bf16", 1342.0, id="bf16"), pytest.param("fp8", 671.0, id="fp8"), pytest.param("int8", 671.0, id="int8"), pytest.param("int4", 335.5, id="int4")],
)
def test_weights_follow_the_precision(precision: str, expected: float) -> None:
    assert weights_gb(R1, precision) == expected  # type: ignore[arg-type]


def test_deepseek_r1_latent_cache_is_576_values_per_layer() -> None:
    assert R1.kv_bytes_per_token(2) == 61 * 576 * 2


def test_a_distilled_7b_in_bf16_fits_one_24_gb_gpu() -> None:
    g5 = next(row for row in builtin_gpu_types() if row.instance_type == "g5.xlarge")
    assert (g5.gpus, g5.gpu_memory_gb) == (1, 24)
    assert nodes_needed(QWEN_7B, "bf16", 4096, g5) == 1


def test_a_distilled_14b_in_bf16_does_not_fit_one_24_gb_gpu() -> None:
    assert nodes_needed(models()["DeepSeek-R1-Distill-Qwen-14B"], "bf16", 4096, gpu("one", "A10", 1, 24)) is None


@pytest.mark.parametrize("row", builtin_gpu_types(), ids=lambda row: f"{row.cloud}:{row.instance_type}")
def test_deepseek_r1_fp8_is_never_planned_onto_fewer_gpus_than_its_weights_need(row: GpuType) -> None:
    nodes = nodes_needed(R1, "fp8", 264, row)
    if nodes is not None:
        assert capacity.USABLE_MEMORY_SHARE * row.gpu_memory_gb * row.gpus * nodes >= 671
    else:
        assert capacity.USABLE_MEMORY_SHARE * row.memory_gb * (capacity.MAX_NODES_PER_REPLICA if row.multi_node else 1) < weights_gb(R1, "fp8") + 3


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        pytest.param(gpu("h200x8"), 1, id="8xH200-one-node"),
        pytest.param(gpu("h800x8", "H800", 8, 80), None, id="8xH800-single-node-only"),
        pytest.param(gpu("h800x8-rdma", "H800", 8, 80, multi_node=True), 2, id="8xH800-two-nodes-where-multi-node"),
        pytest.param(gpu("a10x8", "A10", 8, 24, multi_node=True), None, id="too-small-even-on-four-nodes"),
    ],
)
def test_nodes_per_replica_for_deepseek_r1_fp8(row: GpuType, expected: int | None) -> None:
    assert nodes_needed(R1, "fp8", 264, row) == expected


# --- the failure share ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sites", "share", "survives"),
    [
        pytest.param([site("a")], 600.0, "no site loss: one active site, a standby takes over", id="one-active"),
        pytest.param([site("a"), site("s", role="standby")], 600.0, "no site loss: one active site, a standby takes over", id="one-active-one-standby"),
        pytest.param([site("a", "aws"), site("b", "alicloud"), site("c", "huaweicloud")], 300.0, "losing any one site", id="three-clouds"),
        pytest.param(
            [site("a", "alicloud"), site("b", "alicloud"), site("c", "aws"), site("d", "huaweicloud")], 300.0, "losing every alicloud site", id="two-on-one-cloud"
        ),
        pytest.param(
            [site("a", "alicloud"), site("b", "alicloud")], 600.0, "losing any one site; losing alicloud entirely is left to a standby", id="all-on-one-cloud"
        ),
    ],
)
def test_failure_share(sites: list[SiteInput], share: float, survives: str) -> None:
    assert failure_share(sites, 600) == capacity.FailureShare(share, survives)


# --- choosing a type and sizing the pools --------------------------------------------------------------------------


def plan(catalog: list[GpuType], sites: list[SiteInput] | None = None, **changes: Any) -> capacity.CapacityPlan:
    values = {key: changes.pop(key) for key in list(changes) if key in ServingSettings.model_fields}
    reference = changes.pop("reference", ())
    return plan_capacity(serving(**values), targets(**changes), sites or [site()], catalog, gpu_models(), reference)


def test_the_pool_spec_of_a_single_active_site() -> None:
    result = plan([gpu("g5.xlarge", "A10G", 1, 24)], throughput={"A10G": 10.0}, overflow={"enabled": False}, throughput_rps=100)
    primary = result.sites["a"].pools["primary"]
    # 100 req/s, 10 per replica at 80 %: 13 replicas for the load, 17 with 30 % headroom; max is the larger of the
    # whole peak with headroom (17) and desired plus headroom (17 x 1.3 = 22.1, so 23).
    assert (primary.replicas_min, primary.replicas_desired, primary.replicas_max) == (13, 17, 23)
    assert primary.pool == PoolSpec(
        role="primary", model="DeepSeek-R1-Distill-Qwen-7B", precision="bf16", instance_type="g5.xlarge", gpu_model="A10G", gpus_per_node=1,
        gpu_memory_gb=24, nodes_per_replica=1, min_nodes=13, desired_nodes=17, max_nodes=23, warm_nodes=0, zones=("us-east-1a", "us-east-1b"),
        health_check_grace_s=900, target_rps_per_node=8.0, overflow_above=None, root_disk_gb=120,
        cold_start=ColdStart(boot_s=120, image_s=60, weights_s=16, load_s=68),
    )
    assert primary.shape.throughput_source == "measured"
    assert list(result.sites["a"].pools) == ["primary"]


def test_a_standby_runs_its_warm_minimum_and_keeps_the_rest_warm() -> None:
    sites = [site("a"), site("s", role="standby", index=1)]
    result = plan([gpu("g5.xlarge", "A10G", 1, 24)], sites, throughput={"A10G": 10.0}, standby_warm_replicas=2, throughput_rps=100)
    standby = result.sites["s"].pools["primary"]
    assert (standby.pool.min_nodes, standby.pool.desired_nodes, standby.pool.max_nodes, standby.pool.warm_nodes) == (2, 2, 17, 15)
    assert list(result.sites["s"].pools) == ["primary"]  # no overflow pool on a standby


def test_the_overflow_pool_runs_int8_from_zero_above_the_threshold() -> None:
    result = plan([gpu("g5.xlarge", "A10G", 1, 24)], throughput={"A10G": 10.0}, overflow={"above": 0.9}, throughput_rps=100)
    overflow = result.sites["a"].pools["overflow"]
    assert (overflow.pool.precision, overflow.pool.overflow_above, overflow.pool.role) == ("int8", 0.9, "overflow")
    assert (overflow.pool.min_nodes, overflow.pool.desired_nodes) == (0, 0)
    assert overflow.shape.throughput_source == "estimate"  # a measured figure is for the primary's precision only
    assert overflow.pool.max_nodes == math.ceil(100 * 0.3 / (overflow.shape.throughput_rps * 0.8))


@pytest.mark.parametrize(
    ("precision", "enabled", "priority", "expected"),
    [
        pytest.param("bf16", None, "throughput", True, id="bf16-default-on"),
        pytest.param("bf16", None, "gpu-memory", False, id="gpu-memory-profile-off"),
        pytest.param("fp8", None, "latency", False, id="fp8-default-off"),
        pytest.param("fp8", True, "latency", True, id="fp8-opt-in"),
        pytest.param("bf16", False, "latency", False, id="bf16-opt-out"),
        pytest.param("int4", None, "latency", False, id="int4-never"),
    ],
)
def test_overflow_default(precision: str, enabled: bool | None, priority: str, expected: bool) -> None:
    assert capacity.overflow_enabled(serving(precision=precision, overflow={"enabled": enabled}), targets(priority=priority)) is expected


def test_the_cheapest_priced_type_wins() -> None:
    cheap, dear = gpu("cheap", "A10G", 1, 24, price_per_hour=1.0), gpu("dear", "A10G", 1, 24, price_per_hour=1.5)
    assert plan([dear, cheap], overflow={"enabled": False}).sites["a"].pools["primary"].pool.instance_type == "cheap"


def test_without_prices_the_least_provisioned_gpu_memory_wins() -> None:
    small, large = gpu("small", "A10G", 1, 24), gpu("large", "A10G", 8, 24)
    result = plan([large, small], throughput={"A10G": 10.0}, overflow={"enabled": False})
    assert result.sites["a"].pools["primary"].pool.instance_type == "small"


def test_the_region_must_offer_the_type_and_the_pin_must_match() -> None:
    elsewhere = gpu("elsewhere", "A10G", 1, 24, regions=frozenset({"eu-west-1"}))
    pinned_out = gpu("l40s", "L40S", 1, 48)
    chosen = gpu("h200", "H200", 8, 141)
    result = plan([elsewhere, pinned_out, chosen], gpu="H200:141GB:8", overflow={"enabled": False})
    assert result.sites["a"].pools["primary"].pool.instance_type == "h200"


def test_a_reference_figure_is_used_with_its_source() -> None:
    reference = [ReferenceThroughput("DeepSeek-R1-Distill-Qwen-7B", "bf16", "A10G", 1, 7.5, "bench 2026-01")]
    shape = plan([gpu("g5.xlarge", "A10G", 1, 24)], reference=reference, overflow={"enabled": False}).sites["a"].pools["primary"].shape
    assert (shape.throughput_rps, shape.throughput_source) == (7.5, "reference: bench 2026-01")


# --- refusals -------------------------------------------------------------------------------------------------------


def refusal(catalog: list[GpuType], sites: list[SiteInput] | None = None, **changes: Any) -> list[Problem]:
    with pytest.raises(ConfigError) as raised:
        plan(catalog, sites, **changes)
    return raised.value.problems


def test_no_type_in_the_region_is_refused_naming_the_site() -> None:
    assert refusal([gpu("g5.xlarge", "A10G", 1, 24, regions=frozenset({"eu-west-1"}))]) == [
        Problem(
            "sites[0].region",
            "no catalogued aws GPU type with at least 24 GB per GPU is offered in us-east-1; add one to serving.gpu_catalog, "
            "change serving.gpu or profile.gpu_memory_gb, or move the site",
        )
    ]


def test_a_p99_target_below_one_service_time_is_refused() -> None:
    problems = refusal([gpu("g5.xlarge", "A10G", 1, 24)], p99_latency_ms=10, overflow={"enabled": False})
    assert [problem.path for problem in problems] == ["profile.p99_latency_ms"]
    assert problems[0].message.startswith("10 ms is below one request's service time at a (")
    assert problems[0].message.endswith("ms at best, estimate, DeepSeek-R1-Distill-Qwen-7B bf16); raise it or lower serving.tokens_per_request")


def test_a_model_too_large_for_every_type_is_refused_naming_the_precision() -> None:
    assert refusal([gpu("g5.xlarge", "A10G", 1, 24)], model="DeepSeek-R1", precision="fp8") == [
        Problem(
            "serving.precision",
            "DeepSeek-R1 at fp8 needs 674 GB for weights, one request's cache and runtime; the largest a option (1 x g5.xlarge) has 22 GB "
            "usable; use a lower precision, a shorter serving.max_context, or add a larger or multi-node type to serving.gpu_catalog",
        )
    ]


ALI = site("ali", "alicloud", region="cn-shanghai")


def ali_gpu(instance_type: str, **changes: Any) -> GpuType:
    return gpu(instance_type, cloud="alicloud", regions=frozenset({"cn-shanghai"}), **changes)


def test_a_node_disk_above_the_clouds_limit_is_refused_naming_the_limit_and_each_type() -> None:
    # DeepSeek-R1 fp8 on one 8 x 141 GB node: 100 + 671 x 1.1 = 838.1, so 840 GB; an Alibaba ESS node disk stops at 500.
    assert refusal([ali_gpu("ecs.h200x8")], [ALI], model="DeepSeek-R1", precision="fp8") == [
        Problem(
            "serving.precision",
            "DeepSeek-R1 at fp8 needs more disk per ali node than Alibaba Cloud gives a GPU pool's node (500 GB: ESS scaling "
            "configuration system_disk_size 20-500 GB (terraform-provider-alicloud)): ecs.h200x8 840 GB for the image and the "
            "weights, none of them on local NVMe; use a lower precision, or add a type with enough nvme_gb to serving.gpu_catalog",
        )
    ]


def test_every_type_the_disk_stops_is_named_in_order_with_its_need() -> None:
    # Two 8 x 141 GB types whose NVMe cannot hold the weights, given out of order: both named by type, 840 GB each.
    big, small = ali_gpu("ecs.z-big"), ali_gpu("ecs.a-small", nvme_gb=10)
    (problem,) = refusal([big, small], [ALI], model="DeepSeek-R1", precision="fp8")
    assert "): ecs.a-small 840 GB, ecs.z-big 840 GB for the image and the weights" in problem.message


def test_a_type_whose_nvme_holds_the_weights_is_chosen_over_a_cheaper_one_whose_disk_would_not() -> None:
    cheap = ali_gpu("ecs.cheap", price_per_hour=1.0)
    nvme = ali_gpu("ecs.nvme", price_per_hour=2.0, nvme_gb=740)  # 671 x 1.1 = 738.1
    pool = plan([cheap, nvme], [ALI], model="DeepSeek-R1", precision="fp8", overflow={"enabled": False}).sites["ali"].pools["primary"].pool
    assert (pool.instance_type, pool.root_disk_gb) == ("ecs.nvme", 100)


@pytest.mark.parametrize(
    ("cloud", "limit"),
    [("aws", 16384), ("alicloud", 500), ("tencentcloud", 500), ("huaweicloud", 32768), ("volcengine", 500)],
)
def test_a_node_disk_at_the_limit_passes_and_one_step_more_is_refused(cloud: str, limit: int) -> None:
    # An inline model whose weights give a disk of the limit (rounded down to the planner's 10 GB steps):
    # 100 + weights x 1.1, bf16 at 2 bytes a parameter.
    largest = limit // 10 * 10
    weights = (largest - 100 - 0.5) / 1.1
    fitting = dataclasses.replace(TINY, parameters_b=weights / 2)
    row = gpu("x", cloud=cloud, regions=frozenset({"r-1"}), gpus=8, memory=math.ceil(weights / 8 / 0.9) + 10)
    assert capacity.node_disk_gb(fitting, "bf16", 1, row) == largest
    request = capacity._Request(fitting, serving(overflow={"enabled": False}), targets(), gpu_models(), ())
    assert capacity.replica_shape(request, row, "bf16") != "disk"  # whatever else stops it (latency), not the disk
    larger = dataclasses.replace(fitting, parameters_b=fitting.parameters_b + 5)
    assert capacity.replica_shape(dataclasses.replace(request, model=larger), row, "bf16") == "disk"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param(
            {"precision": "int8", "overflow": {"enabled": True}},
            Problem("serving.overflow.enabled", "the primary pool already runs int8; the overflow pool degrades bf16 or fp8 to int8, so turn it off"),
            id="overflow-from-int8",
        ),
        pytest.param({"max_context": 200_000}, Problem("serving.max_context", "200000 tokens exceed DeepSeek-R1-Distill-Qwen-7B's 131072"), id="context"),
    ],
)
def test_settings_that_cannot_hold(values: dict[str, Any], expected: Problem) -> None:
    assert refusal([gpu("g5.xlarge", "A10G", 1, 24)], **values) == [expected]


# --- properties -----------------------------------------------------------------------------------------------------

CATALOG = [gpu("a10", "A10G", 1, 24), gpu("l40s", "L40S", 4, 48), gpu("h200", "H200", 8, 141), gpu("h800", "H800", 8, 80, multi_node=True)]
MODELS = ["DeepSeek-R1-Distill-Qwen-1.5B", "DeepSeek-R1-Distill-Qwen-7B", "DeepSeek-R1-Distill-Qwen-32B", "DeepSeek-R1"]
SITES = [site("a", "aws"), site("b", "aws", index=1), site("c", "aws", index=2), site("s", "aws", role="standby", index=3)]


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "model": draw(st.sampled_from(MODELS)),
        "precision": draw(st.sampled_from(["bf16", "fp8", "int4"])),
        "throughput_rps": draw(st.integers(1, 5000)),
        "capacity_headroom": draw(st.sampled_from([0.0, 0.3, 1.0])),
        "dynamic_batching": draw(st.booleans()),
        "p99_latency_ms": 60_000,
        "actives": draw(st.integers(1, 3)),
    }


def _plan(case: dict[str, Any], throughput_rps: int | None = None) -> capacity.CapacityPlan:
    values = dict(case)
    actives = values.pop("actives")
    sites = SITES[:actives] + SITES[3:]
    if throughput_rps is not None:
        values["throughput_rps"] = throughput_rps
    return plan(CATALOG, sites, **values)


@settings(max_examples=150, deadline=None)
@given(plans(), st.integers(1, 5000))
@example(
    {"model": "DeepSeek-R1-Distill-Qwen-1.5B", "precision": "bf16", "throughput_rps": 2204, "capacity_headroom": 0.3,
     "dynamic_batching": True, "p99_latency_ms": 60_000, "actives": 2},
    1683,
)
@example(
    {"model": "DeepSeek-R1-Distill-Qwen-32B", "precision": "bf16", "throughput_rps": 33, "capacity_headroom": 0.0,
     "dynamic_batching": False, "p99_latency_ms": 60_000, "actives": 2},
    8,
)
def test_pools_never_shrink_as_the_load_grows(case: dict[str, Any], extra: int) -> None:
    low, high = _plan(case), _plan(case, case["throughput_rps"] + extra)
    for name, site_capacity in low.sites.items():
        for role, pool in site_capacity.pools.items():
            bigger = high.sites[name].pools[role]
            if bigger.pool.instance_type == pool.pool.instance_type:
                assert (bigger.pool.desired_nodes, bigger.pool.max_nodes) >= (pool.pool.desired_nodes, pool.pool.max_nodes)
            if role == "primary":
                # Another type may win at the higher load, but never a cheaper plan: the cost the planner ranks by
                # (provisioned GPU memory of the nodes the site's load needs, with headroom) never falls.
                active = site_capacity.role == "active"
                costs = [
                    capacity._cost(chosen.shape, capacity.replicas(
                        chosen.shape, result.sites[name].failure.share_rps if active else result.peak_rps / case["actives"], case["capacity_headroom"], 0.8,
                    ), priced=False)
                    for result, chosen in ((low, pool), (high, bigger))
                ]
                assert costs[1] >= costs[0]


@settings(max_examples=60, deadline=None)
@given(plans())
def test_headroom_failure_share_minimum_and_memory_always_hold(case: dict[str, Any]) -> None:
    result = _plan(case)
    headroom, utilisation = case["capacity_headroom"], 0.8
    for site_capacity in result.sites.values():
        for role, pool in site_capacity.pools.items():
            assert pool.shape.memory_needed_gb <= pool.shape.usable_memory_gb
            assert 0 <= pool.replicas_min <= pool.replicas_desired <= pool.replicas_max
            assert pool.pool.min_nodes == pool.replicas_min * pool.shape.nodes_per_replica
            # What the capacity-headroom policy checks on the built group: room above desired by the headroom.
            assert pool.pool.max_nodes >= pool.pool.desired_nodes * (1 + headroom) - 1e-9
            capacity_rps = pool.shape.throughput_rps * utilisation
            if site_capacity.role == "active" and role == "primary":
                assert pool.replicas_min >= 1
                assert pool.replicas_min * capacity_rps >= site_capacity.failure.share_rps * (1 - 1e-9)
                assert pool.replicas_desired * capacity_rps >= site_capacity.failure.share_rps * (1 + headroom) * (1 - 1e-9)
            elif role == "primary":
                assert pool.replicas_max * capacity_rps >= case["throughput_rps"] / case["actives"] * (1 + headroom) * (1 - 1e-9)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(MODELS), st.sampled_from(["bf16", "fp8", "int8", "int4"]), st.integers(1, 131072), st.sampled_from(CATALOG))
def test_a_replica_that_fits_never_needs_more_memory_than_its_gpus_offer(name: str, precision: str, context: int, row: GpuType) -> None:
    nodes = nodes_needed(models()[name], precision, context, row)  # type: ignore[arg-type]
    if nodes is not None:
        assert fits(models()[name], precision, context, 1, row, nodes)  # type: ignore[arg-type]
        assert nodes == 1 or not fits(models()[name], precision, context, 1, row, nodes - 1)  # type: ignore[arg-type]


# --- cold start, disks, replicas and cost, exactly ------------------------------------------------------------------


def shape(row: GpuType, nodes: int = 1, precision: str = "fp8", rps: float = 10.0) -> capacity.ReplicaShape:
    return capacity.ReplicaShape(
        gpu_type=row, precision=precision, nodes_per_replica=nodes, concurrency=1, memory_needed_gb=0.0,  # type: ignore[arg-type]
        service_time_s=0.1, throughput_rps=rps, throughput_source="estimate",
    )


def test_cold_start_of_a_two_node_replica_reads_half_the_weights_per_node() -> None:
    # 671 GB / 2 nodes = 335.5 GB per node: 168 s at 2 GB/s; loading at 2 GB/s per GPU x 8 GPUs = 21 s, plus 60 s start.
    assert capacity.cold_start(shape(gpu("h800", "H800", 8, 80), nodes=2), R1, read_gb_s=2.0) == ColdStart(boot_s=120, image_s=60, weights_s=168, load_s=81)


TINY = dataclasses.replace(QWEN_7B, name="tiny", parameters_b=0.5)


@pytest.mark.parametrize(
    ("model", "nodes", "nvme", "precision", "expected"),
    [
        pytest.param(QWEN_7B, 1, None, "bf16", 120, id="no-nvme-weights-on-root"),  # 100 + 15.24 x 1.1
        pytest.param(QWEN_7B, 1, 250, "bf16", 100, id="nvme-holds-the-weights"),
        pytest.param(R1, 2, 350, "fp8", 470, id="nvme-short-of-the-margin"),  # 335.5 x 1.1 = 369 > 350
        pytest.param(R1, 2, 370, "fp8", 100, id="nvme-holds-the-margin"),
        pytest.param(TINY, 1, None, "int4", 110, id="tiny-model-no-nvme"),  # 100 + 0.275, rounded up to 10
        pytest.param(dataclasses.replace(TINY, parameters_b=40.0), 2, 44, "bf16", 100, id="nvme-exactly-the-margin"),  # 80 GB / 2 nodes x 1.1
    ],
)
def test_root_disk(model: Any, nodes: int, nvme: int | None, precision: str, expected: int) -> None:
    assert capacity.root_disk_gb(shape(gpu("x", nvme_gb=nvme), nodes=nodes, precision=precision), model) == expected


@pytest.mark.parametrize(
    ("load", "headroom", "expected"),
    [
        pytest.param(8.0, 0.0, 1, id="exactly-one-replica"),  # 8 / (10 x 0.8) = 1.0
        pytest.param(0.1, 0.0, 1, id="never-below-one"),
        pytest.param(8.0, 0.3, 2, id="headroom-adds-one"),
        pytest.param(16.0, 0.0, 2, id="exactly-two"),
    ],
)
def test_replicas(load: float, headroom: float, expected: int) -> None:
    assert capacity.replicas(shape(gpu("x")), load, headroom, 0.8) == expected


def test_cost_counts_nodes_of_multi_node_replicas() -> None:
    two_node = shape(gpu("x", price_per_hour=2.0), nodes=2)
    assert capacity._cost(two_node, 3, priced=True) == 12.0
    assert capacity._cost(two_node, 3, priced=False) == 6 * 8 * 141


def test_a_multi_node_standby_counts_warm_nodes_and_rate_per_node() -> None:
    row = gpu("h800", "H800", 8, 80, multi_node=True)
    sites = [site("a"), site("s", role="standby", index=1)]
    result = plan([row], sites, model="DeepSeek-R1", precision="fp8", throughput={"H800": 10.12345}, throughput_rps=100, gpu_memory_gb=80)
    standby = result.sites["s"].pools["primary"].pool
    # 100 req/s at 10.12345 x 0.8 per replica with 30 % headroom: 17 replicas of 2 nodes; 1 runs, 16 are warm.
    assert (standby.nodes_per_replica, standby.min_nodes, standby.max_nodes, standby.warm_nodes) == (2, 2, 34, 32)
    assert standby.target_rps_per_node == 4.049  # 10.12345 x 0.8 / 2, to three decimals


# --- the roofline estimate, exactly -------------------------------------------------------------------------------------


def test_service_time_of_a_dense_model_on_one_gpu() -> None:
    a10 = gpu("a10", "A10", 1, 24)
    # Bandwidth 0.6 TB/s x 0.6, compute 125 TFLOPS x 0.4, no all-reduce on one GPU.
    step = (7.62e9 * 2 + 264 * 57344) / (0.6e12 * 0.6)
    prefill = 2 * 7.62e9 * 256 / (125e12 * 0.4)
    expected = prefill + 8 * step
    assert capacity.service_time_s(QWEN_7B, "bf16", 256, 8, 264, a10, gpu_models()["A10"], 1, 1) == pytest.approx(expected, rel=1e-14)


def test_service_time_of_an_moe_batch_on_two_nodes() -> None:
    h800 = gpu("h800", "H800", 8, 80, multi_node=True)
    gpus, batch = 16, 4
    bandwidth, compute = gpus * 3.35e12 * 0.6, gpus * 1979e12 * 0.4
    communication = 2 * 61 * 10e-6 + 2 * 61 * 50e-6
    # Four sequences touch 4 x 37 B active parameters (below the 671 B total); each caches 61 x 576 x 2 bytes per token.
    step = max((4 * 37e9 * 1 + batch * 264 * 61 * 576 * 2) / bandwidth, 2 * 37e9 * batch / compute) + communication
    prefill = 2 * 37e9 * 256 * batch / compute + communication
    assert capacity.service_time_s(R1, "fp8", 256, 8, 264, h800, gpu_models()["H800"], 2, batch) == pytest.approx(prefill + 8 * step, rel=1e-14)


def test_a_large_moe_batch_reads_at_most_every_weight() -> None:
    h200 = gpu("h200")
    facts = gpu_models()["H200"]
    big = capacity.service_time_s(R1, "fp8", 1, 1, 1, h200, facts, 1, 64)
    bandwidth = 8 * 4.8e12 * 0.6
    compute_bound = 2 * 37e9 * 64 / (8 * 1979e12 * 0.4)
    step = max((671e9 + 64 * 61 * 576 * 2) / bandwidth, compute_bound) + 2 * 61 * 10e-6
    assert big == pytest.approx(2 * 37e9 * 64 / (8 * 1979e12 * 0.4) + 2 * 61 * 10e-6 + step, rel=1e-12)


@pytest.mark.parametrize(
    ("gpus", "interconnect", "nodes", "expected"),
    [
        pytest.param(1, "nvlink", 1, 0.0, id="one-gpu"),
        pytest.param(8, "nvlink", 1, 2 * 61 * 10e-6, id="nvlink-node"),
        pytest.param(4, "pcie", 1, 2 * 61 * 30e-6, id="pcie-node"),
        pytest.param(8, "nvlink", 2, 2 * 61 * 10e-6 + 2 * 61 * 50e-6, id="two-nodes"),
        pytest.param(1, "nvlink", 2, 2 * 61 * 10e-6 + 2 * 61 * 50e-6, id="one-gpu-on-each-of-two-nodes"),
    ],
)
def test_all_reduce_time_per_step(gpus: int, interconnect: str, nodes: int, expected: float) -> None:
    assert capacity._all_reduce_s(R1, gpu("x", gpus=gpus, interconnect=interconnect), nodes) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("gpu_model", "precision", "expected"),
    [
        pytest.param("H100", "bf16", 989, id="hopper-bf16"),
        pytest.param("H100", "fp8", 1979, id="hopper-fp8"),
        pytest.param("H100", "int4", 1979, id="hopper-int4-at-fp8-rate"),
        pytest.param("A100", "fp8", 312, id="ampere-fp8-weight-only-at-bf16-rate"),
    ],
)
def test_peak_tensor_rate(gpu_model: str, precision: str, expected: float) -> None:
    assert capacity._peak_tflops(gpu_models()[gpu_model], precision) == expected  # type: ignore[arg-type]


# --- exact fields, boundaries and orders (mutation survivors) ---------------------------------------------------------


def test_an_inline_model_keeps_every_fact() -> None:
    inline = {"name": "moe", "parameters_b": 100.0, "active_parameters_b": 10.0, "layers": 12, "kv_latent_dim": 64, "max_context": 4096}
    assert capacity.model_facts(serving(model=inline)) == capacity.ModelFacts(
        name="moe", parameters_b=100.0, active_parameters_b=10.0, layers=12, kv_heads=None, head_dim=None, kv_latent_dim=64,
        max_context=4096, source="inline description in the stack file",
    )


def test_memory_needed_exactly() -> None:
    assert memory_needed_gb(QWEN_7B, "bf16", context=1000, concurrency=3, gpus=2) == 7.62 * 2.0 + 57344 * 1000 * 3 / 1e9 + 3.0 * 2


def test_one_request_of_a_long_context_fits_where_two_would_not() -> None:
    a10 = gpu("a10", "A10", 1, 24)
    assert fits(QWEN_7B, "bf16", 40_000, 1, a10, 1) and not fits(QWEN_7B, "bf16", 40_000, 2, a10, 1)
    assert nodes_needed(QWEN_7B, "bf16", 40_000, a10) == 1


@pytest.mark.parametrize(
    ("gpu_model", "precision", "peak", "bandwidth", "batch", "context"),
    [
        pytest.param("A10G", "bf16", 70e12, 0.6e12, 256, 264, id="bf16-rate"),
        pytest.param("L4", "fp8", 242e12, 0.3e12, 1024, 1, id="fp8-rate"),
    ],
)
def test_service_time_of_a_compute_bound_batch(gpu_model: str, precision: str, peak: float, bandwidth: float, batch: int, context: int) -> None:
    row = gpu("x", gpu_model, 1, 48)
    weight = {"bf16": 2.0, "fp8": 1.0}[precision]
    compute = peak * 0.4
    memory_time = (7.62e9 * weight + batch * context * 57344) / (bandwidth * 0.6)
    compute_time = 2 * 7.62e9 * batch / compute
    assert compute_time > memory_time  # the case is compute-bound
    expected = 2 * 7.62e9 * 256 * batch / compute + 8 * compute_time
    actual = capacity.service_time_s(QWEN_7B, precision, 256, 8, context, row, gpu_models()[gpu_model], 1, batch)  # type: ignore[arg-type]
    assert actual == pytest.approx(expected, rel=1e-14)


def request(**values: Any) -> capacity._Request:
    settings = serving(**{key: values.pop(key) for key in list(values) if key in ServingSettings.model_fields})
    return capacity._Request(capacity.model_facts(settings), settings, targets(**values), gpu_models(), tuple(values.pop("reference", ())))


def test_dynamic_batching_doubles_the_batch_while_latency_and_memory_allow() -> None:
    a10 = gpu("a10", "A10", 1, 24)
    built = capacity.replica_shape(request(), a10, "bf16")
    assert isinstance(built, capacity.ReplicaShape)
    p99 = targets().p99_latency_ms / 1000

    def time(batch: int) -> float:
        return capacity.service_time_s(QWEN_7B, "bf16", 256, 8, 264, a10, gpu_models()["A10"], 1, batch)

    assert built.concurrency == 4
    assert time(4) <= p99 < time(8)
    assert fits(QWEN_7B, "bf16", 264, 8, a10, 1)  # latency, not memory, stopped the doubling here
    assert (built.service_time_s, built.throughput_rps, built.throughput_source) == (time(4), 4 / time(4), "estimate")
    assert built.memory_needed_gb == memory_needed_gb(QWEN_7B, "bf16", 264, 4, 1)


def test_without_dynamic_batching_one_request_at_a_time() -> None:
    built = capacity.replica_shape(request(dynamic_batching=False), gpu("a10", "A10", 1, 24), "bf16")
    assert isinstance(built, capacity.ReplicaShape) and built.concurrency == 1


def test_memory_stops_the_doubling() -> None:
    # A long context on one A10: 40,000 tokens of cache per request leave room for one request only.
    built = capacity.replica_shape(request(max_context=40_000), gpu("a10", "A10", 1, 24), "bf16")
    assert isinstance(built, capacity.ReplicaShape) and built.concurrency == 1


def test_a_reference_row_matches_the_gpus_of_every_node() -> None:
    row = gpu("h800", "H800", 8, 80, multi_node=True)
    reference = [ReferenceThroughput("DeepSeek-R1", "fp8", "H800", 16, 3.5, "two nodes"), ReferenceThroughput("DeepSeek-R1", "fp8", "H800", 8, 9.9, "one node")]
    built = capacity.replica_shape(request(model="DeepSeek-R1", precision="fp8", gpu_memory_gb=80, reference=reference), row, "fp8")
    assert isinstance(built, capacity.ReplicaShape)
    assert (built.nodes_per_replica, built.gpus_per_replica, built.throughput_rps, built.throughput_source) == (2, 16, 3.5, "reference: two nodes")
    assert built.memory_needed_gb == memory_needed_gb(R1, "fp8", 264, built.concurrency, 16)


def test_a_gpu_without_roofline_figures_asks_for_a_measurement() -> None:
    assert refusal([gpu("b200x8", "B200", 8, 180)]) == [
        Problem("serving.throughput", "no bandwidth and tensor figures for B200 (inferline/catalog/data/gpu_models.csv) at a; give a measured figure")
    ]


def test_ties_between_clouds_break_by_name() -> None:
    sites = [site("a", "alicloud"), site("b", "alicloud"), site("c", "aws"), site("d", "aws"), site("e", "huaweicloud")]
    assert failure_share(sites, 600) == capacity.FailureShare(200.0, "losing every aws site")


@pytest.mark.parametrize("precision", ["int8", "int4"])
def test_no_overflow_from_an_int8_or_int4_primary_even_when_asked(precision: str) -> None:
    assert capacity.overflow_enabled(serving(precision=precision, overflow={"enabled": True}), targets()) is False
    assert refusal([gpu("g5.xlarge", "A10G", 1, 24)], precision=precision, overflow={"enabled": True}) == [
        Problem("serving.overflow.enabled", f"the primary pool already runs {precision}; the overflow pool degrades bf16 or fp8 to int8, so turn it off")
    ]


def test_a_context_of_exactly_the_model_maximum_is_accepted() -> None:
    result = plan([gpu("h200")], max_context=131072, overflow={"enabled": False})
    assert result.sites["a"].pools["primary"].shape.gpu_type.instance_type == "h200"


def test_a_standby_grows_to_one_active_sites_share() -> None:
    sites = [site("a", "aws"), site("b", "alicloud", index=1, region="us-east-1"), site("s", role="standby", index=2)]
    catalog = [gpu("g5.xlarge", "A10G", 1, 24), gpu("g5.ali", "A10G", 1, 24, cloud="alicloud")]
    result = plan(catalog, sites, throughput={"A10G": 10.0}, throughput_rps=100, overflow={"enabled": False})
    # Two actives on two clouds: each carries the whole peak after a loss (17 replicas); the standby grows to one
    # site's normal share, 50 req/s with headroom: 50 x 1.3 / 8 = 8.1, so 9.
    assert result.sites["a"].pools["primary"].replicas_desired == 17
    assert result.sites["s"].pools["primary"].replicas_max == 9


def test_every_infeasible_site_is_reported() -> None:
    sites = [site("a", region="eu-west-1"), site("b", index=1, region="eu-west-1")]
    assert [problem.path for problem in refusal([gpu("g5.xlarge", "A10G", 1, 24)], sites)] == ["sites[0].region", "sites[1].region"]


def test_the_plan_names_its_sites_roles_model_and_weights() -> None:
    result = plan([gpu("g5.xlarge", "A10G", 1, 24)], [site("a"), site("s", role="standby", index=1)], overflow={"enabled": False})
    assert (result.model, result.precision, result.weights_gb, result.peak_rps) == ("DeepSeek-R1-Distill-Qwen-7B", "bf16", 15.24, 3800)
    assert [(name, capacity_.name, capacity_.role) for name, capacity_ in result.sites.items()] == [("a", "a", "active"), ("s", "s", "standby")]


def test_max_leaves_exactly_the_headroom_above_desired() -> None:
    # 60 req/s at 10 per replica and 80 %: desired 60 x 1.3 / 8 = 9.75, so 10; max 10 x 1.3 = 13 (not 14).
    primary = plan([gpu("g5.xlarge", "A10G", 1, 24)], throughput={"A10G": 10.0}, throughput_rps=60, overflow={"enabled": False}).sites["a"].pools["primary"]
    assert (primary.replicas_desired, primary.replicas_max) == (10, 13)


def test_a_multi_node_active_pool_counts_nodes() -> None:
    row = gpu("h800", "H800", 8, 80, multi_node=True)
    primary = plan([row], model="DeepSeek-R1", precision="fp8", throughput={"H800": 10.0}, throughput_rps=100, gpu_memory_gb=80).sites["a"].pools["primary"]
    assert (primary.replicas_min, primary.replicas_desired, primary.replicas_max) == (13, 17, 23)
    assert (primary.pool.min_nodes, primary.pool.desired_nodes, primary.pool.max_nodes) == (26, 34, 46)
