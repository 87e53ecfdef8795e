"""AWS audit storage (components/security/adapters/aws_audit.py): the trail, its bucket and the site's log bucket."""

from __future__ import annotations

import re

import pytest

from inferline.components.security.adapters.aws_audit import _bucket_name
from inferline.planning.naming import Names
from inferline.preview.mocks import PREVIEW_AWS_ACCOUNT
from tests.components.security.test_aws import (
    BUCKET_NAME,
    LOG_BUCKET_NAME,
    REGION,
    TAGS,
    TRAIL_ARN,
    _arn,
    _build,
    _child,
    _statements,
)


def test_audit_bucket_is_private_encrypted_with_the_site_key_and_expires_logs() -> None:
    _, run = _build()
    key_arn = _arn(_child(run, "site-a-kms"))
    bucket = _child(run, "site-a-audit")
    assert bucket.inputs["bucket"] == BUCKET_NAME
    assert bucket.inputs["forceDestroy"] is False
    assert bucket.inputs["tags"] == {**TAGS, "Name": "inferline-test-site-a-audit"}
    for name in ("audit-public-access", "audit-ownership", "audit-encryption", "audit-lifecycle", "audit-policy"):
        assert _child(run, f"site-a-{name}").inputs["bucket"] == bucket.id
    block = _child(run, "site-a-audit-public-access").inputs
    assert all(block[flag] is True for flag in ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"))
    assert _child(run, "site-a-audit-ownership").inputs["rule"] == {"objectOwnership": "BucketOwnerEnforced"}
    (encryption,) = _child(run, "site-a-audit-encryption").inputs["rules"]
    assert encryption == {
        "applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms", "kmsMasterKeyId": key_arn},
        "bucketKeyEnabled": True,
    }
    (lifecycle,) = _child(run, "site-a-audit-lifecycle").inputs["rules"]
    assert lifecycle == {
        "id": "expire-audit-logs",
        "status": "Enabled",
        "filter": {},
        "expiration": {"days": 365},
        "noncurrentVersionExpiration": {"noncurrentDays": 365},
        "abortIncompleteMultipartUpload": {"daysAfterInitiation": 7},
    }


def test_audit_bucket_is_versioned() -> None:
    _, run = _build()
    versioning = _child(run, "site-a-audit-versioning")
    assert versioning.inputs == {"bucket": _child(run, "site-a-audit").id, "versioningConfiguration": {"status": "Enabled"}}


def test_audit_bucket_access_logs_go_to_the_sites_separate_log_bucket() -> None:
    _, run = _build()
    logging = _child(run, "site-a-audit-access-logging")
    assert logging.inputs == {
        "bucket": _child(run, "site-a-audit").id,
        "targetBucket": _child(run, "site-a-access-logs").id,
        "targetPrefix": "audit-access/",
    }


