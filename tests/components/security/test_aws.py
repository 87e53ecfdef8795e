from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from inferline.clouds import CATALOG
from inferline.planning.security import SecuritySpec
from inferline.preview.mocks import PREVIEW_AWS_ACCOUNT, plausible_arn
from inferline.preview.record import COMPUTED, SECRET, ResourceRecord
from inferline.preview.runner import ProgramRun
from tests.support import build_security, children_of, named, network_spec, security_spec

REGION = "ap-southeast-1"
ZONES = ("ap-southeast-1a", "ap-southeast-1b")
SITE_SECURITY = "inferline:security:SiteSecurity"
TAGS = {"inferline-site": "site-a"}
PRIVATE_CIDRS = ["10.1.0.0/20", "10.1.16.0/20"]
EXISTING_CERTIFICATE = "arn:aws:acm:ap-southeast-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
TRAIL_ARN = f"arn:aws:cloudtrail:{REGION}:{PREVIEW_AWS_ACCOUNT}:trail/inferline-test-site-a-audit"
BUCKET_NAME = f"inferline-test-site-a-audit-{PREVIEW_AWS_ACCOUNT}-{REGION}"
LOG_BUCKET_NAME = f"inferline-test-site-a-access-logs-{PREVIEW_AWS_ACCOUNT}-{REGION}"
FLOW_LOG_GROUP_ARN = f"arn:aws:logs:{REGION}:{PREVIEW_AWS_ACCOUNT}:log-group:/inferline/test/site-a/vpc-flow-logs"

KEY = "aws:kms/key:Key"
ALIAS = "aws:kms/alias:Alias"
GROUP = "aws:ec2/securityGroup:SecurityGroup"
INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
CERTIFICATE = "aws:acm/certificate:Certificate"
BUCKET = "aws:s3/bucket:Bucket"
DEFAULT_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
# The audit bucket and the site's access-log bucket (two of each bucket setting), the audit bucket's versioning
# and access logging, and the trail.
AUDIT_STORAGE = {
    BUCKET: 2,
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 2,
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": 2,
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 2,
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": 2,
    "aws:s3/bucketPolicy:BucketPolicy": 2,
    "aws:s3/bucketVersioning:BucketVersioning": 1,
    "aws:s3/bucketLogging:BucketLogging": 1,
    "aws:cloudtrail/trail:Trail": 1,
}
# One GPU ingress rule from the LB group, one LB listener rule; GPU egress plus one LB egress rule per private subnet;
# the VPC's default group, emptied.
FULL_SITE = {KEY: 1, ALIAS: 1, DEFAULT_GROUP: 1, GROUP: 2, INGRESS: 2, EGRESS: 3, CERTIFICATE: 1, **AUDIT_STORAGE}


def _build(**kwargs: Any) -> tuple[SecuritySpec, ProgramRun]:
    network = network_spec("aws", REGION, ZONES)
    spec = security_spec(network, **kwargs)
    return spec, build_security(network, spec)


def _children(run: ProgramRun) -> list[ResourceRecord]:
    return children_of(run, "site-a", SITE_SECURITY)


def _child_types(run: ProgramRun) -> Counter[str]:
    return Counter(record.type for record in _children(run))


def _child(run: ProgramRun, name: str) -> ResourceRecord:
    """A child of the site's SiteSecurity by name (the CA's resources are named after the site too)."""
    matches = [record for record in _children(run) if record.name == name]
    assert len(matches) == 1, f"expected one child named {name!r}, found {[m.urn for m in matches]}"
    return matches[0]


def _arn(record: ResourceRecord) -> str:
    """The ARN the preview mocks give ``record``: what other resources receive as its ``.arn``."""
    assert record.id is not None
    return plausible_arn(record.type, REGION, record.id)


def _statements(policy: str) -> dict[str, dict[str, Any]]:
    document = json.loads(policy)
    assert document["Version"] == "2012-10-17"
    return {statement["Sid"]: statement for statement in document["Statement"]}


def test_prod_site_builds_key_both_groups_certificate_and_audit_trail() -> None:
    _, run = _build()
    assert _child_types(run) == FULL_SITE
    assert CATALOG["aws"].load_balancer_security_group is True


def test_key_is_symmetric_rotates_on_the_configured_period_and_is_protected_in_prod() -> None:
    _, run = _build()
    key = _child(run, "site-a-kms")
    assert key.inputs["keyUsage"] == "ENCRYPT_DECRYPT"
    assert key.inputs["customerMasterKeySpec"] == "SYMMETRIC_DEFAULT"
    assert key.inputs["enableKeyRotation"] is True
    assert key.inputs["rotationPeriodInDays"] == 365
    assert key.inputs["deletionWindowInDays"] == 30
    assert key.inputs["tags"] == {**TAGS, "Name": "inferline-test-site-a-kms"}
    assert key.protect is True
    alias = _child(run, "site-a-kms-alias")
    assert alias.inputs["name"] == "alias/inferline-test-site-a-kms"
    assert key.urn in alias.property_dependencies["targetKeyId"]
    assert alias.protect is False


