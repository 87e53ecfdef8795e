"""The interface every cloud's GPU pool adapter implements, and what a pool is built from."""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar, Protocol

import pulumi

from inferline.clouds import CloudName
from inferline.clouds.capabilities import unsupported_reason
from inferline.components.loadbalancer.outputs import LoadBalancerOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import SecurityOutputs
from inferline.planning.naming import Names
from inferline.planning.serving import PoolSpec


@dataclass
class PoolOutputs:
    """Cloud-neutral ids of one pool: what an overflow pool's alarm and the site's outputs name."""

    scaling_group_id: pulumi.Output[str]
    #: The scaling group's name where the cloud's metrics are keyed by it (AWS), else its id again.
    scaling_group_name: pulumi.Output[str]
    #: Launch template (AWS) or scaling configuration (elsewhere).
    launch_configuration_id: pulumi.Output[str]


@dataclass
class OverflowTrigger:
    """What an overflow pool's alarm watches: the site's primary pool, and how full it must be."""

    primary: PoolOutputs
    #: In-service primary nodes at or above which the overflow pool scales out (below it, scales back in).
    threshold_nodes: float


@dataclass
class PoolContext:
    """What one site hands its pools: where nodes go, what protects them, what they serve behind, how they boot."""

    names: Names
    region: str
    tags: Mapping[str, str]
    network: NetworkOutputs
    #: The GPU security group and the site key that encrypts node disks.
    security: SecurityOutputs
    load_balancer: LoadBalancerOutputs
    #: The port nodes serve on, which the backend group forwards to (``LoadBalancerSpec.backend_port``).
    backend_port: int
    #: Cloud-init, plain text; adapters encode it where the cloud's API wants base64.
    user_data: pulumi.Input[str]
    #: AWS instance profile name, Alibaba RAM role, Tencent CAM role, Huawei agency (None: nodes get no identity).
    node_identity: pulumi.Input[str] | None
    #: Image id (AWS: an AMI id or ``resolve:ssm:<public parameter>``, resolved at each launch).
    image: pulumi.Input[str]
    #: Overflow pools only: when to scale out (None for a primary pool).
    overflow: OverflowTrigger | None = None

    def subnet_ids(self, spec: PoolSpec) -> list[pulumi.Output[str]]:
        """The private subnets of the pool's zones, in the spec's order (never the edge subnets)."""
        return [self.network.private_subnet_ids[zone] for zone in spec.zones]


class PoolAdapter(Protocol):
    """Translates a ``PoolSpec`` into one cloud's launch template or scaling configuration, scaling group and
    scaling policies. Stateless; one per cloud."""

    cloud: ClassVar[CloudName]

    def build(self, spec: PoolSpec, context: PoolContext, opts: pulumi.ResourceOptions) -> PoolOutputs:
        """Declare one pool. ``opts`` carries ``parent`` and the site's provider; every child uses it."""
        ...


def pool_part(spec: PoolSpec, *parts: str) -> tuple[str, ...]:
    """Name parts of a pool's child: ``gpu-{role}[-part]``, from the pool's role, never its position."""
    return ("gpu", spec.role, *parts)


def refuse_overflow(cloud: CloudName, spec: PoolSpec, context: PoolContext) -> None:
    """Clouds whose alarms watch only the group's own nodes cannot build the overflow pool's trigger."""
    if context.overflow is not None:
        raise ValueError(f"pool '{context.names.resource(spec.role)}': {unsupported_reason(cloud, 'pool-overflow-alarm')}")


def cloud_namer(spec: PoolSpec, context: PoolContext, limit: int) -> Callable[..., str]:
    """The cloud-side name of a pool's child (``inferline-<stack>-<site>-gpu-<role>[-part]``), within the cloud's limit."""

    def name(*parts: str) -> str:
        return context.names.cloud(*pool_part(spec, *parts), limit=limit)

    return name


def base64_user_data(user_data: pulumi.Input[str]) -> pulumi.Output[str]:
    """Cloud-init as base64, for APIs that take it encoded (AWS launch templates, Tencent, Alibaba ESS)."""
    return pulumi.Output.from_input(user_data).apply(lambda text: base64.b64encode(text.encode("utf-8")).decode("ascii"))



def keep_scaled_size(opts: pulumi.ResourceOptions, prop: str) -> pulumi.ResourceOptions:
    """Scaling policies move the group's desired size after creation; a later ``pulumi up`` must not reset it.
    ``prop`` is the SDK's property name of the desired size."""
    return pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(ignore_changes=[prop]))
