from __future__ import annotations

import logging
from typing import Any

import pulumi
import pytest

from inferline.clouds import CATALOG
from inferline.components.providers import site_provider
from inferline.components.security import PrivateCertificateAuthority, site_certificate
from inferline.components.security.adapters.volcengine import _bucket_name
from inferline.planning.naming import Names
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun, run_under_mocks
from tests.support import build_security, children_of, declare_site_security, named, network_spec, security_spec

REGION = "cn-beijing"
ZONES = ("cn-beijing-a", "cn-beijing-b")
SITE = "site-a"
COMPONENT = "inferline:security:SiteSecurity"
SITE_TAGS = [{"key": "inferline-site", "value": "site-a"}]
#: Volcengine ALB reaches its backends from this range, not from its own subnets.
ALB_SOURCE = ("100.64.0.0/10",)
PRIVATE_CIDRS = ("10.1.0.0/20", "10.1.16.0/20")
PEERS = ("10.2.0.0/16", "10.3.0.0/16")

KEYRING = "volcengine:kms/keyring:Keyring"
KEY = "volcengine:kms/key:Key"
GROUP = "volcengine:vpc/securityGroup:SecurityGroup"
RULE = "volcengine:vpc/securityGroupRule:SecurityGroupRule"
CERTIFICATE = "volcengine:alb/certificate:Certificate"
BUCKET = "volcengine:tos/bucket:Bucket"
ENCRYPTION = "volcengine:tos/bucketEncryption:BucketEncryption"
LIFECYCLE = "volcengine:tos/bucketLifecycle:BucketLifecycle"
#: inferline's dynamic resource over the official SDK: pulumi-volcengine 0.0.47 has no trail.
TRAIL = "pulumi-python:dynamic/volcengine:Trail"
LOGGING = "volcengine:tos/bucketLogging:BucketLogging"
# The audit bucket and the site's access-log bucket, each with its encryption and lifecycle; the audit bucket's logging.
AUDIT = {BUCKET: 2, ENCRYPTION: 2, LIFECYCLE: 2, LOGGING: 1, TRAIL: 1}


def _build(**kwargs: Any) -> ProgramRun:
    network = network_spec("volcengine", REGION, ZONES, site=SITE)
    return build_security(network, security_spec(network, **kwargs))


def _outputs(**kwargs: Any) -> dict[str, Any]:
    """What the adapter hands back, exported from a program like ``build_security``'s."""
    network = network_spec("volcengine", REGION, ZONES, site=SITE)
    spec = security_spec(network, **kwargs)

    def program() -> None:
        provider = site_provider(SITE, "volcengine", REGION)
        ca = PrivateCertificateAuthority("test-ca", "inferline test") if spec.existing_certificate is None else None
        security = declare_site_security(network, spec, site_certificate(ca, spec), provider)
        pulumi.export("keyId", security.encryption.key_id)
        pulumi.export("keyTrn", security.encryption.key_arn)
        pulumi.export("gpuSecurityGroupId", security.gpu_security_group_id)
        pulumi.export("loadBalancerSecurityGroupId", security.load_balancer_security_group_id)
        pulumi.export("certificateId", security.certificate_id)
        pulumi.export("auditTrailId", security.audit_trail_id)
        pulumi.export("cloud", security.encryption.cloud)

    return run_under_mocks(program).outputs


def _children(run: ProgramRun) -> list[ResourceRecord]:
    return children_of(run, SITE, COMPONENT)


def _counts(run: ProgramRun) -> dict[str, int]:
    counts: dict[str, int] = {}
    for record in _children(run):
        counts[record.type] = counts.get(record.type, 0) + 1
    return counts


def _rules(run: ProgramRun, direction: str) -> list[ResourceRecord]:
    return [r for r in _children(run) if r.type == RULE and r.inputs["direction"] == direction]


