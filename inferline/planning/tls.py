"""The TLS 1.3 listener policy of each cloud's load balancers: where it is set and to what.

Later capabilities (load balancers, global entry) take their listener settings from here, so every TLS
listener inferline declares negotiates TLS 1.3 (with 1.2 for older clients). A load-balancer kind that
cannot do TLS 1.3 is refused with the reason, never given a weaker policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from inferline.clouds.capabilities import unsupported_reason
from inferline.clouds.tls import TLS13_VALUES

LoadBalancerKind = Literal["alb", "nlb", "clb"]


@dataclass(frozen=True)
class TlsListenerPolicy:
    cloud: str
    kind: LoadBalancerKind
    # Where the policy goes: a listener argument, or a custom configuration bound to the load balancer.
    setting: str
    value: str
    source: str


__all__ = ["TLS13_VALUES", "TlsListenerPolicy", "TlsUnsupportedError", "tls_listener_policy"]


class TlsUnsupportedError(ValueError):
    """This load-balancer kind cannot negotiate TLS 1.3 on this cloud."""


_POLICIES: dict[tuple[str, str], TlsListenerPolicy] = {
    (policy.cloud, policy.kind): policy
    for policy in (
        # TLS 1.2 and 1.3 with the hybrid post-quantum key exchange: the console's default and AWS's recommendation
        # ("Security policies for your ALB/NLB"). The API default when ssl_policy is unset (ELBSecurityPolicy-2016-08)
        # has no 1.3.
        TlsListenerPolicy("aws", "alb", "lb.Listener.ssl_policy", "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", "AWS ELB 'Security policies for your Application Load Balancer'"),
        TlsListenerPolicy("aws", "nlb", "lb.Listener.ssl_policy", "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", "AWS ELB 'Security policies for your Network Load Balancer'"),
        TlsListenerPolicy("alicloud", "alb", "alb.Listener.security_policy_id", "tls_cipher_policy_1_2_strict_with_1_3", "Alibaba Cloud SLB 'TLS security policies'"),
        TlsListenerPolicy("alicloud", "clb", "slb.Listener.tls_cipher_policy", "tls_cipher_policy_1_2_strict_with_1_3", "Alibaba Cloud CLB 'TLS security policies'"),
        # Tencent CLB has no listener argument: an instance-level custom configuration sets the protocols (L7 only).
        TlsListenerPolicy("tencentcloud", "clb", "clb.CustomizedConfig.config_content", "ssl_protocols TLSv1.2 TLSv1.3;", "Tencent Cloud CLB 'Layer-7 Custom Configuration'"),
        TlsListenerPolicy("huaweicloud", "alb", "dedicatedelb.Listener.tls_ciphers_policy", "tls-1-2-fs-with-1-3", "pulumi-huaweicloud dedicatedelb.Listener docstring"),
        # A TLS (L4) listener on the same dedicated ELB: security policies apply to HTTPS and TLS listeners alike.
        TlsListenerPolicy("huaweicloud", "nlb", "dedicatedelb.Listener.tls_ciphers_policy", "tls-1-2-fs-with-1-3", "Huawei ELB 'Configuring TLS Security Policies for Encrypted Communication' (elb_ug_jt_0022)"),
        TlsListenerPolicy("volcengine", "alb", "alb.CustomizedCfg.customized_cfg_content", "ssl_protocols TLSv1.2 TLSv1.3;", "pulumi-volcengine alb.CustomizedCfg docstring"),
    )
}

def tls_listener_policy(cloud: str, kind: LoadBalancerKind) -> TlsListenerPolicy:
    """The TLS 1.3 policy for ``kind`` on ``cloud``; raises ``TlsUnsupportedError`` with the reason if there is none."""
    policy = _POLICIES.get((cloud, kind))
    if policy is not None:
        return policy
    reason = unsupported_reason(cloud, "tls13-clb" if kind == "clb" else "tls13-nlb") if kind != "alb" else None
    raise TlsUnsupportedError(
        f"{cloud} {kind.upper()} listeners cannot negotiate TLS 1.3"
        + (f": {reason}" if reason else "; use another load-balancer kind")
    )
