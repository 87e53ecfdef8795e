"""Registry of security adapters, one per cloud."""

from __future__ import annotations

from components.security.adapters.alicloud import AlicloudSecurity
from components.security.adapters.aws import AwsSecurity
from components.security.adapters.base import EncryptionContext, SecurityAdapter, SecurityOutputs, SiteCertificate
from components.security.adapters.huaweicloud import HuaweicloudSecurity
from components.security.adapters.tencentcloud import TencentcloudSecurity
from components.security.adapters.volcengine import VolcengineSecurity
from inferline.clouds import CLOUDS

ADAPTERS: dict[str, SecurityAdapter] = {
    adapter.cloud: adapter
    for adapter in (AwsSecurity(), AlicloudSecurity(), TencentcloudSecurity(), HuaweicloudSecurity(), VolcengineSecurity())
}


def security_adapter(cloud: str) -> SecurityAdapter:
    try:
        return ADAPTERS[cloud]
    except KeyError:
        raise ValueError(f"Cloud '{cloud}' is not one of {list(CLOUDS)}") from None


__all__ = ["ADAPTERS", "EncryptionContext", "SecurityAdapter", "SecurityOutputs", "SiteCertificate", "security_adapter"]
