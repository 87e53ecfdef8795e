"""Helpers shared by the tests: build specs without a stack file, run components under mocks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

import pulumi

from inferline.clouds import CATALOG, CloudName
from inferline.components.encryption import EncryptionContext
from inferline.components.interconnect.adapters.base import DedicatedLine, SiteContext, SitePair, VpnTunnel
from inferline.components.network import PrivateNetwork
from inferline.components.providers import site_provider
from inferline.components.registry import adapters
from inferline.components.security import PrivateCertificateAuthority, SiteSecurity, site_certificate
from inferline.components.security.adapters import SecurityOutputs, SiteCertificate
from inferline.config.network import FlowLogSettings, NatStrategy
from inferline.config.security import AuditSettings, SecuritySettings, TlsSettings
from inferline.planning.addresses import Layout, SiteRequest, plan_addresses
from inferline.planning.naming import Names
from inferline.planning.network import NetworkSpec
from inferline.planning.security import SecuritySpec
from inferline.planning.security import security_spec as planned_security_spec
from inferline.planning.topology import BgpSession
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun, run_under_mocks

LAYOUT = Layout(supernet="10.0.0.0/8", site_prefix=16, private_prefix=20, edge_prefix=24)


def network_spec(
    cloud: CloudName,
    region: str,
    zones: Iterable[str],
    *,
    site: str = "site-a",
    nat: NatStrategy = "one-per-zone",
    flow_logs: bool = True,
    cidr: str = "10.1.0.0/16",
) -> NetworkSpec:
    zones = tuple(zones)
    request = SiteRequest(name=site, path="sites[0]", facts=CATALOG[cloud], zones=zones, cidr=cidr)
    plan = plan_addresses(LAYOUT, [request]).sites[site]
    return NetworkSpec(
        names=Names(stack="test", site=site),
        cloud=cloud,
        region=region,
        cidr=plan.cidr,
        zones=plan.zones,
        nat=nat,
        flow_logs=FlowLogSettings(enabled=flow_logs),
        tags={"inferline-site": site},
    )


#: The site key a network is built with in tests of the network alone (the real one is SiteSecurity's).
SITE_KEY_ID = "site-key-id"
SITE_KEY_ARN = "arn:test:kms:site-key"


def site_key(cloud: CloudName) -> EncryptionContext:
    """The site key as the network sees it; call inside a program (it holds Outputs)."""
    return EncryptionContext(cloud=cloud, key_id=pulumi.Output.from_input(SITE_KEY_ID), key_arn=pulumi.Output.from_input(SITE_KEY_ARN))


def declare_network(spec: NetworkSpec, provider: pulumi.ProviderResource) -> PrivateNetwork:
    """One PrivateNetwork over the test site key (``site_key``)."""
    return PrivateNetwork(spec, adapters(spec.cloud).network, site_key(spec.cloud), provider)


def declare_site_security(
    network: NetworkSpec, spec: SecuritySpec, certificate: SiteCertificate | None, provider: pulumi.ProviderResource
) -> SecurityOutputs:
    """A site's key, network and security baseline in the site's order (components.site.Site)."""
    security = SiteSecurity(spec, adapters(spec.cloud).security, provider)
    outputs = PrivateNetwork(network, adapters(network.cloud).network, security.encryption, provider).outputs
    return security.build(outputs, certificate)


def build_network(spec: NetworkSpec) -> ProgramRun:
    """Declare one PrivateNetwork with its site provider under the preview mocks."""

    def program() -> None:
        provider = site_provider(spec.names.site, spec.cloud, spec.region)
        declare_network(spec, provider)

    return run_under_mocks(program)


def type_counts(run: ProgramRun) -> Counter[str]:
    return Counter(record.type for record in run.resources)


def named(run: ProgramRun, name: str) -> ResourceRecord:
    matches = [record for record in run.resources if record.name == name]
    assert len(matches) == 1, f"expected one resource named {name!r}, found {[m.urn for m in matches]}"
    return matches[0]


def assert_wired_to_site(run: ProgramRun, spec: NetworkSpec) -> None:
    """Every cloud resource is a child of the component and uses the site's explicit provider."""
    component = named(run, spec.names.site)
    provider = next(record for record in run.resources if record.type.startswith("pulumi:providers:"))
    for record in run.resources:
        if record in (component, provider):
            continue
        assert record.parent == component.urn, record.urn
        assert record.provider == provider.urn, record.urn


def security_spec(
    network: NetworkSpec,
    *,
    environment: str = "prod",
    certificate: str | None = None,
    peer_cidrs: tuple[str, ...] = (),
    audit: bool = True,
    serving_port: int = 8000,
    listener_ports: tuple[int, ...] = (443,),
) -> SecuritySpec:
    """The security spec of the site ``network`` describes; ``certificate`` switches to an existing certificate."""
    tls = (
        TlsSettings(mode="certificates", certificates={network.names.site: certificate})
        if certificate is not None
        else TlsSettings()
    )
    settings = SecuritySettings(
        serving_port=serving_port, listener_ports=list(listener_ports), tls=tls, audit=AuditSettings(enabled=audit)
    )
    return planned_security_spec(network, settings, environment, peer_cidrs)


