"""Load-balancer adapters, one per cloud (registered in ``components.registry``)."""

from __future__ import annotations

from inferline.components.loadbalancer.adapters.base import LoadBalancerAdapter, LoadBalancerSite

__all__ = ["LoadBalancerAdapter", "LoadBalancerSite"]
