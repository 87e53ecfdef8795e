"""AWS: a customer-managed KMS key with an alias, the VPC's default security group emptied, security groups for GPU
nodes and the load balancer (one rule resource per rule), the site certificate imported into ACM, and a
multi-region CloudTrail trail writing to a private, versioned S3 bucket encrypted with the site key, whose server
access logs go to a separate private log bucket of the site.

Instances are reached through SSM Session Manager (the agent dials out through the NAT): no key pairs, and no
rule anywhere opens port 22."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import ClassVar

import pulumi
import pulumi_aws as aws

from inferline.clouds import CloudName
from inferline.components.network.adapters.base import NetworkOutputs, child_opts
from inferline.components.security.adapters.base import EncryptionContext, SecurityOutputs, SiteCertificate, protected, rule_opts
from inferline.planning.naming import Names
from inferline.planning.security import ABORT_INCOMPLETE_UPLOAD_DAYS, ANYWHERE, IngressRule, SecuritySpec

#: S3 bucket names: 3-63 lower-case letters, digits, '-' and '.', unique across every account of a partition
#: (S3 "Bucket naming rules"), so the account id goes in; dots are left out (they break virtual-hosted TLS).
_BUCKET_NAME_LIMIT = 63
#: CloudTrail trail names: 3-128 characters (CloudTrail "Naming requirements").
_TRAIL_NAME_LIMIT = 128
#: KMS aliases: "alias/" plus letters, digits, '/', '_' and '-', 256 characters in all (CreateAlias).
_ALIAS_LIMIT = 250
#: The only characters EC2 accepts in security-group rule descriptions (IpRange API reference); the planned
#: descriptions carry an apostrophe that EC2 would reject at apply time.
_INVALID_DESCRIPTION_CHARS = re.compile(r"[^a-zA-Z0-9 ._\-:/()#,@\[\]+=;{}!$*]")
#: ip_protocol "-1" is every protocol and port; the SDK forbids from_port/to_port with it.
_ALL_PROTOCOLS = "-1"
_CLOUDTRAIL = "cloudtrail.amazonaws.com"
_S3_LOGGING = "logging.s3.amazonaws.com"
#: Where server access logs of the audit bucket go in the log bucket.
_ACCESS_LOG_PREFIX = "audit-access/"
Tags = Callable[..., dict[str, str]]


class AwsSecurity:
    cloud: ClassVar[CloudName] = "aws"

    def key(self, spec: SecuritySpec, opts: pulumi.ResourceOptions) -> EncryptionContext:
        names = spec.names
        account, partition = _account(opts), _partition(opts)
        audited_trail = _trail_arn(spec, account, partition.partition) if spec.audit.enabled else None
        # CloudWatch Logs is a regional service principal; its host name ends in the partition's DNS suffix.
        logs_service = partition.dns_suffix.apply(lambda suffix: f"logs.{spec.region}.{suffix}")
        flow_log_group = (
            pulumi.Output.format("arn:{0}:logs:{1}:{2}:log-group:{3}", partition.partition, spec.region, account, spec.flow_log_group)
            if spec.flow_log_group is not None
            else None
        )
        key = aws.kms.Key(
            names.resource("kms"),
            description=f"inferline site key of {names.stack}/{names.site}",
            key_usage="ENCRYPT_DECRYPT",
            customer_master_key_spec="SYMMETRIC_DEFAULT",
            enable_key_rotation=True,
            rotation_period_in_days=spec.kms.rotation_days,
            deletion_window_in_days=spec.kms.deletion_window_days,
            policy=pulumi.Output.all(partition.partition, account, audited_trail, logs_service, flow_log_group).apply(
                lambda args: _key_policy(*args)
            ),
            tags=_tags(spec, "kms"),
            opts=protected(opts, spec),
        )
        alias = re.sub(r"[^A-Za-z0-9/_-]", "-", names.cloud("kms", limit=_ALIAS_LIMIT))
        aws.kms.Alias(names.resource("kms-alias"), name=f"alias/{alias}", target_key_id=key.key_id, opts=opts)
        return EncryptionContext(cloud=self.cloud, key_id=key.key_id, key_arn=key.arn)

    def build(
        self,
        spec: SecuritySpec,
        network: NetworkOutputs,
        encryption: EncryptionContext,
        certificate: SiteCertificate | None,
        opts: pulumi.ResourceOptions,
    ) -> SecurityOutputs:
        names = spec.names

        def tags(*parts: str) -> dict[str, str]:
            return _tags(spec, *parts)

        # Every VPC comes with a default group that admits its own members and lets everything out; anything
        # launched without a group lands in it. Adopting it with no ingress and no egress blocks removes its
        # rules (provider docs of aws_default_security_group: rules not in the configuration are revoked), so
        # nothing can use it to talk (CIS AWS Foundations 5.4: "the default security group of every VPC
        # restricts all traffic").
        aws.ec2.DefaultSecurityGroup(
            names.resource("default-sg"), vpc_id=network.vpc_id, ingress=[], egress=[], tags=tags("default-sg"), opts=opts
        )

        # AWS gives every new group an allow-all egress rule; the provider deletes it on creation, and no rule is
        # inline, so each group holds exactly the rule resources below.
        gpu_group, lb_group = (
            aws.ec2.SecurityGroup(
                names.resource(role),
                name=names.cloud(role, limit=255),
                description=description,
                vpc_id=network.vpc_id,
                tags=tags(role),
                opts=opts,
            )
            for role, description in (
                ("gpu-sg", "GPU inference nodes: serving port from the load balancer and connected sites only"),
                ("lb-sg", "Inference load balancer: TLS listener ports from the internet"),
            )
        )
        for rule in spec.gpu_ingress:
            _ingress(names, gpu_group, rule, lb_group, tags, opts)
        for rule in spec.load_balancer_ingress:
            _ingress(names, lb_group, rule, lb_group, tags, opts)
        # Routing forces egress through the NAT gateways; the group does not narrow it (model pulls, SSM and
        # package mirrors need HTTPS to changing addresses).
        aws.vpc.SecurityGroupEgressRule(
            names.resource("gpu-egress"), security_group_id=gpu_group.id, ip_protocol=_ALL_PROTOCOLS, cidr_ipv4=ANYWHERE,
            description="all egress: routed through NAT", tags=tags("gpu-egress"), opts=opts,
        )
        for rule in spec.load_balancer_egress:
            aws.vpc.SecurityGroupEgressRule(
                names.resource(rule.name), security_group_id=lb_group.id, ip_protocol="tcp",
                from_port=rule.port, to_port=rule.port, cidr_ipv4=rule.source,
                description="to GPU nodes in a private subnet", tags=tags(rule.name), opts=rule_opts(opts, names, rule),
            )

        if certificate is not None:
            # ACM import; the private key stays the secret Output it came as, the chain is the private CA.
            certificate_id = aws.acm.Certificate(
                names.resource("certificate"),
                certificate_body=certificate.certificate_pem,
                private_key=certificate.private_key_pem,
                certificate_chain=certificate.ca_certificate_pem,
                tags=tags("certificate"),
                opts=opts,
            ).arn
        elif spec.existing_certificate is not None:
            certificate_id = pulumi.Output.from_input(spec.existing_certificate)
        else:
            raise ValueError(f"site '{names.site}' has neither a certificate to upload nor an existing certificate ARN")

        return SecurityOutputs(
            encryption=encryption,
            gpu_security_group_id=gpu_group.id,
            load_balancer_security_group_id=lb_group.id,
            certificate_id=certificate_id,
            audit_trail_id=_audit_trail(spec, encryption, tags, opts) if spec.audit.enabled else None,
        )


def _account(opts: pulumi.ResourceOptions) -> pulumi.Output[str]:
    invoke = pulumi.InvokeOutputOptions(provider=opts.provider, parent=opts.parent)
    return aws.get_caller_identity_output(opts=invoke).account_id


def _partition(opts: pulumi.ResourceOptions) -> pulumi.Output[aws.GetPartitionResult]:
    return aws.get_partition_output(opts=pulumi.InvokeOutputOptions(provider=opts.provider, parent=opts.parent))


def _tags(spec: SecuritySpec, *parts: str) -> dict[str, str]:
    return {**spec.tags, "Name": spec.names.cloud(*parts, limit=255)}


def _trail_arn(spec: SecuritySpec, account: pulumi.Output[str], partition: pulumi.Output[str]) -> pulumi.Output[str]:
    # CreateTrail checks the key and bucket policies, so they name the trail before it exists: its ARN is
    # assembled from its name (the provider's region is the site's) instead of read from the resource.
    return pulumi.Output.format("arn:{0}:cloudtrail:{1}:{2}:trail/{3}", partition, spec.region, account, _trail_name(spec))


def _trail_name(spec: SecuritySpec) -> str:
    return spec.names.cloud("audit", limit=_TRAIL_NAME_LIMIT)


def _ingress(
    names: Names, group: aws.ec2.SecurityGroup, rule: IngressRule, lb_group: aws.ec2.SecurityGroup, tags: Tags, opts: pulumi.ResourceOptions,
) -> None:
    from_lb = rule.source_kind == "load-balancer"
    aws.vpc.SecurityGroupIngressRule(
        names.resource(rule.name),
        security_group_id=group.id,
        ip_protocol="tcp",
        from_port=rule.port,
        to_port=rule.port,
        referenced_security_group_id=lb_group.id if from_lb else None,
        cidr_ipv4=None if from_lb else rule.source,
        description=_INVALID_DESCRIPTION_CHARS.sub("", rule.description),
        tags=tags(rule.name),
        opts=rule_opts(opts, names, rule),
    )


def _audit_trail(spec: SecuritySpec, encryption: EncryptionContext, tags: Tags, opts: pulumi.ResourceOptions) -> pulumi.Output[str]:
    names = spec.names
    account, partition = _account(opts), _partition(opts).partition
    trail_arn = _trail_arn(spec, account, partition)
    key_arn = encryption.key_arn
    assert key_arn is not None, "AWS keys have an ARN"
    bucket_name = account.apply(lambda account_id: _bucket_name(names, account_id, spec.region, "audit"))
    bucket = aws.s3.Bucket(
        names.resource("audit"), bucket=bucket_name, force_destroy=False, tags=tags("audit"), opts=protected(opts, spec)
    )
    public_access = _private_bucket(names, "audit", bucket, opts)
    by_default = aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs
    aws.s3.BucketServerSideEncryptionConfiguration(
        names.resource("audit-encryption"),
        bucket=bucket.id,
        # A bucket key: one KMS request per key period instead of one per log object.
        rules=[
            aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
                apply_server_side_encryption_by_default=by_default(sse_algorithm="aws:kms", kms_master_key_id=key_arn),
                bucket_key_enabled=True,
            )
        ],
        opts=opts,
    )
    # Versioning keeps an overwritten or deleted log file recoverable; the lifecycle rule below expires the old
    # versions after the retention period too.
    aws.s3.BucketVersioning(
        names.resource("audit-versioning"),
        bucket=bucket.id,
        versioning_configuration=aws.s3.BucketVersioningVersioningConfigurationArgs(status="Enabled"),
        opts=opts,
    )
    _lifecycle(names, "audit", "expire-audit-logs", bucket, spec.audit.retention_days, opts)
    log_bucket = _access_log_bucket(spec, account, tags, opts)
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
        name=_trail_name(spec),
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


def _access_log_bucket(spec: SecuritySpec, account: pulumi.Output[str], tags: Tags, opts: pulumi.ResourceOptions) -> aws.s3.Bucket:
    """The site's log bucket: private, owner-enforced, encrypted, expiring, written only by S3 log delivery."""
    names = spec.names
    bucket = aws.s3.Bucket(
        names.resource("access-logs"),
        bucket=account.apply(lambda account_id: _bucket_name(names, account_id, spec.region, "access-logs")),
        force_destroy=False,
        tags=tags("access-logs"),
        opts=protected(opts, spec),
    )
    public_access = _private_bucket(names, "access-logs", bucket, opts)
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
        policy=pulumi.Output.all(bucket.arn, account).apply(lambda args: _log_bucket_policy(*args)),
        opts=child_opts(opts, public_access),
    )
    return bucket


