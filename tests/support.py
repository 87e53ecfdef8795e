"""Helpers shared by the tests: build specs without a stack file, run components under mocks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from components.network import PrivateNetwork
from components.providers import site_provider
from inferline.clouds import CATALOG, CloudName
from inferline.config.network import FlowLogSettings, NatStrategy
from inferline.planning.addresses import Layout, SiteRequest, plan_addresses
from inferline.planning.naming import Names
from inferline.planning.network import NetworkSpec
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


def build_network(spec: NetworkSpec) -> ProgramRun:
    """Declare one PrivateNetwork with its site provider under the preview mocks."""

    def program() -> None:
        provider = site_provider(spec.names.site, spec.cloud, spec.region)
        PrivateNetwork(spec, provider)

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
