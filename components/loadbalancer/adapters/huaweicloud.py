"""Huawei Cloud: a dedicated ELB across the site's zones in an edge subnet with a dynamic-BGP EIP, a listener with
the site certificate and the planned TLS 1.3 policy, and a backend server group on the serving port with an HTTP
health check; the scaling group registers its nodes with that group.

Layer 7 is an HTTPS listener with idle, request and response timeouts. Its request and response timeouts stop at
300 s, so a profile whose longest request is longer gets a TLS (layer-4) listener on the same ELB instead, which
has only the idle timer (``inferline.clouds.load_balancers``). A dedicated ELB takes no security group: the GPU
nodes admit the edge subnets the ELB's backend addresses come from."""

from __future__ import annotations

from typing import ClassVar

import pulumi
import pulumi_huaweicloud as huaweicloud

from inferline.clouds import CloudName
from inferline.components.loadbalancer.adapters.base import LoadBalancerSite
from inferline.components.loadbalancer.outputs import LoadBalancerOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import SecurityOutputs
from inferline.planning.serving import LoadBalancerSpec

#: Dynamic BGP EIP (the `type` of pulumi-huaweicloud vpc.Eip examples), billed by traffic: the bandwidth is a cap on
#: the peak, not a charge.
_EIP_TYPE = "5_bgp"
_EIP_BANDWIDTH_MBIT_S = 300
#: Listener protocol and backend protocol per layer (Pool docstring: a TLS listener takes TCP or TLS backends).
_PROTOCOLS = {7: ("HTTPS", "HTTP"), 4: ("TLS", "TCP")}


class HuaweicloudLoadBalancer:
    cloud: ClassVar[CloudName] = "huaweicloud"

    def build(
        self,
        spec: LoadBalancerSpec,
        site: LoadBalancerSite,
        network: NetworkOutputs,
        security: SecurityOutputs,
        opts: pulumi.ResourceOptions,
    ) -> LoadBalancerOutputs:
        names, tags = site.names, dict(site.tags)
        listener_protocol, backend_protocol = _PROTOCOLS[spec.layer]
        balancer = huaweicloud.dedicatedelb.Loadbalancer(
            names.resource("lb"),
            name=names.cloud("lb"),
            description=f"Inference entry of inferline site {names.site}",
            vpc_id=network.vpc_id,
            # The ELB's addresses come from the first zone's edge subnet; it serves from every zone listed.
            ipv4_subnet_id=network.edge_ipv4_subnet_ids[site.zones[0]],
            availability_zones=list(site.zones),
            iptype=_EIP_TYPE,
            sharetype="PER",
            bandwidth_charge_mode="traffic",
            bandwidth_size=_EIP_BANDWIDTH_MBIT_S,
            deletion_protection_enable=site.protect,
            tags=tags,
            opts=opts,
        )
        # Request and response timers exist on HTTP/HTTPS listeners only (1-300 s): the planner keeps them inside.
        request_timeout = spec.request_timeout_s if spec.layer == 7 else None
        listener = huaweicloud.dedicatedelb.Listener(
            names.resource("https"),
            name=names.cloud("https"),
            loadbalancer_id=balancer.id,
            protocol=listener_protocol,
            protocol_port=spec.https_port,
            server_certificate=security.certificate_id,
            tls_ciphers_policy=spec.tls.value,
            http2_enable=True if spec.layer == 7 else None,
            idle_timeout=spec.idle_timeout_s,
            request_timeout=request_timeout,
            response_timeout=request_timeout,
            tags=tags,
            opts=opts,
        )
        pool = huaweicloud.dedicatedelb.Pool(
            names.resource("backend"),
            name=names.cloud("backend"),
            listener_id=listener.id,
            protocol=backend_protocol,
            # Generation requests differ in length by orders of magnitude: send each to the least-busy node.
            lb_method="LEAST_CONNECTIONS",
            opts=opts,
        )
        huaweicloud.dedicatedelb.Monitor(
            names.resource("health"),
            name=names.cloud("health"),
            pool_id=pool.id,
            # An HTTP check on the serving port, also for the TLS listener's TCP backends (Monitor docstring).
            protocol="HTTP",
            http_method="GET",
            url_path=spec.health_check_path,
            status_code="200",
            interval=spec.health_check_interval_s,
            timeout=spec.health_check_timeout_s,
            max_retries=spec.healthy_threshold,
            max_retries_down=spec.unhealthy_threshold,
            opts=opts,
        )
        return LoadBalancerOutputs(load_balancer_id=balancer.id, address=balancer.ipv4_eip, backend_group_id=pool.id)
