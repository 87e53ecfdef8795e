"""Alibaba Cloud: an internet-facing ALB across the site's edge vSwitches with the load-balancer security group,
an HTTPS listener with the site certificate (Certificate Management Service) and the planned TLS 1.3 policy and
timeouts, and an instance server group on the serving port that the scaling group registers with.

CLB (slb) is never used for serving: it caps idle time at 60 s and requests at 180 s, where ALB takes up to 600 s
(``inferline.clouds.load_balancers``)."""

from __future__ import annotations

from typing import ClassVar

import pulumi
import pulumi_alicloud as alicloud

from inferline.clouds import CloudName
from inferline.components.loadbalancer.adapters.base import LoadBalancerSite
from inferline.components.loadbalancer.outputs import LoadBalancerOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import SecurityOutputs
from inferline.planning.serving import LoadBalancerSpec

#: ALB names a Certificate Management Service certificate as "<certificate id>-<region>" (pulumi-alicloud
#: alb.Listener example: `join("", [..._service_certificate.default.id, "-cn-hangzhou"])`).
_CAS_SUFFIX = "-{region}"


class AlicloudLoadBalancer:
    cloud: ClassVar[CloudName] = "alicloud"

    def build(
        self,
        spec: LoadBalancerSpec,
        site: LoadBalancerSite,
        network: NetworkOutputs,
        security: SecurityOutputs,
        opts: pulumi.ResourceOptions,
    ) -> LoadBalancerOutputs:
        if spec.kind != "alb":
            raise ValueError(f"Alibaba Cloud sites build an ALB, not a {spec.kind.upper()} (see inferline.clouds.load_balancers)")
        if security.load_balancer_security_group_id is None:
            raise ValueError(f"site '{site.names.site}' has no load-balancer security group")
        names, tags = site.names, dict(site.tags)
        balancer = alicloud.alb.LoadBalancer(
            names.resource("lb"),
            load_balancer_name=names.cloud("lb"),
            vpc_id=network.vpc_id,
            address_type="Internet",
            address_allocated_mode="Fixed",
            load_balancer_edition="Standard",
            load_balancer_billing_config=alicloud.alb.LoadBalancerLoadBalancerBillingConfigArgs(pay_type="PayAsYouGo"),
            # At least two zones (SDK docstring); one edge vSwitch per zone, in the planned zone order.
            zone_mappings=[
                alicloud.alb.LoadBalancerZoneMappingArgs(vswitch_id=network.edge_subnet_ids[zone], zone_id=zone) for zone in site.zones
            ],
            deletion_protection_enabled=site.protect,
            tags=tags,
            opts=opts,
        )
        alicloud.alb.LoadBalancerSecurityGroupAttachment(
            names.resource("lb-sg-attachment"),
            load_balancer_id=balancer.id,
            security_group_id=security.load_balancer_security_group_id,
            opts=opts,
        )
        group = alicloud.alb.ServerGroup(
            names.resource("backend"),
            server_group_name=names.cloud("backend"),
            server_group_type="Instance",
            protocol="HTTP",
            vpc_id=network.vpc_id,
            # Weighted least connections: generation requests differ in length by orders of magnitude.
            scheduler="Wlc",
            health_check_config=alicloud.alb.ServerGroupHealthCheckConfigArgs(
                health_check_enabled=True,
                health_check_protocol="HTTP",
                health_check_method="GET",
                health_check_path=spec.health_check_path,
                health_check_codes=["http_2xx"],
                health_check_interval=spec.health_check_interval_s,
                health_check_timeout=spec.health_check_timeout_s,
                healthy_threshold=spec.healthy_threshold,
                unhealthy_threshold=spec.unhealthy_threshold,
            ),
            sticky_session_config=alicloud.alb.ServerGroupStickySessionConfigArgs(sticky_session_enabled=False),
            tags=tags,
            opts=opts,
        )
        suffix = _CAS_SUFFIX.format(region=site.region)
        alicloud.alb.Listener(
            names.resource("https"),
            load_balancer_id=balancer.id,
            listener_protocol="HTTPS",
            listener_port=spec.https_port,
            listener_description=names.cloud("https"),
            security_policy_id=spec.tls.value,
            certificates=alicloud.alb.ListenerCertificatesArgs(
                certificate_id=security.certificate_id.apply(lambda cert: cert if cert.endswith(suffix) else f"{cert}{suffix}")
            ),
            # Both 0-600 s (alb.Listener docstring): the planner keeps them inside.
            idle_timeout=spec.idle_timeout_s,
            request_timeout=spec.request_timeout_s,
            http2_enabled=True,
            default_actions=[
                alicloud.alb.ListenerDefaultActionArgs(
                    type="ForwardGroup",
                    forward_group_config=alicloud.alb.ListenerDefaultActionForwardGroupConfigArgs(
                        server_group_tuples=[alicloud.alb.ListenerDefaultActionForwardGroupConfigServerGroupTupleArgs(server_group_id=group.id)]
                    ),
                )
            ],
            tags=tags,
            opts=opts,
        )
        return LoadBalancerOutputs(load_balancer_id=balancer.id, address=balancer.dns_name, backend_group_id=group.id)