def _private_bucket(names: Names, role: str, bucket: aws.s3.Bucket, opts: pulumi.ResourceOptions) -> aws.s3.BucketPublicAccessBlock:
    public_access = aws.s3.BucketPublicAccessBlock(
        names.resource(f"{role}-public-access"), bucket=bucket.id, block_public_acls=True, block_public_policy=True,
        ignore_public_acls=True, restrict_public_buckets=True, opts=opts,
    )
    # ACLs off: the bucket owner owns every log object, whoever wrote it.
    aws.s3.BucketOwnershipControls(
        names.resource(f"{role}-ownership"), bucket=bucket.id,
        rule=aws.s3.BucketOwnershipControlsRuleArgs(object_ownership="BucketOwnerEnforced"), opts=opts,
    )
    return public_access


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


def _allow(sid: str, principal: dict[str, str], action: str | list[str], resource: str | list[str], **condition: object) -> dict[str, object]:
    statement: dict[str, object] = {"Sid": sid, "Effect": "Allow", "Principal": principal, "Action": action, "Resource": resource}
    return {**statement, "Condition": condition} if condition else statement


def _key_policy(partition: str, account_id: str, trail_arn: str | None, logs_service: str, flow_log_group_arn: str | None) -> str:
    # Root administers the key, so IAM policies in the account decide who else may use it (the KMS default).
    statements = [_allow("AccountAdministersKey", {"AWS": f"arn:{partition}:iam::{account_id}:root"}, "kms:*", "*")]
    if trail_arn is not None:
        # CloudTrail needs GenerateDataKey* and DescribeKey, and Decrypt because the bucket has an S3 Bucket Key
        # ("Configure AWS KMS key policies for CloudTrail"). aws:SourceArn pins each grant to this site's trail in
        # this account; no encryption-context condition, since with a bucket key S3 asks KMS under the bucket's
        # context rather than the trail's.
        only_this_trail = {"aws:SourceArn": trail_arn}
        statements += [
            _allow(sid, {"Service": _CLOUDTRAIL}, action, "*", StringEquals=only_this_trail)
            for sid, action in (("CloudTrailEncrypts", "kms:GenerateDataKey*"), ("CloudTrailDescribesKey", "kms:DescribeKey"),
                                ("CloudTrailUsesBucketKey", "kms:Decrypt"))
        ]
    if flow_log_group_arn is not None:
        # A log group's kms_key_id works only if the key lets the region's CloudWatch Logs principal use it, and
        # CloudWatch Logs names the log group in the encryption context, so the grant is pinned to the site's
        # flow-log group ("Encrypt log data in CloudWatch Logs using AWS KMS", step 2: the key policy).
        statements.append(
            _allow(
                "CloudWatchLogsEncryptsFlowLogs", {"Service": logs_service},
                ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"], "*",
                ArnEquals={"kms:EncryptionContext:aws:logs:arn": flow_log_group_arn},
            )
        )
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


