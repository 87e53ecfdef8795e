"""Alibaba Cloud: a KMS key with an alias, security groups for GPU nodes and the ALB, the site's server
certificate in Certificate Management Service (CAS), and an ActionTrail trail writing to a private, versioned,
KMS-encrypted OSS bucket whose access logs go to a separate private log bucket of the site."""

from __future__ import annotations

import re
from typing import ClassVar

import pulumi
import pulumi_alicloud as alicloud

from inferline.clouds import CloudName
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import EncryptionContext, SecurityOutputs, SiteCertificate, protected, rule_opts
from inferline.planning.naming import Names
from inferline.planning.security import ABORT_INCOMPLETE_UPLOAD_DAYS, ANYWHERE, SecuritySpec

#: OSS bucket names: 3-63 lower-case letters, digits and '-', unique across every OSS account, so the site
#: key's id goes into the name (a replaced key starts a new bucket).
_BUCKET_NAME_LIMIT = 63
#: ActionTrail trail names: 6-36 characters, lower-case letters, digits, '-' and '_' (CreateTrail API).
_TRAIL_NAME_LIMIT = 36
_AUDIT_EXPIRY_RULE = "expire-audit-logs"
_ACCESS_LOG_EXPIRY_RULE = "expire-access-logs"
#: Where the audit bucket's access logs go in the log bucket.
_ACCESS_LOG_PREFIX = "audit-access/"
#: Rule priorities run from 1 (first) to 100 (last); the ALB's deny-all must come after every allow.
_ALLOW_PRIORITY = 1
_DENY_PRIORITY = 100


