"""S3 bucket controls the AWS adapters share (the audit storage, the model bucket): private with ACLs off, and
encrypted with the site key and versioned. Children are named after the bucket's role (``<role>-public-access``,
``<role>-encryption``, ...), so sharing this code renames nothing."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from inferline.planning.naming import Names


def private_bucket(names: Names, role: str, bucket: aws.s3.Bucket, opts: pulumi.ResourceOptions) -> aws.s3.BucketPublicAccessBlock:
    """Public access blocked; ACLs off, so the bucket owner owns every object, whoever wrote it."""
    public_access = aws.s3.BucketPublicAccessBlock(
        names.resource(f"{role}-public-access"), bucket=bucket.id, block_public_acls=True, block_public_policy=True,
        ignore_public_acls=True, restrict_public_buckets=True, opts=opts,
    )
    aws.s3.BucketOwnershipControls(
        names.resource(f"{role}-ownership"), bucket=bucket.id,
        rule=aws.s3.BucketOwnershipControlsRuleArgs(object_ownership="BucketOwnerEnforced"), opts=opts,
    )
    return public_access


def encrypted_and_versioned(names: Names, role: str, bucket: aws.s3.Bucket, key_arn: pulumi.Input[str], opts: pulumi.ResourceOptions) -> None:
    """Default encryption with the site key, with a bucket key (one KMS request per key period instead of one per
    object), and versioning, so an overwritten or deleted object stays recoverable."""
    by_default = aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs
    aws.s3.BucketServerSideEncryptionConfiguration(
        names.resource(f"{role}-encryption"),
        bucket=bucket.id,
        rules=[
            aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
                apply_server_side_encryption_by_default=by_default(sse_algorithm="aws:kms", kms_master_key_id=key_arn),
                bucket_key_enabled=True,
            )
        ],
        opts=opts,
    )
    aws.s3.BucketVersioning(
        names.resource(f"{role}-versioning"),
        bucket=bucket.id,
        versioning_configuration=aws.s3.BucketVersioningVersioningConfigurationArgs(status="Enabled"),
        opts=opts,
    )
