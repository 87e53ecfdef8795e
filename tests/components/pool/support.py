"""Build a site's network, security and GPU pools under the preview mocks, with concrete load-balancer ids."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pulumi

from inferline.clouds import CloudName
from inferline.components.loadbalancer.outputs import LoadBalancerOutputs
from inferline.components.network import PrivateNetwork
from inferline.components.pool import GpuPool, PoolContext, overflow_trigger
from inferline.components.providers import site_provider
from inferline.components.registry import adapters
from inferline.components.security import PrivateCertificateAuthority, SiteSecurity, site_certificate
from inferline.planning.serving import ColdStart, PoolSpec
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun, run_under_mocks
from tests.support import network_spec, security_spec

GPU_POOL = "inferline:serving:GpuPool"
USER_DATA = "#cloud-config\nruncmd: [serve]\n"
#: base64 of USER_DATA
USER_DATA_B64 = "I2Nsb3VkLWNvbmZpZwpydW5jbWQ6IFtzZXJ2ZV0K"


def pool_spec(zones: Sequence[str], **changes: Any) -> PoolSpec:
    spec = PoolSpec(
        role="primary",
        model="deepseek-r1",
        precision="fp8",
        instance_type="p5e.48xlarge",
        gpu_model="H200",
        gpus_per_node=8,
        gpu_memory_gb=141,
        nodes_per_replica=1,
        min_nodes=2,
        desired_nodes=4,
        max_nodes=10,
        warm_nodes=0,
        zones=tuple(zones),
        health_check_grace_s=900,
        target_rps_per_node=2.5,
        overflow_above=None,
        root_disk_gb=500,
        cold_start=ColdStart(boot_s=90, image_s=60, weights_s=400, load_s=240),
    )
    return replace(spec, **changes)


def overflow_spec(zones: Sequence[str], **changes: Any) -> PoolSpec:
    values: dict[str, Any] = {
        "role": "overflow", "precision": "int8", "min_nodes": 0, "desired_nodes": 0, "max_nodes": 4, "overflow_above": 0.85,
    }
    return pool_spec(zones, **{**values, **changes})


def build_pools(
    cloud: CloudName,
    region: str,
    zones: Sequence[str],
    specs: Sequence[PoolSpec],
    *,
    load_balancer: dict[str, str | None],
    identity: str | None = "inferline-node",
    image: str = "img-test",
) -> ProgramRun:
    """A site's network and security, then its pools (the primary first) behind concrete load-balancer ids."""
    network = network_spec(cloud, region, zones)
    security = security_spec(network)

    def program() -> None:
        provider = site_provider(network.names.site, network.cloud, network.region)
        site_security = SiteSecurity(security, adapters(cloud).security, provider)
        net = PrivateNetwork(network, adapters(cloud).network, site_security.encryption, provider).outputs
        ca = PrivateCertificateAuthority("test-ca", "inferline test")
        sec = site_security.build(net, site_certificate(ca, security))
        lb = LoadBalancerOutputs(
            load_balancer_id=pulumi.Output.from_input(load_balancer["load_balancer_id"] or ""),
            address=pulumi.Output.from_input("lb.example.com"),
            backend_group_id=pulumi.Output.from_input(load_balancer["backend_group_id"] or ""),
            rule_id=pulumi.Output.from_input(load_balancer["rule_id"]) if load_balancer.get("rule_id") else None,
        )
        context = PoolContext(
            names=network.names, region=region, tags=network.tags, network=net, security=sec, load_balancer=lb,
            backend_port=8000, user_data=USER_DATA, node_identity=identity, image=image,
        )
        primary_spec = next(spec for spec in specs if spec.role == "primary")
        primary = GpuPool(primary_spec, adapters(cloud).pool, context, provider)
        for spec in specs:
            if spec.role == "overflow":
                trigger = overflow_trigger(primary_spec, primary.outputs, spec)
                GpuPool(spec, adapters(cloud).pool, replace(context, overflow=trigger), provider)

    return run_under_mocks(program)


def pool_children(run: ProgramRun, role: str = "primary") -> dict[str, ResourceRecord]:
    component = next(r for r in run.resources if r.type == GPU_POOL and r.name == f"site-a-{role}")
    return {record.name: record for record in run.resources if record.parent == component.urn}
