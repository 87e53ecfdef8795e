"""Each cloud's site load balancer: which kind inferline builds, and the timers its listeners can hold open.

The load-balancer planner (``inferline.planning.load_balancer``) compares the profile's longest request with
these caps and picks the cloud's L7 load balancer, or an L4 TLS listener where the L7 caps are too short and
the cloud has one inferline can build with TLS 1.3. Every cap names its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["alb", "nlb", "clb"]


@dataclass(frozen=True)
class LoadBalancerFacts:
    cloud: str
    #: The L7 load balancer inferline builds, and what it is called on the cloud.
    l7_kind: Kind
    product: str
    #: Longest idle time (no bytes either way) an L7 listener can be given, seconds.
    l7_max_idle_s: int
    #: Longest whole request (client upload through last response byte) an L7 listener can be given, seconds;
    #: None where the L7 listener has no whole-request timer (only idle / between-reads timers).
    l7_max_request_s: int | None
    #: The L4 TLS listener used where the L7 caps fall short (None: none inferline can build; see the reason).
    l4_kind: Kind | None
    l4_max_idle_s: int | None
    l4_unavailable: str | None
    #: The Pulumi package the load balancer's resources come from.
    package: str
    source: str
    #: Zones (one subnet each) the L7 load balancer must span at least.
    min_zones: int = 1


FACTS: dict[str, LoadBalancerFacts] = {
    facts.cloud: facts
    for facts in (
        LoadBalancerFacts(
            "aws", "alb", "Application Load Balancer",
            # ALB "Connection idle timeout": 1-4000 s. An ALB has no whole-request timer.
            l7_max_idle_s=4000, l7_max_request_s=None,
            l4_kind=None, l4_max_idle_s=None,
            l4_unavailable="an ALB's only timer is its idle timeout (up to 4000 s); an NLB fallback is not built",
            package="pulumi-aws", source="AWS ELB 'Application Load Balancers: connection idle timeout'",
            # "[Application Load Balancers] You must specify subnets from at least two Availability Zones" (ELBv2 API,
            # SetSubnets / CreateLoadBalancer).
            min_zones=2,
        ),
        LoadBalancerFacts(
            "alicloud", "alb", "Application Load Balancer (ALB)",
            # pulumi-alicloud alb.Listener: idle_timeout and request_timeout 0-600 s. The ALB API reference
            # (alb 2020-06-16 CreateListener) agrees for RequestTimeout: "Valid values: 1 to 600", above that by quota
            # increase; older pages and ROS ALIYUN::ALB::Listener still say 1-180, the limit before it was raised.
            # CLB (slb) stops at 60 s idle and 180 s per request, so it is never used for serving.
            l7_max_idle_s=600, l7_max_request_s=600,
            l4_kind=None, l4_max_idle_s=None,
            l4_unavailable="CLB caps idle time at 60 s and requests at 180 s, and an NLB TCPSSL fallback is not built",
            package="pulumi-alicloud", source="pulumi-alicloud 4.0.0 alb.Listener docstring (idle_timeout, request_timeout)",
            # alb.LoadBalancer zone_mappings: "You must specify at least two zones".
            min_zones=2,
        ),
        LoadBalancerFacts(
            "tencentcloud", "clb", "Cloud Load Balancer (CLB), layer-7 HTTPS listener",
            # Layer-7 custom configuration: keepalive_timeout 0-900 s (more by application), proxy_read_timeout
            # 30-3600 s between two reads from the backend; no whole-request timer.
            l7_max_idle_s=900, l7_max_request_s=None,
            l4_kind=None, l4_max_idle_s=None,
            l4_unavailable="the custom configuration that enables TLS 1.3 applies to layer-7 listeners only, so a TCP_SSL fallback is not built",
            package="tencentcloud-iac-pulumi", source="Tencent Cloud CLB 'Layer-7 Custom Configuration' (tencentcloud.com/document/product/214/32427)",
        ),
        LoadBalancerFacts(
            "huaweicloud", "alb", "dedicated Elastic Load Balance (ELB)",
            # dedicatedelb.Listener: idle_timeout 0-4000 s; request_timeout and response_timeout 1-300 s (HTTP/HTTPS
            # only). A TLS listener on the same load balancer has only the idle timeout (TCP: 10-4000 s).
            l7_max_idle_s=4000, l7_max_request_s=300,
            l4_kind="nlb", l4_max_idle_s=4000, l4_unavailable=None,
            package="pulumi-huaweicloud", source="pulumi-huaweicloud 0.0.12 dedicatedelb.Listener docstring; Huawei ELB 'Configuring Timeout Durations'",
        ),
        LoadBalancerFacts(
            "volcengine", "alb", "Application Load Balancer (ALB)",
            # ALB custom configuration: keepalive_timeout 0-900 s (volcengine.com/docs/6767/119516). The backend
            # read timer is between reads, not per request.
            l7_max_idle_s=900, l7_max_request_s=None,
            l4_kind=None, l4_max_idle_s=None,
            l4_unavailable=(
                "an NLB TLS listener with a TLS 1.3 policy exists only in pulumi-volcenginecc 0.0.64 (clb.NlbListener, "
                "clb.NlbSecurityPolicy) and takes only certificate-center certificates, while the site certificate is "
                "uploaded to ALB; not built"
            ),
            package="pulumi-volcengine", source="volcengine.com/docs/6767/119516 (ALB custom configuration)",
        ),
    )
}
