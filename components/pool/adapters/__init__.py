"""GPU pool adapters, one per cloud (registered in ``components.registry``)."""

from __future__ import annotations

from inferline.components.pool.adapters.base import OverflowTrigger, PoolAdapter, PoolContext, PoolOutputs

__all__ = ["OverflowTrigger", "PoolAdapter", "PoolContext", "PoolOutputs"]
