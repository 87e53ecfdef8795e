from __future__ import annotations

from collections import Counter

import pulumi

from inferline.clouds import CATALOG
from inferline.components.providers import site_provider
from inferline.components.security.adapters.tencentcloud import _bucket_name
from inferline.planning.naming import Names
from inferline.planning.security import SecuritySpec
from inferline.preview.mocks import PREVIEW_TENCENT_APPID
from inferline.preview.record import SECRET, ResourceRecord
from inferline.preview.runner import ProgramRun, run_under_mocks
from tests.support import build_security, children_of, declare_site_security, named, network_spec, security_spec

REGION = "ap-guangzhou"
ZONES = ("ap-guangzhou-3", "ap-guangzhou-4")
SITE_SECURITY = "inferline:security:SiteSecurity"
TAGS = {"inferline-site": "site-a"}
PRIVATE_CIDRS = ["10.1.0.0/20", "10.1.16.0/20"]
EXISTING_CERTIFICATE = "TkZ0aSxO"

KEY = "tencentcloud:Kms/key:Key"
GROUP = "tencentcloud:Security/group:Group"
RULE_SET = "tencentcloud:Security/groupRuleSet:GroupRuleSet"
CERTIFICATE = "tencentcloud:Ssl/certificate:Certificate"
BUCKET = "tencentcloud:Cos/bucket:Bucket"
TRACK = "tencentcloud:Audit/track:Track"
# The audit bucket and the site's access-log bucket.
# Shortened with a hash: COS counts its 60-character limit on the whole endpoint.
LOG_BUCKET = f"{_bucket_name(Names(stack='test', site='site-a'), REGION, PREVIEW_TENCENT_APPID, 'access-logs')}-{PREVIEW_TENCENT_APPID}"
FULL_SITE = {KEY: 1, GROUP: 2, RULE_SET: 2, CERTIFICATE: 1, BUCKET: 2, TRACK: 1}


def _build(**kwargs: object) -> tuple[SecuritySpec, ProgramRun]:
    network = network_spec("tencentcloud", REGION, ZONES)
    spec = security_spec(network, **kwargs)  # type: ignore[arg-type]
    return spec, build_security(network, spec)


def _children(run: ProgramRun) -> list[ResourceRecord]:
    return children_of(run, "site-a", SITE_SECURITY)


def _child_types(run: ProgramRun) -> Counter[str]:
    return Counter(record.type for record in _children(run))


def _child(run: ProgramRun, name: str) -> ResourceRecord:
    """A child of the site's SiteSecurity by name (the CA's certificate shares ``site-a-server-cert``)."""
    matches = [r for r in _children(run) if r.name == name]
    assert len(matches) == 1, f"expected one child named {name!r}, found {[m.urn for m in matches]}"
    return matches[0]


def test_prod_site_builds_key_both_groups_certificate_and_audit_trail() -> None:
    _, run = _build()
    assert _child_types(run) == FULL_SITE
    assert CATALOG["tencentcloud"].load_balancer_security_group is True


def test_key_rotates_is_enabled_and_is_protected_in_prod() -> None:
    _, run = _build()
    key = _child(run, "site-a-kms")
    assert key.inputs == {
        "alias": "inferline-test-site-a-kms",
        "description": "Customer-managed key of inference site site-a",
        "keyUsage": "ENCRYPT_DECRYPT",
        # On/off only: Tencent takes no rotation period, so none is sent.
        "keyRotationEnabled": True,
        # Left unset, the provider disables the key right after creating it.
        "isEnabled": True,
        "pendingDeleteWindowInDays": 30,
        "tags": TAGS,
    }
    assert key.protect is True
    for name in ("site-a-audit", "site-a-access-logs", "site-a-audit-trail"):
        assert _child(run, name).protect is True
    for name in ("site-a-gpu-sg", "site-a-lb-sg", "site-a-gpu-rules", "site-a-lb-rules", "site-a-server-cert"):
        assert _child(run, name).protect is False


def test_nothing_is_protected_in_dev() -> None:
    _, run = _build(environment="dev")
    assert _child_types(run) == FULL_SITE
    assert [r.name for r in _children(run) if r.protect] == []


