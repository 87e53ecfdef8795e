"""inferline's Pulumi program: validate the stack's configuration, build every site, export outputs."""

from __future__ import annotations

import pulumi
import pulumi_random as random

from components.interconnect.adapters.base import SiteContext
from components.interconnect.component import SameCloudLink, SiteInterconnect, VpnEnd, VpnLink
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

topology = plan.topology
# Pre-shared keys and BGP keys come from pulumi-random, with its own explicit provider.
random_provider = random.Provider("random") if any(link.kind in ("dedicated", "vpn") for link in topology.links) else None

sites: dict[str, dict[str, object]] = {}
contexts: dict[str, tuple[SiteContext, pulumi.ProviderResource]] = {}
vpn_ends: dict[str, VpnEnd] = {}
for network_spec, security_spec in zip(network_specs(plan), security_specs(plan), strict=True):
    name = network_spec.names.site
    provider = site_provider(name, network_spec.cloud, network_spec.region)
    network = PrivateNetwork(network_spec, provider)
    security = SiteSecurity(security_spec, network.outputs, site_certificate(certificate_authority, security_spec), provider)
    links = topology.links_of(name)
    if links:
        context = SiteContext(network_spec, network.outputs, topology.site_asns[name], protect=security_spec.protect)
        contexts[name] = (context, provider)
    if any(link.kind in ("dedicated", "vpn") for link in links):
        assert random_provider is not None
        vpn_ends[name] = VpnEnd(context, SiteInterconnect(context, topology, provider, random_provider), provider)
    sites[name] = {
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

for link in (link for link in topology.links if link.kind in ("peering", "transit")):
    SameCloudLink(link, contexts[link.a.name], contexts[link.b.name])

hub_ips = {hub.name: hub.public_ip for hub in plan.config.interconnect.hubs}
for link in (link for link in topology.links if link.kind == "vpn"):
    assert random_provider is not None
    hub_ip = hub_ips.get(link.b.name) or hub_ips.get(link.a.name)
    VpnLink(link, {end: vpn_ends[end] for end in (link.a.name, link.b.name) if end in vpn_ends}, hub_ip, random_provider)

pulumi.export("environment", plan.config.environment)
pulumi.export("profile", plan.targets.model_dump())
pulumi.export("sites", sites)
if certificate_authority is not None:
    pulumi.export("caCertificatePem", certificate_authority.certificate_pem)