def build_security(network: NetworkSpec, spec: SecuritySpec) -> ProgramRun:
    """Declare a site's network, the private CA and the site's SiteSecurity under the preview mocks."""

    def program() -> None:
        provider = site_provider(network.names.site, network.cloud, network.region)
        ca = PrivateCertificateAuthority("test-ca", "inferline test") if spec.existing_certificate is None else None
        declare_site_security(network, spec, site_certificate(ca, spec), provider)

    return run_under_mocks(program)


def children_of(run: ProgramRun, component_name: str, component_type: str) -> list[ResourceRecord]:
    component = next(r for r in run.resources if r.name == component_name and r.type == component_type)
    return [record for record in run.resources if record.parent == component.urn]


INTERCONNECT_TYPE = "inferline:interconnect:SiteInterconnect"


def sample_line(**changes: object) -> DedicatedLine:
    """A dedicated line to a hub; call inside a program (it holds an Output)."""
    values: dict[str, object] = {
        "link_id": "dedicated:site-a~colo",
        "hub_name": "colo",
        "hub_location": "Shanghai, colocation hub SH2",
        "hub_asn": 64900,
        "access_point": "ap-colo-2",
        "bandwidth_mbps": 1000,
        "vlan": 1234,
        "connection_id": None,
        "bgp": BgpSession("169.254.52.236/30", "169.254.52.237", "169.254.52.238"),
        "remote_cidrs": ("192.168.0.0/20", "10.212.0.0/16"),
        "auth_key": pulumi.Output.secret("bgp-md5-key"),
    }
    values.update(changes)
    return DedicatedLine(**values)  # type: ignore[arg-type]


def sample_tunnel(**changes: object) -> VpnTunnel:
    """One end of a backup IPsec tunnel to another site; call inside a program (it holds Outputs)."""
    values: dict[str, object] = {
        "link_id": "vpn:site-a~site-b",
        "peer_name": "site-b",
        "peer_public_ip": pulumi.Output.from_input("198.51.100.7"),
        "peer_asn": 65020,
        "remote_cidrs": ("10.2.0.0/16",),
        "local_ip": "169.254.61.209",
        "peer_ip": "169.254.61.210",
        "pre_shared_key": pulumi.Output.secret("pre-shared-key-0123456789"),
        "bandwidth_mbps": 100,
        "backup": True,
    }
    values.update(changes)
    return VpnTunnel(**values)  # type: ignore[arg-type]


def build_interconnect(
    network: NetworkSpec,
    declare: Callable[[SiteContext, pulumi.ResourceOptions], None],
    *,
    asn: int = 65010,
    protect: bool = True,
) -> ProgramRun:
    """Declare a site's network, then call ``declare`` with its interconnect context and child options
    (parent: a SiteInterconnect component, provider: the site's)."""

    def program() -> None:
        provider = site_provider(network.names.site, network.cloud, network.region)
        outputs = declare_network(network, provider).outputs
        component = pulumi.ComponentResource(INTERCONNECT_TYPE, network.names.site)
        declare(SiteContext(network, outputs, asn, protect), pulumi.ResourceOptions(parent=component, provider=provider))

    return run_under_mocks(program)


PAIR_TYPE = "inferline:interconnect:SameCloudLink"


def build_pair(
    first: NetworkSpec,
    second: NetworkSpec,
    declare: Callable[[SitePair], None],
    *,
    bandwidth_mbps: int = 1000,
    protect: bool = True,
    prepaid_months: int | None = None,
) -> ProgramRun:
    """Declare two sites' networks (same cloud, each with its own provider), then call ``declare`` with the
    pair; both sides' options are parented to one SameCloudLink component."""

    def program() -> None:
        contexts = []
        providers = []
        for index, spec in enumerate((first, second)):
            provider = site_provider(spec.names.site, spec.cloud, spec.region)
            outputs = declare_network(spec, provider).outputs
            contexts.append(SiteContext(spec, outputs, 65010 + index, protect))
            providers.append(provider)
        component = pulumi.ComponentResource(PAIR_TYPE, f"{first.names.site}-{second.names.site}")
        declare(
            SitePair(
                link_id=f"pair:{first.names.site}~{second.names.site}",
                a=contexts[0],
                b=contexts[1],
                opts_a=pulumi.ResourceOptions(parent=component, provider=providers[0]),
                opts_b=pulumi.ResourceOptions(parent=component, provider=providers[1]),
                bandwidth_mbps=bandwidth_mbps,
                prepaid_months=prepaid_months,
            )
        )

    return run_under_mocks(program)
