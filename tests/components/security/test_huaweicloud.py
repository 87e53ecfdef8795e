from __future__ import annotations

import ipaddress
import json
from collections import Counter
from typing import Any

import pulumi

from inferline.clouds import CATALOG
from inferline.components.providers import site_provider
from inferline.components.security.adapters.huaweicloud import _bucket_name
from inferline.planning.naming import Names
from inferline.planning.security import SecuritySpec
from inferline.preview.record import SECRET, ResourceRecord
from inferline.preview.runner import ProgramRun, run_under_mocks
from tests.support import build_security, children_of, declare_site_security, named, network_spec, security_spec

REGION = "cn-north-4"
ZONES = ("cn-north-4a", "cn-north-4b")
SITE_SECURITY = "inferline:security:SiteSecurity"
TAGS = {"inferline-site": "site-a"}
EDGE_CIDRS = ["10.1.240.0/24", "10.1.241.0/24"]
EXISTING_CERTIFICATE = "0b1e3f5a6c7d4e8f9a0b1c2d3e4f5a6b"


def _build(**kwargs: Any) -> tuple[SecuritySpec, ProgramRun]:
    network = network_spec("huaweicloud", REGION, ZONES)
    spec = security_spec(network, **kwargs)
    return spec, build_security(network, spec)


def _exported_outputs(**kwargs: Any) -> dict[str, Any]:
    """The adapter's SecurityOutputs, exported from a run without the private CA (existing certificate)."""
    network = network_spec("huaweicloud", REGION, ZONES)
    spec = security_spec(network, certificate=EXISTING_CERTIFICATE, **kwargs)

    def program() -> None:
        provider = site_provider(network.names.site, network.cloud, network.region)
        outputs = declare_site_security(network, spec, None, provider)
        pulumi.export("keyId", outputs.encryption.key_id)
        pulumi.export("keyArn", outputs.encryption.key_arn)
        pulumi.export("gpuSecurityGroupId", outputs.gpu_security_group_id)
        pulumi.export("loadBalancerSecurityGroupId", outputs.load_balancer_security_group_id)
        pulumi.export("certificateId", outputs.certificate_id)
        pulumi.export("auditTrailId", outputs.audit_trail_id)

    return run_under_mocks(program).outputs


def _child_types(run: ProgramRun) -> Counter[str]:
    return Counter(record.type for record in children_of(run, "site-a", SITE_SECURITY))


def _child(run: ProgramRun, name: str) -> ResourceRecord:
    """A child of the site's SiteSecurity by name (the CA's certificate shares ``site-a-server-cert``)."""
    matches = [r for r in children_of(run, "site-a", SITE_SECURITY) if r.name == name]
    assert len(matches) == 1, f"expected one child named {name!r}, found {[m.urn for m in matches]}"
    return matches[0]


def _gpu_ingress(run: ProgramRun) -> list[dict[str, object]]:
    rules = [r for r in children_of(run, "site-a", SITE_SECURITY) if r.name.startswith("site-a-gpu-ingress-")]
    return [r.inputs for r in sorted(rules, key=lambda r: ipaddress.ip_network(r.inputs["remoteIpPrefix"]))]


def test_prod_site_builds_key_gpu_group_certificate_and_audit_trail() -> None:
    _, run = _build()
    assert _child_types(run) == {
        "huaweicloud:Dew/key:Key": 1,
        "huaweicloud:Vpc/secgroup:Secgroup": 1,
        # Two edge subnets (one rule each) plus the egress rule; no load-balancer group on Huawei.
        "huaweicloud:Vpc/secgroupRule:SecgroupRule": 3,
        "huaweicloud:DedicatedElb/certificate:Certificate": 1,
        # The audit bucket and the site's access-log bucket, with the agency (and its policy) OBS writes logs through.
        "huaweicloud:Obs/bucket:Bucket": 2,
        "huaweicloud:Iam/role:Role": 1,
        "huaweicloud:Iam/agency:Agency": 1,
        "huaweicloud:Cts/tracker:Tracker": 1,
    }
    assert CATALOG["huaweicloud"].load_balancer_security_group is False


def test_key_rotates_with_the_configured_period_and_is_protected_in_prod() -> None:
    _, run = _build()
    key = _child(run, "site-a-kms")
    assert key.inputs["keyAlias"] == "inferline-test-site-a-kms"
    assert key.inputs["keyAlgorithm"] == "AES_256"
    assert key.inputs["keyUsage"] == "ENCRYPT_DECRYPT"
    assert key.inputs["rotationEnabled"] is True
    assert key.inputs["rotationInterval"] == 365
    assert key.inputs["pendingDays"] == "30"
    assert key.inputs["tags"] == TAGS
    assert key.protect is True
    for name in ("site-a-audit", "site-a-access-logs", "site-a-audit-trail"):
        assert _child(run, name).protect is True
    for name in ("site-a-gpu-sg", "site-a-server-cert"):
        assert _child(run, name).protect is False