class AlicloudSecurity:
    cloud: ClassVar[CloudName] = "alicloud"
    # ALB instances join ECS security groups (alb.LoadBalancerSecurityGroupAttachment; CloudFacts
    # load_balancer_security_group), so GPU nodes admit the serving port from the ALB's group (NLB takes it
    # too, as security_group_ids; CLB does not). The load-balancer adapter attaches the group.

    def key(self, spec: SecuritySpec, opts: pulumi.ResourceOptions) -> EncryptionContext:
        names = spec.names
        tags = dict(spec.tags)
        # No dkms_instance_id: the key is a KMS default key, free to hold, rotation billed as a value-added
        # service. KMS 3.0 documents customer master keys as living in a purchased KMS instance ("When
        # creating a CMK, you must select one purchased KMS instance", KMS user guide, "Understanding KMS
        # keys"); an account where CreateKey without DKMSInstanceId is refused needs a kms.Instance, a
        # subscription with its own VPC attachment and cost, which is not created here behind the user's back.
        key = alicloud.kms.Key(
            names.resource("kms"),
            description=f"inferline site {names.site} ({names.stack}): GPU disks, logs, audit trail",
            key_spec="Aliyun_AES_256",
            key_usage="ENCRYPT/DECRYPT",
            origin="Aliyun_KMS",
            protection_level="SOFTWARE",
            automatic_rotation="Enabled",
            # Validation keeps this at 365 on Alibaba sites (inferline.clouds.capabilities.FIXED_KEY_ROTATION_DAYS).
            rotation_interval=f"{spec.kms.rotation_days}d",
            pending_window_in_days=spec.kms.deletion_window_days,
            status="Enabled",
            tags=tags,
            opts=protected(opts, spec),
        )
        alicloud.kms.Alias(names.resource("kms-alias"), alias_name=f"alias/{names.cloud('kms')}", key_id=key.id, opts=opts)
        return EncryptionContext(cloud=self.cloud, key_id=key.id, key_arn=key.arn)

    def build(
        self,
        spec: SecuritySpec,
        network: NetworkOutputs,
        encryption: EncryptionContext,
        certificate: SiteCertificate | None,
        opts: pulumi.ResourceOptions,
    ) -> SecurityOutputs:
        names = spec.names
        tags = dict(spec.tags)
        gpu_group = self._group(spec, network, "gpu-sg", "GPU nodes: serving port from the ALB and peer sites", tags, opts)
        lb_group = self._group(spec, network, "lb-sg", "ALB: TLS listener ports from the internet", tags, opts)
        self._gpu_rules(spec, gpu_group, lb_group, opts)
        self._lb_rules(spec, lb_group, opts)

        if certificate is not None:
            # The private CA signs server certificates directly, so the leaf is the whole chain clients need.
            certificate_id = alicloud.cas.ServiceCertificate(
                names.resource("certificate"),
                certificate_name=names.cloud("server-cert"),
                cert=certificate.certificate_pem,
                key=certificate.private_key_pem,
                tags=tags,
                opts=opts,
            ).id
        elif spec.existing_certificate is not None:
            certificate_id = pulumi.Output.from_input(spec.existing_certificate)
        else:
            raise ValueError(f"site '{names.site}' has neither a certificate to upload nor an existing certificate id")

        audit_trail_id = self._audit_trail(spec, encryption, tags, opts) if spec.audit.enabled else None
        return SecurityOutputs(
            encryption=encryption,
            gpu_security_group_id=gpu_group.id,
            load_balancer_security_group_id=lb_group.id,
            certificate_id=certificate_id,
            audit_trail_id=audit_trail_id,
        )

    @staticmethod
    def _group(
        spec: SecuritySpec, network: NetworkOutputs, role: str, about: str, tags: dict[str, str], opts: pulumi.ResourceOptions
    ) -> alicloud.ecs.SecurityGroup:
        # A basic ("normal") group denies inbound and allows outbound when it has no rules, and by default
        # lets its members reach each other on every port (inner_access_policy Accept): Drop removes that.
        return alicloud.ecs.SecurityGroup(
            spec.names.resource(role),
            security_group_name=spec.names.cloud(role),
            description=f"inferline site {spec.names.site}: {about}",
            vpc_id=network.vpc_id,
            security_group_type="normal",
            inner_access_policy="Drop",
            tags=tags,
            opts=opts,
        )

    def _gpu_rules(
        self, spec: SecuritySpec, gpu: alicloud.ecs.SecurityGroup, lb: alicloud.ecs.SecurityGroup, opts: pulumi.ResourceOptions
    ) -> None:
        names = spec.names
        for rule in spec.gpu_ingress:
            name, rule_options = names.resource(rule.name), rule_opts(opts, names, rule)
            if rule.source_kind == "load-balancer":
                _rule(name, gpu, "ingress", rule.port, rule.description, rule_options, source_group=lb.id)
            else:
                _rule(name, gpu, "ingress", rule.port, rule.description, rule_options, cidr=rule.source)
        # All protocols out: the private route tables send 0.0.0.0/0 through the site's NAT gateways.
        _rule(names.resource("gpu-egress"), gpu, "egress", None, "egress through the site's NAT gateways", opts, cidr=ANYWHERE)

    @staticmethod
    def _lb_rules(spec: SecuritySpec, lb: alicloud.ecs.SecurityGroup, opts: pulumi.ResourceOptions) -> None:
        names = spec.names
        for rule in spec.load_balancer_ingress:
            _rule(names.resource(rule.name), lb, "ingress", rule.port, rule.description, rule_opts(opts, names, rule), cidr=rule.source)
        # Every ALB also sits in a managed security group that allows all inbound traffic at priority 100, so
        # allow rules alone restrict nothing; a deny-all after them is what limits the ALB to its listener
        # ports ("Add an ALB instance to a security group", ALB user guide). Health checks keep working: the
        # managed group allows the ALB's local addresses at priority 1.
        deny = "everything but the TLS listener ports"
        _rule(
            names.resource("lb-ingress-deny"),
            lb,
            "ingress",
            None,
            deny,
            opts,
            cidr=ANYWHERE,
            policy="drop",
            priority=_DENY_PRIORITY,
        )
        # ALB security groups never block outbound packets (same guide), so these rules state the intended
        # flows to the GPU nodes rather than enforce them.
        for rule in spec.load_balancer_egress:
            _rule(names.resource(rule.name), lb, "egress", rule.port, rule.description, rule_opts(opts, names, rule), cidr=rule.source)

    @staticmethod
    def _audit_trail(
        spec: SecuritySpec, encryption: EncryptionContext, tags: dict[str, str], opts: pulumi.ResourceOptions
    ) -> pulumi.Output[str]:
        names = spec.names
        bucket = alicloud.oss.Bucket(
            names.resource("audit"),
            bucket=encryption.key_id.apply(lambda key_id: _bucket_name(names, key_id, "audit")),
            server_side_encryption_rule=alicloud.oss.BucketServerSideEncryptionRuleArgs(
                sse_algorithm="KMS", kms_master_key_id=encryption.key_id
            ),
            # Versioned: an overwritten or deleted log file stays recoverable until its old version expires below.
            versioning=alicloud.oss.BucketVersioningArgs(status="Enabled"),
            lifecycle_rules=[
                alicloud.oss.BucketLifecycleRuleArgs(
                    id=_AUDIT_EXPIRY_RULE,
                    enabled=True,
                    expirations=[alicloud.oss.BucketLifecycleRuleExpirationArgs(days=spec.audit.retention_days)],
                    noncurrent_version_expirations=[
                        alicloud.oss.BucketLifecycleRuleNoncurrentVersionExpirationArgs(days=spec.audit.retention_days)
                    ],
                    abort_multipart_uploads=[alicloud.oss.BucketLifecycleRuleAbortMultipartUploadArgs(days=ABORT_INCOMPLETE_UPLOAD_DAYS)],
                )
            ],
            # Outside prod the logs go with the site; in prod `protect` keeps the bucket anyway.
            force_destroy=not spec.protect,
            tags=tags,
            opts=protected(opts, spec),
        )
        _private(names, "audit", bucket, opts)
        log_bucket = _access_log_bucket(spec, encryption, tags, opts)
        # Access logs of the audit bucket go to the site's separate log bucket: OSS requires the target in the same
        # region and account, and a bucket logging to itself logs its own log writes in a loop (OSS user guide,
        # "Log storage", precautions).
        alicloud.oss.BucketLogging(
            names.resource("audit-access-logging"),
            bucket=bucket.bucket,
            target_bucket=log_bucket.bucket,
            target_prefix=_ACCESS_LOG_PREFIX,
            opts=opts,
        )
        # ActionTrail writes with its service-linked role AliyunServiceRoleForActionTrail, whose delivery policy
        # includes kms:GenerateDataKey, so no oss_write_role_arn. ActionTrail has no log-file integrity
        # validation to turn on: no argument of actiontrail.Trail (or the CreateTrail API) provides one.
        trail = alicloud.actiontrail.Trail(
            names.resource("audit-trail"),
            trail_name=_trail_name(names),
            oss_bucket_name=bucket.bucket,
            oss_key_prefix=names.cloud("audit"),
            event_rw="All",
            trail_region="All",
            is_organization_trail=False,
            status="Enable",
            opts=protected(opts, spec),
        )
        return trail.id


