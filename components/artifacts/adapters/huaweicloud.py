"""Huawei Cloud: an SWR organization and private repository (SWR Basic Edition: no instance to buy), a
private, versioned OBS model bucket encrypted with the site key, and the node identity: an agency for ECS
granted one custom region-level policy (pull this repository, read this bucket's weights, read the
serving-token secret, decrypt with the site key) in the site's region.

The secret is not created: dew.Secret stores its first version's value from secret_text or secret_binary in
the same call, so creating it would put the token in the program and its state (inferline.clouds.capabilities,
"secret-container"). The user creates it under the planned name; the agency may read exactly that name."""

from __future__ import annotations

import json
import re
from typing import ClassVar

import pulumi

from inferline.clouds import CloudName
from inferline.components.artifacts.adapters.base import WEIGHTS_OBJECTS, protected
from inferline.components.artifacts.outputs import ArtifactsOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.providers import import_huaweicloud
from inferline.components.security.adapters.base import EncryptionContext
from inferline.planning.artifacts import ArtifactsSpec
from inferline.planning.naming import Names

import_huaweicloud()
import pulumi_huaweicloud as huaweicloud  # noqa: E402

#: OBS bucket names: 3-63 lower-case letters, digits, '-' and '.', unique across OBS: the site key's id goes in.
_BUCKET_NAME_LIMIT = 63
#: The ECS service an agency delegates to (huaweicloud_identity_agency, delegated_service_name "op_svc_ecs").
_ECS_SERVICE = "op_svc_ecs"
#: A custom policy shown per region project ("XA"), as the agency's project_roles take it (SDK docstring).
_REGION_POLICY = "XA"
#: SWR repository category for an application image (SDK docstring values).
_CATEGORY = "app_server"


class HuaweicloudArtifacts:
    cloud: ClassVar[CloudName] = "huaweicloud"

    def build(
        self, spec: ArtifactsSpec, encryption: EncryptionContext, network: NetworkOutputs, opts: pulumi.ResourceOptions
    ) -> ArtifactsOutputs:
        names = spec.names
        organization = huaweicloud.swr.Organization(names.resource("registry-namespace"), name=spec.namespace, opts=protected(opts, spec))
        huaweicloud.swr.Repository(
            names.resource("repository"),
            organization=organization.name,
            name=spec.repository,
            description=f"inference server of inferline site {names.site}",
            category=_CATEGORY,
            is_public=False,
            opts=protected(opts, spec),
        )
        # OBS in 0.0.12 has no public-access block: the bucket is private by its ACL and by having no policy.
        bucket = huaweicloud.obs.Bucket(
            names.resource("models"),
            bucket=encryption.key_id.apply(lambda key_id: bucket_name(names, key_id)),
            acl="private",
            encryption=True,
            sse_algorithm="kms",
            kms_key_id=encryption.key_id,
            versioning=True,
            force_destroy=not spec.protect,
            tags=dict(spec.tags),
            opts=protected(opts, spec),
        )
        role = huaweicloud.iam.Role(
            names.resource("node-policy"),
            name=spec.identity_name,
            type=_REGION_POLICY,
            description=f"Least privilege of the GPU nodes of inferline site {names.site}",
            policy=pulumi.Output.all(bucket.bucket, encryption.key_id).apply(lambda args: node_policy(spec, args[0], args[1])),
            opts=opts,
        )
        agency = huaweicloud.iam.Agency(
            names.resource("node-agency"),
            name=spec.identity_name,
            description=f"GPU nodes of inferline site {names.site}",
            delegated_service_name=_ECS_SERVICE,
            project_roles=[huaweicloud.iam.AgencyProjectRoleArgs(project=spec.region, roles=[role.name])],
            opts=opts,
        )
        return ArtifactsOutputs(
            registry_host=pulumi.Output.from_input(f"swr.{spec.region}.myhuaweicloud.com"),
            repository=pulumi.Output.from_input(spec.repository_path),
            registry_id=None,
            bucket=bucket.bucket,
            secret_ref=pulumi.Output.from_input(spec.secret_name),
            node_identity=agency.name,
        )


def bucket_name(names: Names, key_id: str) -> str:
    """``inferline-{stack}-{site}-models-{key id}`` in the characters OBS accepts, at most 63 of them."""
    name = names.cloud("models", key_id, limit=_BUCKET_NAME_LIMIT).lower()
    return re.sub(r"[^a-z0-9-]+", "-", name).strip("-")


def node_policy(spec: ArtifactsSpec, bucket: str, key_id: str) -> str:
    """IAM custom policy (version 1.1), each action on the one resource the bootstrap uses."""

    def allow(action: str, resource: str) -> dict[str, object]:
        return {"Effect": "Allow", "Action": [action], "Resource": [resource]}

    statements = [
        # The temporary docker login (CreateSecret) takes no resource; pulling is per repository (SWR user guide,
        # "SWR Custom Policies", example 1: swr:repo:download with swr::createLoginSecret).
        {"Effect": "Allow", "Action": ["swr::createLoginSecret"]},
        allow("swr:repo:download", f"SWR:*:*:repository:{spec.repository_path}"),
        allow("obs:bucket:ListBucket", f"OBS:*:*:bucket:{bucket}"),
        allow("obs:object:GetObject", f"OBS:*:*:object:{bucket}/{WEIGHTS_OBJECTS}"),
        allow("csms:secret:getVersion", f"csms:*:*:secret:{spec.secret_name}"),
        allow("kms:cmk:decrypt", f"KMS:*:*:KeyId:{key_id}"),
    ]
    return json.dumps({"Version": "1.1", "Statement": statements})
