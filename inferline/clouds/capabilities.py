"""What a cloud's Pulumi SDK cannot express, with the reason: capabilities are data, never silently skipped."""

from __future__ import annotations

from typing import Literal

Feature = Literal["audit-trail", "tls13-clb", "tls13-nlb"]

#: cloud -> feature -> why the installed SDK cannot build it.
UNSUPPORTED: dict[str, dict[Feature, str]] = {
    "volcengine": {
        "tls13-clb": "Volcengine CLB listeners stop at tls_cipher_policy_1_2_strict: no TLS 1.3 policy exists",
        "tls13-nlb": (
            "Volcengine NLB listeners take no TLS arguments in pulumi-volcengine 0.0.47 (pulumi-volcenginecc 0.0.64's "
            "clb.NlbListener has a TLS 1.3 policy but takes certificate-center certificates only)"
        ),
    },
}


def unsupported_reason(cloud: str, feature: Feature) -> str | None:
    return UNSUPPORTED.get(cloud, {}).get(feature)


#: Clouds whose keys rotate on one fixed period only: cloud -> (days, why).
FIXED_KEY_ROTATION_DAYS: dict[str, tuple[int, str]] = {
    # Keys created without a KMS instance are "default keys" (pulumi-alicloud kms.Key docstring of
    # rotation_interval: default keys support only a fixed period of 365 days).
    "alicloud": (365, "Alibaba Cloud KMS default keys rotate every 365 days only; other periods need a paid KMS instance"),
}

