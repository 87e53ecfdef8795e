"""Huawei Cloud: a DEW (KMS) key, a security group for GPU nodes, the site's server certificate on dedicated
ELB, and the region's CTS system tracker writing to a private, versioned, KMS-encrypted OBS bucket whose access logs
go, through an OBS agency, to a separate log bucket of the site."""

from __future__ import annotations

import json
import re
from typing import ClassVar

import pulumi

from inferline.clouds import CloudName
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.providers import import_huaweicloud
from inferline.components.security.adapters.base import EncryptionContext, SecurityOutputs, SiteCertificate, protected, rule_opts
from inferline.planning.naming import Names
from inferline.planning.security import ABORT_INCOMPLETE_UPLOAD_DAYS, ANYWHERE, SecuritySpec

# pulumi_huaweicloud 0.0.12 imports pkg_resources at import time; this import keeps that warning from users.
import_huaweicloud()
import pulumi_huaweicloud as huaweicloud  # noqa: E402

#: Symmetric key for disks, log stores and secrets; AES_256 is also the SDK default, written out for the plan.
_KEY_ALGORITHM = "AES_256"
_KEY_USAGE = "ENCRYPT_DECRYPT"
#: OBS bucket names: 3-63 lower-case letters, digits, '-' and '.', unique across every OBS account (SDK
#: docstring), so the site key's id goes into the name (a replaced key starts a new bucket).
_BUCKET_NAME_LIMIT = 63
_AUDIT_EXPIRY_RULE = "expire-audit-logs"
_ACCESS_LOG_EXPIRY_RULE = "expire-access-logs"
#: Where the audit bucket's access logs go in the log bucket.
_ACCESS_LOG_PREFIX = "audit-access/"
#: IAM agency names: 1-64 characters (SDK docstring of iam.Agency); custom policies are held to the same.
_IAM_NAME_LIMIT = 64


