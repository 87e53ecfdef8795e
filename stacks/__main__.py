"""inferline's Pulumi program: validate the stack's configuration, build every site, export outputs."""

from __future__ import annotations

import pulumi

from components.network import PrivateNetwork
from components.providers import site_provider
from components.security import PrivateCertificateAuthority, SiteSecurity, site_certificate
from inferline.config.program import load_stack_plan
from inferline.planning.network import network_specs
from inferline.planning.security import security_specs

plan = load_stack_plan()

certificate_authority = (
    PrivateCertificateAuthority(f"{plan.stack}-ca", organization="inferline")
    if plan.config.security.tls.mode == "private-ca"
    else None
)

sites: dict[str, dict[str, object]] = {}
for network_spec, security_spec in zip(network_specs(plan), security_specs(plan), strict=True):
    provider = site_provider(network_spec.names.site, network_spec.cloud, network_spec.region)
    network = PrivateNetwork(network_spec, provider)
    security = SiteSecurity(security_spec, network.outputs, site_certificate(certificate_authority, security_spec), provider)
    sites[network_spec.names.site] = {
        "cloud": network_spec.cloud,
        "region": network_spec.region,
        "cidr": network_spec.cidr,
        "nat": network_spec.nat,
        "vpcId": network.outputs.vpc_id,
        "privateSubnetIds": network.outputs.private_subnet_ids,
        "kmsKeyId": security.outputs.encryption.key_id,
        "gpuSecurityGroupId": security.outputs.gpu_security_group_id,
        "certificateId": security.outputs.certificate_id,
        "auditTrailId": security.outputs.audit_trail_id,
    }

pulumi.export("environment", plan.config.environment)
pulumi.export("profile", plan.targets.model_dump())
pulumi.export("sites", sites)
if certificate_authority is not None:
    pulumi.export("caCertificatePem", certificate_authority.certificate_pem)