def test_nothing_is_protected_in_dev() -> None:
    _, run = _build(environment="dev")
    assert [r.name for r in children_of(run, "site-a", SITE_SECURITY) if r.protect] == []


def test_gpu_group_drops_default_rules_and_admits_the_serving_port_from_the_edge_subnets_only() -> None:
    _, run = _build()
    group = _child(run, "site-a-gpu-sg")
    assert group.inputs["name"] == "inferline-test-site-a-gpu-sg"
    assert group.inputs["deleteDefaultRules"] is True
    assert group.inputs["tags"] == TAGS
    assert "vpcId" not in group.inputs

    ingress = _gpu_ingress(run)
    assert [rule["remoteIpPrefix"] for rule in ingress] == EDGE_CIDRS
    for rule in ingress:
        assert rule["securityGroupId"] == group.id
        assert rule["direction"] == "ingress"
        assert rule["ethertype"] == "IPv4"
        assert rule["protocol"] == "tcp"
        assert rule["ports"] == "8000"
        assert rule["action"] == "allow"
        assert rule["description"] == "inference from the load balancer"
        assert "remoteGroupId" not in rule

    egress = _child(run, "site-a-gpu-egress")
    assert egress.inputs == {
        "securityGroupId": group.id,
        "direction": "egress",
        "ethertype": "IPv4",
        "remoteIpPrefix": "0.0.0.0/0",
        "action": "allow",
        "description": "egress through the site's NAT gateways",
    }


def test_no_rule_opens_ssh_or_admits_the_internet() -> None:
    _, run = _build(peer_cidrs=("10.2.0.0/16",))
    rules = [r for r in children_of(run, "site-a", SITE_SECURITY) if r.type == "huaweicloud:Vpc/secgroupRule:SecgroupRule"]
    assert rules
    for rule in rules:
        assert "22" not in str(rule.inputs.get("ports", "")).split(",")
        if rule.inputs["direction"] == "ingress":
            assert rule.inputs["remoteIpPrefix"] != "0.0.0.0/0"
    # With no load-balancer group, the listener ports are no security-group rule at all.
    assert [r.name for r in rules if r.inputs.get("remoteIpPrefix") == "0.0.0.0/0"] == ["site-a-gpu-egress"]


def test_peer_cidrs_add_gpu_ingress_rules_after_the_load_balancer_ones() -> None:
    _, run = _build(peer_cidrs=("10.2.0.0/16", "10.3.0.0/16"))
    ingress = _gpu_ingress(run)
    assert [rule["remoteIpPrefix"] for rule in ingress] == [*EDGE_CIDRS, "10.2.0.0/16", "10.3.0.0/16"]
    assert [rule["ports"] for rule in ingress] == ["8000"] * 4
    assert ingress[2]["description"] == "inference from a connected site"
    assert _child_types(run)["huaweicloud:Vpc/secgroupRule:SecgroupRule"] == 5


def test_certificate_is_uploaded_with_its_private_key_kept_secret() -> None:
    _, run = _build()
    cert = _child(run, "site-a-server-cert")
    assert cert.inputs["type"] == "server"
    assert cert.inputs["name"] == "inferline-test-site-a-server-cert"
    assert cert.inputs["privateKey"] == SECRET
    signed = next(r for r in run.resources if r.type == "tls:index/locallySignedCert:LocallySignedCert")
    assert cert.property_dependencies["certificate"] == [signed.urn]
    assert cert.inputs["description"] == "TLS server certificate of inferline site site-a, issued by the private CA"


def test_existing_certificate_uploads_nothing_and_keeps_everything_else() -> None:
    _, run = _build(certificate=EXISTING_CERTIFICATE)
    types = _child_types(run)
    assert types["huaweicloud:DedicatedElb/certificate:Certificate"] == 0
    assert not any(r.type.startswith("tls:") for r in run.resources)
    assert types == {
        "huaweicloud:Dew/key:Key": 1,
        "huaweicloud:Vpc/secgroup:Secgroup": 1,
        "huaweicloud:Vpc/secgroupRule:SecgroupRule": 3,
        # The audit bucket and the site's access-log bucket, with the agency (and its policy) OBS writes logs through.
        "huaweicloud:Obs/bucket:Bucket": 2,
        "huaweicloud:Iam/role:Role": 1,
        "huaweicloud:Iam/agency:Agency": 1,
        "huaweicloud:Cts/tracker:Tracker": 1,
    }


def test_outputs_name_the_key_group_existing_certificate_and_trail() -> None:
    _, run = _build()
    outputs = _exported_outputs()
    assert outputs == {
        "keyId": _child(run, "site-a-kms").id,
        "keyArn": None,
        "gpuSecurityGroupId": _child(run, "site-a-gpu-sg").id,
        "loadBalancerSecurityGroupId": None,
        "certificateId": EXISTING_CERTIFICATE,
        "auditTrailId": _child(run, "site-a-audit-trail").id,
    }
    assert _exported_outputs(audit=False)["auditTrailId"] is None