class HuaweicloudSecurity:
    cloud: ClassVar[CloudName] = "huaweicloud"
    # dedicatedelb.Loadbalancer in 0.0.12 takes no security group argument (its arguments stop at vpc_id,
    # ipv4_subnet_id, backend_subnets, flavors, EIP and billing), and the shared elb.Loadbalancer's
    # security_group_ids is marked "schema: Deprecated". A dedicated ELB reaches its backends from
    # addresses in its backend subnet, by default the subnet it sits in ("Security group rules must allow
    # traffic from the backend subnet where the load balancer resides", ELB user guide, elb_ug_hd_0007),
    # so the GPU group admits the edge subnets the load balancer is placed in (CloudFacts
    # load_balancer_security_group is False).

    def key(self, spec: SecuritySpec, opts: pulumi.ResourceOptions) -> EncryptionContext:
        names = spec.names
        tags = dict(spec.tags)

        key = huaweicloud.dew.Key(
            names.resource("kms"),
            key_alias=names.cloud("kms"),
            key_description=f"inferline site {names.site} ({names.stack}): GPU disks, logs, audit trail",
            key_algorithm=_KEY_ALGORITHM,
            key_usage=_KEY_USAGE,
            rotation_enabled=True,
            rotation_interval=spec.kms.rotation_days,
            # The SDK types pending_days as a string (valid 7-1096 days).
            pending_days=str(spec.kms.deletion_window_days),
            tags=tags,
            opts=protected(opts, spec),
        )
        return EncryptionContext(cloud=self.cloud, key_id=key.id)

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

        # Huawei security groups belong to the region, not to a VPC, so `network` is not needed here.
        gpu_group = self._gpu_security_group(spec, tags, opts)
        # No load-balancer group: a dedicated ELB cannot carry one (CloudFacts load_balancer_security_group), so
        # spec.load_balancer_ingress has no group to go on. Listener ports are reachable through the ELB's
        # EIP; restricting who may reach a listener is ELB access control (dedicatedelb.Ipgroup on the
        # listener), which belongs with the listeners, not here.

        if certificate is not None:
            certificate_id = huaweicloud.dedicatedelb.Certificate(
                names.resource("server-cert"),
                name=names.cloud("server-cert"),
                description=f"TLS server certificate of inferline site {names.site}, issued by the private CA",
                type="server",
                certificate=certificate.certificate_pem,
                private_key=certificate.private_key_pem,
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
            load_balancer_security_group_id=None,
            certificate_id=certificate_id,
            audit_trail_id=audit_trail_id,
        )

    def _gpu_security_group(
        self, spec: SecuritySpec, tags: dict[str, str], opts: pulumi.ResourceOptions
    ) -> huaweicloud.vpc.Secgroup:
        names = spec.names
        # A new Huawei security group comes with default rules: all egress (IPv4 and IPv6) and all ingress
        # from members of the same group. delete_default_rules removes them at creation, so the rules below
        # are the group's only rules (IPv6 egress included: the site's subnets are IPv4-only).
        group = huaweicloud.vpc.Secgroup(
            names.resource("gpu-sg"),
            name=names.cloud("gpu-sg"),
            description=f"GPU inference nodes of inferline site {names.site}: serving port from the load balancer only",
            delete_default_rules=True,
            tags=tags,
            opts=opts,
        )
        for rule in spec.gpu_ingress:
            if rule.source_kind != "cidr":
                raise ValueError(f"Huawei dedicated ELBs have no security group for rule source '{rule.source}'")
            huaweicloud.vpc.SecgroupRule(
                names.resource(rule.name),
                security_group_id=group.id,
                direction="ingress",
                ethertype="IPv4",
                protocol="tcp",
                ports=str(rule.port),
                remote_ip_prefix=rule.source,
                action="allow",
                description=rule.description,
                opts=rule_opts(opts, names, rule),
            )
        # All protocols out (protocol left unset): the private route tables send 0.0.0.0/0 through NAT.
        huaweicloud.vpc.SecgroupRule(
            names.resource("gpu-egress"),
            security_group_id=group.id,
            direction="egress",
            ethertype="IPv4",
            remote_ip_prefix=ANYWHERE,
            action="allow",
            description="egress through the site's NAT gateways",
            opts=opts,
        )
        return group

    @staticmethod
    def _audit_trail(
        spec: SecuritySpec, encryption: EncryptionContext, tags: dict[str, str], opts: pulumi.ResourceOptions
    ) -> pulumi.Output[str]:
        names = spec.names
        log_bucket, agency = _access_log_bucket(spec, encryption, tags, opts)
        # OBS in 0.0.12 has no public-access-block resource (obs has Bucket, BucketObject and BucketPolicy
        # only): the bucket is kept private by its ACL and by having no bucket policy.
        bucket = huaweicloud.obs.Bucket(
            names.resource("audit"),
            bucket=encryption.key_id.apply(lambda key_id: _bucket_name(names, key_id, "audit")),
            acl="private",
            encryption=True,
            sse_algorithm="kms",
            kms_key_id=encryption.key_id,
            # Versioned: an overwritten or deleted log file stays recoverable until its old version expires below.
            versioning=True,
            # Access logs go to the site's separate log bucket (same account and region, as OBS requires), written
            # by OBS through the agency (OBS user guide, "Configuring access logging": an IAM agency grants OBS
            # the permission to upload log files).
            loggings=[huaweicloud.obs.BucketLoggingArgs(target_bucket=log_bucket.bucket, target_prefix=_ACCESS_LOG_PREFIX, agency=agency.name)],
            lifecycle_rules=[
                huaweicloud.obs.BucketLifecycleRuleArgs(
                    name=_AUDIT_EXPIRY_RULE,
                    enabled=True,
                    expirations=[huaweicloud.obs.BucketLifecycleRuleExpirationArgs(days=spec.audit.retention_days)],
                    noncurrent_version_expirations=[
                        huaweicloud.obs.BucketLifecycleRuleNoncurrentVersionExpirationArgs(days=spec.audit.retention_days)
                    ],
                    abort_incomplete_multipart_uploads=[
                        huaweicloud.obs.BucketLifecycleRuleAbortIncompleteMultipartUploadArgs(days=ABORT_INCOMPLETE_UPLOAD_DAYS)
                    ],
                )
            ],
            tags=tags,
            opts=protected(opts, spec),
        )
        # CTS has exactly one management ("system") tracker per region and account, and cts.Tracker manages
        # it rather than creating a new one (SDK docstring: "Manages CTS system tracker resource"; import id
        # "system"). On create the provider adopts an existing system tracker and overwrites its settings, so
        # a tracker configured outside this stack, or by another site in the same region and account, is
        # taken over (last apply wins). On delete, with delete_tracker left unset, it is disabled and its
        # OBS/KMS settings reset rather than deleted. A tracker records only its own region: CTS has no
        # multi-region trail, and each site manages the tracker of its region.
        tracker = huaweicloud.cts.Tracker(
            names.resource("audit-trail"),
            bucket_name=bucket.bucket,
            file_prefix=names.cloud("audit"),
            kms_id=encryption.key_id,
            validate_file=True,
            enabled=True,
            tags=tags,
            opts=protected(opts, spec),
        )
        return tracker.id