def test_groups_are_named_tagged_and_each_owned_by_one_rule_set() -> None:
    _, run = _build()
    for role, description in (("gpu", "GPU inference nodes of site site-a"), ("lb", "CLB of inference site site-a")):
        group = _child(run, f"site-a-{role}-sg")
        assert group.inputs == {"name": f"inferline-test-site-a-{role}-sg", "description": description, "tags": TAGS}
        rule_sets = [r for r in _children(run) if r.type == RULE_SET and r.inputs["securityGroupId"] == group.id]
        assert [r.name for r in rule_sets] == [f"site-a-{role}-rules"]


def test_gpu_group_admits_the_serving_port_only_from_the_load_balancer_group() -> None:
    _, run = _build()
    lb_group = _child(run, "site-a-lb-sg")
    rules = _child(run, "site-a-gpu-rules")
    assert rules.inputs["securityGroupId"] == _child(run, "site-a-gpu-sg").id
    assert rules.inputs["ingresses"] == [
        {
            "action": "ACCEPT",
            "protocol": "TCP",
            "port": "8000",
            "sourceSecurityId": lb_group.id,
            "description": "inference from the site's load balancer",
        }
    ]
    assert rules.property_dependencies["ingresses"] == [lb_group.urn]
    # Egress is open: routing, not the group, sends it through the site's NAT gateways.
    assert rules.inputs["egresses"] == [
        {"action": "ACCEPT", "cidrBlock": "0.0.0.0/0", "protocol": "ALL", "port": "ALL", "description": "egress through NAT"}
    ]


def test_load_balancer_group_admits_the_listener_from_anywhere_and_reaches_only_the_serving_port() -> None:
    _, run = _build()
    rules = _child(run, "site-a-lb-rules")
    assert rules.inputs["securityGroupId"] == _child(run, "site-a-lb-sg").id
    assert rules.inputs["ingresses"] == [
        {"action": "ACCEPT", "protocol": "TCP", "port": "443", "cidrBlock": "0.0.0.0/0", "description": "TLS listener"}
    ]
    assert rules.inputs["egresses"] == [
        {"action": "ACCEPT", "protocol": "TCP", "port": "8000", "cidrBlock": cidr, "description": "to GPU nodes"}
        for cidr in PRIVATE_CIDRS
    ]


def test_no_rule_opens_ssh_and_only_the_listener_admits_the_internet() -> None:
    _, run = _build(peer_cidrs=("10.2.0.0/16",))
    rule_sets = {r.name: r.inputs for r in _children(run) if r.type == RULE_SET}
    assert sorted(rule_sets) == ["site-a-gpu-rules", "site-a-lb-rules"]
    open_ingress = []
    for name, inputs in rule_sets.items():
        for rule in [*inputs["ingresses"], *inputs["egresses"]]:
            assert rule["action"] == "ACCEPT"
            assert "22" not in rule["port"].split(",")
        open_ingress += [(name, rule["port"]) for rule in inputs["ingresses"] if rule.get("cidrBlock") == "0.0.0.0/0"]
    assert open_ingress == [("site-a-lb-rules", "443")]


def test_peer_cidrs_add_gpu_ingress_rules_after_the_load_balancer_one() -> None:
    _, run = _build(peer_cidrs=("10.2.0.0/16", "10.3.0.0/16"))
    ingress = _child(run, "site-a-gpu-rules").inputs["ingresses"]
    assert [rule.get("sourceSecurityId") for rule in ingress] == [_child(run, "site-a-lb-sg").id, None, None]
    assert [rule.get("cidrBlock") for rule in ingress] == [None, "10.2.0.0/16", "10.3.0.0/16"]
    assert [rule["port"] for rule in ingress] == ["8000"] * 3
    assert ingress[1]["description"] == "inference from a connected site"
    # Peers change the GPU group's rules only, not the number of resources.
    assert _child_types(run) == FULL_SITE


def test_certificate_is_uploaded_with_its_private_key_kept_secret() -> None:
    _, run = _build()
    cert = _child(run, "site-a-server-cert")
    assert cert.inputs["type"] == "SVR"
    assert cert.inputs["name"] == "inferline-test-site-a-server-cert"
    assert cert.inputs["key"] == SECRET
    assert cert.inputs["tags"] == TAGS
    signed = next(r for r in run.resources if r.type == "tls:index/locallySignedCert:LocallySignedCert")
    server_key = named(run, "site-a-server-key")
    assert cert.property_dependencies["cert"] == [signed.urn]
    assert cert.property_dependencies["key"] == [server_key.urn]


