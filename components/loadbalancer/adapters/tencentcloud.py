"""Tencent Cloud: a public CLB with the load-balancer security group, its one custom configuration (TLS 1.3 and the
planned timeouts and body size), an HTTPS listener with the site certificate, and one layer-7 rule for the site's
domain that carries the health check; the scaling group registers its nodes with that listener and rule.

A CLB instance takes exactly one custom configuration, and it is the only place both ``ssl_protocols`` and the
timeouts can be set (tencentcloud.com/document/product/214/32427), so they go into the same one."""

from __future__ import annotations

from typing import ClassVar

import pulumi
import tencentcloud_iac_pulumi as tencentcloud

from inferline.clouds import CloudName
from inferline.components.loadbalancer.adapters.base import LoadBalancerSite
from inferline.components.loadbalancer.outputs import LoadBalancerOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import SecurityOutputs
from inferline.planning.serving import LoadBalancerSpec

#: CLB, listener and custom configuration names: at most 60 characters (CLB API reference).
_NAME_LIMIT = 60
#: health_check_http_code is a bit mask: 1 = 1xx, 2 = 2xx, 4 = 3xx, 8 = 4xx, 16 = 5xx (ListenerRule docstring).
_HTTP_2XX = 2
#: proxy_read_timeout takes 30-3600 s; client_max_body_size above 256 MB needs proxy_request_buffering off.
_MIN_PROXY_READ_TIMEOUT_S = 30
_BUFFERED_BODY_LIMIT_MB = 256


def custom_configuration(spec: LoadBalancerSpec) -> str:
    """The CLB's one custom configuration: TLS versions first, then the timers and the body size, one per line."""
    items = [
        spec.tls.value,
        # Client keep-alive (0-900 s) and the silence allowed between two reads from a GPU node (a stream's gaps).
        f"keepalive_timeout {spec.idle_timeout_s}s;",
        f"proxy_read_timeout {max(spec.idle_timeout_s, _MIN_PROXY_READ_TIMEOUT_S)}s;",
    ]
    if spec.max_body_mb is not None:
        items.append(f"client_max_body_size {spec.max_body_mb}M;")
        if spec.max_body_mb > _BUFFERED_BODY_LIMIT_MB:
            items.append("proxy_request_buffering off;")
    # Items separated as in the SDK's example (CRLF).
    return "\r\n".join(items)


class TencentcloudLoadBalancer:
    cloud: ClassVar[CloudName] = "tencentcloud"

    def build(
        self,
        spec: LoadBalancerSpec,
        site: LoadBalancerSite,
        network: NetworkOutputs,
        security: SecurityOutputs,
        opts: pulumi.ResourceOptions,
    ) -> LoadBalancerOutputs:
        if spec.kind != "clb" or spec.layer != 7:
            raise ValueError(f"Tencent Cloud sites build a layer-7 CLB listener, not a layer-{spec.layer} {spec.kind.upper()}")
        if security.load_balancer_security_group_id is None:
            raise ValueError(f"site '{site.names.site}' has no load-balancer security group")
        names, tags = site.names, dict(site.tags)
        balancer = tencentcloud.clb.Instance(
            names.resource("lb"),
            clb_name=names.cloud("lb", limit=_NAME_LIMIT),
            network_type="OPEN",
            vpc_id=network.vpc_id,
            security_groups=[security.load_balancer_security_group_id],
            # Backends see clients' addresses, not the CLB's: with this on, the CLB's group decides what reaches the
            # nodes and the GPU group admits the CLB's group (SDK docstring: only the CLB's group is checked).
            load_balancer_pass_to_target=True,
            delete_protect=site.protect,
            tags=tags,
            opts=opts,
        )
        tencentcloud.clb.CustomizedConfig(
            names.resource("lb-config"),
            config_name=names.cloud("lb-config", limit=_NAME_LIMIT),
            config_content=custom_configuration(spec),
            load_balancer_ids=[balancer.id],
            opts=opts,
        )
        listener = tencentcloud.clb.Listener(
            names.resource("https"),
            clb_id=balancer.id,
            listener_name=names.cloud("https", limit=_NAME_LIMIT),
            port=spec.https_port,
            protocol="HTTPS",
            certificate_ssl_mode="UNIDIRECTIONAL",
            certificate_id=security.certificate_id,
            opts=opts,
        )
        # HTTPS listeners keep their health check and scheduler on the rule (ListenerRule docstring).
        rule = tencentcloud.clb.ListenerRule(
            names.resource("https-rule"),
            clb_id=balancer.id,
            listener_id=listener.listener_id,
            domain=site.domain,
            url="/",
            forward_type="HTTP",
            scheduler="LEAST_CONN",
            health_check_switch=True,
            health_check_type="HTTP",
            health_check_http_method="GET",
            health_check_http_path=spec.health_check_path,
            health_check_http_code=_HTTP_2XX,
            health_check_interval_time=spec.health_check_interval_s,
            health_check_time_out=spec.health_check_timeout_s,
            health_check_health_num=spec.healthy_threshold,
            health_check_unhealth_num=spec.unhealthy_threshold,
            opts=opts,
        )
        return LoadBalancerOutputs(
            load_balancer_id=balancer.id, address=balancer.domain, backend_group_id=listener.listener_id, rule_id=rule.rule_id
        )
