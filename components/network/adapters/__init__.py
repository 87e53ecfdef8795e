"""Network adapters, one per cloud (registered in ``components.registry``)."""

from __future__ import annotations

from inferline.components.network.adapters.base import NetworkAdapter, NetworkOutputs

__all__ = ["NetworkAdapter", "NetworkOutputs"]
