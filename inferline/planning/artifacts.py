"""A site's serving artifacts, named before anything is declared: the private image repository, the model
bucket's weights prefix, the serving token's secret and the node identity.

Public registries and model hubs are often unreachable or slow from mainland regions, so every site with a
GPU pool gets its own repository in its cloud's registry and its own KMS-encrypted bucket; nodes reach only
those, with their instance identity. Names come from the stack and the site, never from a position.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from inferline.clouds import CloudName
from inferline.planning.naming import Names

#: Repository names: lower-case letters, digits and ``._-`` in path components (the OCI distribution
#: spec's repository-name grammar, which ECR, ACR, TCR, SWR and Volcano Engine CR all accept a subset of).
_REPOSITORY_CHARS = re.compile(r"[^a-z0-9-]+")
#: Namespaces (ACR namespaces, TCR namespaces, SWR organizations, CR namespaces): 2-30 characters on ACR
#: Personal Edition, the shortest of the five (ACR "Create a namespace": 2-30 lower-case letters, digits,
#: '-' and '_'); the same name is used on every cloud.
NAMESPACE_LIMIT = 30
#: Prefix of the weights inside the model bucket: ``models/<model id>/``.
WEIGHTS_PREFIX = "models"
#: The inference server's image in the site's repository: one repository per site, tags never reused.
REPOSITORY_NAME = "inference-server"


@dataclass(frozen=True)
class ArtifactsSpec:
    """What the artifacts capability of one site creates, with every name final."""

    names: Names
    cloud: CloudName
    region: str
    tags: Mapping[str, str]
    protect: bool
    #: Registry namespace (ECR: the repository name's first path component) and repository.
    namespace: str
    repository: str
    #: The serving token's secret: its container is created (where the SDK can without a value), its value
    #: is put there by the user, and nodes read it at boot.
    secret_name: str
    #: The node identity: IAM role and instance profile / RAM role / CAM role / agency, named after the site, in
    #: at most naming.DEFAULT_CLOUD_NAME_LIMIT characters; the node's tools name it (Alibaba, Tencent), so every
    #: adapter uses exactly this name.
    identity_name: str

    @property
    def repository_path(self) -> str:
        """``namespace/repository`` as ``docker push`` names it after the registry host."""
        return f"{self.namespace}/{self.repository}"


def artifacts_spec(names: Names, cloud: CloudName, region: str, tags: Mapping[str, str], protect: bool) -> ArtifactsSpec:
    """The site's artifacts, named after the stack and the site."""
    return ArtifactsSpec(
        names=names,
        cloud=cloud,
        region=region,
        tags=tags,
        protect=protect,
        namespace=namespace(names),
        repository=REPOSITORY_NAME,
        secret_name=names.cloud("serving-token"),
        identity_name=names.cloud("gpu-node"),
    )


def namespace(names: Names) -> str:
    """``inferline-{stack}-{site}`` in lower-case letters, digits and '-', at most 30 characters."""
    name = _REPOSITORY_CHARS.sub("-", names.cloud(limit=NAMESPACE_LIMIT).lower())
    return name.strip("-")


def weights_prefix(model: str) -> str:
    """``models/<model id>`` with the model id's '/' kept (``models/deepseek-ai/DeepSeek-R1``)."""
    return f"{WEIGHTS_PREFIX}/{model.strip('/')}"


__all__ = ["REPOSITORY_NAME", "WEIGHTS_PREFIX", "ArtifactsSpec", "artifacts_spec", "namespace", "weights_prefix"]
