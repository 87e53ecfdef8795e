"""Volcano Engine: a public ALB in the site's edge subnets with a traffic-billed EIP, an instance server group on the
serving port with an HTTP health check, the custom configuration that sets TLS 1.2/1.3 and the planned timers and
body size, and an HTTPS listener with the site certificate (uploaded to ALB) bound to that configuration.

Every resource here comes from ``pulumi-volcengine`` (0.0.47), the provider in use. TLS 1.3 in an ALB custom
configuration is served only to accounts on ALB's allow-list, granted by a ticket (volcengine.com/docs/6767/119516):
an account without it fails the custom configuration at apply time. The newer ``pulumi-volcenginecc`` (0.0.64) is
not used: its NLB TLS listener (clb.NlbListener with clb.NlbSecurityPolicy) would be the only other way to TLS 1.3,
and it takes certificate-center certificates only (see ``inferline.clouds.load_balancers``).

The ALB takes no security group: the GPU nodes admit the range ALB reaches its backends from."""

from __future__ import annotations

from typing import ClassVar

import pulumi
import pulumi_volcengine as volcengine

from inferline.clouds import CloudName
from inferline.components.loadbalancer.adapters.base import LoadBalancerSite, edge_subnets
from inferline.components.loadbalancer.outputs import LoadBalancerOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import SecurityOutputs
from inferline.components.volcengine_tags import tag_list
from inferline.planning.serving import LoadBalancerSpec

#: The ALB's EIP: BGP, billed by traffic, so the bandwidth is a cap on the peak (AlbEipBillingConfig docstring).
_EIP_ISP = "BGP"
_EIP_BILLING = "PostPaidByTraffic"
_EIP_BANDWIDTH_MBIT_S = 200


def custom_configuration(spec: LoadBalancerSpec) -> str:
    """The listener's custom configuration: TLS versions, then the timers and body size, in the SDK example's form
    (items one after another, each ending with ';')."""
    items = [
        spec.tls.value,
        # Client keep-alive (0-900 s) and the silence allowed between two reads from a GPU node (a stream's gaps);
        # proxy_read_timeout is listed by the CreateCustomizedCfg API (volcengine.com/docs/6767/123763).
        f"keepalive_timeout {spec.idle_timeout_s}s;",
        f"proxy_read_timeout {spec.idle_timeout_s}s;",
    ]
    if spec.max_body_mb is not None:
        # 1-30720 MB (docs/6767/119516); the default, 60 MB, is below the profiles' largest payloads.
        items.append(f"client_max_body_size {spec.max_body_mb}M;")
    return "".join(items)



class VolcengineLoadBalancer:
    cloud: ClassVar[CloudName] = "volcengine"

    def build(
        self,
        spec: LoadBalancerSpec,
        site: LoadBalancerSite,
        network: NetworkOutputs,
        security: SecurityOutputs,
        opts: pulumi.ResourceOptions,
    ) -> LoadBalancerOutputs:
        if spec.kind != "alb":
            raise ValueError(f"Volcano Engine sites build an ALB, not a {spec.kind.upper()} (see inferline.clouds.load_balancers)")
        names = site.names
        balancer = volcengine.alb.Alb(
            names.resource("lb"),
            load_balancer_name=names.cloud("lb"),
            type="public",
            subnet_ids=edge_subnets(site, network),
            load_balancer_edition="Standard",
            eip_billing_config=volcengine.alb.AlbEipBillingConfigArgs(isp=_EIP_ISP, eip_billing_type=_EIP_BILLING, bandwidth=_EIP_BANDWIDTH_MBIT_S),
            delete_protection="on" if site.protect else "off",
            tags=tag_list(volcengine.alb.AlbTagArgs, site.tags),
            opts=opts,
        )
        group = volcengine.alb.ServerGroup(
            names.resource("backend"),
            server_group_name=names.cloud("backend"),
            server_group_type="instance",
            protocol="HTTP",
            vpc_id=network.vpc_id,
            # Weighted least connections: generation requests differ in length by orders of magnitude.
            scheduler="wlc",
            health_check=volcengine.alb.ServerGroupHealthCheckArgs(
                enabled="on",
                protocol="HTTP",
                method="GET",
                uri=spec.health_check_path,
                http_code="http_2xx",
                interval=spec.health_check_interval_s,
                timeout=spec.health_check_timeout_s,
                healthy_threshold=spec.healthy_threshold,
                unhealthy_threshold=spec.unhealthy_threshold,
            ),
            tags=tag_list(volcengine.alb.ServerGroupTagArgs, site.tags),
            opts=opts,
        )
        configuration = volcengine.alb.CustomizedCfg(
            names.resource("lb-config"),
            customized_cfg_name=names.cloud("lb-config"),
            customized_cfg_content=custom_configuration(spec),
            tags=tag_list(volcengine.alb.CustomizedCfgTagArgs, site.tags),
            opts=opts,
        )
        volcengine.alb.Listener(
            names.resource("https"),
            listener_name=names.cloud("https"),
            load_balancer_id=balancer.id,
            protocol="HTTPS",
            port=spec.https_port,
            server_group_id=group.id,
            certificate_source="alb",
            certificate_id=security.certificate_id,
            customized_cfg_id=configuration.id,
            enable_http2="on",
            tags=tag_list(volcengine.alb.ListenerTagArgs, site.tags),
            opts=opts,
        )
        return LoadBalancerOutputs(load_balancer_id=balancer.id, address=balancer.dns_name, backend_group_id=group.id)
