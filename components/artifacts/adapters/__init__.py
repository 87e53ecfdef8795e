"""Per-cloud adapters of the artifacts capability."""

from inferline.components.artifacts.adapters.base import ArtifactsAdapter, ArtifactsOutputs

__all__ = ["ArtifactsAdapter", "ArtifactsOutputs"]
