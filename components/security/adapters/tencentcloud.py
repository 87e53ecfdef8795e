"""Tencent Cloud: a KMS key, GPU and CLB security groups with exclusive rule sets, the site's server certificate in
SSL Certificates, and a CloudAudit tracking set writing to a private, versioned, KMS-encrypted COS bucket whose access
logs go to a separate private log bucket of the site."""

from __future__ import annotations

import re
from typing import ClassVar

import pulumi
import tencentcloud_iac_pulumi as tencentcloud

from inferline.clouds import CloudName
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import EncryptionContext, SecurityOutputs, SiteCertificate, protected
from inferline.planning.naming import Names
from inferline.planning.security import ABORT_INCOMPLETE_UPLOAD_DAYS, ANYWHERE, IngressRule, SecuritySpec

#: 60 characters: security group names (CreateSecurityGroup) and KMS aliases (CreateKey: 1-60 letters, digits, '-'
#: and '_').
_NAME_LIMIT = 60
#: CreateAuditTrack: "3-48 letters, digits, hyphens, and underscores".
_TRACK_NAME_LIMIT = 48
#: COS counts its limit on the whole endpoint: `<name>-<APPID>.cos.<region>.myqcloud.com` is at most 60 characters
#: (COS "Bucket Overview", naming conventions), so the name's room depends on the region and the APPID.
_COS_ENDPOINT_LIMIT = 60
#: CloudAudit writes `<bucket>/<prefix>/<YYYYMMDDH>/<file>`; the lifecycle rule expires exactly that prefix.
_AUDIT_PREFIX = "cloudaudit"
#: Where the audit bucket's access logs go in the log bucket.
_ACCESS_LOG_PREFIX = "audit-access/"
_ACCEPT = "ACCEPT"


