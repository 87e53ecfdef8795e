"""Registry of network adapters, one per cloud."""

from __future__ import annotations

from components.network.adapters.alicloud import AlicloudNetwork
from components.network.adapters.aws import AwsNetwork
from components.network.adapters.base import NetworkAdapter, NetworkOutputs
from components.network.adapters.huaweicloud import HuaweicloudNetwork
from components.network.adapters.tencentcloud import TencentcloudNetwork
from components.network.adapters.volcengine import VolcengineNetwork
from inferline.clouds import CLOUDS

ADAPTERS: dict[str, NetworkAdapter] = {
    adapter.cloud: adapter
    for adapter in (AwsNetwork(), AlicloudNetwork(), TencentcloudNetwork(), HuaweicloudNetwork(), VolcengineNetwork())
}


def network_adapter(cloud: str) -> NetworkAdapter:
    try:
        return ADAPTERS[cloud]
    except KeyError:
        raise ValueError(f"Cloud '{cloud}' is not one of {list(CLOUDS)}") from None


__all__ = ["ADAPTERS", "NetworkAdapter", "NetworkOutputs", "network_adapter"]
