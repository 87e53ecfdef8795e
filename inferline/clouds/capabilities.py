"""What a cloud's Pulumi SDK cannot express, with the reason: capabilities are data, never silently skipped."""

from __future__ import annotations

from typing import Literal

Feature = Literal["audit-trail", "tls13-clb", "tls13-nlb", "secret-container"]

#: Why a cloud's serving-token secret is not created by inferline: its SDK creates a secret only together with
#: its first value, which would put the token in the program and the state. The user creates it under the
#: planned name (README, "Node bootstrap and artifacts"); the node identity may read exactly that name.
_SECRET_WITH_VALUE = "{resource} requires {argument}: creating the secret would put the serving token in the program and its state"

#: cloud -> feature -> why the installed SDK cannot build it.
UNSUPPORTED: dict[str, dict[Feature, str]] = {
    "alicloud": {
        "secret-container": _SECRET_WITH_VALUE.format(resource="pulumi_alicloud kms.Secret", argument="secret_data and version_id"),
    },
    "huaweicloud": {
        "secret-container": _SECRET_WITH_VALUE.format(
            resource="pulumi_huaweicloud dew.Secret", argument="its first version's value (secret_text or secret_binary)"
        ),
    },
    "volcengine": {
        "secret-container": _SECRET_WITH_VALUE.format(resource="pulumi_volcengine kms.Secret", argument="secret_value"),
        "tls13-clb": "Volcengine CLB listeners stop at tls_cipher_policy_1_2_strict: no TLS 1.3 policy exists",
        "tls13-nlb": "Volcengine NLB listeners take no TLS arguments at all",
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

