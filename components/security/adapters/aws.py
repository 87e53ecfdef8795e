"""AWS: a customer-managed KMS key with an alias, security groups for GPU nodes and the load balancer (one
rule resource per rule), the site certificate imported into ACM, and a multi-region CloudTrail trail writing to
a private S3 bucket encrypted with the site key.

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
from inferline.planning.security import ANYWHERE, IngressRule, SecuritySpec

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
Tags = Callable[..., dict[str, str]]


class AwsSecurity:
    cloud: ClassVar[CloudName] = "aws"

    def build(
        self,
        spec: SecuritySpec,
        network: NetworkOutputs,
        certificate: SiteCertificate | None,
        opts: pulumi.ResourceOptions,
    ) -> SecurityOutputs:
        names = spec.names

        def tags(*parts: str) -> dict[str, str]:
            return {**spec.tags, "Name": names.cloud(*parts, limit=255)}

        invoke = pulumi.InvokeOutputOptions(provider=opts.provider, parent=opts.parent)
        account: pulumi.Output[str] = aws.get_caller_identity_output(opts=invoke).account_id
        partition: pulumi.Output[str] = aws.get_partition_output(opts=invoke).partition
        # CreateTrail checks the key and bucket policies, so they name the trail before it exists: its ARN is
        # assembled from its name (the provider's region is the site's) instead of read from the resource.
        trail_name = names.cloud("audit", limit=_TRAIL_NAME_LIMIT)
        trail_arn = pulumi.Output.format("arn:{0}:cloudtrail:{1}:{2}:trail/{3}", partition, spec.region, account, trail_name)
        audited_trail = trail_arn if spec.audit.enabled else None

        key = aws.kms.Key(
            names.resource("kms"),
            description=f"inferline site key of {names.stack}/{names.site}",
            key_usage="ENCRYPT_DECRYPT",
            customer_master_key_spec="SYMMETRIC_DEFAULT",
            enable_key_rotation=True,
            rotation_period_in_days=spec.kms.rotation_days,
            deletion_window_in_days=spec.kms.deletion_window_days,
            policy=pulumi.Output.all(partition, account, audited_trail).apply(lambda args: _key_policy(*args)),
            tags=tags("kms"),
            opts=protected(opts, spec),
        )
        alias = re.sub(r"[^A-Za-z0-9/_-]", "-", names.cloud("kms", limit=_ALIAS_LIMIT))
        aws.kms.Alias(names.resource("kms-alias"), name=f"alias/{alias}", target_key_id=key.key_id, opts=opts)

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
            encryption=EncryptionContext(cloud=self.cloud, key_id=key.key_id, key_arn=key.arn),
            gpu_security_group_id=gpu_group.id,
            load_balancer_security_group_id=lb_group.id,
            certificate_id=certificate_id,
            audit_trail_id=_audit_trail(spec, key, account, trail_name, trail_arn, tags, opts) if spec.audit.enabled else None,
        )


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


def _audit_trail(
    spec: SecuritySpec, key: aws.kms.Key, account: pulumi.Output[str], trail_name: str, trail_arn: pulumi.Output[str],
    tags: Tags, opts: pulumi.ResourceOptions,
) -> pulumi.Output[str]:
    names = spec.names
    bucket_name = account.apply(lambda account_id: _bucket_name(names, account_id, spec.region))
    bucket = aws.s3.Bucket(
        names.resource("audit"), bucket=bucket_name, force_destroy=False, tags=tags("audit"), opts=protected(opts, spec)
    )
    public_access = aws.s3.BucketPublicAccessBlock(
        names.resource("audit-public-access"), bucket=bucket.id, block_public_acls=True, block_public_policy=True,
        ignore_public_acls=True, restrict_public_buckets=True, opts=opts,
    )
    # ACLs off: the bucket owner owns every log object, whoever wrote it.
    aws.s3.BucketOwnershipControls(
        names.resource("audit-ownership"), bucket=bucket.id,
        rule=aws.s3.BucketOwnershipControlsRuleArgs(object_ownership="BucketOwnerEnforced"), opts=opts,
    )
    by_default = aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs
    aws.s3.BucketServerSideEncryptionConfiguration(
        names.resource("audit-encryption"),
        bucket=bucket.id,
        # A bucket key: one KMS request per key period instead of one per log object.
        rules=[
            aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
                apply_server_side_encryption_by_default=by_default(sse_algorithm="aws:kms", kms_master_key_id=key.arn),
                bucket_key_enabled=True,
            )
        ],
        opts=opts,
    )
    aws.s3.BucketLifecycleConfiguration(
        names.resource("audit-lifecycle"),
        bucket=bucket.id,
        rules=[
            aws.s3.BucketLifecycleConfigurationRuleArgs(
                id="expire-audit-logs",
                status="Enabled",
                filter=aws.s3.BucketLifecycleConfigurationRuleFilterArgs(),  # empty: every object
                expiration=aws.s3.BucketLifecycleConfigurationRuleExpirationArgs(days=spec.audit.retention_days),
            )
        ],
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
        name=trail_name,
        s3_bucket_name=bucket_name,
        kms_key_id=key.arn,
        is_multi_region_trail=True,
        include_global_service_events=True,
        enable_log_file_validation=True,
        enable_logging=True,
        tags=tags("audit-trail"),
        # CreateTrail fails unless the bucket policy already lets CloudTrail write.
        opts=child_opts(protected(opts, spec), policy),
    ).arn


def _bucket_name(names: Names, account_id: str, region: str) -> str:
    """``inferline-{stack}-{site}-audit-{account}-{region}`` in the characters S3 accepts, at most 63 of them."""
    name = names.cloud("audit", account_id, region, limit=_BUCKET_NAME_LIMIT).lower()
    return re.sub(r"[^a-z0-9-]+", "-", name).strip("-")


def _allow(sid: str, principal: dict[str, str], action: str, resource: str | list[str], **condition: object) -> dict[str, object]:
    statement: dict[str, object] = {"Sid": sid, "Effect": "Allow", "Principal": principal, "Action": action, "Resource": resource}
    return {**statement, "Condition": condition} if condition else statement


def _key_policy(partition: str, account_id: str, trail_arn: str | None) -> str:
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
