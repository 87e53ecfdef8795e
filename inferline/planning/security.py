"""What a site's security baseline consists of, decided before any resource is declared.

The ingress rules are computed here, once, for every cloud: GPU nodes accept the serving port only from
their load balancer and from connected sites; load balancers accept only their listener ports from the
internet; nothing else is open, SSH included.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from inferline.clouds import CloudName
from inferline.config.security import AuditSettings, KmsSettings, TlsSettings
from inferline.config.stack import StackPlan
from inferline.planning.naming import Names

ANYWHERE = "0.0.0.0/0"
SourceKind = Literal["load-balancer", "cidr"]


@dataclass(frozen=True)
class IngressRule:
    """One allowed inbound flow: TCP ``port`` from a CIDR or from the site's load-balancer security group."""

    port: int
    source_kind: SourceKind
    source: str  # a CIDR, or "load-balancer"
    description: str


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

    @property
    def protect(self) -> bool:
        """Keys and audit storage are slow or impossible to recreate: protected in prod."""
        return self.environment == "prod"

    @property
    def existing_certificate(self) -> str | None:
        return self.tls.certificates.get(self.names.site) if self.tls.mode == "certificates" else None

    def gpu_ingress(self, load_balancer_has_security_group: bool, load_balancer_cidrs: tuple[str, ...] = ()) -> tuple[IngressRule, ...]:
        """Serving port from the load balancer and from connected sites.

        The load balancer is named by its security group where the cloud supports one; else by the
        addresses its traffic comes from: ``load_balancer_cidrs`` where the cloud documents a fixed range,
        otherwise the edge subnets it runs in."""
        from_lb: tuple[IngressRule, ...]
        if load_balancer_has_security_group:
            from_lb = (IngressRule(self.serving_port, "load-balancer", "load-balancer", "inference from the site's load balancer"),)
        else:
            from_lb = tuple(
                IngressRule(self.serving_port, "cidr", cidr, "inference from the load balancer")
                for cidr in load_balancer_cidrs or self.edge_cidrs
            )
        from_peers = tuple(IngressRule(self.serving_port, "cidr", cidr, "inference from a connected site") for cidr in self.peer_cidrs)
        return from_lb + from_peers

    def load_balancer_ingress(self) -> tuple[IngressRule, ...]:
        """The public listener ports, the only rules open to 0.0.0.0/0."""
        return tuple(IngressRule(port, "cidr", ANYWHERE, "TLS listener") for port in self.listener_ports)


def security_specs(plan: StackPlan) -> list[SecuritySpec]:
    """One spec per site, by site name."""
    security = plan.config.security
    specs = []
    for site in sorted(plan.config.sites, key=lambda site: site.name):
        addresses = plan.addresses.sites[site.name]
        specs.append(
            SecuritySpec(
                names=Names(stack=plan.stack, site=site.name),
                cloud=site.cloud,
                region=site.region,
                environment=plan.config.environment,
                vpc_cidr=addresses.cidr,
                edge_cidrs=tuple(zone.edge_cidr for zone in addresses.zones),
                private_cidrs=tuple(zone.private_cidr for zone in addresses.zones),
                peer_cidrs=plan.topology.connected_cidrs(site.name),
                serving_port=security.serving_port,
                listener_ports=tuple(security.listener_ports),
                kms=security.kms,
                tls=security.tls,
                audit=security.audit,
                tags=plan.site_tags(site),
            )
        )
    return specs
