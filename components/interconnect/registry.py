"""Registry of interconnect adapters, one per cloud."""

from __future__ import annotations

from components.interconnect.adapters.alicloud import AlicloudInterconnect
from components.interconnect.adapters.aws import AwsInterconnect
from components.interconnect.adapters.base import InterconnectAdapter
from components.interconnect.adapters.huaweicloud import HuaweicloudInterconnect
from components.interconnect.adapters.tencentcloud import TencentcloudInterconnect
from components.interconnect.adapters.volcengine import VolcengineInterconnect
from inferline.clouds import CLOUDS

ADAPTERS: dict[str, InterconnectAdapter] = {
    adapter.cloud: adapter
    for adapter in (AwsInterconnect(), AlicloudInterconnect(), TencentcloudInterconnect(), HuaweicloudInterconnect(), VolcengineInterconnect())
}


def interconnect_adapter(cloud: str) -> InterconnectAdapter:
    try:
        return ADAPTERS[cloud]
    except KeyError:
        raise ValueError(f"Cloud '{cloud}' is not one of {list(CLOUDS)}") from None


__all__ = ["ADAPTERS", "InterconnectAdapter", "interconnect_adapter"]
