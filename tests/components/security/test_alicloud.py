from __future__ import annotations

from collections import Counter

import pytest

from inferline.components.security.adapters.alicloud import _bucket_name
from inferline.planning.naming import Names
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun
from tests.support import build_security, children_of, named, network_spec, security_spec, type_counts

REGION = "cn-hangzhou"
ZONES = ("cn-hangzhou-h", "cn-hangzhou-i")
SECURITY = "inferline:security:SiteSecurity"
RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule"
CHILDREN = {
    "alicloud:kms/key:Key": 1,
    "alicloud:kms/alias:Alias": 1,
    "alicloud:ecs/securityGroup:SecurityGroup": 2,
    # gpu-ingress-lb, gpu-egress, lb-ingress-443, lb-ingress-deny, lb-egress-<zone> (one per private vSwitch)
    RULE: 6,
    "alicloud:cas/serviceCertificate:ServiceCertificate": 1,
    # The audit bucket and the site's access-log bucket, each private; the audit bucket's access logging.
    "alicloud:oss/bucket:Bucket": 2,
    "alicloud:oss/bucketAcl:BucketAcl": 2,
    "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock": 2,
    "alicloud:oss/bucketLogging:BucketLogging": 1,
    "alicloud:actiontrail/trail:Trail": 1,
}
AUDIT_TYPES = (
    "alicloud:oss/bucket:Bucket",
    "alicloud:oss/bucketLogging:BucketLogging",
    "alicloud:oss/bucketAcl:BucketAcl",
    "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "alicloud:actiontrail/trail:Trail",
)


def _build(
    *, environment: str = "prod", certificate: str | None = None, peer_cidrs: tuple[str, ...] = (), audit: bool = True
) -> ProgramRun:
    network = network_spec("alicloud", REGION, ZONES)
    spec = security_spec(network, environment=environment, certificate=certificate, peer_cidrs=peer_cidrs, audit=audit)
    return build_security(network, spec)


def _children(run: ProgramRun) -> list[ResourceRecord]:
    return children_of(run, "site-a", SECURITY)


def _counts(run: ProgramRun) -> Counter[str]:
    return Counter(record.type for record in _children(run))


def _rules(run: ProgramRun) -> dict[str, ResourceRecord]:
    return {record.name: record for record in _children(run) if record.type == RULE}


def test_prod_site_has_key_groups_certificate_and_audit_trail() -> None:
    run = _build()
    assert _counts(run) == CHILDREN
    # The network and the private CA are declared too, outside the component.
    assert type_counts(run)[SECURITY] == 1

    key = named(run, "site-a-kms")
    assert key.inputs == {
        "description": "inferline site site-a (test): GPU disks, logs, audit trail",
        "keySpec": "Aliyun_AES_256",
        "keyUsage": "ENCRYPT/DECRYPT",
        "origin": "Aliyun_KMS",
        "protectionLevel": "SOFTWARE",
        "automaticRotation": "Enabled",
        "rotationInterval": "365d",
        "pendingWindowInDays": 30,
        "status": "Enabled",
        "tags": {"inferline-site": "site-a"},
    }
    assert "dkmsInstanceId" not in key.inputs
    assert named(run, "site-a-kms-alias").inputs == {"aliasName": "alias/inferline-test-site-a-kms", "keyId": key.id}

    vpc = named(run, "site-a-vpc")
    for role in ("gpu-sg", "lb-sg"):
        group = named(run, f"site-a-{role}")
        assert group.inputs["vpcId"] == vpc.id
        assert group.inputs["securityGroupName"] == f"inferline-test-site-a-{role}"
        assert group.inputs["securityGroupType"] == "normal"
        # Members of a basic group reach each other on every port unless the group says Drop.
        assert group.inputs["innerAccessPolicy"] == "Drop"
        assert group.inputs["tags"] == {"inferline-site": "site-a"}


def test_keys_and_audit_storage_are_protected_in_prod_only() -> None:
    protected = ("site-a-kms", "site-a-audit", "site-a-access-logs", "site-a-audit-trail")
    prod, dev = _build(environment="prod"), _build(environment="dev")
    for name in protected:
        assert named(prod, name).protect is True
        assert named(dev, name).protect is False
    assert sorted(record.name for record in _children(prod) if record.protect) == sorted(protected)
    assert named(prod, "site-a-audit").inputs["forceDestroy"] is False
    assert named(dev, "site-a-audit").inputs["forceDestroy"] is True