def test_prod_site_has_a_rotating_key_one_gpu_group_and_an_uploaded_certificate() -> None:
    run = _build()

    assert _counts(run) == {KEYRING: 1, KEY: 1, GROUP: 1, RULE: 2, CERTIFICATE: 1, **AUDIT}
    keyring = named(run, "site-a-keyring")
    assert keyring.inputs["keyringName"] == "inferline-test-site-a-keyring"
    key = named(run, "site-a-kms")
    assert key.inputs == {
        # The keyring's output: its input echoed back, so known even in a first preview; what orders the key after it.
        "keyringName": "inferline-test-site-a-keyring",
        "keyName": "inferline-test-site-a-kms",
        "description": "Customer-managed key of inferline site site-a",
        "keySpec": "SYMMETRIC_256",
        "keyUsage": "ENCRYPT_DECRYPT",
        "rotateState": "Enable",
        "rotateInterval": 365,
        "pendingWindowInDays": 30,
        "tags": SITE_TAGS,
    }
    assert key.property_dependencies["keyringName"] == [keyring.urn]
    assert key.protect and keyring.protect


def test_dev_keys_are_not_protected() -> None:
    run = _build(environment="dev")
    assert not named(run, "site-a-kms").protect
    assert not named(run, "site-a-keyring").protect
    assert not any(record.protect for record in _children(run))


def test_kms_names_fit_the_31_character_limit() -> None:
    network = network_spec("volcengine", REGION, ZONES, site="a-rather-long-site-name")
    run = build_security(network, security_spec(network))
    key_name = named(run, "a-rather-long-site-name-kms").inputs["keyName"]
    keyring_name = named(run, "a-rather-long-site-name-keyring").inputs["keyringName"]
    for name in (key_name, keyring_name):
        assert 2 <= len(name) <= 31
        assert name.startswith("inferline-test-a-rather")
    assert key_name != keyring_name


def test_gpu_group_admits_only_the_serving_port_from_the_alb_range() -> None:
    run = _build()
    network_vpc = named(run, "site-a-vpc")
    group = named(run, "site-a-gpu-sg")
    assert group.inputs == {
        "vpcId": network_vpc.id,
        "securityGroupName": "inferline-test-site-a-gpu-sg",
        "description": "GPU inference nodes of inferline site site-a",
        "tags": SITE_TAGS,
    }
    ingress = _rules(run, "ingress")
    assert [r.name for r in ingress] == ["site-a-gpu-ingress-100.64.0.0-10"]
    for rule, cidr in zip(ingress, ALB_SOURCE, strict=True):
        assert rule.inputs == {
            "securityGroupId": group.id,
            "direction": "ingress",
            "protocol": "tcp",
            "portStart": 8000,
            "portEnd": 8000,
            "cidrIp": cidr,
            "policy": "accept",
            "priority": 1,
            "description": "inference from the load balancer",
        }
        assert "sourceGroupId" not in rule.inputs


def test_gpu_egress_is_everything_to_anywhere() -> None:
    run = _build()
    (egress,) = _rules(run, "egress")
    assert egress.name == "site-a-gpu-egress"
    assert egress.inputs["securityGroupId"] == named(run, "site-a-gpu-sg").id
    assert (egress.inputs["protocol"], egress.inputs["portStart"], egress.inputs["portEnd"]) == ("all", -1, -1)
    assert egress.inputs["cidrIp"] == "0.0.0.0/0"
    assert egress.inputs["policy"] == "accept"


def test_nothing_is_open_to_the_internet_and_no_ssh() -> None:
    run = _build(peer_cidrs=PEERS)
    for rule in _rules(run, "ingress"):
        assert rule.inputs["cidrIp"] != "0.0.0.0/0"
        assert rule.inputs["portStart"] <= rule.inputs["portEnd"]
        assert not rule.inputs["portStart"] <= 22 <= rule.inputs["portEnd"]
        assert rule.inputs["protocol"] == "tcp"
    # ALB takes no security group, so there is no LB group and no listener rule to open.
    assert _counts(run)[GROUP] == 1
    assert CATALOG["volcengine"].load_balancer_security_group is False


