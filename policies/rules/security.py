"""Security rules: key rotation, no public ingress but listener ports, TLS 1.3 on every TLS listener."""

from __future__ import annotations

from inferline.policies.rules.ingress import ALL_PORTS, NO_PUBLIC_INGRESS, check_public_ingress, is_public
from inferline.policies.rules.keys import KEY_ROTATION, KMS_KEY_ROTATION, check_key_rotation
from inferline.policies.rules.tls import TLS13_LISTENERS, check_tls13_listener

__all__ = [
    "ALL_PORTS",
    "KEY_ROTATION",
    "KMS_KEY_ROTATION",
    "NO_PUBLIC_INGRESS",
    "TLS13_LISTENERS",
    "check_key_rotation",
    "check_public_ingress",
    "check_tls13_listener",
    "is_public",
]
