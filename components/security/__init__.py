"""SiteSecurity: one site's KMS key, security groups, server certificate and audit trail, on any cloud."""

from __future__ import annotations

import pulumi

from inferline.components.encryption import EncryptionContext
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters import SecurityAdapter, SecurityOutputs, SiteCertificate
from inferline.components.security.certificates import PrivateCertificateAuthority
from inferline.planning.security import SecuritySpec

#: Type token of the component; part of every child's URN. Never change it without an alias.
SITE_SECURITY_TYPE = "inferline:security:SiteSecurity"


class SiteSecurity(pulumi.ComponentResource):
    """A site's security baseline. Named after the site; children are named ``{site}-{role}``.

    Declared in two steps because the site's key must exist before the network (whose flow-log store it
    encrypts) and the rest of the baseline needs the network: constructing it declares the key
    (``encryption``), ``build`` declares everything else once the network exists."""

    encryption: EncryptionContext
    outputs: SecurityOutputs

    def __init__(
        self,
        spec: SecuritySpec,
        adapter: SecurityAdapter,
        provider: pulumi.ProviderResource,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(SITE_SECURITY_TYPE, spec.names.site, None, opts)
        self._spec = spec
        self._adapter = adapter
        self._child = pulumi.ResourceOptions(parent=self, provider=provider)
        self.encryption = adapter.key(spec, self._child)

    def build(self, network: NetworkOutputs, certificate: SiteCertificate | None) -> SecurityOutputs:
        """Declare the security groups, certificate and audit trail over the site's network and key."""
        self.outputs = self._adapter.build(self._spec, network, self.encryption, certificate, self._child)
        self.register_outputs(
            {
                "kmsKeyId": self.outputs.encryption.key_id,
                "gpuSecurityGroupId": self.outputs.gpu_security_group_id,
                "loadBalancerSecurityGroupId": self.outputs.load_balancer_security_group_id,
                "certificateId": self.outputs.certificate_id,
                "auditTrailId": self.outputs.audit_trail_id,
            }
        )
        return self.outputs


def site_certificate(ca: PrivateCertificateAuthority | None, spec: SecuritySpec) -> SiteCertificate | None:
    """The certificate the site's adapter uploads, or None when the site uses an existing one."""
    if ca is None or spec.existing_certificate is not None:
        return None
    domain = spec.tls.domain
    return ca.server_certificate(spec.names.site, [domain, f"{spec.names.site}.{domain.removeprefix('*.')}"], spec.tls.validity_days)


__all__ = ["PrivateCertificateAuthority", "SiteSecurity", "site_certificate"]
