"""Security adapters, one per cloud (registered in ``components.registry``)."""

from __future__ import annotations

from inferline.components.security.adapters.base import EncryptionContext, SecurityAdapter, SecurityOutputs, SiteCertificate

__all__ = ["EncryptionContext", "SecurityAdapter", "SecurityOutputs", "SiteCertificate"]
