"""Volcano Engine: a CR registry instance (Standard Edition, billed while it exists) with a private namespace
and repository reachable from the site's VPC, a private, versioned TOS model bucket encrypted with the site key,
and the node identity: an IAM role for ECS with one custom policy (pull this repository, read this bucket's
weights, read the serving-token secret, decrypt with the site key). Every resource comes from
pulumi-volcengine 0.0.47.

The secret is not created: kms.Secret requires secret_value, so creating it would put the token in the program
and its state (inferline.clouds.capabilities, "secret-container"). The user creates it under the planned name."""

from __future__ import annotations

import json
import re
from typing import ClassVar

import pulumi
import pulumi_volcengine as volcengine

from inferline.clouds import CloudName
from inferline.components.artifacts.adapters.base import WEIGHTS_OBJECTS, protected
from inferline.components.artifacts.outputs import ArtifactsOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import EncryptionContext
from inferline.components.volcengine_tags import tag_list
from inferline.planning.artifacts import ArtifactsSpec
from inferline.planning.naming import Names

#: TOS bucket names: 3-63 lower-case letters, digits and '-', unique across TOS: the site key's id goes in.
_BUCKET_NAME_LIMIT = 63
#: The registry edition (SDK docstring of cr.Registry.type: Enterprise or Micro; Enterprise is the default).
_REGISTRY_EDITION = "Enterprise"
_PROJECT = "default"
#: The ECS service principal of a role instances assume (IAM "Trusted Identity (Principal)": a service name).
_ECS = "ecs"


class VolcengineArtifacts:
    cloud: ClassVar[CloudName] = "volcengine"

    def build(
        self, spec: ArtifactsSpec, encryption: EncryptionContext, network: NetworkOutputs, opts: pulumi.ResourceOptions
    ) -> ArtifactsOutputs:
        names = spec.names
        if encryption.key_arn is None:
            raise ValueError(f"site '{names.site}': the Volcano Engine site key has no TRN")
        # No password: nodes and operators log in with temporary tokens (GetAuthorizationToken).
        registry = volcengine.cr.Registry(
            names.resource("registry"), name=spec.namespace, type=_REGISTRY_EDITION, project=_PROJECT,
            delete_immediately=not spec.protect, opts=protected(opts, spec),
        )
        namespace = volcengine.cr.Namespace(
            names.resource("registry-namespace"), registry=registry.name, name=spec.namespace, project=_PROJECT,
            repository_default_access_level="Private", opts=opts,
        )
        volcengine.cr.Repository(
            names.resource("repository"), registry=registry.name, namespace=namespace.name, name=spec.repository,
            access_level="Private", description=f"inference server of inferline site {names.site}", opts=opts,
        )
        first_zone = sorted(network.private_subnet_ids)[0]
        volcengine.cr.VpcEndpoint(
            names.resource("registry-vpc"),
            registry=registry.name,
            vpcs=[volcengine.cr.VpcEndpointVpcArgs(vpc_id=network.vpc_id, subnet_id=network.private_subnet_ids[first_zone])],
            opts=opts,
        )
        bucket = volcengine.tos.Bucket(
            names.resource("models"),
            bucket_name=encryption.key_id.apply(lambda key_id: bucket_name(names, key_id)),
            public_acl="private",
            enable_version=True,
            tags=tag_list(volcengine.tos.BucketTagArgs, spec.tags),
            opts=protected(opts, spec),
        )
        volcengine.tos.BucketEncryption(
            names.resource("models-encryption"),
            bucket_name=bucket.bucket_name,
            rule=volcengine.tos.BucketEncryptionRuleArgs(
                apply_server_side_encryption_by_default=volcengine.tos.BucketEncryptionRuleApplyServerSideEncryptionByDefaultArgs(
                    sse_algorithm="kms", kms_master_key_id=encryption.key_arn
                )
            ),
            opts=opts,
        )
        role = volcengine.iam.Role(
            names.resource("node-role"),
            role_name=spec.identity_name,
            display_name=spec.identity_name,
            description=f"GPU nodes of inferline site {names.site}",
            trust_policy_document=json.dumps(
                {"Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole"], "Principal": {"Service": [_ECS]}}]}
            ),
            opts=opts,
        )
        policy = volcengine.iam.Policy(
            names.resource("node-policy"),
            policy_name=spec.identity_name,
            description=f"Least privilege of the GPU nodes of inferline site {names.site}",
            policy_document=pulumi.Output.all(bucket.bucket_name, encryption.key_arn).apply(lambda args: node_policy(spec, args[0], args[1])),
            opts=opts,
        )
        volcengine.iam.RolePolicyAttachment(
            names.resource("node-policy-attachment"), role_name=role.role_name, policy_name=policy.policy_name, policy_type="Custom", opts=opts
        )
        return ArtifactsOutputs(
            registry_host=pulumi.Output.from_input(f"{spec.namespace}-{spec.region}.cr.volces.com"),
            repository=pulumi.Output.from_input(spec.repository_path),
            registry_id=registry.name,
            bucket=bucket.bucket_name,
            secret_ref=pulumi.Output.from_input(spec.secret_name),
            node_identity=role.role_name,
        )


def bucket_name(names: Names, key_id: str) -> str:
    """``inferline-{stack}-{site}-models-{key id}`` in the characters TOS accepts, at most 63 of them."""
    name = names.cloud("models", key_id, limit=_BUCKET_NAME_LIMIT).lower()
    return re.sub(r"[^a-z0-9-]+", "-", name).strip("-")


def node_policy(spec: ArtifactsSpec, bucket: str, key_trn: str) -> str:
    """IAM custom policy, each action on the one resource the bootstrap uses (TRNs without an account id
    match the caller's own account)."""

    def allow(action: str, resource: str) -> dict[str, object]:
        return {"Effect": "Allow", "Action": [action], "Resource": [resource]}

    statements = [
        allow("cr:GetAuthorizationToken", f"trn:cr:{spec.region}:*:registry/{spec.namespace}"),
        allow("cr:PullRepository", f"trn:cr:{spec.region}:*:repository/{spec.namespace}/{spec.repository_path}"),
        allow("tos:ListBucket", f"trn:tos:::{bucket}"),
        allow("tos:GetObject", f"trn:tos:::{bucket}/{WEIGHTS_OBJECTS}"),
        allow("kms:GetSecretValue", f"trn:kms:{spec.region}:*:secret/{spec.secret_name}"),
        allow("kms:Decrypt", key_trn),
    ]
    return json.dumps({"Statement": statements})
