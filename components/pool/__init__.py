"""GpuPool: one GPU scaling group of a site, behind the site's load balancer, on any of the five clouds."""

from __future__ import annotations

from inferline.components.pool.adapters import OverflowTrigger, PoolAdapter, PoolContext, PoolOutputs
from inferline.components.pool.component import GPU_POOL_TYPE, GpuPool, overflow_trigger

__all__ = ["GPU_POOL_TYPE", "GpuPool", "OverflowTrigger", "PoolAdapter", "PoolContext", "PoolOutputs", "overflow_trigger"]
