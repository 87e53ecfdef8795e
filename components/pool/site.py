"""A site's pools, primary first: the overflow pool's alarm watches the primary it was built after."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pulumi

from inferline.clouds.capabilities import unsupported_reason
from inferline.components.loadbalancer.outputs import LoadBalancerOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.pool.adapters.base import PoolAdapter, PoolContext
from inferline.components.pool.component import GpuPool, overflow_trigger
from inferline.components.security.adapters.base import SecurityOutputs
from inferline.planning.serving import PoolRole
from inferline.planning.stack import SitePlan


@dataclass
class NodeBoot:
    """How a site's GPU nodes boot (from the node bootstrap): cloud-init, identity, image."""

    user_data: pulumi.Input[str]
    #: Instance profile, RAM role, CAM role or agency name; None: nodes get no identity.
    identity: pulumi.Input[str] | None
    image: pulumi.Input[str]


def site_pools(
    plan: SitePlan,
    adapter: PoolAdapter,
    network: NetworkOutputs,
    security: SecurityOutputs,
    load_balancer: LoadBalancerOutputs | None,
    node: NodeBoot | None,
    provider: pulumi.ProviderResource,
    parent: pulumi.Resource,
) -> dict[PoolRole, GpuPool]:
    """Declare ``plan.pools``, the primary first; a site that plans pools must hand over its load balancer and node
    bootstrap. An overflow pool is built only where the cloud can trigger it from the primary."""
    if not plan.pools:
        return {}
    if load_balancer is None or node is None or plan.load_balancer is None:
        missing = [what for what, value in (("load balancer", load_balancer), ("node bootstrap", node)) if value is None]
        raise ValueError(f"site '{plan.name}' plans GPU pools but has no {' or '.join(missing) or 'load-balancer plan'}")
    context = PoolContext(
        names=plan.names,
        region=plan.region,
        tags=plan.tags,
        network=network,
        security=security,
        load_balancer=load_balancer,
        backend_port=plan.load_balancer.backend_port,
        user_data=node.user_data,
        node_identity=node.identity,
        image=node.image,
    )
    opts = pulumi.ResourceOptions(parent=parent)
    pools: dict[PoolRole, GpuPool] = {}
    primary_spec = plan.pools["primary"]
    pools["primary"] = GpuPool(primary_spec, adapter, context, provider, opts)
    overflow = plan.pools.get("overflow")
    # Without a cross-group alarm the overflow pool would run untriggered: it is not built, and the preview lists
    # it as unsupported with the reason (``preview.render.unsupported_features``).
    if overflow is not None and unsupported_reason(plan.cloud, "pool-overflow-alarm") is None:
        trigger = overflow_trigger(primary_spec, pools["primary"].outputs, overflow)
        pools["overflow"] = GpuPool(overflow, adapter, replace(context, overflow=trigger), provider, opts)
    return pools
