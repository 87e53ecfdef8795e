"""The interface every cloud's security adapter implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol

import pulumi

from inferline.clouds import CloudName
from inferline.components.encryption import EncryptionContext
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.planning.naming import Names
from inferline.planning.security import IngressRule, SecuritySpec


@dataclass
class SiteCertificate:
    """A server certificate issued by the private CA; the private key is a Pulumi secret."""

    certificate_pem: pulumi.Output[str]
    private_key_pem: pulumi.Output[str]
    ca_certificate_pem: pulumi.Output[str]


@dataclass
class SecurityOutputs:
    encryption: EncryptionContext
    gpu_security_group_id: pulumi.Output[str]
    # None where the cloud's load balancers take no security group (their backends see the LB subnet).
    load_balancer_security_group_id: pulumi.Output[str] | None
    # The uploaded (or user-supplied) server certificate's id in the cloud.
    certificate_id: pulumi.Output[str]
    # None where the SDK has no audit trail (see inferline.clouds.capabilities) or audit is disabled.
    audit_trail_id: pulumi.Output[str] | None


class SecurityAdapter(Protocol):
    """Translates a ``SecuritySpec`` into one cloud's keys, security groups, certificate and audit trail."""

    cloud: ClassVar[CloudName]

    def key(self, spec: SecuritySpec, opts: pulumi.ResourceOptions) -> EncryptionContext:
        """Declare the site's customer-managed key. It comes first: the network's flow-log store takes it."""
        ...

    def build(
        self,
        spec: SecuritySpec,
        network: NetworkOutputs,
        encryption: EncryptionContext,
        certificate: SiteCertificate | None,
        opts: pulumi.ResourceOptions,
    ) -> SecurityOutputs:
        """Declare the rest of the site's security baseline over its key (from ``key``). ``certificate`` is
        None when the spec names an existing one."""
        ...


def protected(opts: pulumi.ResourceOptions, spec: SecuritySpec) -> pulumi.ResourceOptions:
    """``opts`` with ``protect`` in prod, for keys and audit storage that cannot be recreated."""
    return pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(protect=spec.protect))


def rule_opts(opts: pulumi.ResourceOptions, names: Names, rule: IngressRule) -> pulumi.ResourceOptions:
    """``opts`` for one rule resource, aliased to the position-based name inferline 0.1 gave it."""
    if rule.previous_name is None:
        return opts
    return pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(aliases=[pulumi.Alias(name=names.resource(rule.previous_name))]))
