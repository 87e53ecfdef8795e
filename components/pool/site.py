"""A site's pools, primary first: the overflow pool's alarm watches the primary it was built after."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import pulumi

from inferline.clouds.capabilities import unsupported_reason
from inferline.components.artifacts.outputs import ArtifactsOutputs
from inferline.components.loadbalancer.outputs import LoadBalancerOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.pool.adapters.base import PoolAdapter, PoolContext
from inferline.components.pool.component import GpuPool, overflow_trigger
from inferline.components.security.adapters.base import SecurityOutputs
from inferline.planning.bootstrap import bootstrap_spec, render_user_data
from inferline.planning.serving import PoolRole, PoolSpec
from inferline.planning.stack import SitePlan


@dataclass
class NodeBoot:
    """How a site's GPU nodes boot (from the node bootstrap): cloud-init, identity, image."""

    user_data: pulumi.Input[str]
    #: Instance profile, RAM role, CAM role or agency name; None: nodes get no identity.
    identity: pulumi.Input[str] | None
    image: pulumi.Input[str]


def node_boots(plan: SitePlan, artifacts: ArtifactsOutputs) -> dict[PoolRole, NodeBoot]:
    """Each pool's cloud-init, rendered from the planned boot once the site's registry and bucket exist (their
    names are the cloud's), with the node identity and the planned VM image."""
    boot, spec = plan.boot, plan.artifacts
    if boot is None or spec is None:
        return {}

    def user_data(pool: PoolSpec) -> pulumi.Output[str]:
        registry_id = artifacts.registry_id if artifacts.registry_id is not None else pulumi.Output.from_input(None)
        return pulumi.Output.all(artifacts.registry_host, registry_id, artifacts.bucket).apply(
            lambda values: render_user_data(
                plan.cloud,
                bootstrap_spec(
                    pool,
                    spec,
                    server=boot.server,
                    digest=boot.digest,
                    max_context=boot.max_context,
                    max_sequences=boot.sequences(pool.role),
                    dynamic_batching=boot.dynamic_batching,
                    serving_port=boot.serving_port,
                    registry_host=values[0],
                    registry_id=values[1],
                    bucket=values[2],
                ),
            )
        )

    return {role: NodeBoot(user_data(pool), artifacts.node_identity, boot.image) for role, pool in plan.pools.items()}


def site_pools(
    plan: SitePlan,
    adapter: PoolAdapter,
    network: NetworkOutputs,
    security: SecurityOutputs,
    load_balancer: LoadBalancerOutputs | None,
    nodes: Mapping[PoolRole, NodeBoot],
    provider: pulumi.ProviderResource,
    parent: pulumi.Resource,
) -> dict[PoolRole, GpuPool]:
    """Declare ``plan.pools``, the primary first; a site that plans pools must hand over its load balancer and node
    bootstrap. An overflow pool is built only where the cloud can trigger it from the primary."""
    if not plan.pools:
        return {}
    if load_balancer is None or set(nodes) != set(plan.pools) or plan.load_balancer is None:
        missing = [what for what, absent in (("load balancer", load_balancer is None), ("node bootstrap", set(nodes) != set(plan.pools))) if absent]
        raise ValueError(f"site '{plan.name}' plans GPU pools but has no {' or '.join(missing) or 'load-balancer plan'}")
    context = PoolContext(
        names=plan.names,
        region=plan.region,
        tags=plan.tags,
        network=network,
        security=security,
        load_balancer=load_balancer,
        backend_port=plan.load_balancer.backend_port,
        user_data=nodes["primary"].user_data,
        node_identity=nodes["primary"].identity,
        image=nodes["primary"].image,
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
        node = nodes["overflow"]
        overflow_context = replace(context, overflow=trigger, user_data=node.user_data, node_identity=node.identity, image=node.image)
        pools["overflow"] = GpuPool(overflow, adapter, overflow_context, provider, opts)
    return pools
