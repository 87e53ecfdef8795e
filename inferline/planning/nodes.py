"""How each site's GPU nodes boot: the server image, the VM image and the server's limits, planned once per site.

The capacity planner sizes the pools; this decides what their nodes run, and refuses what a scaling group of
independent nodes cannot run.
"""

from __future__ import annotations

from inferline.clouds.images import DEFAULT_NODE_IMAGES, NO_DEFAULT_REASON
from inferline.config.stack import StackConfig
from inferline.errors import Problem
from inferline.planning.bootstrap import NodeBootPlan
from inferline.planning.capacity import CapacityPlan

#: Why a replica must fit one node: a scaling group launches and replaces nodes one by one, and no cloud's group
#: can pair two of them into one server (multi-node vLLM or SGLang needs a leader that knows its workers, e.g. a
#: LeaderWorkerSet on Kubernetes), so a two-node replica would be two halves that never meet.
ONE_NODE_PER_REPLICA = (
    "GPU pools are scaling groups of independent nodes, which cannot be paired into one multi-node server; "
    "a replica must fit one node"
)


def plan_node_boots(config: StackConfig, capacity: CapacityPlan, dynamic_batching: bool) -> tuple[dict[str, NodeBootPlan], list[Problem]]:
    """Every site with pools: its ``NodeBootPlan`` (``dynamic_batching`` from the profile); problems name the field
    to change."""
    serving = config.serving
    assert serving is not None  # capacity is planned only for stacks that configure serving
    sites = {site.name: (index, site) for index, site in enumerate(config.sites)}
    problems = [
        Problem(f"serving.node_images.{name}", f"'{name}' is not a site of this stack")
        for name in sorted(set(serving.node_images) - set(sites))
    ]
    boots: dict[str, NodeBootPlan] = {}
    digest = serving.image_digest
    if digest is None and capacity.sites:
        problems.append(Problem("serving.image_digest", "is required: GPU nodes pull the inference server image by digest (sha256:...)"))
    for name, site_capacity in sorted(capacity.sites.items()):
        index, site = sites[name]
        for role, pool in sorted(site_capacity.pools.items()):
            if pool.pool.nodes_per_replica > 1:
                problems.append(
                    Problem(
                        "serving.precision" if role == "primary" else "serving.overflow.enabled",
                        f"site '{name}' would need {pool.pool.nodes_per_replica} x {pool.pool.instance_type} per {role} replica: "
                        f"{ONE_NODE_PER_REPLICA}; use a lower precision, a smaller model, or pin a type whose node holds "
                        "the model (serving.gpu, serving.gpu_catalog)",
                    )
                )
        image = serving.node_images.get(name, DEFAULT_NODE_IMAGES.get(site.cloud))
        if image is None:
            problems.append(Problem(f"serving.node_images.{name}", f"required for {site.cloud} site sites[{index}]: {NO_DEFAULT_REASON}"))
        if image is None or digest is None:
            continue
        boots[name] = NodeBootPlan(
            server=serving.server,
            digest=digest,
            image=image,
            max_context=serving.context_tokens,
            dynamic_batching=dynamic_batching,
            serving_port=config.security.serving_port,
            max_sequences=tuple((role, pool.shape.concurrency) for role, pool in sorted(site_capacity.pools.items())),
        )
    return boots, problems


__all__ = ["ONE_NODE_PER_REPLICA", "plan_node_boots"]
