"""`inferline:security` — keys, certificates, network exposure and audit trails of every site."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from inferline.config.base import StrictModel

TlsMode = Literal["private-ca", "certificates"]

#: The port GPU inference servers listen on behind the load balancer.
DEFAULT_SERVING_PORT = 8000
#: The public listener ports of load balancers: the only ports open to 0.0.0.0/0.
DEFAULT_LISTENER_PORTS = (443,)
#: KMS key rotation period. 365 days is inside every cloud's range (AWS and Volcengine 90-2560, Huawei 30-365).
DEFAULT_KEY_ROTATION_DAYS = 365
#: Days a deleted key stays recoverable; 30 is the largest value every cloud accepts (AWS and Tencent: 7-30).
DEFAULT_KEY_DELETION_WINDOW_DAYS = 30


class KmsSettings(StrictModel):
    """The customer-managed key of each site."""

    rotation_days: Annotated[int, Field(ge=90, le=365, description="Automatic rotation period in days, where the cloud takes one: Alibaba Cloud default keys take 365 only, Tencent Cloud rotates yearly (on/off). Defaults to 365.")] = DEFAULT_KEY_ROTATION_DAYS
    deletion_window_days: Annotated[int, Field(ge=7, le=30, description="Days a scheduled key deletion can still be cancelled. Defaults to 30.")] = DEFAULT_KEY_DELETION_WINDOW_DAYS


class TlsSettings(StrictModel):
    """Server certificates for TLS listeners: a private CA inferline creates, or certificates you already have."""

    mode: Annotated[TlsMode, Field(description="private-ca: inferline creates a CA and one server certificate per site (keys kept as Pulumi secrets); certificates: use `certificates`. Defaults to private-ca.")] = "private-ca"
    domain: Annotated[str, Field(pattern=r"^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$", description="DNS name the inference endpoint serves; each site's certificate also names `<site>.<domain>`. Defaults to inference.internal.example.")] = "inference.internal.example"
    validity_days: Annotated[int, Field(ge=1, le=825, description="Validity of server certificates from the private CA. Defaults to 397 (the public-CA maximum).")] = 397
    certificates: Annotated[dict[str, str], Field(description="With mode `certificates`: the certificate id or ARN in each site's cloud, by site name.")] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _certificates_only_with_their_mode(self) -> TlsSettings:
        if self.mode == "private-ca" and self.certificates:
            raise ValueError("certificates are only read with mode 'certificates'")
        return self


class AuditSettings(StrictModel):
    """Audit trails of every API call, written to encrypted storage in the site's account."""

    enabled: Annotated[bool, Field(description="Create an audit trail per site where the cloud's SDK has one. Defaults to true.")] = True
    retention_days: Annotated[int, Field(ge=30, le=3650, description="Days audit logs are kept before they expire from storage. Defaults to 365.")] = 365


class SecuritySettings(StrictModel):
    """Security baseline shared by every site."""

    serving_port: Annotated[int, Field(ge=1024, le=65535, description="Port inference servers listen on; only load balancers and connected sites reach it. Defaults to 8000.")] = DEFAULT_SERVING_PORT
    listener_ports: Annotated[list[int], Field(min_length=1, max_length=4, description="Load-balancer listener ports open to the internet (TLS). Defaults to [443].")] = Field(default_factory=lambda: list(DEFAULT_LISTENER_PORTS))
    kms: Annotated[KmsSettings, Field(description="Customer-managed keys.")] = KmsSettings()
    tls: Annotated[TlsSettings, Field(description="Server certificates.")] = TlsSettings()
    audit: Annotated[AuditSettings, Field(description="Audit trails.")] = AuditSettings()

    @model_validator(mode="after")
    def _ports_are_distinct(self) -> SecuritySettings:
        if len(set(self.listener_ports)) != len(self.listener_ports):
            raise ValueError("listener_ports must not repeat a port")
        if self.serving_port in self.listener_ports:
            raise ValueError(f"serving_port {self.serving_port} must not also be a public listener port")
        if any(not 1 <= port <= 65535 for port in self.listener_ports):
            raise ValueError("listener_ports must be between 1 and 65535")
        return self