def test_key_policy_gives_the_account_root_control_and_cloudtrail_only_this_trail() -> None:
    _, run = _build()
    statements = _statements(_child(run, "site-a-kms").inputs["policy"])
    statements.pop("CloudWatchLogsEncryptsFlowLogs")
    root = statements.pop("AccountAdministersKey")
    assert root["Principal"] == {"AWS": f"arn:aws:iam::{PREVIEW_AWS_ACCOUNT}:root"}
    assert (root["Effect"], root["Action"], root["Resource"]) == ("Allow", "kms:*", "*")
    assert "Condition" not in root
    actions = {sid: statement["Action"] for sid, statement in statements.items()}
    assert actions == {
        "CloudTrailEncrypts": "kms:GenerateDataKey*",
        "CloudTrailDescribesKey": "kms:DescribeKey",
        "CloudTrailUsesBucketKey": "kms:Decrypt",
    }
    for statement in statements.values():
        assert statement["Effect"] == "Allow"
        assert statement["Principal"] == {"Service": "cloudtrail.amazonaws.com"}
        assert statement["Condition"] == {"StringEquals": {"aws:SourceArn": TRAIL_ARN}}


def test_key_policy_lets_the_regions_cloudwatch_logs_use_the_key_for_the_sites_flow_log_group_only() -> None:
    _, run = _build()
    statements = _statements(_child(run, "site-a-kms").inputs["policy"])
    assert statements["CloudWatchLogsEncryptsFlowLogs"] == {
        "Sid": "CloudWatchLogsEncryptsFlowLogs",
        "Effect": "Allow",
        "Principal": {"Service": f"logs.{REGION}.amazonaws.com"},
        "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        "Resource": "*",
        "Condition": {"ArnEquals": {"kms:EncryptionContext:aws:logs:arn": FLOW_LOG_GROUP_ARN}},
    }


def test_key_policy_has_no_cloudwatch_logs_grant_without_flow_logs() -> None:
    network = network_spec("aws", REGION, ZONES, flow_logs=False)
    run = build_security(network, security_spec(network))
    statements = _statements(_child(run, "site-a-kms").inputs["policy"])
    assert set(statements) == {"AccountAdministersKey", "CloudTrailEncrypts", "CloudTrailDescribesKey", "CloudTrailUsesBucketKey"}


def test_vpc_default_security_group_is_managed_with_no_rules() -> None:
    _, run = _build()
    default_group = _child(run, "site-a-default-sg")
    assert default_group.type == DEFAULT_GROUP
    assert default_group.inputs == {
        "vpcId": named(run, "site-a-vpc").id,
        "ingress": [],
        "egress": [],
        "tags": {**TAGS, "Name": "inferline-test-site-a-default-sg"},
    }


def test_dev_protects_nothing() -> None:
    _, run = _build(environment="dev")
    assert [record.name for record in _children(run) if record.protect] == []


def test_prod_protects_exactly_the_key_the_audit_and_log_buckets_and_the_trail() -> None:
    _, run = _build()
    assert sorted(record.name for record in _children(run) if record.protect) == [
        "site-a-access-logs",
        "site-a-audit",
        "site-a-audit-trail",
        "site-a-kms",
    ]


def test_groups_belong_to_the_sites_vpc() -> None:
    _, run = _build()
    vpc = named(run, "site-a-vpc")
    for role in ("gpu-sg", "lb-sg"):
        group = _child(run, f"site-a-{role}")
        assert group.inputs["vpcId"] == vpc.id
        assert group.inputs["name"] == f"inferline-test-site-a-{role}"
        assert group.inputs["tags"] == {**TAGS, "Name": f"inferline-test-site-a-{role}"}
        # No inline rules: the group resource would otherwise own (and fight over) the separate rules.
        assert "ingress" not in group.inputs and "egress" not in group.inputs


def test_gpu_nodes_accept_the_serving_port_only_from_the_load_balancer_group() -> None:
    _, run = _build()
    gpu_group, lb_group = _child(run, "site-a-gpu-sg"), _child(run, "site-a-lb-sg")
    rule = _child(run, "site-a-gpu-ingress-lb")
    assert rule.inputs["securityGroupId"] == gpu_group.id
    assert rule.inputs["referencedSecurityGroupId"] == lb_group.id
    assert "cidrIpv4" not in rule.inputs
    assert (rule.inputs["ipProtocol"], rule.inputs["fromPort"], rule.inputs["toPort"]) == ("tcp", 8000, 8000)
    # EC2 rejects apostrophes in rule descriptions; the planned one ("site's") is cleaned.
    assert rule.inputs["description"] == "inference from the sites load balancer"


def test_load_balancer_accepts_only_the_listener_port_from_anywhere() -> None:
    _, run = _build()
    rule = _child(run, "site-a-lb-ingress-443")
    assert rule.inputs["securityGroupId"] == _child(run, "site-a-lb-sg").id
    assert (rule.inputs["ipProtocol"], rule.inputs["fromPort"], rule.inputs["toPort"]) == ("tcp", 443, 443)
    assert rule.inputs["cidrIpv4"] == "0.0.0.0/0"
    assert "referencedSecurityGroupId" not in rule.inputs