def _access_log_bucket(
    spec: SecuritySpec, encryption: EncryptionContext, tags: dict[str, str], opts: pulumi.ResourceOptions
) -> alicloud.oss.Bucket:
    """The site's log bucket: private, encrypted, its logs expiring with the audit retention."""
    names = spec.names
    bucket = alicloud.oss.Bucket(
        names.resource("access-logs"),
        bucket=encryption.key_id.apply(lambda key_id: _bucket_name(names, key_id, "access-logs")),
        # OSS-managed keys: OSS itself writes the log objects, and with AES256 it needs no grant on the site key.
        server_side_encryption_rule=alicloud.oss.BucketServerSideEncryptionRuleArgs(sse_algorithm="AES256"),
        lifecycle_rules=[
            alicloud.oss.BucketLifecycleRuleArgs(
                id=_ACCESS_LOG_EXPIRY_RULE,
                enabled=True,
                expirations=[alicloud.oss.BucketLifecycleRuleExpirationArgs(days=spec.audit.retention_days)],
                abort_multipart_uploads=[alicloud.oss.BucketLifecycleRuleAbortMultipartUploadArgs(days=ABORT_INCOMPLETE_UPLOAD_DAYS)],
            )
        ],
        force_destroy=not spec.protect,
        tags=tags,
        opts=protected(opts, spec),
    )
    _private(names, "access-logs", bucket, opts)
    return bucket


def _private(names: Names, role: str, bucket: alicloud.oss.Bucket, opts: pulumi.ResourceOptions) -> None:
    # Bucket.acl is deprecated (provider 1.220.0) in favour of oss.BucketAcl.
    alicloud.oss.BucketAcl(names.resource(f"{role}-acl"), bucket=bucket.bucket, acl="private", opts=opts)
    alicloud.oss.BucketPublicAccessBlock(names.resource(f"{role}-public-access"), bucket=bucket.bucket, block_public_access=True, opts=opts)


def _rule(
    name: str,
    group: alicloud.ecs.SecurityGroup,
    direction: str,
    port: int | None,
    description: str,
    opts: pulumi.ResourceOptions,
    *,
    cidr: str | None = None,
    source_group: pulumi.Output[str] | None = None,
    policy: str = "accept",
    priority: int = _ALLOW_PRIORITY,
) -> None:
    """TCP ``port``, or every protocol and port when ``port`` is None."""
    alicloud.ecs.SecurityGroupRule(
        name,
        security_group_id=group.id,
        type=direction,
        ip_protocol="all" if port is None else "tcp",
        port_range="-1/-1" if port is None else f"{port}/{port}",
        cidr_ip=cidr,
        source_security_group_id=source_group,
        policy=policy,
        priority=priority,
        # VPC groups take intranet only, and a source group requires it (SDK docstring).
        nic_type="intranet",
        description=description,
        opts=opts,
    )


def _bucket_name(names: Names, key_id: str, role: str = "audit") -> str:
    """``inferline-{stack}-{site}-{role}-{key id}`` in the characters OSS accepts, at most 63 of them."""
    name = names.cloud(role, key_id, limit=_BUCKET_NAME_LIMIT).lower()
    return re.sub(r"[^a-z0-9-]+", "-", name).strip("-")


def _trail_name(names: Names) -> str:
    """``inferline-{stack}-{site}-audit`` in the characters ActionTrail accepts, at most 36 of them."""
    name = names.cloud("audit", limit=_TRAIL_NAME_LIMIT).lower()
    return re.sub(r"[^a-z0-9_-]+", "-", name).strip("-_")
