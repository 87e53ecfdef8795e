"""Build one site's artifacts (with its network and security) under the preview mocks."""

from __future__ import annotations

import json
from collections.abc import Iterable

from inferline.clouds import CloudName
from inferline.components.artifacts import ARTIFACTS_TYPE, SiteArtifacts
from inferline.components.network import PrivateNetwork
from inferline.components.providers import site_provider
from inferline.components.registry import adapters
from inferline.components.security import PrivateCertificateAuthority, SiteSecurity, site_certificate
from inferline.planning.artifacts import ArtifactsSpec, artifacts_spec
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun, run_under_mocks
from tests.support import children_of, network_spec, security_spec

TAGS = {"inferline-site": "site-a"}


def spec(cloud: CloudName, region: str, *, protect: bool = True) -> ArtifactsSpec:
    return artifacts_spec(network_spec(cloud, region, ["z"]).names, cloud, region, TAGS, protect)


def build_artifacts(cloud: CloudName, region: str, zones: Iterable[str], *, protect: bool = True) -> ProgramRun:
    network = network_spec(cloud, region, zones)
    security = security_spec(network, audit=False)
    artifacts = artifacts_spec(network.names, cloud, region, TAGS, protect)

    def program() -> None:
        provider = site_provider(network.names.site, cloud, region)
        site_security = SiteSecurity(security, adapters(cloud).security, provider)
        outputs = PrivateNetwork(network, adapters(cloud).network, site_security.encryption, provider).outputs
        ca = PrivateCertificateAuthority("test-ca", "inferline test")
        SiteArtifacts(artifacts, adapters(cloud).artifacts, site_security.build(outputs, site_certificate(ca, security)).encryption, outputs, provider)

    return run_under_mocks(program)


def children(run: ProgramRun) -> dict[str, ResourceRecord]:
    records = children_of(run, "site-a", ARTIFACTS_TYPE)
    by_name = {record.name: record for record in records}
    assert len(by_name) == len(records)
    return by_name


def named(run: ProgramRun, name: str, type_token: str) -> ResourceRecord:
    (record,) = [record for record in run.resources if record.name == name and record.type == type_token]
    return record


#: Inputs that hold a JSON policy document: compared as documents, not strings.
JSON_INPUTS = ("policy", "policyDocument", "document", "assumeRolePolicy", "assumeRolePolicyDocument", "trustPolicyDocument")


def normalised(record: ResourceRecord) -> tuple[str, bool, dict[str, object]]:
    """(type, protect, inputs) with JSON policy documents parsed."""
    inputs = {key: json.loads(value) if key in JSON_INPUTS and isinstance(value, str) and value.startswith("{") else value
              for key, value in record.inputs.items()}
    return record.type, record.protect, inputs


def assert_wired(run: ProgramRun) -> None:
    """Every child of the component has it as parent and the site's provider."""
    (provider,) = [record for record in run.resources if record.type.startswith("pulumi:providers:") and record.name.startswith("site-a-")]
    for record in children(run).values():
        assert record.provider == provider.urn, record.urn