def test_no_ingress_opens_ssh_or_anything_else_to_the_internet() -> None:
    _, run = _build(peer_cidrs=("10.2.0.0/16",))
    lb_group = _child(run, "site-a-lb-sg")
    rules = [record for record in _children(run) if record.type == INGRESS]
    assert rules
    for rule in rules:
        assert rule.inputs["ipProtocol"] == "tcp"
        assert rule.inputs["fromPort"] == rule.inputs["toPort"]
        assert not rule.inputs["fromPort"] <= 22 <= rule.inputs["toPort"]
        if rule.inputs.get("cidrIpv4") == "0.0.0.0/0":
            assert (rule.inputs["securityGroupId"], rule.inputs["fromPort"]) == (lb_group.id, 443)
        assert not re.search(r"[^a-zA-Z0-9 ._\-:/()#,@\[\]+=;{}!$*]", rule.inputs["description"])


def test_egress_gpu_nodes_anywhere_through_nat_and_load_balancer_only_to_the_serving_port() -> None:
    _, run = _build()
    gpu = _child(run, "site-a-gpu-egress")
    assert gpu.inputs["securityGroupId"] == _child(run, "site-a-gpu-sg").id
    assert (gpu.inputs["ipProtocol"], gpu.inputs["cidrIpv4"]) == ("-1", "0.0.0.0/0")
    assert "fromPort" not in gpu.inputs and "toPort" not in gpu.inputs
    lb_group = _child(run, "site-a-lb-sg")
    for zone, cidr in zip(ZONES, PRIVATE_CIDRS, strict=True):
        rule = _child(run, f"site-a-lb-egress-{zone}")
        assert rule.inputs["securityGroupId"] == lb_group.id
        assert (rule.inputs["ipProtocol"], rule.inputs["fromPort"], rule.inputs["toPort"]) == ("tcp", 8000, 8000)
        assert rule.inputs["cidrIpv4"] == cidr


def test_peer_cidrs_add_one_gpu_rule_each_after_the_load_balancer_rule() -> None:
    peers = ("10.2.0.0/16", "10.3.0.0/16")
    _, run = _build(peer_cidrs=peers)
    assert _child_types(run) == {**FULL_SITE, INGRESS: 4}
    assert "referencedSecurityGroupId" in _child(run, "site-a-gpu-ingress-lb").inputs
    for cidr in peers:
        rule = _child(run, f"site-a-gpu-ingress-{cidr.replace('/', '-')}")
        assert rule.inputs["securityGroupId"] == _child(run, "site-a-gpu-sg").id
        assert (rule.inputs["cidrIpv4"], rule.inputs["fromPort"], rule.inputs["toPort"]) == (cidr, 8000, 8000)
        assert "referencedSecurityGroupId" not in rule.inputs


def test_certificate_is_imported_into_acm_with_the_key_kept_secret() -> None:
    _, run = _build()
    certificate = _child(run, "site-a-certificate")
    assert certificate.inputs["privateKey"] == SECRET
    assert certificate.inputs["certificateBody"] == COMPUTED
    assert certificate.inputs["certificateChain"] == COMPUTED
    server_cert = next(r for r in run.resources if r.type == "tls:index/locallySignedCert:LocallySignedCert")
    ca_cert = next(r for r in run.resources if r.type == "tls:index/selfSignedCert:SelfSignedCert")
    assert server_cert.urn in certificate.property_dependencies["certificateBody"]
    assert ca_cert.urn in certificate.property_dependencies["certificateChain"]
    assert certificate.inputs["tags"] == {**TAGS, "Name": "inferline-test-site-a-certificate"}
    assert "domainName" not in certificate.inputs and "validationMethod" not in certificate.inputs


def test_existing_certificate_uploads_nothing_and_builds_everything_else() -> None:
    _, run = _build(certificate=EXISTING_CERTIFICATE)
    assert _child_types(run) == Counter({**FULL_SITE, CERTIFICATE: 0})
    assert not [r for r in run.resources if r.type.startswith("tls:")]














def test_audit_disabled_creates_no_storage_no_trail_and_no_cloudtrail_key_grant() -> None:
    _, run = _build(audit=False)
    assert _child_types(run) == Counter({**FULL_SITE, **dict.fromkeys(AUDIT_STORAGE, 0)})
    assert set(_statements(_child(run, "site-a-kms").inputs["policy"])) == {"AccountAdministersKey", "CloudWatchLogsEncryptsFlowLogs"}


def test_every_child_has_the_component_as_parent_and_the_site_provider() -> None:
    _, run = _build()
    security = next(r for r in run.resources if r.type == SITE_SECURITY)
    provider = named(run, "site-a-aws")
    assert provider.type == "pulumi:providers:aws"
    children = _children(run)
    assert len(children) == sum(FULL_SITE.values())
    for record in children:
        assert record.parent == security.urn, record.urn
        assert record.provider == provider.urn, record.urn
    # Nothing of the site's security escapes the component or falls back to a default provider.
    for record in run.resources:
        if record.type.startswith("aws:"):
            assert record.provider == provider.urn, record.urn