def test_gpu_nodes_accept_the_serving_port_from_the_load_balancer_group_only() -> None:
    run = _build()
    gpu, lb = named(run, "site-a-gpu-sg"), named(run, "site-a-lb-sg")
    rules = _rules(run)
    assert sorted(rules) == [
        "site-a-gpu-egress",
        "site-a-gpu-ingress-lb",
        *(f"site-a-lb-egress-{zone}" for zone in ZONES),
        "site-a-lb-ingress-443",
        "site-a-lb-ingress-deny",
    ]
    assert rules["site-a-gpu-ingress-lb"].inputs == {
        "securityGroupId": gpu.id,
        "type": "ingress",
        "ipProtocol": "tcp",
        "portRange": "8000/8000",
        "sourceSecurityGroupId": lb.id,
        "policy": "accept",
        "priority": 1,
        "nicType": "intranet",
        "description": "inference from the site's load balancer",
    }
    assert rules["site-a-gpu-egress"].inputs == {
        "securityGroupId": gpu.id,
        "type": "egress",
        "ipProtocol": "all",
        "portRange": "-1/-1",
        "cidrIp": "0.0.0.0/0",
        "policy": "accept",
        "priority": 1,
        "nicType": "intranet",
        "description": "egress through the site's NAT gateways",
    }


def test_load_balancer_group_opens_only_the_listener_port_and_denies_the_rest() -> None:
    run = _build()
    lb = named(run, "site-a-lb-sg")
    rules = _rules(run)
    listener = rules["site-a-lb-ingress-443"].inputs
    assert listener["securityGroupId"] == lb.id
    assert (listener["type"], listener["ipProtocol"], listener["portRange"]) == ("ingress", "tcp", "443/443")
    assert (listener["cidrIp"], listener["policy"], listener["priority"]) == ("0.0.0.0/0", "accept", 1)
    # The ALB's managed group allows everything at priority 100; this drop, last in order, is what restricts it.
    deny = rules["site-a-lb-ingress-deny"].inputs
    assert deny["securityGroupId"] == lb.id
    assert (deny["type"], deny["ipProtocol"], deny["portRange"]) == ("ingress", "all", "-1/-1")
    assert (deny["cidrIp"], deny["policy"], deny["priority"]) == ("0.0.0.0/0", "drop", 100)
    for zone, cidr in zip(ZONES, ("10.1.0.0/20", "10.1.16.0/20"), strict=True):
        egress = rules[f"site-a-lb-egress-{zone}"].inputs
        assert egress["securityGroupId"] == lb.id
        assert (egress["type"], egress["ipProtocol"], egress["portRange"], egress["cidrIp"]) == (
            "egress",
            "tcp",
            "8000/8000",
            cidr,
        )


def test_nothing_else_is_open_to_the_internet_and_ssh_is_closed() -> None:
    rules = _rules(_build()).values()
    open_to_all = sorted(
        (rule.name, rule.inputs["portRange"])
        for rule in rules
        if rule.inputs.get("cidrIp") == "0.0.0.0/0" and rule.inputs["policy"] == "accept"
    )
    assert open_to_all == [("site-a-gpu-egress", "-1/-1"), ("site-a-lb-ingress-443", "443/443")]
    assert all(rule.inputs["portRange"] != "22/22" for rule in rules)
    assert all(rule.inputs["nicType"] == "intranet" for rule in rules)
    ingress_accepts = [rule for rule in rules if rule.inputs["type"] == "ingress" and rule.inputs["policy"] == "accept"]
    assert all(rule.inputs["ipProtocol"] == "tcp" for rule in ingress_accepts)


def test_peer_sites_get_one_serving_port_rule_each() -> None:
    run = _build(peer_cidrs=("10.2.0.0/16", "10.3.0.0/16"))
    rules = _rules(run)
    gpu = named(run, "site-a-gpu-sg")
    assert rules["site-a-gpu-ingress-lb"].inputs["sourceSecurityGroupId"] == named(run, "site-a-lb-sg").id
    for cidr in ("10.2.0.0/16", "10.3.0.0/16"):
        inputs = rules[f"site-a-gpu-ingress-{cidr.replace('/', '-')}"].inputs
        assert inputs["securityGroupId"] == gpu.id
        assert (inputs["type"], inputs["ipProtocol"], inputs["portRange"], inputs["cidrIp"]) == (
            "ingress",
            "tcp",
            "8000/8000",
            cidr,
        )
        assert "sourceSecurityGroupId" not in inputs
        assert inputs["description"] == "inference from a connected site"
    assert _counts(run)[RULE] == CHILDREN[RULE] + 2


def test_server_certificate_is_uploaded_to_cas_with_a_secret_key() -> None:
    run = _build()
    upload = named(run, "site-a-certificate")
    assert upload.inputs == {
        "certificateName": "inferline-test-site-a-server-cert",
        "cert": "<computed>",
        "key": "<secret>",
        "tags": {"inferline-site": "site-a"},
    }
    signed = next(record for record in run.resources if record.type == "tls:index/locallySignedCert:LocallySignedCert")
    assert upload.property_dependencies["cert"] == [signed.urn]
    assert upload.property_dependencies["key"] == [named(run, "site-a-server-key").urn]


def test_existing_certificate_is_used_as_is() -> None:
    run = _build(certificate="1234567-cn-hangzhou")
    counts = _counts(run)
    assert "alicloud:cas/serviceCertificate:ServiceCertificate" not in counts
    assert counts == {
        type_: count for type_, count in CHILDREN.items() if type_ != "alicloud:cas/serviceCertificate:ServiceCertificate"
    }
    assert not [record for record in run.resources if record.type.startswith("tls:")]