class TencentcloudSecurity:
    cloud: ClassVar[CloudName] = "tencentcloud"
    # clb.Instance takes `security_groups` ("Supports both OPEN and INTERNAL CLBs"), so the GPU group can name the
    # CLB's group as its source. Whether backends check CLB traffic at all is `clb.Instance.load_balancer_pass_to_target`:
    # with it on ("Allow by Default", CLB docs 214/14733), traffic from the CLB passes only the CLB's group, which admits
    # only the listener ports; with it off, backend groups see client IPs and would have to open the serving port to
    # the internet. The load-balancer component must therefore turn it on.

    def key(self, spec: SecuritySpec, opts: pulumi.ResourceOptions) -> EncryptionContext:
        names = spec.names
        tags = dict(spec.tags)

        key = tencentcloud.kms.Key(
            names.resource("kms"),
            alias=names.cloud("kms", limit=_NAME_LIMIT),
            description=f"Customer-managed key of inference site {names.site}",
            key_usage="ENCRYPT_DECRYPT",
            # Tencent rotation is on/off only (yearly, see KmsSettings): the SDK has no period argument, so
            # spec.kms.rotation_days cannot be expressed here.
            key_rotation_enabled=True,
            # is_enabled defaults to false, and the provider then calls DisableKey right after CreateKey.
            is_enabled=True,
            pending_delete_window_in_days=spec.kms.deletion_window_days,
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

        # Tencent security groups belong to a region and project, not to a VPC (security.Group has no vpc_id), so
        # `network` is not needed here.
        lb_group = self._group(spec, "lb-sg", "CLB of inference site", tags, opts)
        gpu_group = self._group(spec, "gpu-sg", "GPU inference nodes of site", tags, opts)
        # A rule set owns every rule of its group: creating it replaces the group's policies wholesale
        # (ModifySecurityGroupPolicies), so nothing added by hand or by a console template survives an update. It is
        # also why the rules are not per-rule security.GroupRule resources, which cannot share a group with a rule set.
        # Groups created through the API start with no rules: inbound and outbound both deny all (CreateSecurityGroup).
        tencentcloud.security.GroupRuleSet(
            names.resource("gpu-rules"),
            security_group_id=gpu_group.id,
            ingresses=[_ingress(rule, lb_group.id) for rule in spec.gpu_ingress],
            # All egress is allowed here because routing already forces it through the site's NAT gateways.
            egresses=[
                tencentcloud.security.GroupRuleSetEgressArgs(
                    action=_ACCEPT, cidr_block=ANYWHERE, protocol="ALL", port="ALL", description="egress through NAT"
                )
            ],
            opts=opts,
        )
        tencentcloud.security.GroupRuleSet(
            names.resource("lb-rules"),
            security_group_id=lb_group.id,
            ingresses=[_ingress(rule, lb_group.id) for rule in spec.load_balancer_ingress],
            egresses=[
                tencentcloud.security.GroupRuleSetEgressArgs(
                    action=_ACCEPT,
                    cidr_block=cidr,
                    protocol="TCP",
                    port=str(spec.serving_port),
                    description="to GPU nodes",
                )
                for cidr in spec.private_cidrs
            ],
            opts=opts,
        )

        if certificate is not None:
            uploaded = tencentcloud.ssl.Certificate(
                names.resource("server-cert"),
                name=names.cloud("server-cert", limit=_NAME_LIMIT),
                type="SVR",
                # The provider rejects PEM with a leading or trailing newline, which pulumi-tls always ends with.
                # The leaf alone: the private root signs it directly, and clients must already trust that root.
                cert=certificate.certificate_pem.apply(str.strip),
                key=certificate.private_key_pem.apply(str.strip),
                tags=tags,
                opts=opts,
            )
            certificate_id: pulumi.Output[str] = uploaded.id
        elif spec.existing_certificate is not None:
            certificate_id = pulumi.Output.from_input(spec.existing_certificate)
        else:
            raise ValueError(f"site '{names.site}' has neither a certificate to upload nor an existing certificate id")

        audit_trail_id = self._audit(spec, encryption, tags, opts) if spec.audit.enabled else None
        return SecurityOutputs(
            encryption=encryption,
            gpu_security_group_id=gpu_group.id,
            load_balancer_security_group_id=lb_group.id,
            certificate_id=certificate_id,
            audit_trail_id=audit_trail_id,
        )

    @staticmethod
    def _group(
        spec: SecuritySpec, role: str, purpose: str, tags: dict[str, str], opts: pulumi.ResourceOptions
    ) -> tencentcloud.security.Group:
        return tencentcloud.security.Group(
            spec.names.resource(role),
            name=spec.names.cloud(role, limit=_NAME_LIMIT),
            description=f"{purpose} {spec.names.site}",
            tags=tags,
            opts=opts,
        )

    @staticmethod
    def _audit(
        spec: SecuritySpec, encryption: EncryptionContext, tags: dict[str, str], opts: pulumi.ResourceOptions
    ) -> pulumi.Output[str]:
        names = spec.names
        # COS names end in the account's APPID, known only from the provider's credentials; with it the name is unique
        # across accounts, and the stack and site in the name keep it unique inside the account.
        app_id = tencentcloud.user.get_info_output(
            opts=pulumi.InvokeOutputOptions(provider=opts.provider, parent=opts.parent)
        ).app_id
        bucket_name = app_id.apply(lambda app: _bucket_name(names, spec.region, app))
        log_bucket = _access_log_bucket(spec, app_id, tags, opts)
        # COS has no public-access block: the private ACL and no bucket policy keep the bucket private.
        bucket = tencentcloud.cos.Bucket(
            names.resource("audit"),
            bucket=pulumi.Output.concat(bucket_name, "-", app_id),
            acl="private",
            # Default encryption with the site's key: the tracking set itself has no encryption argument.
            encryption_algorithm="KMS",
            kms_id=encryption.key_id,
            # Versioned: an overwritten or deleted log file stays recoverable until its old version expires below.
            versioning_enable=True,
            # Access logs of the audit bucket go to the site's separate log bucket. COS delivers them through the
            # account's CLS service role, which must exist once per account: the role name is fixed (CLS_QcsRole,
            # trusted by cls.cloud.tencent.com, holding QcloudCOSAccessForCLSRole: COS developer guide, "Log
            # management", enabling it through the API), so one site creating it would clash with every other
            # site and stack of the account. It is a documented prerequisite, like SLS's flow-log service.
            log_enable=True,
            log_target_bucket=log_bucket.bucket,
            log_prefix=_ACCESS_LOG_PREFIX,
            lifecycle_rules=[
                tencentcloud.cos.BucketLifecycleRuleArgs(
                    filter_prefix=f"{_AUDIT_PREFIX}/",
                    expiration=tencentcloud.cos.BucketLifecycleRuleExpirationArgs(days=spec.audit.retention_days),
                    non_current_expiration=tencentcloud.cos.BucketLifecycleRuleNonCurrentExpirationArgs(non_current_days=spec.audit.retention_days),
                    abort_incomplete_multipart_upload=tencentcloud.cos.BucketLifecycleRuleAbortIncompleteMultipartUploadArgs(
                        days_after_initiation=ABORT_INCOMPLETE_UPLOAD_DAYS
                    ),
                )
            ],
            tags=tags,
            opts=protected(opts, spec),
        )
        # CreateAuditTrack takes no region filter, so there is no multi-region switch to set, and neither it nor the SDK
        # has log-file integrity validation or tags. The API is served only from ap-guangzhou, ap-hongkong, ap-seoul,
        # ap-singapore, ap-tokyo and eu-frankfurt (API reference 1021/45906) and the provider calls it in the site's
        # region, so sites elsewhere may see the create rejected.
        track = tencentcloud.audit.Track(
            names.resource("audit-trail"),
            name=names.cloud("audit-trail", limit=_TRACK_NAME_LIMIT),
            action_type="*",
            resource_type="*",
            # With resource_type "*", CreateAuditTrack requires event_names to be exactly ["*"].
            event_names=["*"],
            status=1,
            storage=tencentcloud.audit.TrackStorageArgs(
                storage_type="cos",
                storage_region=spec.region,
                # The tracking set names its bucket without the "-<APPID>" suffix.
                storage_name=bucket_name,
                storage_prefix=_AUDIT_PREFIX,
            ),
            opts=pulumi.ResourceOptions.merge(protected(opts, spec), pulumi.ResourceOptions(depends_on=[bucket])),
        )
        return track.id


def _access_log_bucket(
    spec: SecuritySpec, app_id: pulumi.Output[str], tags: dict[str, str], opts: pulumi.ResourceOptions
) -> tencentcloud.cos.Bucket:
    """The site's log bucket: private, encrypted with COS-managed keys (COS writes the logs itself), expiring."""
    names = spec.names
    name = app_id.apply(lambda app: f"{_bucket_name(names, spec.region, app, 'access-logs')}-{app}")
    return tencentcloud.cos.Bucket(
        names.resource("access-logs"),
        bucket=name,
        acl="private",
        encryption_algorithm="AES256",
        lifecycle_rules=[
            tencentcloud.cos.BucketLifecycleRuleArgs(
                filter_prefix=_ACCESS_LOG_PREFIX,
                expiration=tencentcloud.cos.BucketLifecycleRuleExpirationArgs(days=spec.audit.retention_days),
                abort_incomplete_multipart_upload=tencentcloud.cos.BucketLifecycleRuleAbortIncompleteMultipartUploadArgs(
                    days_after_initiation=ABORT_INCOMPLETE_UPLOAD_DAYS
                ),
            )
        ],
        tags=tags,
        opts=protected(opts, spec),
    )


def _ingress(rule: IngressRule, lb_group_id: pulumi.Output[str]) -> tencentcloud.security.GroupRuleSetIngressArgs:
    from_lb = rule.source_kind == "load-balancer"
    return tencentcloud.security.GroupRuleSetIngressArgs(
        action=_ACCEPT,
        protocol="TCP",
        port=str(rule.port),
        # cidr_block and source_security_id are exclusive: the provider rejects a rule that sets both.
        source_security_id=lb_group_id if from_lb else None,
        cidr_block=None if from_lb else rule.source,
        description=rule.description,
    )


def _bucket_name(names: Names, region: str, app_id: str, role: str = "audit") -> str:
    """``inferline-{stack}-{site}-{role}`` in COS characters, short enough for the bucket's endpoint."""
    limit = _COS_ENDPOINT_LIMIT - len(f"-{app_id}.cos.{region}.myqcloud.com")
    name = re.sub(r"[^a-z0-9-]+", "-", names.cloud(role, limit=limit).lower())
    return name.strip("-")
