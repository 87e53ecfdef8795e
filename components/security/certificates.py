"""A private certificate authority (pulumi-tls) and one server certificate per site.

Private keys never leave Pulumi state except as secrets: pulumi-tls marks them secret, and the clouds'
certificate resources receive them as secret inputs.
"""

from __future__ import annotations

import pulumi
import pulumi_tls as tls

from inferline.components.security.adapters.base import SiteCertificate

PRIVATE_CA_TYPE = "inferline:security:PrivateCertificateAuthority"
#: Ten years for the root: server certificates are re-issued long before it matters.
CA_VALIDITY_HOURS = 10 * 365 * 24
_CA_USES = ["cert_signing", "crl_signing"]
_SERVER_USES = ["digital_signature", "key_encipherment", "server_auth"]


class PrivateCertificateAuthority(pulumi.ComponentResource):
    """The stack's root CA. ``server_certificate`` issues one certificate per site under it."""

    def __init__(self, name: str, organization: str, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(PRIVATE_CA_TYPE, name, None, opts)
        self._name = name
        self._organization = organization
        # pulumi-tls runs locally, but still gets an explicit provider: nothing uses a default provider.
        self._provider = tls.Provider(f"{name}-tls", opts=pulumi.ResourceOptions(parent=self))
        self._child = pulumi.ResourceOptions(parent=self, provider=self._provider)
        key = tls.PrivateKey(f"{name}-key", algorithm="ECDSA", ecdsa_curve="P384", opts=self._child)
        self._key_pem = key.private_key_pem
        certificate = tls.SelfSignedCert(
            f"{name}-cert",
            private_key_pem=key.private_key_pem,
            is_ca_certificate=True,
            validity_period_hours=CA_VALIDITY_HOURS,
            allowed_uses=_CA_USES,
            subject=tls.SelfSignedCertSubjectArgs(common_name=f"{organization} private CA", organization=organization),
            opts=self._child,
        )
        self.certificate_pem = certificate.cert_pem
        self.register_outputs({"certificatePem": self.certificate_pem})

    def server_certificate(self, site: str, dns_names: list[str], validity_days: int) -> SiteCertificate:
        """Key, request and signed certificate for one site, named ``{site}-server-*``."""
        key = tls.PrivateKey(f"{site}-server-key", algorithm="ECDSA", ecdsa_curve="P256", opts=self._child)
        request = tls.CertRequest(
            f"{site}-server-csr",
            private_key_pem=key.private_key_pem,
            dns_names=dns_names,
            subject=tls.CertRequestSubjectArgs(common_name=dns_names[0], organization=self._organization),
            opts=self._child,
        )
        signed = tls.LocallySignedCert(
            f"{site}-server-cert",
            cert_request_pem=request.cert_request_pem,
            ca_private_key_pem=self._key_pem,
            ca_cert_pem=self.certificate_pem,
            validity_period_hours=validity_days * 24,
            allowed_uses=_SERVER_USES,
            opts=self._child,
        )
        return SiteCertificate(
            certificate_pem=signed.cert_pem,
            private_key_pem=pulumi.Output.secret(key.private_key_pem),
            ca_certificate_pem=self.certificate_pem,
        )
