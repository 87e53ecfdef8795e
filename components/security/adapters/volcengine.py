"""Volcano Engine: a KMS keyring and rotating symmetric key, a security group for the GPU nodes with one
rule resource per rule, the site's server certificate uploaded to ALB, and a Cloud Trail trail writing to a
private, versioned, KMS-encrypted TOS bucket whose access logs go to a separate private log bucket of the site. pulumi-volcengine 0.0.47 has no trail resource: the trail is the dynamic
resource of ``inferline.components.security.volcengine.trail`` over the official SDK."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar, TypeVar

import pulumi
import pulumi_volcengine as volcengine

from inferline.clouds import CloudName
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import EncryptionContext, SecurityOutputs, SiteCertificate, protected, rule_opts
from inferline.components.security.volcengine.trail import Trail
from inferline.planning.naming import Names
from inferline.planning.security import ABORT_INCOMPLETE_UPLOAD_DAYS, ANYWHERE, IngressRule, SecuritySpec

_TagArgs = TypeVar("_TagArgs")

#: Keyring and key names: 2-31 characters of [a-zA-Z0-9-_] (volcengine.com/docs/6476/71322, KMS API).
_KMS_NAME_LIMIT = 31
#: SDK docstring values; only symmetric keys rotate, and disks and log stores take encryption keys.
_KEY_SPEC = "SYMMETRIC_256"
_KEY_USAGE = "ENCRYPT_DECRYPT"
#: SecurityGroupRule takes -1 for both ends of the range with protocol `all` (SDK docstring).
_ALL_PORTS = -1
#: Every rule here accepts; with no drop rules, the order among them (1-100, SDK default 1) does not matter.
_RULE_PRIORITY = 1
#: TOS bucket names: 3-63 lower-case letters, digits and '-' (SDK docstring of tos.Bucket), unique across every
#: account, so the site key's id goes into the name (a replaced key starts a new bucket).
_BUCKET_NAME_LIMIT = 63
_TRAIL_NAME_LIMIT = 64
_AUDIT_EXPIRY_RULE = "expire-audit-logs"
_ACCESS_LOG_EXPIRY_RULE = "expire-access-logs"
#: Where the audit bucket's access logs go in the log bucket.
_ACCESS_LOG_PREFIX = "audit-access/"
#: The account's service role TOS writes access logs as (SDK docstring example of tos.BucketLogging).
_TOS_LOGGING_ROLE = "ServiceRoleforTOSLogging"


def _tags(factory: Callable[..., _TagArgs], tags: dict[str, str]) -> list[_TagArgs]:
    """Volcengine takes tags as a list of per-resource ``*TagArgs(key, value)``, not a map."""
    return [factory(key=key, value=value) for key, value in tags.items()]


class VolcengineSecurity:
    cloud: ClassVar[CloudName] = "volcengine"
    # alb.Alb in pulumi-volcengine 0.0.47 takes no security group (no argument of the alb module mentions one),
    # and Volcengine documents that backends must admit the ALB by address instead (docs/6767/145613): the
    # planned GPU rules admit CloudFacts.load_balancer_source_cidrs.

    def build(
        self,
        spec: SecuritySpec,
        network: NetworkOutputs,
        encryption: EncryptionContext,
        certificate: SiteCertificate | None,
        opts: pulumi.ResourceOptions,
    ) -> SecurityOutputs:
        gpu_group = self._gpu_security_group(spec, network, opts)
        # No load-balancer group: ALB cannot carry one, so spec.load_balancer_ingress has no group to go on.
        # Listener ports are open on the ALB's EIP by the listeners themselves; narrowing who may reach them
        # is alb.Acl on the listeners, which belongs with the listeners, not here.
        if certificate is not None:
            certificate_id = self._upload(spec, certificate, opts)
        elif spec.existing_certificate is not None:
            certificate_id = pulumi.Output.from_input(spec.existing_certificate)
        else:
            raise ValueError(f"site '{spec.names.site}' has neither a certificate to upload nor an existing certificate id")
        audit_trail_id = self._audit_trail(spec, encryption, opts) if spec.audit.enabled else None
        return SecurityOutputs(
            encryption=encryption,
            gpu_security_group_id=gpu_group.id,
            load_balancer_security_group_id=None,
            certificate_id=certificate_id,
            audit_trail_id=audit_trail_id,
        )

    def key(self, spec: SecuritySpec, opts: pulumi.ResourceOptions) -> EncryptionContext:
        names = spec.names
        keep = protected(opts, spec)
        # A key is addressed by keyring and key name, and a keyring cannot be deleted while it holds keys:
        # the keyring is as much a part of the key as the key itself. Keyrings take no tags.
        keyring = volcengine.kms.Keyring(
            names.resource("keyring"),
            keyring_name=names.cloud("keyring", limit=_KMS_NAME_LIMIT),
            description=f"inferline site {names.site}",
            opts=keep,
        )
        # Volcengine KMS has no aliases; the key name is what people and policies read.
        key = volcengine.kms.Key(
            names.resource("kms"),
            keyring_name=keyring.keyring_name,
            key_name=names.cloud("kms", limit=_KMS_NAME_LIMIT),
            description=f"Customer-managed key of inferline site {names.site}",
            key_spec=_KEY_SPEC,
            key_usage=_KEY_USAGE,
            rotate_state="Enable",
            rotate_interval=spec.kms.rotation_days,
            pending_window_in_days=spec.kms.deletion_window_days,
            tags=_tags(volcengine.kms.KeyTagArgs, spec.tags),
            opts=keep,
        )
        # `trn` is the key's Volcengine resource name, the counterpart of an ARN.
        return EncryptionContext(cloud=self.cloud, key_id=key.id, key_arn=key.trn)

    @staticmethod
    def _audit_trail(spec: SecuritySpec, encryption: EncryptionContext, opts: pulumi.ResourceOptions) -> pulumi.Output[str]:
        names = spec.names
        key_trn = encryption.key_arn
        assert key_trn is not None, "Volcano Engine keys have a TRN"
        keep = protected(opts, spec)
        # Private by its ACL and by having no bucket policy; objects inherit nothing public.
        bucket = volcengine.tos.Bucket(
            names.resource("audit"),
            bucket_name=encryption.key_id.apply(lambda key_id: _bucket_name(names, key_id)),
            public_acl="private",
            enable_version=True,
            tags=_tags(volcengine.tos.BucketTagArgs, spec.tags),
            opts=keep,
        )
        # Default encryption with the site key (kms_master_key_id takes the key's TRN: SDK docstring).
        volcengine.tos.BucketEncryption(
            names.resource("audit-encryption"),
            bucket_name=bucket.bucket_name,
            rule=volcengine.tos.BucketEncryptionRuleArgs(
                apply_server_side_encryption_by_default=volcengine.tos.BucketEncryptionRuleApplyServerSideEncryptionByDefaultArgs(
                    sse_algorithm="kms", kms_master_key_id=key_trn
                )
            ),
            opts=keep,
        )
        volcengine.tos.BucketLifecycle(
            names.resource("audit-lifecycle"),
            bucket_name=bucket.bucket_name,
            rules=[
                volcengine.tos.BucketLifecycleRuleArgs(
                    id=_AUDIT_EXPIRY_RULE,
                    status="Enabled",
                    expiration=volcengine.tos.BucketLifecycleRuleExpirationArgs(days=spec.audit.retention_days),
                    # The bucket is versioned (enable_version): old versions expire after the same retention.
                    non_current_version_expiration=volcengine.tos.BucketLifecycleRuleNonCurrentVersionExpirationArgs(
                        non_current_days=spec.audit.retention_days
                    ),
                    abort_incomplete_multipart_upload=volcengine.tos.BucketLifecycleRuleAbortIncompleteMultipartUploadArgs(
                        days_after_initiation=ABORT_INCOMPLETE_UPLOAD_DAYS
                    ),
                )
            ],
            opts=keep,
        )
        log_bucket = _access_log_bucket(spec, encryption, opts)
        # Access logs of the audit bucket go to the site's separate log bucket, written by TOS as the account's
        # fixed-name service role for TOS logging (the SDK's BucketLogging example names it): one role per
        # account, so a documented prerequisite rather than something each site would create and clash over.
        volcengine.tos.BucketLogging(
            names.resource("audit-access-logging"),
            bucket_name=bucket.bucket_name,
            logging_enableds=[
                volcengine.tos.BucketLoggingLoggingEnabledArgs(
                    role=_TOS_LOGGING_ROLE, target_bucket=log_bucket.bucket_name, target_prefix=_ACCESS_LOG_PREFIX
                )
            ],
            opts=opts,
        )
        # One trail per site, recording every service's read and write events of the account, delivered to the
        # site's bucket and encrypted there with the site key. Credentials: VOLCENGINE_ACCESS_KEY and
        # VOLCENGINE_SECRET_KEY in the environment of `pulumi up` (the same the site's provider reads).
        trail = Trail(
            names.resource("audit-trail"),
            region=spec.region,
            name=names.cloud("audit-trail", limit=_TRAIL_NAME_LIMIT),
            tos_bucket_name=bucket.bucket_name,
            tos_key_prefix=names.cloud("audit"),
            tos_sse_algorithm="kms",
            tos_kms_key_trn=key_trn,
            event_rw="All",
            opts=keep,
        )
        return trail.id

    def _gpu_security_group(
        self, spec: SecuritySpec, network: NetworkOutputs, opts: pulumi.ResourceOptions
    ) -> volcengine.vpc.SecurityGroup:
        names = spec.names
        # Volcengine adds two default rules to every new custom group, egress to anywhere and ingress from the
        # group's own members (volcengine.com/docs/6396/68802); the SDK has no argument to leave them out.
        # The first matches the egress rule below; the second only lets GPU nodes of this site reach each other.
        group = volcengine.vpc.SecurityGroup(
            names.resource("gpu-sg"),
            vpc_id=network.vpc_id,
            security_group_name=names.cloud("gpu-sg"),
            description=f"GPU inference nodes of inferline site {names.site}",
            tags=_tags(volcengine.vpc.SecurityGroupTagArgs, spec.tags),
            opts=opts,
        )
        for rule in spec.gpu_ingress:
            self._ingress(names.resource(rule.name), group, rule, rule_opts(opts, names, rule))
        # Egress to anywhere: routing sends it through the NAT gateway, the only way out of private subnets.
        volcengine.vpc.SecurityGroupRule(
            names.resource("gpu-egress"),
            security_group_id=group.id,
            direction="egress",
            protocol="all",
            port_start=_ALL_PORTS,
            port_end=_ALL_PORTS,
            cidr_ip=ANYWHERE,
            policy="accept",
            priority=_RULE_PRIORITY,
            description="outbound through the NAT gateway",
            opts=opts,
        )
        return group

    @staticmethod
    def _ingress(name: str, group: volcengine.vpc.SecurityGroup, rule: IngressRule, opts: pulumi.ResourceOptions) -> None:
        if rule.source_kind != "cidr":
            # Unreachable: planning names no load-balancer group where the cloud's facts say it has none.
            raise ValueError(f"{name}: Volcengine load balancers have no security group to allow traffic from")
        volcengine.vpc.SecurityGroupRule(
            name,
            security_group_id=group.id,
            direction="ingress",
            protocol="tcp",
            port_start=rule.port,
            port_end=rule.port,
            cidr_ip=rule.source,
            policy="accept",
            priority=_RULE_PRIORITY,
            description=rule.description,
            opts=opts,
        )

    @staticmethod
    def _upload(spec: SecuritySpec, certificate: SiteCertificate, opts: pulumi.ResourceOptions) -> pulumi.Output[str]:
        names = spec.names
        uploaded = volcengine.alb.Certificate(
            names.resource("server-cert"),
            certificate_name=names.cloud("server-cert"),
            description=f"Server certificate of inferline site {names.site}",
            public_key=certificate.certificate_pem,
            private_key=certificate.private_key_pem,
            tags=_tags(volcengine.alb.CertificateTagArgs, spec.tags),
            # The SDK does not mark private_key secret in state; the engine would only infer it from the input.
            opts=pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(additional_secret_outputs=["private_key"])),
        )
        return uploaded.id


def _access_log_bucket(spec: SecuritySpec, encryption: EncryptionContext, opts: pulumi.ResourceOptions) -> volcengine.tos.Bucket:
    """The site's log bucket: private, encrypted with TOS-managed keys (TOS writes the logs itself), expiring."""
    names = spec.names
    bucket = volcengine.tos.Bucket(
        names.resource("access-logs"),
        bucket_name=encryption.key_id.apply(lambda key_id: _bucket_name(names, key_id, "access-logs")),
        public_acl="private",
        tags=_tags(volcengine.tos.BucketTagArgs, spec.tags),
        opts=protected(opts, spec),
    )
    by_default = volcengine.tos.BucketEncryptionRuleApplyServerSideEncryptionByDefaultArgs
    volcengine.tos.BucketEncryption(
        names.resource("access-logs-encryption"),
        bucket_name=bucket.bucket_name,
        rule=volcengine.tos.BucketEncryptionRuleArgs(apply_server_side_encryption_by_default=by_default(sse_algorithm="AES256")),
        opts=opts,
    )
    volcengine.tos.BucketLifecycle(
        names.resource("access-logs-lifecycle"),
        bucket_name=bucket.bucket_name,
        rules=[
            volcengine.tos.BucketLifecycleRuleArgs(
                id=_ACCESS_LOG_EXPIRY_RULE,
                status="Enabled",
                expiration=volcengine.tos.BucketLifecycleRuleExpirationArgs(days=spec.audit.retention_days),
                abort_incomplete_multipart_upload=volcengine.tos.BucketLifecycleRuleAbortIncompleteMultipartUploadArgs(
                    days_after_initiation=ABORT_INCOMPLETE_UPLOAD_DAYS
                ),
            )
        ],
        opts=opts,
    )
    return bucket


def _bucket_name(names: Names, key_id: str, role: str = "audit") -> str:
    """``inferline-{stack}-{site}-{role}-{key id}`` in the characters TOS accepts, at most 63 of them."""
    name = names.cloud(role, key_id, limit=_BUCKET_NAME_LIMIT).lower()
    return re.sub(r"[^a-z0-9-]+", "-", name).strip("-")