def _access_log_bucket(
    spec: SecuritySpec, encryption: EncryptionContext, tags: dict[str, str], opts: pulumi.ResourceOptions
) -> tuple[huaweicloud.obs.Bucket, huaweicloud.iam.Agency]:
    """The site's log bucket (its ACL lets only OBS log delivery write, encrypted with OBS-managed keys, expiring)
    and the agency through which OBS writes into it."""
    names = spec.names
    bucket = huaweicloud.obs.Bucket(
        names.resource("access-logs"),
        bucket=encryption.key_id.apply(lambda key_id: _bucket_name(names, key_id, "access-logs")),
        # The ACL a log target takes (SDK docstring of loggings.target_bucket): the log delivery group may write
        # objects and read the ACL; nothing is public.
        acl="log-delivery-write",
        # SSE-OBS rather than the site key: with KMS the agency would need KMS Administrator in the region
        # (OBS user guide, "Creating an agency for uploading logs"), far more than writing logs.
        encryption=True,
        sse_algorithm="AES256",
        lifecycle_rules=[
            huaweicloud.obs.BucketLifecycleRuleArgs(
                name=_ACCESS_LOG_EXPIRY_RULE,
                enabled=True,
                expirations=[huaweicloud.obs.BucketLifecycleRuleExpirationArgs(days=spec.audit.retention_days)],
                abort_incomplete_multipart_uploads=[
                    huaweicloud.obs.BucketLifecycleRuleAbortIncompleteMultipartUploadArgs(days=ABORT_INCOMPLETE_UPLOAD_DAYS)
                ],
            )
        ],
        tags=tags,
        opts=protected(opts, spec),
    )
    # The custom policy of that guide: PutObject into the log bucket only, a global-service ("AX") policy.
    write = huaweicloud.iam.Role(
        names.resource("access-logs-write"),
        name=names.cloud("access-logs-write", limit=_IAM_NAME_LIMIT),
        description=f"OBS writes the access logs of inferline site {names.site} ({names.stack})",
        type="AX",
        policy=bucket.bucket.apply(_log_write_policy),
        opts=opts,
    )
    agency = huaweicloud.iam.Agency(
        names.resource("access-logs-agency"),
        name=names.cloud("access-logs", limit=_IAM_NAME_LIMIT),
        description=f"OBS writes the access logs of inferline site {names.site} ({names.stack})",
        # A cloud-service agency for OBS: op_svc_<service> (provider docs of huaweicloud_identity_agency; the
        # Python SDK marks the argument "schema: Internal" but it is the only way to name a service).
        delegated_service_name="op_svc_obs",
        domain_roles=[write.name],
        opts=opts,
    )
    return bucket, agency


def _log_write_policy(bucket: str) -> str:
    statement = {"Action": ["obs:object:PutObject"], "Resource": [f"OBS:*:*:object:{bucket}/*"], "Effect": "Allow"}
    return json.dumps({"Version": "1.1", "Statement": [statement]})


def _bucket_name(names: Names, key_id: str, role: str) -> str:
    """``inferline-{stack}-{site}-{role}-{key id}`` in the characters OBS accepts, at most 63 of them."""
    name = names.cloud(role, key_id, limit=_BUCKET_NAME_LIMIT).lower()
    return re.sub(r"[^a-z0-9-]+", "-", name).strip("-")
