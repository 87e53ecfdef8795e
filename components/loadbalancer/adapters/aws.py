"""AWS: an internet-facing Application Load Balancer in the edge subnets with the site's load-balancer security
group, an HTTPS listener with the site certificate (ACM) and the planned TLS 1.3 policy, and an instance target
group on the serving port that the GPU scaling group registers with (health check on the planned path)."""

from __future__ import annotations

from typing import ClassVar

import pulumi
import pulumi_aws as aws

from inferline.clouds import CloudName
from inferline.components.loadbalancer.adapters.base import LoadBalancerSite, edge_subnets
from inferline.components.loadbalancer.outputs import LoadBalancerOutputs
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.base import SecurityOutputs
from inferline.planning.serving import LoadBalancerSpec

#: Load balancer and target group names: at most 32 characters, letters, digits and hyphens (ELB API reference).
_ELB_NAME_LIMIT = 32
#: Deregistration delay: 0-3600 s (target group attributes). In-flight streams finish before a node leaves.
_MAX_DEREGISTRATION_DELAY_S = 3600


class AwsLoadBalancer:
    cloud: ClassVar[CloudName] = "aws"

    def build(
        self,
        spec: LoadBalancerSpec,
        site: LoadBalancerSite,
        network: NetworkOutputs,
        security: SecurityOutputs,
        opts: pulumi.ResourceOptions,
    ) -> LoadBalancerOutputs:
        if spec.kind != "alb":
            raise ValueError(f"AWS sites build an ALB, not a {spec.kind.upper()} (see inferline.clouds.load_balancers)")
        if security.load_balancer_security_group_id is None:
            raise ValueError(f"site '{site.names.site}' has no load-balancer security group")
        names = site.names

        def tags(role: str) -> dict[str, str]:
            return {**site.tags, "Name": names.cloud(role, limit=255)}

        balancer = aws.lb.LoadBalancer(
            names.resource("lb"),
            name=names.cloud("lb", limit=_ELB_NAME_LIMIT),
            load_balancer_type="application",
            internal=False,
            subnets=edge_subnets(site, network),
            security_groups=[security.load_balancer_security_group_id],
            # The ALB's only timer: a connection silent this long is closed (1-4000 s).
            idle_timeout=spec.idle_timeout_s,
            drop_invalid_header_fields=True,
            enable_deletion_protection=site.protect,
            tags=tags("lb"),
            opts=opts,
        )
        targets = aws.lb.TargetGroup(
            names.resource("backend"),
            name=names.cloud("backend", limit=_ELB_NAME_LIMIT),
            target_type="instance",
            protocol="HTTP",
            port=spec.backend_port,
            vpc_id=network.vpc_id,
            # Generation requests differ in length by orders of magnitude: send each to the least-busy node.
            load_balancing_algorithm_type="least_outstanding_requests",
            deregistration_delay=min(spec.request_timeout_s, _MAX_DEREGISTRATION_DELAY_S),
            health_check=aws.lb.TargetGroupHealthCheckArgs(
                enabled=True,
                protocol="HTTP",
                port="traffic-port",
                path=spec.health_check_path,
                matcher="200",
                interval=spec.health_check_interval_s,
                timeout=spec.health_check_timeout_s,
                healthy_threshold=spec.healthy_threshold,
                unhealthy_threshold=spec.unhealthy_threshold,
            ),
            tags=tags("backend"),
            opts=opts,
        )
        aws.lb.Listener(
            names.resource("https"),
            load_balancer_arn=balancer.arn,
            port=spec.https_port,
            protocol="HTTPS",
            ssl_policy=spec.tls.value,
            certificate_arn=security.certificate_id,
            default_actions=[aws.lb.ListenerDefaultActionArgs(type="forward", target_group_arn=targets.arn)],
            tags=tags("https"),
            opts=opts,
        )
        return LoadBalancerOutputs(load_balancer_id=balancer.arn, address=balancer.dns_name, backend_group_id=targets.arn)
