"""A site's serving plan: the load balancer in front and the GPU pools behind it, final and pure.

Two planners fill it: the capacity planner sizes the pools from the profile and the model
(``SitePlan.pools``), the load-balancer planner sets the listener from the profile, the security settings
and the cloud's TLS 1.3 policy (``SitePlan.load_balancer``). Components build exactly this and decide nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from inferline.planning.tls import LoadBalancerKind, TlsListenerPolicy

Precision = Literal["bf16", "fp8", "int8", "int4"]
#: A pool's identity within its site. It is part of the pool's resource names, so it is never a position.
PoolRole = Literal["primary", "overflow"]


@dataclass(frozen=True)
class ColdStart:
    """Seconds from a scale-out decision until a new node serves, by phase (stated as a model, not measured)."""

    boot_s: int
    image_s: int
    weights_s: int
    load_s: int

    @property
    def total_s(self) -> int:
        return self.boot_s + self.image_s + self.weights_s + self.load_s


@dataclass(frozen=True)
class PoolSpec:
    """One GPU scaling group of a site: instance type, sizes and the health and scaling settings."""

    role: PoolRole
    model: str
    precision: Precision
    instance_type: str
    gpu_model: str
    gpus_per_node: int
    gpu_memory_gb: int
    #: Nodes one model replica spans (1 unless the catalog marks the type's interconnect for multi-node replicas).
    nodes_per_replica: int
    min_nodes: int
    desired_nodes: int
    max_nodes: int
    #: Nodes kept initialised but not serving, where the cloud has warm capacity (0: none).
    warm_nodes: int
    zones: tuple[str, ...]
    #: Seconds a new node is given to load its model before failed health checks replace it.
    health_check_grace_s: int
    #: Requests per second one node should carry at the target utilisation (target-tracking scale-out).
    target_rps_per_node: float
    #: Overflow pool only: the primary pool's utilisation (0-1) above which this pool takes traffic.
    overflow_above: float | None
    #: System disk size, GB (the image and the weights' local copy where the type has no local NVMe).
    root_disk_gb: int
    cold_start: ColdStart


@dataclass(frozen=True)
class LoadBalancerSpec:
    """The site's load balancer: an HTTPS (or TLS, where the cloud's L7 caps idle time too low) listener in the
    edge subnets, HTTP only as a redirect, one backend group the pools register with."""

    kind: LoadBalancerKind
    layer: Literal[4, 7]
    https_port: int
    #: Port of the HTTP listener that only redirects to HTTPS (None: no HTTP listener).
    redirect_http_port: int | None
    backend_port: int
    health_check_path: str
    health_check_interval_s: int
    health_check_timeout_s: int
    healthy_threshold: int
    unhealthy_threshold: int
    idle_timeout_s: int
    request_timeout_s: int
    tls: TlsListenerPolicy
    #: Largest request body the listener accepts, MB (the profile's max_payload_mb), where the cloud caps it below
    #: that by default (Tencent CLB and Volcano Engine ALB: 60 MB). None: the cloud's default.
    max_body_mb: int | None = None


__all__ = ["ColdStart", "LoadBalancerSpec", "PoolRole", "PoolSpec", "Precision"]
