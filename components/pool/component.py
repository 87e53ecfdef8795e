"""The neutral GpuPool component: named after the site and the pool's role, children built by the cloud's adapter."""

from __future__ import annotations

import pulumi

from inferline.components.pool.adapters.base import OverflowTrigger, PoolAdapter, PoolContext, PoolOutputs
from inferline.planning.serving import PoolSpec

#: Type token of the component; part of every child's URN. Never change it without an alias.
GPU_POOL_TYPE = "inferline:serving:GpuPool"


class GpuPool(pulumi.ComponentResource):
    """One GPU pool of a site, named ``{site}-{role}``; its children are named ``{site}-gpu-{role}[-part]``."""

    outputs: PoolOutputs

    def __init__(
        self,
        spec: PoolSpec,
        adapter: PoolAdapter,
        context: PoolContext,
        provider: pulumi.ProviderResource,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        if (spec.role == "overflow") != (context.overflow is not None):
            # A wiring error, not a configuration one: the site hands the primary's outputs to the overflow only.
            raise ValueError(f"pool '{context.names.resource(spec.role)}': an overflow pool needs its overflow trigger, a primary none")
        super().__init__(GPU_POOL_TYPE, context.names.resource(spec.role), None, opts)
        child = pulumi.ResourceOptions(parent=self, provider=provider)
        self.outputs = adapter.build(spec, context, child)
        self.register_outputs(
            {
                "role": spec.role,
                "instanceType": spec.instance_type,
                "scalingGroupId": self.outputs.scaling_group_id,
                "launchConfigurationId": self.outputs.launch_configuration_id,
            }
        )


def overflow_trigger(primary: PoolSpec, primary_outputs: PoolOutputs, overflow: PoolSpec) -> OverflowTrigger:
    """The overflow pool takes traffic once the primary runs above ``overflow_above`` of what it can carry.

    Target tracking holds every primary node at its target load, so the share of the primary's capacity in
    use is the share of its maximum nodes in service: "above 85 %" is "at least 0.85 x max nodes in service".
    """
    if overflow.overflow_above is None:
        raise ValueError(f"overflow pool of {overflow.model} has no overflow_above")
    return OverflowTrigger(primary=primary_outputs, threshold_nodes=round(overflow.overflow_above * primary.max_nodes, 2))