def test_audit_trail_writes_every_region_to_a_private_kms_encrypted_bucket() -> None:
    run = _build()
    key = named(run, "site-a-kms")
    bucket = named(run, "site-a-audit")
    # OSS names are global across accounts: the key id makes the name unique.
    assert bucket.inputs["bucket"] == f"inferline-test-site-a-audit-{key.id}"
    assert bucket.inputs["serverSideEncryptionRule"] == {"sseAlgorithm": "KMS", "kmsMasterKeyId": key.id}
    assert bucket.inputs["versioning"] == {"status": "Enabled"}
    assert bucket.inputs["lifecycleRules"] == [
        {
            "id": "expire-audit-logs",
            "enabled": True,
            "expirations": [{"days": 365}],
            "noncurrentVersionExpirations": [{"days": 365}],
            "abortMultipartUploads": [{"days": 7}],
        }
    ]
    assert bucket.inputs["tags"] == {"inferline-site": "site-a"}
    assert "acl" not in bucket.inputs
    acl = named(run, "site-a-audit-acl")
    assert acl.inputs["acl"] == "private"
    assert acl.property_dependencies["bucket"] == [bucket.urn]
    block = named(run, "site-a-audit-public-access")
    assert block.inputs["blockPublicAccess"] is True
    assert block.property_dependencies["bucket"] == [bucket.urn]

    trail = named(run, "site-a-audit-trail")
    assert trail.property_dependencies["ossBucketName"] == [bucket.urn]
    assert {key: value for key, value in trail.inputs.items() if key != "ossBucketName"} == {
        "trailName": "inferline-test-site-a-audit",
        "ossKeyPrefix": "inferline-test-site-a-audit",
        "eventRw": "All",
        "trailRegion": "All",
        "isOrganizationTrail": False,
        "status": "Enable",
    }


def test_audit_bucket_access_logs_go_to_the_sites_private_encrypted_expiring_log_bucket() -> None:
    run = _build()
    key = named(run, "site-a-kms")
    log_bucket = named(run, "site-a-access-logs")
    assert log_bucket.inputs == {
        # Unique across OSS accounts through the key id, shortened with a hash to OSS's 63 characters.
        "bucket": _bucket_name(Names(stack="test", site="site-a"), str(key.id), "access-logs"),
        "serverSideEncryptionRule": {"sseAlgorithm": "AES256"},
        "lifecycleRules": [
            {"id": "expire-access-logs", "enabled": True, "expirations": [{"days": 365}], "abortMultipartUploads": [{"days": 7}]}
        ],
        "forceDestroy": False,
        "tags": {"inferline-site": "site-a"},
    }
    assert named(run, "site-a-access-logs-acl").inputs == {"bucket": log_bucket.inputs["bucket"], "acl": "private"}
    assert named(run, "site-a-access-logs-public-access").inputs == {"bucket": log_bucket.inputs["bucket"], "blockPublicAccess": True}
    logging = named(run, "site-a-audit-access-logging")
    assert logging.inputs == {
        "bucket": named(run, "site-a-audit").inputs["bucket"],
        "targetBucket": log_bucket.inputs["bucket"],
        "targetPrefix": "audit-access/",
    }
    assert logging.property_dependencies["targetBucket"] == [log_bucket.urn]


def test_long_site_names_still_fit_bucket_and_trail_rules() -> None:
    network = network_spec("alicloud", REGION, ZONES, site="gpu-inference-east01")
    run = build_security(network, security_spec(network))
    bucket = named(run, "gpu-inference-east01-audit").inputs["bucket"]
    assert 3 <= len(bucket) <= 63
    assert bucket == bucket.lower() and bucket[0].isalnum() and bucket[-1].isalnum()
    trail = named(run, "gpu-inference-east01-audit-trail").inputs["trailName"]
    assert 6 <= len(trail) <= 36
    assert trail[0].isalpha() and trail == trail.lower()


def test_audit_can_be_turned_off() -> None:
    run = _build(audit=False)
    counts = _counts(run)
    for absent in AUDIT_TYPES:
        assert absent not in counts
    assert counts == {type_: count for type_, count in CHILDREN.items() if type_ not in AUDIT_TYPES}


@pytest.mark.parametrize("minimal", [False, True], ids=["full", "existing-certificate-no-audit"])
def test_every_child_is_wired_to_the_component_and_the_site_provider(minimal: bool) -> None:
    run = _build(certificate="1234567-cn-hangzhou", audit=False) if minimal else _build()
    component = next(record for record in run.resources if record.type == SECURITY)
    network = next(record for record in run.resources if record.type == "inferline:network:PrivateNetwork")
    provider = named(run, "site-a-alicloud")
    cloud_resources = [record for record in run.resources if record.type.startswith("alicloud:")]
    assert {record.parent for record in cloud_resources} == {component.urn, network.urn}
    children = _children(run)
    assert children and all(record.type.startswith("alicloud:") for record in children)
    for record in children:
        assert record.provider == provider.urn, record.urn
