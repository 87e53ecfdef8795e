"""Regressions found while merging: a group reference never blocks the ingress rule; TLS 1.0-capable policies are not TLS 1.3."""

from __future__ import annotations


def test_an_unknown_source_group_in_a_tencent_rule_set_leaves_the_rule_checkable() -> None:
    """A first preview does not know the load balancer group's id; a group reference opens nothing to the internet."""
    from inferline.policies.rules import ResourceView
    from inferline.policies.rules.ingress import check_public_ingress

    props = {
        "ingresses": [
            {"action": "ACCEPT", "sourceSecurityId": "<computed>", "protocol": "TCP", "port": "8000"},
            {"action": "ACCEPT", "cidrBlock": "10.2.0.0/16", "protocol": "TCP", "port": "8000"},
        ]
    }
    view = ResourceView("urn:rules", "tencentcloud:Security/groupRuleSet:GroupRuleSet", props)
    assert check_public_ingress(view) is None
    unknown_cidr = {"ingresses": [{"action": "ACCEPT", "cidrBlock": "<computed>", "protocol": "TCP", "port": "8000"}]}
    finding = check_public_ingress(ResourceView("urn:rules", "tencentcloud:Security/groupRuleSet:GroupRuleSet", unknown_cidr))
    assert finding is not None and finding.outcome == "unknown"


def test_policies_that_still_allow_tls_1_0_are_not_tls13_policies() -> None:
    from inferline.policies.rules import ResourceView
    from inferline.policies.rules.tls import check_tls13_listener

    alibaba = ResourceView("urn:l", "alicloud:alb/listener:Listener", {"listenerProtocol": "HTTPS", "securityPolicyId": "tls_cipher_policy_1_0_to_1_3"})
    huawei = ResourceView("urn:l", "huaweicloud:DedicatedElb/listener:Listener", {"protocol": "HTTPS", "tlsCiphersPolicy": "tls-1-0-with-1-3"})
    aws_pq = ResourceView("urn:l", "aws:lb/listener:Listener", {"protocol": "HTTPS", "sslPolicy": "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"})
    assert [getattr(check_tls13_listener(view), "outcome", None) for view in (alibaba, huawei, aws_pq)] == ["violation", "violation", None]
