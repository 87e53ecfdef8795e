"""The rules, as pure checks over plain resource views (no Pulumi or pulumi-policy imports)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from inferline.policies.rules.audit import AUDIT_TRAIL_LOGGING, check_trail_logging
from inferline.policies.rules.base import Finding, ResourceView, Rule
from inferline.policies.rules.health import HEALTH_CHECK_INTERVAL, check_health_check_interval
from inferline.policies.rules.ingress import DEFAULT_ALLOWED_PUBLIC_PORTS, NO_PUBLIC_INGRESS, check_public_ingress
from inferline.policies.rules.keys import KMS_KEY_ROTATION, check_key_rotation
from inferline.policies.rules.network import (
    FLOW_LOGS_ON_EVERY_VPC,
    SUBNET_NO_PUBLIC_IP,
    check_flow_logs_on_every_vpc,
    check_subnet_no_public_ip,
)
from inferline.policies.rules.pools import (
    GPU_DISK_ENCRYPTED,
    GPU_NODES_PRIVATE,
    check_gpu_disk_encrypted,
    check_gpu_nodes_private,
)
from inferline.policies.rules.sizing import (
    CAPACITY_HEADROOM,
    DEFAULT_HEADROOM,
    DEFAULT_MIN_ZONES,
    POOL_MULTI_ZONE,
    check_capacity_headroom,
    check_pool_multi_zone,
)
from inferline.policies.rules.tls import TLS13_LISTENERS, check_tls13_listener

RULES = (
    FLOW_LOGS_ON_EVERY_VPC,
    SUBNET_NO_PUBLIC_IP,
    KMS_KEY_ROTATION,
    NO_PUBLIC_INGRESS,
    TLS13_LISTENERS,
    AUDIT_TRAIL_LOGGING,
    GPU_NODES_PRIVATE,
    GPU_DISK_ENCRYPTED,
    POOL_MULTI_ZONE,
    CAPACITY_HEADROOM,
    HEALTH_CHECK_INTERVAL,
)
RULES_BY_NAME = {rule.name: rule for rule in RULES}


def resource_checks(
    public_ports: Sequence[int] = DEFAULT_ALLOWED_PUBLIC_PORTS, *, min_zones: int = DEFAULT_MIN_ZONES, headroom: float = DEFAULT_HEADROOM
) -> dict[str, Callable[[ResourceView], Finding | None]]:
    """The per-resource rules, by name. ``min_zones`` 1 turns pool-multi-zone off (outside prod)."""
    return {
        SUBNET_NO_PUBLIC_IP.name: check_subnet_no_public_ip,
        KMS_KEY_ROTATION.name: check_key_rotation,
        NO_PUBLIC_INGRESS.name: lambda resource: check_public_ingress(resource, public_ports),
        TLS13_LISTENERS.name: check_tls13_listener,
        AUDIT_TRAIL_LOGGING.name: check_trail_logging,
        GPU_NODES_PRIVATE.name: check_gpu_nodes_private,
        GPU_DISK_ENCRYPTED.name: check_gpu_disk_encrypted,
        POOL_MULTI_ZONE.name: lambda resource: check_pool_multi_zone(resource, min_zones),
        CAPACITY_HEADROOM.name: lambda resource: check_capacity_headroom(resource, headroom),
        HEALTH_CHECK_INTERVAL.name: check_health_check_interval,
    }


def evaluate(
    resources: Iterable[ResourceView],
    public_ports: Sequence[int] = DEFAULT_ALLOWED_PUBLIC_PORTS,
    *,
    min_zones: int = DEFAULT_MIN_ZONES,
    headroom: float = DEFAULT_HEADROOM,
) -> dict[str, list[Finding]]:
    """Every rule over a set of resources, as the offline preview runs them: rule name -> findings."""
    resources = list(resources)
    checks = resource_checks(public_ports, min_zones=min_zones, headroom=headroom)
    results = {name: [f for resource in resources if (f := check(resource)) is not None] for name, check in checks.items()}
    results[FLOW_LOGS_ON_EVERY_VPC.name] = check_flow_logs_on_every_vpc(resources)
    return dict(sorted(results.items()))


def failing(results: Mapping[str, list[Finding]]) -> list[Finding]:
    """The findings that fail a preview: every violation, and every "could not be checked", of a mandatory rule."""
    return [finding for name, findings in results.items() if not RULES_BY_NAME[name].advisory for finding in findings]


__all__ = ["RULES", "RULES_BY_NAME", "Finding", "ResourceView", "Rule", "evaluate", "failing", "resource_checks"]