def test_peer_sites_add_one_gpu_rule_each_after_the_alb_rule() -> None:
    run = _build(peer_cidrs=PEERS)
    ingress = {r.inputs["cidrIp"]: r for r in _rules(run, "ingress")}
    assert {cidr: r.name for cidr, r in ingress.items()} == {
        cidr: f"site-a-gpu-ingress-{cidr.replace('/', '-')}" for cidr in (*ALB_SOURCE, *PEERS)
    }
    assert all(r.inputs["portStart"] == r.inputs["portEnd"] == 8000 for r in ingress.values())
    assert [ingress[cidr].inputs["description"] for cidr in PEERS] == ["inference from a connected site"] * 2
    assert _counts(run)[RULE] == 4


def test_certificate_upload_keeps_the_private_key_secret() -> None:
    run = _build()
    (certificate,) = (r for r in _children(run) if r.type == CERTIFICATE)
    assert certificate.name == "site-a-server-cert"
    assert certificate.inputs["certificateName"] == "inferline-test-site-a-server-cert"
    assert certificate.inputs["privateKey"] == "<secret>"
    # The signed certificate is unknown until the private CA has signed it.
    assert certificate.inputs["publicKey"] == "<computed>"
    assert certificate.inputs["tags"] == SITE_TAGS
    signed = next(r for r in run.resources if r.type == "tls:index/locallySignedCert:LocallySignedCert")
    assert signed.urn in certificate.dependencies
    assert not certificate.protect


def test_outputs_name_the_key_the_group_and_the_uploaded_certificate() -> None:
    run = _build()
    outputs = _outputs()
    assert outputs["cloud"] == "volcengine"
    assert outputs["keyId"] == named(run, "site-a-kms").id
    # The key's TRN is known only once the key exists.
    assert outputs["keyTrn"] == "<computed>"
    assert outputs["gpuSecurityGroupId"] == named(run, "site-a-gpu-sg").id
    assert outputs["certificateId"] == next(r for r in _children(run) if r.type == CERTIFICATE).id
    assert outputs["loadBalancerSecurityGroupId"] is None
    assert outputs["auditTrailId"] == named(run, "site-a-audit-trail").id
    assert _outputs(audit=False)["auditTrailId"] is None


def test_existing_certificate_is_used_as_is_and_nothing_is_uploaded() -> None:
    existing = "cert-2fe5k0000c16o5oxruvtk3qf5"
    network = network_spec("volcengine", REGION, ZONES, site=SITE)
    spec = security_spec(network, certificate=existing)
    run = build_security(network, spec)
    assert _counts(run) == {KEYRING: 1, KEY: 1, GROUP: 1, RULE: 2, **AUDIT}
    # No private CA is declared for a site with its own certificate, and the adapter does not need one.
    assert not any(record.type.startswith("tls:") for record in run.resources)
    assert _outputs(certificate=existing)["certificateId"] == existing


def test_audit_trail_logs_everything_to_a_private_kms_encrypted_expiring_bucket() -> None:
    run = _build(audit=True)
    key = named(run, "site-a-kms")
    bucket = named(run, "site-a-audit")
    assert bucket.type == BUCKET
    assert bucket.inputs == {
        "bucketName": f"inferline-test-site-a-audit-{key.id}",
        "publicAcl": "private",
        "enableVersion": True,
        "tags": SITE_TAGS,
    }
    encryption = named(run, "site-a-audit-encryption")
    assert encryption.inputs == {
        # The bucket's output (its name echoed back): what orders these after the bucket.
        "bucketName": f"inferline-test-site-a-audit-{key.id}",
        # The key's TRN: unknown until the key exists.
        "rule": {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "kms", "kmsMasterKeyId": "<computed>"}},
    }
    lifecycle = named(run, "site-a-audit-lifecycle")
    assert lifecycle.inputs == {
        # The bucket's output (its name echoed back): what orders these after the bucket.
        "bucketName": f"inferline-test-site-a-audit-{key.id}",
        "rules": [
            {
                "id": "expire-audit-logs",
                "status": "Enabled",
                "expiration": {"days": 365},
                "nonCurrentVersionExpiration": {"nonCurrentDays": 365},
                "abortIncompleteMultipartUpload": {"daysAfterInitiation": 7},
            }
        ],
    }
    trail = named(run, "site-a-audit-trail")
    assert trail.type == TRAIL
    recorded = {key_: value for key_, value in trail.inputs.items() if key_ != "__provider"}
    assert recorded == {
        "region": REGION,
        "name": "inferline-test-site-a-audit-trail",
        "tos_bucket_name": f"inferline-test-site-a-audit-{key.id}",
        "tos_key_prefix": "inferline-test-site-a-audit",
        "tos_sse_algorithm": "kms",
        "tos_kms_key_trn": "<computed>",
        "event_rw": "All",
    }
    assert key.urn in trail.dependencies and bucket.urn in trail.dependencies
    # Audit storage and the trail are protected in prod, like every other cloud's.
    assert bucket.protect and encryption.protect and lifecycle.protect and trail.protect


