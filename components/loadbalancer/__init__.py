"""SiteLoadBalancer: one site's internet-facing TLS load balancer and the backend group its GPU pools join."""

from __future__ import annotations

import pulumi

from inferline.components.loadbalancer.adapters import LoadBalancerAdapter, LoadBalancerSite
from inferline.components.loadbalancer.outputs import LoadBalancerOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import SecurityOutputs
from inferline.planning.serving import LoadBalancerSpec

#: Type token of the component; part of every child's URN. Never change it without an alias.
SITE_LOAD_BALANCER_TYPE = "inferline:serving:LoadBalancer"


class SiteLoadBalancer(pulumi.ComponentResource):
    """A site's load balancer. Named after the site; children are named ``{site}-{role}``."""

    outputs: LoadBalancerOutputs

    def __init__(
        self,
        spec: LoadBalancerSpec,
        site: LoadBalancerSite,
        adapter: LoadBalancerAdapter,
        network: NetworkOutputs,
        security: SecurityOutputs,
        provider: pulumi.ProviderResource,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(SITE_LOAD_BALANCER_TYPE, site.names.site, None, opts)
        child = pulumi.ResourceOptions(parent=self, provider=provider)
        self.outputs = adapter.build(spec, site, network, security, child)
        self.register_outputs(
            {
                "loadBalancerId": self.outputs.load_balancer_id,
                "address": self.outputs.address,
                "backendGroupId": self.outputs.backend_group_id,
            }
        )


__all__ = ["LoadBalancerOutputs", "LoadBalancerSite", "SiteLoadBalancer"]