def _bucket_policy(bucket_arn: str, account_id: str, trail_arn: str) -> str:
    """CloudTrail's bucket policy ("Amazon S3 bucket policy for CloudTrail") for this trail, and no plain HTTP."""
    cloudtrail = {"Service": _CLOUDTRAIL}
    only_this_trail = {"aws:SourceArn": trail_arn}
    write = {**only_this_trail, "s3:x-amz-acl": "bucket-owner-full-control"}
    statements = [
        _allow("CloudTrailChecksAcl", cloudtrail, "s3:GetBucketAcl", bucket_arn, StringEquals=only_this_trail),
        _allow("CloudTrailWrites", cloudtrail, "s3:PutObject", f"{bucket_arn}/AWSLogs/{account_id}/*", StringEquals=write),
        {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
         "Resource": [bucket_arn, f"{bucket_arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


def _log_bucket_policy(bucket_arn: str, account_id: str) -> str:
    """S3 log delivery may write into the log bucket for buckets of this account only; no plain HTTP."""
    statements = [
        _allow("S3ServerAccessLogsWrite", {"Service": _S3_LOGGING}, "s3:PutObject", f"{bucket_arn}/{_ACCESS_LOG_PREFIX}*",
               StringEquals={"aws:SourceAccount": account_id}),
        {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
         "Resource": [bucket_arn, f"{bucket_arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements})
