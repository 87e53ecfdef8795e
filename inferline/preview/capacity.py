"""The capacity table: per site and pool, what was planned and from what. No SDK import: `inferline plan` uses it."""

from __future__ import annotations

from typing import Any

from inferline.catalog import models
from inferline.planning.capacity import CapacityPlan, PoolCapacity
from inferline.planning.stack import StackPlan
from inferline.planning.transfer import hub_repository, planned_target, transfer_commands

COLUMNS = (
    "site", "pool", "model", "precision", "instance type", "GPUs/replica", "replicas min/desired/max",
    "req/s per replica", "throughput source", "failure share", "cold node serves in",
)


def capacity_rows(capacity: CapacityPlan) -> list[dict[str, Any]]:
    """One row per site and pool, in site order, primary before overflow."""
    rows = []
    for name, site in capacity.sites.items():
        for role in ("primary", "overflow"):
            pool = site.pools.get(role)
            if pool is not None:
                rows.append(_row(name, site.role, site.failure.share_rps, site.failure.survives, capacity.model, pool))
    return rows


def _row(site: str, site_role: str, share_rps: float, survives: str, model: str, capacity: PoolCapacity) -> dict[str, Any]:
    shape, pool = capacity.shape, capacity.pool
    return {
        "site": site,
        "siteRole": site_role,
        "pool": pool.role,
        "model": model,
        "precision": pool.precision,
        "instanceType": pool.instance_type,
        "gpuModel": pool.gpu_model,
        "catalogRowVerified": shape.gpu_type.verified,
        "gpusPerReplica": shape.gpus_per_replica,
        "nodesPerReplica": pool.nodes_per_replica,
        "memoryNeededGb": round(shape.memory_needed_gb, 1),
        "memoryUsableGb": round(shape.usable_memory_gb, 1),
        "concurrencyPerReplica": shape.concurrency,
        "replicas": {"min": capacity.replicas_min, "desired": capacity.replicas_desired, "max": capacity.replicas_max},
        "nodes": {"min": pool.min_nodes, "desired": pool.desired_nodes, "max": pool.max_nodes, "warm": pool.warm_nodes},
        "requestsPerSecondPerReplica": round(shape.throughput_rps, 2),
        "throughputSource": shape.throughput_source,
        "serviceTimeMs": round(shape.service_time_s * 1000, 1),
        "failureShareRps": round(share_rps, 1),
        "failureSurvives": survives,
        "coldStartS": {
            "boot": pool.cold_start.boot_s, "image": pool.cold_start.image_s, "weights": pool.cold_start.weights_s,
            "load": pool.cold_start.load_s, "total": pool.cold_start.total_s,
        },
        # A warm (stopped) node keeps its image and weights on disk: it boots and loads only.
        "warmStartS": pool.cold_start.boot_s + pool.cold_start.load_s,
    }


def capacity_document(plan: StackPlan) -> dict[str, Any] | None:
    capacity = plan.capacity
    if capacity is None:
        return None
    return {
        "model": capacity.model,
        "precision": capacity.precision,
        "weightsGb": round(capacity.weights_gb, 1),
        "peakRps": capacity.peak_rps,
        "pools": capacity_rows(capacity),
    }


def render_capacity(plan: StackPlan) -> str:
    capacity = plan.capacity
    if capacity is None:
        return "capacity: no serving configured (inferline:serving)"
    table = [list(COLUMNS)]
    for row in capacity_rows(capacity):
        replicas, cold = row["replicas"], row["coldStartS"]
        unverified = "" if row["catalogRowVerified"] else " (unverified row)"
        table.append([
            f"{row['site']} ({row['siteRole']})", row["pool"], row["model"], row["precision"], row["instanceType"] + unverified,
            f"{row['gpusPerReplica']} x {row['gpuModel']}" + (f" on {row['nodesPerReplica']} nodes" if row["nodesPerReplica"] > 1 else ""),
            f"{replicas['min']}/{replicas['desired']}/{replicas['max']}",
            f"{row['requestsPerSecondPerReplica']:g}", row["throughputSource"],
            f"{row['failureShareRps']:g} req/s ({row['failureSurvives']})" if row["siteRole"] == "active" else "standby: grows to one site's share",
            f"{cold['total']} s cold ({cold['boot']} boot, {cold['image']} image, {cold['weights']} weights, {cold['load']} load); {row['warmStartS']} s warm",
        ])
    widths = [max(len(str(line[column])) for line in table) for column in range(len(COLUMNS))]
    lines = [
        f"capacity: {capacity.model} {capacity.precision}, weights {capacity.weights_gb:.0f} GB, peak {capacity.peak_rps} req/s "
        f"(headroom {plan.targets.capacity_headroom:.0%}, p99 {plan.targets.p99_latency_ms} ms)",
    ]
    for index, line in enumerate(table):
        lines.append("  " + "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
        if index == 0:
            lines.append("  " + "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def render_transfers(plan: StackPlan) -> str:
    """The commands that put the server image, the weights and the serving token where each site's nodes read them
    (README, "Node bootstrap and artifacts"), for the configured model and server."""
    serving = plan.config.serving
    sites = [(name, site) for name, site in plan.sites.items() if site.artifacts is not None and site.boot is not None]
    if serving is None or not sites:
        return "transfer: none (no site has GPU pools)"
    lines = ["transfer (after `pulumi up`, on a machine that reaches Docker Hub and the model hub, signed in to each cloud's CLI):"]
    for name, site in sites:
        artifacts, boot = site.artifacts, site.boot
        assert artifacts is not None and boot is not None
        model = site.pools["primary"].model
        target = planned_target(artifacts, model)
        lines.append(f"  {name}:")
        lines += [f"    {command}" for command in transfer_commands(target, boot.server, boot.digest, hub_repository(model, models()))]
    return "\n".join(lines)
