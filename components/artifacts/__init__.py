"""SiteArtifacts: one site's private image repository, model bucket, serving-token secret and node identity."""

from __future__ import annotations

import pulumi

from inferline.components.artifacts.adapters.base import ArtifactsAdapter
from inferline.components.artifacts.outputs import ArtifactsOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import EncryptionContext
from inferline.planning.artifacts import ArtifactsSpec

#: Type token of the component; part of every child's URN. Never change it without an alias.
ARTIFACTS_TYPE = "inferline:serving:Artifacts"


class SiteArtifacts(pulumi.ComponentResource):
    """What the site's GPU nodes boot from. Named after the site; children are named ``{site}-{role}``."""

    outputs: ArtifactsOutputs

    def __init__(
        self,
        spec: ArtifactsSpec,
        adapter: ArtifactsAdapter,
        encryption: EncryptionContext,
        network: NetworkOutputs,
        provider: pulumi.ProviderResource,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(ARTIFACTS_TYPE, spec.names.site, None, opts)
        self.outputs = adapter.build(spec, encryption, network, pulumi.ResourceOptions(parent=self, provider=provider))
        outputs = self.outputs
        self.register_outputs(
            {
                "registryHost": outputs.registry_host,
                "repository": outputs.repository,
                "registryId": outputs.registry_id,
                "bucket": outputs.bucket,
                "secretRef": outputs.secret_ref,
                "nodeIdentity": outputs.node_identity,
            }
        )


__all__ = ["ARTIFACTS_TYPE", "ArtifactsOutputs", "SiteArtifacts"]
