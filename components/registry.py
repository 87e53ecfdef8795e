"""One registry of the per-cloud adapters: a row per cloud, a field per capability.

A new cloud adds a row; a new capability (pools, load balancers, platforms, observability) adds a field and
an adapter per cloud. Adapters are stateless: one instance per cloud serves every site of every stack.
"""

from __future__ import annotations

from dataclasses import dataclass

from inferline.clouds import CLOUDS, CloudName
from inferline.components.artifacts.adapters.alicloud import AlicloudArtifacts
from inferline.components.artifacts.adapters.aws import AwsArtifacts
from inferline.components.artifacts.adapters.base import ArtifactsAdapter
from inferline.components.artifacts.adapters.huaweicloud import HuaweicloudArtifacts
from inferline.components.artifacts.adapters.tencentcloud import TencentcloudArtifacts
from inferline.components.artifacts.adapters.volcengine import VolcengineArtifacts
from inferline.components.interconnect.adapters.alicloud import AlicloudInterconnect
from inferline.components.interconnect.adapters.aws import AwsInterconnect
from inferline.components.interconnect.adapters.base import InterconnectAdapter
from inferline.components.interconnect.adapters.huaweicloud import HuaweicloudInterconnect
from inferline.components.interconnect.adapters.tencentcloud import TencentcloudInterconnect
from inferline.components.interconnect.adapters.volcengine import VolcengineInterconnect
from inferline.components.loadbalancer.adapters.alicloud import AlicloudLoadBalancer
from inferline.components.loadbalancer.adapters.aws import AwsLoadBalancer
from inferline.components.loadbalancer.adapters.base import LoadBalancerAdapter
from inferline.components.loadbalancer.adapters.huaweicloud import HuaweicloudLoadBalancer
from inferline.components.loadbalancer.adapters.tencentcloud import TencentcloudLoadBalancer
from inferline.components.loadbalancer.adapters.volcengine import VolcengineLoadBalancer
from inferline.components.network.adapters.alicloud import AlicloudNetwork
from inferline.components.network.adapters.aws import AwsNetwork
from inferline.components.network.adapters.base import NetworkAdapter
from inferline.components.network.adapters.huaweicloud import HuaweicloudNetwork
from inferline.components.network.adapters.tencentcloud import TencentcloudNetwork
from inferline.components.network.adapters.volcengine import VolcengineNetwork
from inferline.components.pool.adapters.alicloud import AlicloudPool
from inferline.components.pool.adapters.aws import AwsPool
from inferline.components.pool.adapters.base import PoolAdapter
from inferline.components.pool.adapters.huaweicloud import HuaweicloudPool
from inferline.components.pool.adapters.tencentcloud import TencentcloudPool
from inferline.components.pool.adapters.volcengine import VolcenginePool
from inferline.components.security.adapters.alicloud import AlicloudSecurity
from inferline.components.security.adapters.aws import AwsSecurity
from inferline.components.security.adapters.base import SecurityAdapter
from inferline.components.security.adapters.huaweicloud import HuaweicloudSecurity
from inferline.components.security.adapters.tencentcloud import TencentcloudSecurity
from inferline.components.security.adapters.volcengine import VolcengineSecurity


@dataclass(frozen=True)
class CloudAdapters:
    """Every capability's adapter for one cloud."""

    network: NetworkAdapter
    security: SecurityAdapter
    interconnect: InterconnectAdapter
    load_balancer: LoadBalancerAdapter
    artifacts: ArtifactsAdapter
    pool: PoolAdapter


REGISTRY: dict[CloudName, CloudAdapters] = {
    "aws": CloudAdapters(AwsNetwork(), AwsSecurity(), AwsInterconnect(), AwsLoadBalancer(), AwsArtifacts(), AwsPool()),
    "alicloud": CloudAdapters(AlicloudNetwork(), AlicloudSecurity(), AlicloudInterconnect(), AlicloudLoadBalancer(), AlicloudArtifacts(), AlicloudPool()),
    "tencentcloud": CloudAdapters(TencentcloudNetwork(), TencentcloudSecurity(), TencentcloudInterconnect(), TencentcloudLoadBalancer(), TencentcloudArtifacts(), TencentcloudPool()),
    "huaweicloud": CloudAdapters(HuaweicloudNetwork(), HuaweicloudSecurity(), HuaweicloudInterconnect(), HuaweicloudLoadBalancer(), HuaweicloudArtifacts(), HuaweicloudPool()),
    "volcengine": CloudAdapters(VolcengineNetwork(), VolcengineSecurity(), VolcengineInterconnect(), VolcengineLoadBalancer(), VolcengineArtifacts(), VolcenginePool()),
}


def adapters(cloud: str) -> CloudAdapters:
    try:
        return REGISTRY[cloud]  # type: ignore[index]
    except KeyError:
        raise ValueError(f"Cloud '{cloud}' is not one of {list(CLOUDS)}") from None
