"""Tencent Cloud: a TCR Enterprise instance (billed per hour: Tencent's Personal Edition has no API or SDK
resource) with a private namespace and repository, reachable from the site's VPC; a private, versioned COS
model bucket encrypted with the site key; the serving token's SSM secret, created empty (its value is the
user's: ssm.Secret takes none, ssm.SecretVersion carries it); and the node identity, a CAM role for CVM with
one custom policy (pull this repository, read this bucket's weights, read this secret, decrypt with the site
key)."""

from __future__ import annotations

import json
import re
from typing import ClassVar

import pulumi
import tencentcloud_iac_pulumi as tencentcloud

from inferline.clouds import CloudName
from inferline.components.artifacts.adapters.base import WEIGHTS_OBJECTS, protected
from inferline.components.artifacts.outputs import ArtifactsOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import EncryptionContext
from inferline.planning.artifacts import ArtifactsSpec
from inferline.planning.naming import Names

#: COS counts its limit on the endpoint `<name>-<APPID>.cos.<region>.myqcloud.com`, at most 60 characters.
_COS_ENDPOINT_LIMIT = 60
#: The cheapest TCR edition; 1: pay-as-you-go (SDK docstrings of tcr.Instance instance_type and registry_charge_type).
_TCR_EDITION = "basic"
_POSTPAID = 1
#: SSM keeps a deleted secret 1-30 days (SDK docstring; the default 0 deletes at once).
_SECRET_RECOVERY_DAYS = 30
#: The CVM service principal of a role that instances assume (CAM "Role" docs, service role carrier).
_CVM = "cvm.qcloud.com"


class TencentcloudArtifacts:
    cloud: ClassVar[CloudName] = "tencentcloud"

    def build(
        self, spec: ArtifactsSpec, encryption: EncryptionContext, network: NetworkOutputs, opts: pulumi.ResourceOptions
    ) -> ArtifactsOutputs:
        names = spec.names
        tags = dict(spec.tags)
        info = tencentcloud.user.get_info_output(opts=pulumi.InvokeOutputOptions(provider=opts.provider, parent=opts.parent))
        registry = tencentcloud.tcr.Instance(
            names.resource("registry"),
            name=spec.namespace,
            instance_type=_TCR_EDITION,
            registry_charge_type=_POSTPAID,
            # Pushes come over the internet from the operator's machine only if the user opens it (README).
            open_public_operation=False,
            delete_bucket=not spec.protect,
            tags=tags,
            opts=protected(opts, spec),
        )
        tencentcloud.tcr.Namespace(names.resource("registry-namespace"), instance_id=registry.id, name=spec.namespace, is_public=False, opts=opts)
        tencentcloud.tcr.Repository(
            names.resource("repository"), instance_id=registry.id, namespace_name=spec.namespace, name=spec.repository,
            brief_desc=f"inference server of inferline site {names.site}", opts=opts,
        )
        # One attachment gives the VPC a private endpoint and the instance's domain resolving to it.
        first_zone = sorted(network.private_subnet_ids)[0]
        tencentcloud.tcr.VpcAttachment(
            names.resource("registry-vpc"), instance_id=registry.id, vpc_id=network.vpc_id,
            subnet_id=network.private_subnet_ids[first_zone], region_name=spec.region, enable_vpc_domain_dns=True, opts=opts,
        )
        bucket_base = info.app_id.apply(lambda app: bucket_name(names, spec.region, app))
        bucket = tencentcloud.cos.Bucket(
            names.resource("models"),
            bucket=pulumi.Output.concat(bucket_base, "-", info.app_id),
            acl="private",
            encryption_algorithm="KMS",
            kms_id=encryption.key_id,
            versioning_enable=True,
            force_clean=not spec.protect,
            tags=tags,
            opts=protected(opts, spec),
        )
        tencentcloud.ssm.Secret(
            names.resource("serving-token"),
            secret_name=spec.secret_name,
            description=f"Serving token of inferline site {names.site}: put its value yourself (version id: current)",
            kms_key_id=encryption.key_id,
            recovery_window_in_days=_SECRET_RECOVERY_DAYS,
            is_enabled=True,
            tags=tags,
            opts=opts,
        )
        role = tencentcloud.cam.Role(
            names.resource("node-role"),
            name=spec.identity_name,
            description=f"GPU nodes of inferline site {names.site}",
            document=json.dumps(
                {"version": "2.0", "statement": [{"action": ["name/sts:AssumeRole"], "effect": "allow", "principal": {"service": [_CVM]}}]}
            ),
            console_login=False,
            tags=tags,
            opts=opts,
        )
        policy = tencentcloud.cam.Policy(
            names.resource("node-policy"),
            name=spec.identity_name,
            description=f"Least privilege of the GPU nodes of inferline site {names.site}",
            document=pulumi.Output.all(info.owner_uin, info.app_id, registry.id, bucket.bucket, encryption.key_id).apply(
                lambda args: node_policy(spec, *args)
            ),
            opts=opts,
        )
        tencentcloud.cam.RolePolicyAttachment(names.resource("node-policy-attachment"), role_id=role.id, policy_id=policy.id, opts=opts)
        return ArtifactsOutputs(
            # TCR instances answer at `<instance name>.tencentcloudcr.com` (TCR "Accessing an instance").
            registry_host=pulumi.Output.from_input(f"{spec.namespace}.tencentcloudcr.com"),
            repository=pulumi.Output.from_input(spec.repository_path),
            registry_id=registry.id,
            bucket=bucket.bucket,
            secret_ref=pulumi.Output.from_input(spec.secret_name),
            node_identity=role.name,
        )


def bucket_name(names: Names, region: str, app_id: str) -> str:
    """``inferline-{stack}-{site}-models`` in COS characters, short enough for the bucket's endpoint."""
    limit = _COS_ENDPOINT_LIMIT - len(f"-{app_id}.cos.{region}.myqcloud.com")
    return re.sub(r"[^a-z0-9-]+", "-", names.cloud("models", limit=limit).lower()).strip("-")


def node_policy(spec: ArtifactsSpec, uin: str, app_id: str, registry_id: str, bucket: str, key_id: str) -> str:
    """CAM policy (syntax 2.0) with each action on the one resource the bootstrap uses."""
    region = spec.region

    def allow(action: str, resource: str) -> dict[str, object]:
        return {"effect": "allow", "action": [f"name/{action}"], "resource": [resource]}

    statements = [
        allow("tcr:CreateInstanceToken", f"qcs::tcr:{region}:uin/{uin}:instance/{registry_id}"),
        allow("tcr:PullRepository", f"qcs::tcr:{region}:uin/{uin}:repository/{registry_id}/{spec.repository_path}"),
        allow("cos:GetBucket", f"qcs::cos:{region}:uid/{app_id}:{bucket}/"),
        allow("cos:GetObject", f"qcs::cos:{region}:uid/{app_id}:{bucket}/{WEIGHTS_OBJECTS}"),
        allow("ssm:GetSecretValue", f"qcs::ssm:{region}:uin/{uin}:secret/creatorUin/{uin}/{spec.secret_name}"),
        allow("kms:Decrypt", f"qcs::kms:{region}:uin/{uin}:key/creatorUin/{uin}/{key_id}"),
    ]
    return json.dumps({"version": "2.0", "statement": statements})
