"""The rules, as pure checks over plain resource views (no Pulumi or pulumi-policy imports)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from inferline.policies.rules.base import Finding, ResourceView, Rule
from inferline.policies.rules.network import (
    FLOW_LOGS_ON_EVERY_VPC,
    SUBNET_NO_PUBLIC_IP,
    check_flow_logs_on_every_vpc,
    check_subnet_no_public_ip,
)
from inferline.policies.rules.security import (
    KMS_KEY_ROTATION,
    NO_PUBLIC_INGRESS,
    TLS13_LISTENERS,
    check_key_rotation,
    check_public_ingress,
    check_tls13_listener,
)

RULES = (FLOW_LOGS_ON_EVERY_VPC, SUBNET_NO_PUBLIC_IP, KMS_KEY_ROTATION, NO_PUBLIC_INGRESS, TLS13_LISTENERS)


def evaluate(resources: Iterable[ResourceView], public_ports: Sequence[int] = (443,)) -> dict[str, list[Finding]]:
    """Every rule over a set of resources, as the offline preview runs them: rule name -> findings."""
    resources = list(resources)
    per_resource = {
        SUBNET_NO_PUBLIC_IP.name: check_subnet_no_public_ip,
        KMS_KEY_ROTATION.name: check_key_rotation,
        NO_PUBLIC_INGRESS.name: lambda resource: check_public_ingress(resource, public_ports),
        TLS13_LISTENERS.name: check_tls13_listener,
    }
    results = {name: [f for resource in resources if (f := check(resource)) is not None] for name, check in per_resource.items()}
    results[FLOW_LOGS_ON_EVERY_VPC.name] = check_flow_logs_on_every_vpc(resources)
    return dict(sorted(results.items()))


__all__ = ["RULES", "Finding", "ResourceView", "Rule", "evaluate"]
