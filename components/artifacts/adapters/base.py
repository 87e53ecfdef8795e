"""The interface every cloud's artifacts adapter implements, and what the identity policies share."""

from __future__ import annotations

from typing import ClassVar, Protocol

import pulumi

from inferline.clouds import CloudName
from inferline.components.artifacts.outputs import ArtifactsOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import EncryptionContext
from inferline.planning.artifacts import WEIGHTS_PREFIX, ArtifactsSpec

#: What the node identity may read in the model bucket: the weights and nothing else.
WEIGHTS_OBJECTS = f"{WEIGHTS_PREFIX}/*"


class ArtifactsAdapter(Protocol):
    """Translates an ``ArtifactsSpec`` into one cloud's repository, bucket, secret and node identity."""

    cloud: ClassVar[CloudName]

    def build(
        self, spec: ArtifactsSpec, encryption: EncryptionContext, network: NetworkOutputs, opts: pulumi.ResourceOptions
    ) -> ArtifactsOutputs:
        """Declare the site's artifacts; every child takes ``opts`` (parent and the site's provider)."""
        ...


def protected(opts: pulumi.ResourceOptions, spec: ArtifactsSpec) -> pulumi.ResourceOptions:
    """``opts`` with ``protect`` in prod, for the bucket and repository that hold what nodes serve."""
    return pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(protect=spec.protect))


__all__ = ["WEIGHTS_OBJECTS", "ArtifactsAdapter", "ArtifactsOutputs", "protected"]
