"""Scenario profiles: the service targets a stack is planned for.

The three named profiles carry defaults taken from the article the project grew from (figures it
reports for each scenario) or, where it gives none, inferline's own defaults; each is labelled
below. They are targets for capacity planning and failover budgets, not measurements of this code.
Every field can be overridden in the stack; ``custom`` needs every target but the two risk-control
defaults (headroom and health-check interval).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from inferline.config.base import StrictModel
from inferline.errors import Problem

ProfileName = Literal["financial-risk", "ecommerce-recsys", "medical-imaging", "custom"]
Priority = Literal["latency", "throughput", "gpu-memory"]

#: Spare capacity kept above the planned peak (the article's risk controls keep 30 %).
DEFAULT_CAPACITY_HEADROOM = 0.30
#: Load-balancer health-check interval (the article checks node health every 30 s).
DEFAULT_HEALTH_CHECK_INTERVAL_S = 30


class ProfileTargets(StrictModel):
    """The resolved targets of a profile, after stack overrides."""

    priority: Annotated[Priority, Field(description="What the profile optimises first.")]
    p99_latency_ms: Annotated[int, Field(ge=1, description="End-to-end p99 latency target per request, milliseconds.")]
    throughput_rps: Annotated[int, Field(ge=1, description="Peak requests per second the stack must serve across all active sites.")]
    gpu_memory_gb: Annotated[int, Field(ge=8, le=1024, description="Minimum memory per GPU, GB.")]
    capacity_headroom: Annotated[float, Field(ge=0.0, le=2.0, description="Spare capacity above the planned peak, as a fraction (0.3 = 30 %).")]
    failover_rto_s: Annotated[int, Field(ge=1, description="Recovery-time objective when a site fails, seconds.")]
    dynamic_batching: Annotated[bool, Field(description="Whether servers merge concurrent requests into batches.")]
    max_payload_mb: Annotated[int, Field(ge=1, description="Largest request body accepted, MB.")]
    health_check_interval_s: Annotated[int, Field(ge=5, le=50, description="Load-balancer health-check interval, seconds (5-50 is valid on every cloud).")]


PROFILES: dict[str, ProfileTargets] = {
    # Real-time risk decisions: latency first. The article reports anti-fraud decisions at 220 ms.
    "financial-risk": ProfileTargets(
        priority="latency",
        p99_latency_ms=220,  # article
        throughput_rps=500,  # inferline default
        gpu_memory_gb=80,  # article: A100 80 GB pools
        capacity_headroom=DEFAULT_CAPACITY_HEADROOM,
        failover_rto_s=30,  # inferline default
        dynamic_batching=False,  # batching trades latency for throughput
        max_payload_mb=1,  # inferline default
        health_check_interval_s=DEFAULT_HEALTH_CHECK_INTERVAL_S,
    ),
    # Recommendation: throughput first with dynamic batching. The article reports 3,800 QPS and a p99 of 0.8 s.
    "ecommerce-recsys": ProfileTargets(
        priority="throughput",
        p99_latency_ms=800,  # article
        throughput_rps=3800,  # article
        gpu_memory_gb=40,  # inferline default
        capacity_headroom=DEFAULT_CAPACITY_HEADROOM,
        failover_rto_s=60,  # inferline default
        dynamic_batching=True,  # article
        max_payload_mb=1,  # inferline default
        health_check_interval_s=DEFAULT_HEALTH_CHECK_INTERVAL_S,
    ),
    # Imaging: the largest GPU memory and large payloads. The article reports 1.8 s per study.
    "medical-imaging": ProfileTargets(
        priority="gpu-memory",
        p99_latency_ms=1800,  # article
        throughput_rps=20,  # inferline default
        gpu_memory_gb=80,  # article: A100 80 GB pools
        capacity_headroom=DEFAULT_CAPACITY_HEADROOM,
        failover_rto_s=300,  # inferline default
        dynamic_batching=False,
        max_payload_mb=512,  # inferline default: a CT series
        health_check_interval_s=DEFAULT_HEALTH_CHECK_INTERVAL_S,
    ),
}


#: The only targets ``custom`` does not require: the article's risk-control defaults.
CUSTOM_DEFAULTS: dict[str, object] = {
    "capacity_headroom": DEFAULT_CAPACITY_HEADROOM,
    "health_check_interval_s": DEFAULT_HEALTH_CHECK_INTERVAL_S,
}


class ProfileConfig(StrictModel):
    """`inferline:profile` — a named profile, any field of which the stack may override."""

    name: Annotated[ProfileName, Field(description="Scenario profile. `custom` needs every target except capacity_headroom and health_check_interval_s.")]
    priority: Annotated[Priority | None, Field(description="Overrides the profile's priority.")] = None
    p99_latency_ms: Annotated[int | None, Field(ge=1, description="Overrides the p99 latency target, ms.")] = None
    throughput_rps: Annotated[int | None, Field(ge=1, description="Overrides the peak throughput target, requests/s.")] = None
    gpu_memory_gb: Annotated[int | None, Field(ge=8, le=1024, description="Overrides the minimum memory per GPU, GB.")] = None
    capacity_headroom: Annotated[float | None, Field(ge=0.0, le=2.0, description="Overrides the capacity headroom. Defaults to 0.3.")] = None
    failover_rto_s: Annotated[int | None, Field(ge=1, description="Overrides the failover recovery-time objective, s.")] = None
    dynamic_batching: Annotated[bool | None, Field(description="Overrides dynamic batching.")] = None
    max_payload_mb: Annotated[int | None, Field(ge=1, description="Overrides the largest request body, MB.")] = None
    health_check_interval_s: Annotated[int | None, Field(ge=5, le=50, description="Overrides the health-check interval, s. Defaults to 30.")] = None


def resolve_profile(config: ProfileConfig, path: str = "profile") -> tuple[ProfileTargets | None, list[Problem]]:
    """Apply stack overrides to the named profile; for ``custom`` every target must be given."""
    overrides = config.model_dump(exclude={"name"}, exclude_none=True)
    if config.name == "custom":
        overrides = {**CUSTOM_DEFAULTS, **overrides}
        missing = [field for field in ProfileTargets.model_fields if field not in overrides]
        if missing:
            return None, [
                Problem(f"{path}.{field}", "is required when the profile is 'custom'") for field in missing
            ]
        return ProfileTargets(**overrides), []
    return PROFILES[config.name].model_copy(update=overrides), []
