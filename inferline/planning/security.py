"""What a site's security baseline consists of, decided before any resource is declared.

The rules are computed here, once, for every cloud, each with its final name: GPU nodes accept the serving
port only from their load balancer and from connected sites; load balancers accept only their listener ports
from the internet and reach only the GPU subnets; nothing else is open, SSH included.

A rule is named after what it admits (a source network, the load balancer, a listener port, a zone), never
after its position: connecting another site adds a rule and leaves every other rule's name and inputs alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from inferline.clouds import CATALOG, CloudName
from inferline.clouds.catalog import CloudFacts
from inferline.config.network import PROTECTED_ENVIRONMENTS
from inferline.config.security import AuditSettings, KmsSettings, SecuritySettings, TlsSettings
from inferline.planning.addresses import ZonePlan
from inferline.planning.naming import Names, cidr_slug
from inferline.planning.network import NetworkSpec

ANYWHERE = "0.0.0.0/0"
#: Days after which audit storage aborts a multipart upload that never completed: its parts are billed and kept
#: until then, invisible to listings. A week outlasts any upload still in progress.
ABORT_INCOMPLETE_UPLOAD_DAYS = 7
SourceKind = Literal["load-balancer", "cidr"]


@dataclass(frozen=True)
class IngressRule:
    """One allowed flow: TCP ``port`` from (or, for egress rules, to) a CIDR or the site's load-balancer group.

    ``name`` is the rule's role and identity (``gpu-ingress-10.2.0.0-16``); ``previous_name`` is the
    position-based name inferline 0.1 gave the same rule (``gpu-ingress-1``), kept as an alias so that
    stacks created then rename the rule instead of replacing it."""

    name: str
    port: int
    source_kind: SourceKind
    source: str  # a CIDR, or "load-balancer"
    description: str
    previous_name: str | None = None


@dataclass(frozen=True)
class SecuritySpec:
    names: Names
    cloud: CloudName
    region: str
    environment: str
    vpc_cidr: str
    edge_cidrs: tuple[str, ...]
    private_cidrs: tuple[str, ...]
    # Networks this site is connected to (sites and data centres), from the interconnect plan.
    peer_cidrs: tuple[str, ...]
    serving_port: int
    listener_ports: tuple[int, ...]
    kms: KmsSettings
    tls: TlsSettings
    audit: AuditSettings
    tags: dict[str, str]
    # The site's flow-log group (NetworkSpec.flow_log_group) when flow logs are on: the key lets the log
    # service encrypt that group, and nothing else, with it.
    flow_log_group: str | None = None
    # The final rules, named (see the module docstring).
    gpu_ingress: tuple[IngressRule, ...] = ()
    load_balancer_ingress: tuple[IngressRule, ...] = ()
    load_balancer_egress: tuple[IngressRule, ...] = ()

    @property
    def protect(self) -> bool:
        """Keys and audit storage are slow or impossible to recreate: protected in prod."""
        return self.environment in PROTECTED_ENVIRONMENTS

    @property
    def existing_certificate(self) -> str | None:
        return self.tls.certificates.get(self.names.site) if self.tls.mode == "certificates" else None


def security_spec(network: NetworkSpec, security: SecuritySettings, environment: str, peer_cidrs: tuple[str, ...]) -> SecuritySpec:
    """A site's security baseline with its final rules, from the stack's settings and the site's network."""
    edge_cidrs = tuple(zone.edge_cidr for zone in network.zones)
    listener_ports = tuple(security.listener_ports)
    return SecuritySpec(
        names=network.names,
        cloud=network.cloud,
        region=network.region,
        environment=environment,
        vpc_cidr=network.cidr,
        edge_cidrs=edge_cidrs,
        private_cidrs=tuple(zone.private_cidr for zone in network.zones),
        peer_cidrs=peer_cidrs,
        serving_port=security.serving_port,
        listener_ports=listener_ports,
        kms=security.kms,
        tls=security.tls,
        audit=security.audit,
        tags=dict(network.tags),
        flow_log_group=network.flow_log_group if network.flow_logs.enabled else None,
        gpu_ingress=gpu_ingress(CATALOG[network.cloud], security.serving_port, edge_cidrs, peer_cidrs),
        load_balancer_ingress=load_balancer_ingress(listener_ports),
        load_balancer_egress=load_balancer_egress(security.serving_port, network.zones),
    )


def gpu_ingress(facts: CloudFacts, serving_port: int, edge_cidrs: tuple[str, ...], peer_cidrs: tuple[str, ...]) -> tuple[IngressRule, ...]:
    """Serving port from the load balancer and from connected sites.

    The load balancer is named by its security group where the cloud's has one; else by the addresses its
    traffic comes from: the cloud's documented range, otherwise the edge subnets it runs in. The previous
    names are the positions inferline 0.1 used: load-balancer sources first, then peers in address order."""
    from_lb: tuple[IngressRule, ...]
    if facts.load_balancer_security_group:
        from_lb = (IngressRule("gpu-ingress-lb", serving_port, "load-balancer", "load-balancer", "inference from the site's load balancer"),)
    else:
        from_lb = tuple(
            IngressRule(f"gpu-ingress-{cidr_slug(cidr)}", serving_port, "cidr", cidr, "inference from the load balancer")
            for cidr in facts.load_balancer_source_cidrs or edge_cidrs
        )
    from_peers = tuple(
        IngressRule(f"gpu-ingress-{cidr_slug(cidr)}", serving_port, "cidr", cidr, "inference from a connected site") for cidr in peer_cidrs
    )
    return tuple(_with_previous_name(rule, "gpu-ingress", index) for index, rule in enumerate(from_lb + from_peers))


def load_balancer_ingress(listener_ports: tuple[int, ...]) -> tuple[IngressRule, ...]:
    """The public listener ports, the only rules open to 0.0.0.0/0."""
    return tuple(
        _with_previous_name(IngressRule(f"lb-ingress-{port}", port, "cidr", ANYWHERE, "TLS listener"), "lb-ingress", index)
        for index, port in enumerate(listener_ports)
    )


def load_balancer_egress(serving_port: int, zones: tuple[ZonePlan, ...]) -> tuple[IngressRule, ...]:
    """From the load balancer to the GPU nodes' serving port, one rule per zone's private subnet."""
    return tuple(
        _with_previous_name(
            IngressRule(f"lb-egress-{zone.zone}", serving_port, "cidr", zone.private_cidr, "inference to the GPU nodes"), "lb-egress", index
        )
        for index, zone in enumerate(zones)
    )


def _with_previous_name(rule: IngressRule, role: str, index: int) -> IngressRule:
    return IngressRule(rule.name, rule.port, rule.source_kind, rule.source, rule.description, f"{role}-{index}")