def test_audit_trail_writes_validated_encrypted_files_to_a_private_expiring_bucket() -> None:
    _, run = _build()
    key = _child(run, "site-a-kms")
    bucket = _child(run, "site-a-audit")
    assert bucket.inputs["bucket"] == f"inferline-test-site-a-audit-{key.id}"
    assert len(bucket.inputs["bucket"]) <= 63
    assert bucket.inputs["acl"] == "private"
    assert bucket.inputs["encryption"] is True
    assert bucket.inputs["sseAlgorithm"] == "kms"
    assert bucket.inputs["kmsKeyId"] == key.id
    assert bucket.inputs["versioning"] is True
    assert bucket.inputs["lifecycleRules"] == [
        {
            "name": "expire-audit-logs",
            "enabled": True,
            "expirations": [{"days": 365}],
            "noncurrentVersionExpirations": [{"days": 365}],
            "abortIncompleteMultipartUploads": [{"days": 7}],
        }
    ]
    assert "policy" not in bucket.inputs
    assert bucket.inputs["tags"] == TAGS

    tracker = _child(run, "site-a-audit-trail")
    # The bucket's name output, unknown until the bucket exists: the tracker is created after it.
    assert tracker.property_dependencies["bucketName"] == [bucket.urn]
    assert tracker.inputs["filePrefix"] == "inferline-test-site-a-audit"
    assert tracker.inputs["kmsId"] == key.id
    assert tracker.inputs["validateFile"] is True
    assert tracker.inputs["enabled"] is True
    assert tracker.inputs["tags"] == TAGS
    assert "deleteTracker" not in tracker.inputs


def test_audit_disabled_creates_no_bucket_and_no_tracker() -> None:
    _, run = _build(audit=False)
    types = _child_types(run)
    assert types["huaweicloud:Obs/bucket:Bucket"] == 0
    assert types["huaweicloud:Cts/tracker:Tracker"] == 0
    assert types["huaweicloud:Iam/agency:Agency"] == 0
    assert types["huaweicloud:Dew/key:Key"] == 1


def test_audit_bucket_access_logs_go_through_an_obs_agency_allowed_only_to_write_the_log_bucket() -> None:
    _, run = _build()
    key = _child(run, "site-a-kms")
    log_bucket = _child(run, "site-a-access-logs")
    log_bucket_name = _bucket_name(Names(stack="test", site="site-a"), str(key.id), "access-logs")
    assert log_bucket.inputs == {
        "bucket": log_bucket_name,
        "acl": "log-delivery-write",
        "encryption": True,
        "sseAlgorithm": "AES256",
        "lifecycleRules": [
            {
                "name": "expire-access-logs",
                "enabled": True,
                "expirations": [{"days": 365}],
                "abortIncompleteMultipartUploads": [{"days": 7}],
            }
        ],
        "tags": TAGS,
    }
    write = _child(run, "site-a-access-logs-write")
    assert {k: v for k, v in write.inputs.items() if k != "policy"} == {
        "name": "inferline-test-site-a-access-logs-write",
        "description": "OBS writes the access logs of inferline site site-a (test)",
        "type": "AX",
    }
    assert json.loads(write.inputs["policy"]) == {
        "Version": "1.1",
        "Statement": [{"Action": ["obs:object:PutObject"], "Resource": [f"OBS:*:*:object:{log_bucket_name}/*"], "Effect": "Allow"}],
    }
    agency = _child(run, "site-a-access-logs-agency")
    assert agency.inputs == {
        "name": "inferline-test-site-a-access-logs",
        "description": "OBS writes the access logs of inferline site site-a (test)",
        "delegatedServiceName": "op_svc_obs",
        "domainRoles": ["inferline-test-site-a-access-logs-write"],
    }
    assert _child(run, "site-a-audit").inputs["loggings"] == [
        {"targetBucket": log_bucket_name, "targetPrefix": "audit-access/", "agency": "inferline-test-site-a-access-logs"}
    ]
    assert agency.urn in _child(run, "site-a-audit").property_dependencies["loggings"]


def test_every_child_has_the_component_as_parent_and_the_site_provider() -> None:
    for kwargs in ({}, {"certificate": EXISTING_CERTIFICATE}, {"environment": "dev", "audit": False}):
        _, run = _build(**kwargs)
        component = next(r for r in run.resources if r.name == "site-a" and r.type == SITE_SECURITY)
        provider = named(run, "site-a-huaweicloud")
        # Every security resource of the run, wherever it was declared: none may escape the component.
        declared = [
            r
            for r in run.resources
            if r.type.split(":")[1].split("/")[0] in {"Dew", "DedicatedElb", "Obs", "Cts", "Iam"}
            or r.type.startswith("huaweicloud:Vpc/secgroup")
        ]
        assert declared
        assert {r.urn for r in declared} == {r.urn for r in children_of(run, "site-a", SITE_SECURITY)}
        for record in declared:
            assert record.parent == component.urn, record.urn
            assert record.provider == provider.urn, record.urn