def test_audit_bucket_access_logs_go_to_the_sites_private_encrypted_expiring_log_bucket() -> None:
    run = _build()
    key = named(run, "site-a-kms")
    log_bucket = named(run, "site-a-access-logs")
    name = _bucket_name(Names(stack="test", site="site-a"), str(key.id), "access-logs")
    assert log_bucket.inputs == {"bucketName": name, "publicAcl": "private", "tags": [{"key": "inferline-site", "value": "site-a"}]}
    assert log_bucket.protect
    assert named(run, "site-a-access-logs-encryption").inputs == {
        "bucketName": name,
        "rule": {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}},
    }
    assert named(run, "site-a-access-logs-lifecycle").inputs == {
        "bucketName": name,
        "rules": [
            {
                "id": "expire-access-logs",
                "status": "Enabled",
                "expiration": {"days": 365},
                "abortIncompleteMultipartUpload": {"daysAfterInitiation": 7},
            }
        ],
    }
    assert named(run, "site-a-audit-access-logging").inputs == {
        "bucketName": f"inferline-test-site-a-audit-{key.id}",
        "loggingEnableds": [{"role": "ServiceRoleforTOSLogging", "targetBucket": name, "targetPrefix": "audit-access/"}],
    }


def test_audit_trail_resources_are_not_protected_in_dev() -> None:
    run = _build(environment="dev", audit=True)
    assert not named(run, "site-a-audit").protect
    assert not named(run, "site-a-audit-trail").protect


def test_audit_disabled_builds_the_same_resources_without_the_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        run = _build(audit=False)
    assert _counts(run) == {KEYRING: 1, KEY: 1, GROUP: 1, RULE: 2, CERTIFICATE: 1}
    assert "audit trail" not in caplog.text


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({}, id="upload"),
        pytest.param({"certificate": "cert-existing"}, id="existing-certificate"),
        pytest.param({"environment": "dev", "audit": False, "peer_cidrs": PEERS}, id="dev-peers"),
    ],
)
def test_every_child_is_wired_to_the_component_and_the_site_provider(kwargs: dict[str, Any]) -> None:
    run = _build(**kwargs)
    component = next(r for r in run.resources if r.name == SITE and r.type == COMPONENT)
    provider = named(run, "site-a-volcengine")
    assert provider.type == "pulumi:providers:volcengine"
    children = _children(run)
    assert children
    for record in children:
        assert record.parent == component.urn, record.urn
        if record.type == TRAIL:
            # A dynamic resource calls the SDK itself, with credentials from the environment.
            assert record.provider is None, record.urn
            continue
        assert record.provider == provider.urn, record.urn
    # Nothing of the adapter escapes the component: every Volcengine resource outside it is the network's.
    network = next(r for r in run.resources if r.name == SITE and r.type == "inferline:network:PrivateNetwork")
    for record in run.resources:
        if record.type.startswith("volcengine:") and record.parent != component.urn:
            assert record.parent == network.urn, record.urn


def test_a_site_with_neither_certificate_fails_instead_of_inventing_an_id() -> None:
    network = network_spec("volcengine", REGION, ZONES, site=SITE)
    spec = security_spec(network)

    def program() -> None:
        provider = site_provider(SITE, "volcengine", REGION)
        declare_site_security(network, spec, None, provider)

    with pytest.raises(ValueError, match=r"^site 'site-a' has neither a certificate to upload nor an existing certificate id$"):
        run_under_mocks(program)
