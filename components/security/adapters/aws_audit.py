"""AWS audit storage: the CloudTrail trail's private, versioned, KMS-encrypted S3 bucket, its server access logs in
a separate log bucket of the site, and the policies that let CloudTrail and S3 log delivery (and nothing else)
write. Split from ``aws.py``, which declares the key and the security groups."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pulumi
import pulumi_aws as aws

from inferline.components.aws_buckets import encrypted_and_versioned, private_bucket
from inferline.components.encryption import EncryptionContext
from inferline.components.network.adapters.base import child_opts
from inferline.components.security.adapters.base import protected
from inferline.planning.naming import Names
from inferline.planning.security import ABORT_INCOMPLETE_UPLOAD_DAYS, SecuritySpec

#: S3 bucket names: 3-63 lower-case letters, digits, '-' and '.', unique across every account of a partition
#: (S3 "Bucket naming rules"), so the account id goes in; dots are left out (they break virtual-hosted TLS).
_BUCKET_NAME_LIMIT = 63
#: CloudTrail trail names: 3-128 characters (CloudTrail "Naming requirements").
_TRAIL_NAME_LIMIT = 128
CLOUDTRAIL = "cloudtrail.amazonaws.com"
_S3_LOGGING = "logging.s3.amazonaws.com"
#: Where server access logs of the audit bucket go in the log bucket.
_ACCESS_LOG_PREFIX = "audit-access/"
Tags = Callable[..., dict[str, str]]


def account_of(opts: pulumi.ResourceOptions) -> pulumi.Output[str]:
    invoke = pulumi.InvokeOutputOptions(provider=opts.provider, parent=opts.parent)
    return aws.get_caller_identity_output(opts=invoke).account_id


def partition_of(opts: pulumi.ResourceOptions) -> pulumi.Output[aws.GetPartitionResult]:
    return aws.get_partition_output(opts=pulumi.InvokeOutputOptions(provider=opts.provider, parent=opts.parent))


def trail_arn_of(spec: SecuritySpec, account: pulumi.Output[str], partition: pulumi.Output[str]) -> pulumi.Output[str]:
    # CreateTrail checks the key and bucket policies, so they name the trail before it exists: its ARN is
    # assembled from its name (the provider's region is the site's) instead of read from the resource.
    return pulumi.Output.format("arn:{0}:cloudtrail:{1}:{2}:trail/{3}", partition, spec.region, account, trail_name_of(spec))


def trail_name_of(spec: SecuritySpec) -> str:
    return spec.names.cloud("audit", limit=_TRAIL_NAME_LIMIT)


def audit_trail(spec: SecuritySpec, encryption: EncryptionContext, tags: Tags, opts: pulumi.ResourceOptions) -> pulumi.Output[str]:
    names = spec.names
    account, partition = account_of(opts), partition_of(opts).partition
    trail_arn = trail_arn_of(spec, account, partition)
    key_arn = encryption.key_arn
    assert key_arn is not None, "AWS keys have an ARN"
    bucket_name = account.apply(lambda account_id: _bucket_name(names, account_id, spec.region, "audit"))
    bucket = aws.s3.Bucket(
        names.resource("audit"), bucket=bucket_name, force_destroy=False, tags=tags("audit"), opts=protected(opts, spec)
    )
    public_access = private_bucket(names, "audit", bucket, opts)
    # Versioning keeps an overwritten or deleted log file recoverable; the lifecycle rule below expires the old
    # versions after the retention period too.
    encrypted_and_versioned(names, "audit", bucket, key_arn, opts)
    _lifecycle(names, "audit", "expire-audit-logs", bucket, spec.audit.retention_days, opts)
    log_bucket = _access_log_bucket(spec, account, bucket.arn, tags, opts)
    # Server access logs of the audit bucket (who read or deleted the trail's files: CIS AWS Foundations asks for
    # access logging on the CloudTrail bucket) go to the site's separate log bucket, never to the audit bucket
    # itself (a bucket logging to itself logs its own log writes).
    aws.s3.BucketLogging(
        names.resource("audit-access-logging"),
        bucket=bucket.id,
        target_bucket=log_bucket.id,
        target_prefix=_ACCESS_LOG_PREFIX,
        opts=opts,
    )
    # S3 refuses a policy while the public-access block is being written ("conflicting conditional operation").
    policy = aws.s3.BucketPolicy(
        names.resource("audit-policy"),
        bucket=bucket.id,
        policy=pulumi.Output.all(bucket.arn, account, trail_arn).apply(lambda args: _bucket_policy(*args)),
        opts=child_opts(opts, public_access),
    )
    return aws.cloudtrail.Trail(
        names.resource("audit-trail"),
        name=trail_name_of(spec),
        s3_bucket_name=bucket_name,
        kms_key_id=key_arn,
        is_multi_region_trail=True,
        include_global_service_events=True,
        enable_log_file_validation=True,
        enable_logging=True,
        tags=tags("audit-trail"),
        # CreateTrail fails unless the bucket policy already lets CloudTrail write.
        opts=child_opts(protected(opts, spec), policy),
    ).arn


def _access_log_bucket(
    spec: SecuritySpec, account: pulumi.Output[str], audit_bucket_arn: pulumi.Output[str], tags: Tags, opts: pulumi.ResourceOptions
) -> aws.s3.Bucket:
    """The site's log bucket: private, owner-enforced, encrypted, expiring, written only by S3 log delivery for the
    audit bucket."""
    names = spec.names
    bucket = aws.s3.Bucket(
        names.resource("access-logs"),
        bucket=account.apply(lambda account_id: _bucket_name(names, account_id, spec.region, "access-logs")),
        force_destroy=False,
        tags=tags("access-logs"),
        opts=protected(opts, spec),
    )
    public_access = private_bucket(names, "access-logs", bucket, opts)
    by_default = aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs
    # SSE-S3, not the site key: a server access log destination may use default encryption only with Amazon S3
    # managed keys (S3 User Guide, "Enabling Amazon S3 server access logging": SSE-KMS is not supported for
    # destination buckets).
    aws.s3.BucketServerSideEncryptionConfiguration(
        names.resource("access-logs-encryption"),
        bucket=bucket.id,
        rules=[aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(apply_server_side_encryption_by_default=by_default(sse_algorithm="AES256"))],
        opts=opts,
    )
    _lifecycle(names, "access-logs", "expire-access-logs", bucket, spec.audit.retention_days, opts)
    # With ACLs disabled, log delivery is granted by bucket policy to the logging service principal, pinned to
    # this account (S3 User Guide, "Permissions for log delivery").
    aws.s3.BucketPolicy(
        names.resource("access-logs-policy"),
        bucket=bucket.id,
        policy=pulumi.Output.all(bucket.arn, account, audit_bucket_arn).apply(lambda args: _log_bucket_policy(*args)),
        opts=child_opts(opts, public_access),
    )
    return bucket


def _lifecycle(names: Names, role: str, rule_id: str, bucket: aws.s3.Bucket, retention_days: int, opts: pulumi.ResourceOptions) -> None:
    rule = aws.s3.BucketLifecycleConfigurationRuleArgs(
        id=rule_id,
        status="Enabled",
        filter=aws.s3.BucketLifecycleConfigurationRuleFilterArgs(),  # empty: every object
        expiration=aws.s3.BucketLifecycleConfigurationRuleExpirationArgs(days=retention_days),
        noncurrent_version_expiration=aws.s3.BucketLifecycleConfigurationRuleNoncurrentVersionExpirationArgs(noncurrent_days=retention_days),
        abort_incomplete_multipart_upload=aws.s3.BucketLifecycleConfigurationRuleAbortIncompleteMultipartUploadArgs(
            days_after_initiation=ABORT_INCOMPLETE_UPLOAD_DAYS
        ),
    )
    aws.s3.BucketLifecycleConfiguration(names.resource(f"{role}-lifecycle"), bucket=bucket.id, rules=[rule], opts=opts)


def _bucket_name(names: Names, account_id: str, region: str, role: str) -> str:
    """``inferline-{stack}-{site}-{role}-{account}-{region}`` in the characters S3 accepts, at most 63 of them."""
    name = names.cloud(role, account_id, region, limit=_BUCKET_NAME_LIMIT).lower()
    return re.sub(r"[^a-z0-9-]+", "-", name).strip("-")


def allow(sid: str, principal: dict[str, str], action: str | list[str], resource: str | list[str], **condition: object) -> dict[str, object]:
    statement: dict[str, object] = {"Sid": sid, "Effect": "Allow", "Principal": principal, "Action": action, "Resource": resource}
    return {**statement, "Condition": condition} if condition else statement


def _bucket_policy(bucket_arn: str, account_id: str, trail_arn: str) -> str:
    """CloudTrail's bucket policy ("Amazon S3 bucket policy for CloudTrail") for this trail, and no plain HTTP."""
    cloudtrail = {"Service": CLOUDTRAIL}
    only_this_trail = {"aws:SourceArn": trail_arn}
    write = {**only_this_trail, "s3:x-amz-acl": "bucket-owner-full-control"}
    statements = [
        allow("CloudTrailChecksAcl", cloudtrail, "s3:GetBucketAcl", bucket_arn, StringEquals=only_this_trail),
        allow("CloudTrailWrites", cloudtrail, "s3:PutObject", f"{bucket_arn}/AWSLogs/{account_id}/*", StringEquals=write),
        {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
         "Resource": [bucket_arn, f"{bucket_arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


def _log_bucket_policy(bucket_arn: str, account_id: str, source_bucket_arn: str) -> str:
    """S3 log delivery may write into the log bucket for the audit bucket of this account only; no plain HTTP.
    Both conditions are the ones the S3 User Guide's log-delivery policy uses (aws:SourceArn, aws:SourceAccount)."""
    statements = [
        allow("S3ServerAccessLogsWrite", {"Service": _S3_LOGGING}, "s3:PutObject", f"{bucket_arn}/{_ACCESS_LOG_PREFIX}*",
              ArnLike={"aws:SourceArn": source_bucket_arn}, StringEquals={"aws:SourceAccount": account_id}),
        {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
         "Resource": [bucket_arn, f"{bucket_arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements})