def test_log_bucket_is_private_encrypted_expiring_and_written_only_by_s3_log_delivery_of_this_account() -> None:
    _, run = _build()
    bucket = _child(run, "site-a-access-logs")
    assert bucket.inputs == {
        "bucket": LOG_BUCKET_NAME,
        "forceDestroy": False,
        "tags": {**TAGS, "Name": "inferline-test-site-a-access-logs"},
    }
    for name in ("public-access", "ownership", "encryption", "lifecycle", "policy"):
        assert _child(run, f"site-a-access-logs-{name}").inputs["bucket"] == bucket.id
    assert _child(run, "site-a-access-logs-public-access").inputs == {
        "bucket": bucket.id, "blockPublicAcls": True, "blockPublicPolicy": True, "ignorePublicAcls": True, "restrictPublicBuckets": True,
    }
    assert _child(run, "site-a-access-logs-ownership").inputs["rule"] == {"objectOwnership": "BucketOwnerEnforced"}
    assert _child(run, "site-a-access-logs-encryption").inputs["rules"] == [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}]
    assert _child(run, "site-a-access-logs-lifecycle").inputs["rules"] == [
        {
            "id": "expire-access-logs",
            "status": "Enabled",
            "filter": {},
            "expiration": {"days": 365},
            "noncurrentVersionExpiration": {"noncurrentDays": 365},
            "abortIncompleteMultipartUpload": {"daysAfterInitiation": 7},
        }
    ]
    policy = _child(run, "site-a-access-logs-policy")
    assert _child(run, "site-a-access-logs-public-access").urn in policy.dependencies
    bucket_arn = _arn(bucket)
    assert _statements(policy.inputs["policy"]) == {
        "S3ServerAccessLogsWrite": {
            "Sid": "S3ServerAccessLogsWrite",
            "Effect": "Allow",
            "Principal": {"Service": "logging.s3.amazonaws.com"},
            "Action": "s3:PutObject",
            "Resource": f"{bucket_arn}/audit-access/*",
            "Condition": {
                "ArnLike": {"aws:SourceArn": _arn(_child(run, "site-a-audit"))},
                "StringEquals": {"aws:SourceAccount": PREVIEW_AWS_ACCOUNT},
            },
        },
        "DenyInsecureTransport": {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [bucket_arn, f"{bucket_arn}/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        },
    }


def test_audit_bucket_policy_lets_only_this_trail_write_and_refuses_plain_http() -> None:
    _, run = _build()
    bucket_arn = _arn(_child(run, "site-a-audit"))
    policy = _child(run, "site-a-audit-policy")
    assert _child(run, "site-a-audit-public-access").urn in policy.dependencies
    statements = _statements(policy.inputs["policy"])
    assert statements["CloudTrailChecksAcl"] == {
        "Sid": "CloudTrailChecksAcl",
        "Effect": "Allow",
        "Principal": {"Service": "cloudtrail.amazonaws.com"},
        "Action": "s3:GetBucketAcl",
        "Resource": bucket_arn,
        "Condition": {"StringEquals": {"aws:SourceArn": TRAIL_ARN}},
    }
    write = statements["CloudTrailWrites"]
    assert (write["Effect"], write["Action"]) == ("Allow", "s3:PutObject")
    assert write["Principal"] == {"Service": "cloudtrail.amazonaws.com"}
    assert write["Resource"] == f"{bucket_arn}/AWSLogs/{PREVIEW_AWS_ACCOUNT}/*"
    assert write["Condition"] == {"StringEquals": {"aws:SourceArn": TRAIL_ARN, "s3:x-amz-acl": "bucket-owner-full-control"}}
    deny = statements["DenyInsecureTransport"]
    assert (deny["Effect"], deny["Principal"], deny["Action"]) == ("Deny", "*", "s3:*")
    assert deny["Resource"] == [bucket_arn, f"{bucket_arn}/*"]
    assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert set(statements) == {"CloudTrailChecksAcl", "CloudTrailWrites", "DenyInsecureTransport"}


def test_trail_is_multi_region_validated_encrypted_and_waits_for_the_bucket_policy() -> None:
    _, run = _build()
    trail = _child(run, "site-a-audit-trail")
    assert trail.inputs["name"] == "inferline-test-site-a-audit"
    assert trail.inputs["s3BucketName"] == BUCKET_NAME
    assert trail.inputs["kmsKeyId"] == _arn(_child(run, "site-a-kms"))
    assert trail.inputs["isMultiRegionTrail"] is True
    assert trail.inputs["includeGlobalServiceEvents"] is True
    assert trail.inputs["enableLogFileValidation"] is True
    assert trail.inputs["enableLogging"] is True
    assert trail.inputs["tags"] == {**TAGS, "Name": "inferline-test-site-a-audit-trail"}
    assert _child(run, "site-a-audit-policy").urn in trail.dependencies


@pytest.mark.parametrize(
    ("stack", "site"),
    [
        pytest.param("test", "site-a", id="short"),
        pytest.param("Prod_Stack.2026", "singapore-gpu-inference-primary", id="long-mixed-case"),
    ],
)
def test_audit_bucket_names_fit_s3_rules_and_name_the_account(stack: str, site: str) -> None:
    name = _bucket_name(Names(stack=stack, site=site), PREVIEW_AWS_ACCOUNT, REGION, "access-logs")
    assert 3 <= len(name) <= 63
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*[a-z0-9]", name)
    other_account = _bucket_name(Names(stack=stack, site=site), "210987654321", REGION, "access-logs")
    assert other_account != name
