"""Alibaba Cloud: an ACR Personal Edition namespace and private repository (free; nodes pull through the
region's VPC endpoint), a private, versioned OSS model bucket encrypted with the site key, and the node identity:
an instance RAM role for ECS with one custom policy (pull this repository, read this bucket's weights, read
the serving-token secret, decrypt with the site key).

The secret itself is not created: kms.Secret requires secret_data and version_id, so creating it would put
the token in the program and its state (inferline.clouds.capabilities, "secret-container"). The user creates
it under the planned name; the role may read exactly that name."""

from __future__ import annotations

import json
import re
from typing import ClassVar

import pulumi
import pulumi_alicloud as alicloud

from inferline.clouds import CloudName
from inferline.components.artifacts.adapters.base import WEIGHTS_OBJECTS, protected
from inferline.components.artifacts.outputs import ArtifactsOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import EncryptionContext
from inferline.planning.artifacts import WEIGHTS_PREFIX, ArtifactsSpec
from inferline.planning.naming import Names

#: OSS bucket names: 3-63 lower-case letters, digits and '-', unique across OSS: the site key's id goes in.
_BUCKET_NAME_LIMIT = 63
#: The ECS service principal of an instance RAM role (ECS "Instance RAM roles", CreateRole example).
_ECS = "ecs.aliyuncs.com"


class AlicloudArtifacts:
    cloud: ClassVar[CloudName] = "alicloud"

    def build(
        self, spec: ArtifactsSpec, encryption: EncryptionContext, network: NetworkOutputs, opts: pulumi.ResourceOptions
    ) -> ArtifactsOutputs:
        names = spec.names
        account: pulumi.Output[str] = alicloud.get_account_output(
            opts=pulumi.InvokeOutputOptions(provider=opts.provider, parent=opts.parent)
        ).id
        # Personal Edition: no instance to buy. Enterprise Edition (cr.RegistryEnterpriseInstance) is a monthly
        # subscription that Terraform cannot delete, so it is not created behind the user's back.
        namespace = alicloud.cr.Namespace(
            names.resource("registry-namespace"), name=spec.namespace, auto_create=False, default_visibility="PRIVATE",
            opts=protected(opts, spec),
        )
        alicloud.cr.Repo(
            names.resource("repository"),
            namespace=namespace.name,
            name=spec.repository,
            summary=f"inference server of inferline site {names.site}",
            repo_type="PRIVATE",
            opts=protected(opts, spec),
        )
        bucket = alicloud.oss.Bucket(
            names.resource("models"),
            bucket=encryption.key_id.apply(lambda key_id: bucket_name(names, key_id)),
            server_side_encryption_rule=alicloud.oss.BucketServerSideEncryptionRuleArgs(sse_algorithm="KMS", kms_master_key_id=encryption.key_id),
            force_destroy=not spec.protect,
            tags=dict(spec.tags),
            opts=protected(opts, spec),
        )
        alicloud.oss.BucketAcl(names.resource("models-acl"), bucket=bucket.bucket, acl="private", opts=opts)
        alicloud.oss.BucketPublicAccessBlock(names.resource("models-public-access"), bucket=bucket.bucket, block_public_access=True, opts=opts)
        alicloud.oss.BucketVersioning(names.resource("models-versioning"), bucket=bucket.bucket, status="Enabled", opts=opts)

        role = alicloud.ram.Role(
            names.resource("node-role"),
            role_name=spec.identity_name,
            description=f"GPU nodes of inferline site {names.site}",
            assume_role_policy_document=json.dumps(
                {"Version": "1", "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": [_ECS]}}]}
            ),
            tags=dict(spec.tags),
            opts=opts,
        )
        policy = alicloud.ram.Policy(
            names.resource("node-policy"),
            policy_name=spec.identity_name,
            description=f"Least privilege of the GPU nodes of inferline site {names.site}",
            policy_document=pulumi.Output.all(account, bucket.bucket, encryption.key_id).apply(
                lambda args: node_policy(spec, args[0], args[1], args[2])
            ),
            opts=opts,
        )
        alicloud.ram.RolePolicyAttachment(
            names.resource("node-policy-attachment"), role_name=role.role_name, policy_name=policy.policy_name, policy_type="Custom", opts=opts
        )
        return ArtifactsOutputs(
            # The Personal Edition's VPC endpoint: nodes pull without leaving the region's network.
            registry_host=pulumi.Output.from_input(f"registry-vpc.{spec.region}.aliyuncs.com"),
            repository=pulumi.Output.from_input(spec.repository_path),
            registry_id=None,
            bucket=bucket.bucket,
            secret_ref=pulumi.Output.from_input(spec.secret_name),
            node_identity=role.role_name,
        )


def bucket_name(names: Names, key_id: str) -> str:
    """``inferline-{stack}-{site}-models-{key id}`` in the characters OSS accepts, at most 63 of them."""
    name = names.cloud("models", key_id, limit=_BUCKET_NAME_LIMIT).lower()
    return re.sub(r"[^a-z0-9-]+", "-", name).strip("-")


def node_policy(spec: ArtifactsSpec, account: str, bucket: str, key_id: str) -> str:
    """The instance role's only permissions, each on the one resource the bootstrap uses."""
    region = spec.region
    statements = [
        # ACR Personal Edition's GetAuthorizationToken takes no resource: "*" (ACR "RAM authorization" actions).
        {"Effect": "Allow", "Action": ["cr:GetAuthorizationToken"], "Resource": ["*"]},
        {"Effect": "Allow", "Action": ["cr:PullRepository"], "Resource": [f"acs:cr:{region}:{account}:repository/{spec.repository_path}"]},
        {"Effect": "Allow", "Action": ["oss:ListObjects"], "Resource": [f"acs:oss:*:{account}:{bucket}"],
         "Condition": {"StringLike": {"oss:Prefix": [f"{WEIGHTS_PREFIX}/", WEIGHTS_OBJECTS]}}},
        {"Effect": "Allow", "Action": ["oss:GetObject"], "Resource": [f"acs:oss:*:{account}:{bucket}/{WEIGHTS_OBJECTS}"]},
        {"Effect": "Allow", "Action": ["kms:GetSecretValue"], "Resource": [f"acs:kms:{region}:{account}:secret/{spec.secret_name}"]},
        {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": [f"acs:kms:{region}:{account}:key/{key_id}"]},
    ]
    return json.dumps({"Version": "1", "Statement": statements})