def test_access_log_bucket_is_private_encrypted_and_expiring() -> None:
    _, run = _build()
    assert _child(run, "site-a-access-logs").inputs == {
        "bucket": LOG_BUCKET,
        "acl": "private",
        "encryptionAlgorithm": "AES256",
        "lifecycleRules": [
            {"filterPrefix": "audit-access/", "expiration": {"days": 365}, "abortIncompleteMultipartUpload": {"daysAfterInitiation": 7}}
        ],
        "tags": TAGS,
    }


def test_existing_certificate_uploads_nothing_and_becomes_the_certificate_id() -> None:
    network = network_spec("tencentcloud", REGION, ZONES)
    spec = security_spec(network, certificate=EXISTING_CERTIFICATE)

    def program() -> None:
        provider = site_provider(network.names.site, network.cloud, network.region)
        security = declare_site_security(network, spec, None, provider)
        pulumi.export("certificateId", security.certificate_id)

    run = run_under_mocks(program)
    assert run.outputs["certificateId"] == EXISTING_CERTIFICATE
    assert not any(r.type.startswith("tls:") for r in run.resources)
    assert _child_types(run) == {kind: count for kind, count in FULL_SITE.items() if kind != CERTIFICATE}


def test_audit_trail_writes_to_a_private_kms_encrypted_expiring_bucket() -> None:
    _, run = _build()
    key = _child(run, "site-a-kms")
    bucket = _child(run, "site-a-audit")
    name = bucket.inputs["bucket"]
    assert name.endswith(f"-{PREVIEW_TENCENT_APPID}")
    assert len(f"{name}.cos.{REGION}.myqcloud.com") <= 60
    assert bucket.inputs == {
        "bucket": name,
        "acl": "private",
        "encryptionAlgorithm": "KMS",
        "kmsId": key.id,
        "versioningEnable": True,
        "logEnable": True,
        "logTargetBucket": LOG_BUCKET,
        "logPrefix": "audit-access/",
        "lifecycleRules": [
            {
                "filterPrefix": "cloudaudit/",
                "expiration": {"days": 365},
                "nonCurrentExpiration": {"nonCurrentDays": 365},
                "abortIncompleteMultipartUpload": {"daysAfterInitiation": 7},
            }
        ],
        "tags": TAGS,
    }

    assert bucket.property_dependencies["logTargetBucket"] == [_child(run, "site-a-access-logs").urn]

    track = _child(run, "site-a-audit-trail")
    assert track.inputs == {
        "name": "inferline-test-site-a-audit-trail",
        "actionType": "*",
        "resourceType": "*",
        "eventNames": ["*"],
        "status": 1,
        "storage": {
            "storageType": "cos",
            "storageRegion": REGION,
            # CloudAudit names the bucket without its APPID suffix.
            "storageName": name.removesuffix(f"-{PREVIEW_TENCENT_APPID}"),
            "storagePrefix": "cloudaudit",
        },
    }
    assert bucket.urn in track.dependencies


def test_audit_bucket_name_is_stable_and_differs_per_site() -> None:
    _, first = _build()
    _, again = _build()
    other_network = network_spec("tencentcloud", REGION, ZONES, site="site-b", cidr="10.2.0.0/16")
    other = build_security(other_network, security_spec(other_network))
    name = _child(first, "site-a-audit").inputs["bucket"]
    assert _child(again, "site-a-audit").inputs["bucket"] == name
    other_bucket = next(r for r in children_of(other, "site-b", SITE_SECURITY) if r.name == "site-b-audit")
    assert other_bucket.inputs["bucket"] != name
    assert set(name) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")


def test_audit_disabled_creates_no_bucket_and_no_trail() -> None:
    _, run = _build(audit=False)
    assert _child_types(run) == {KEY: 1, GROUP: 2, RULE_SET: 2, CERTIFICATE: 1}


def test_every_child_has_the_component_as_parent_and_the_site_provider() -> None:
    for kwargs in ({}, {"certificate": EXISTING_CERTIFICATE}, {"environment": "dev", "audit": False}):
        _, run = _build(**kwargs)
        component = next(r for r in run.resources if r.name == "site-a" and r.type == SITE_SECURITY)
        provider = named(run, "site-a-tencentcloud")
        children = _children(run)
        assert children
        for record in children:
            assert record.parent == component.urn, record.urn
            assert record.provider == provider.urn, record.urn
            assert record.custom, record.urn
        # Nothing the adapter declares escapes the component.
        declared = {r.urn for r in run.resources if r.type in FULL_SITE}
        assert declared == {r.urn for r in children}
