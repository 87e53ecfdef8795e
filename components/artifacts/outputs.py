"""What a site's artifacts capability hands the GPU pools and the stack's outputs."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi


@dataclass
class ArtifactsOutputs:
    """The site's registry, repository, model bucket, token secret and node identity, as the pools take them."""

    #: Host nodes log in to and pull from (``docker login <host>``).
    registry_host: pulumi.Output[str]
    #: ``namespace/repository`` under the host.
    repository: pulumi.Output[str]
    #: The registry instance, where the cloud's login names one (Tencent TCR instance id, Volcano Engine CR
    #: registry name); None where the registry is the region's (ECR, ACR Personal Edition, SWR).
    registry_id: pulumi.Output[str] | None
    bucket: pulumi.Output[str]
    #: The serving token's secret as nodes name it (an ARN on AWS, the secret's name elsewhere).
    secret_ref: pulumi.Output[str]
    #: What a launch template or scaling configuration attaches: the instance profile name on AWS, the RAM /
    #: CAM / IAM role name on Alibaba, Tencent and Volcano Engine, the agency name on Huawei.
    node_identity: pulumi.Output[str]


__all__ = ["ArtifactsOutputs"]
