"""tls-listener-tls13, finding by finding: outcome and message exactly, for every branch of every type."""

from __future__ import annotations

from typing import Any

import pytest

from inferline.clouds.tls import TLS13_VALUES
from inferline.policies.rules import Finding, ResourceView
from inferline.policies.rules.tls import CHECKS, check_tls13_listener, urn_type

URN = "urn:listener"
ALB = "alicloud:alb/listener:Listener"
HUAWEI = "huaweicloud:DedicatedElb/listener:Listener"
TENCENT = "tencentcloud:Clb/customizedConfig:CustomizedConfig"
VOLC_CFG = "volcengine:alb/customizedCfg:CustomizedCfg"


@pytest.mark.parametrize(
    ("token", "props", "expected"),
    [
        pytest.param("aws:lb/listener:Listener", {"protocol": "HTTPS", "sslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}, None, id="aws-tls13"),
        pytest.param("aws:alb/listener:Listener", {"protocol": "tls", "sslPolicy": "ELBSecurityPolicy-2016-08"}, "violation", id="aws-alb-lowercase-tls-old-policy"),
        pytest.param("aws:lb/listener:Listener", {"protocol": "HTTP"}, None, id="aws-plain-http-not-applicable"),
        pytest.param("aws:lb/listener:Listener", {"protocol": "<computed>"}, "unknown", id="aws-unknown-protocol"),
        pytest.param("aws:lb/listener:Listener", {"protocol": "HTTPS", "sslPolicy": "<secret>"}, "unknown", id="aws-unknown-policy"),
        pytest.param(ALB, {"listenerProtocol": "HTTPS", "securityPolicyId": "tls_cipher_policy_1_2_strict_with_1_3"}, None, id="alicloud-alb"),
        pytest.param("alicloud:slb/listener:Listener", {"protocol": "https", "tlsCipherPolicy": "tls_cipher_policy_1_2"}, "violation", id="alicloud-clb-1-2"),
        pytest.param(HUAWEI, {"protocol": "HTTPS", "tlsCiphersPolicy": "tls-1-2-fs-with-1-3"}, None, id="huawei-tls13"),
        pytest.param(HUAWEI, {"protocol": "TERMINATED_HTTPS", "tlsCiphersPolicy": "tls-1-2"}, "violation", id="huawei-terminated-https"),
        pytest.param(HUAWEI, {"protocol": "HTTPS", "securityPolicyId": "sp-1"}, "unknown", id="huawei-custom-policy"),
        pytest.param(HUAWEI, {"protocol": "QUIC", "tlsCiphersPolicy": "tls-1-2-fs-with-1-3"}, None, id="huawei-quic"),
        pytest.param(TENCENT, {"configContent": "ssl_protocols TLSv1.2 TLSv1.3;\nkeepalive_timeout 75s;"}, None, id="tencent-tls13"),
        pytest.param(TENCENT, {"configContent": "ssl_protocols TLSv1.2;"}, "violation", id="tencent-1-2-only"),
        pytest.param(TENCENT, {"configContent": "keepalive_timeout 75s;"}, None, id="tencent-no-protocols"),
        pytest.param(VOLC_CFG, {"customizedCfgContent": "ssl_protocols TLSv1.3"}, None, id="volcengine-cfg-no-semicolon"),
        pytest.param(VOLC_CFG, {"customizedCfgContent": "ssl_protocols TLSv1.1 TLSv1.2;"}, "violation", id="volcengine-cfg-old"),
        pytest.param("volcengine:alb/listener:Listener", {"protocol": "HTTPS", "customizedCfgId": "cfg-1"}, None, id="volcengine-alb-with-cfg"),
        pytest.param("volcengine:alb/listener:Listener", {"protocol": "HTTPS"}, "violation", id="volcengine-alb-without-cfg"),
        pytest.param("volcengine:alb/listener:Listener", {"protocol": "HTTPS", "customizedCfgId": "<computed>"}, "unknown", id="volcengine-alb-cfg-unknown"),
        pytest.param("volcengine:clb/listener:Listener", {"protocol": "HTTPS"}, "violation", id="volcengine-clb"),
        pytest.param("volcengine:clb/listener:Listener", {"protocol": "TCP"}, None, id="volcengine-clb-tcp"),
        pytest.param("aws:ec2/vpc:Vpc", {}, None, id="not-a-listener"),
    ],
)
def test_outcomes(token: str, props: dict[str, Any], expected: str | None) -> None:
    finding = check_tls13_listener(ResourceView(URN, token, props))
    assert (finding.outcome if finding else None) == expected


def test_messages_say_what_must_hold() -> None:
    def message(token: str, props: dict[str, Any]) -> Finding | None:
        return check_tls13_listener(ResourceView(URN, token, props))

    assert message(ALB, {"listenerProtocol": "HTTPS", "securityPolicyId": "p"}) == Finding(
        URN, "violation", "securityPolicyId is 'p': it must be a TLS 1.3 policy (tls_cipher_policy_1_2_strict_with_1_3)"
    )
    assert message(TENCENT, {"configContent": "ssl_protocols  TLSv1.2 ;"}) == Finding(
        URN, "violation", "configContent sets ssl_protocols 'TLSv1.2': it must include TLSv1.3"
    )
    assert message(HUAWEI, {"protocol": "HTTPS", "securityPolicyId": "sp-1"}) == Finding(
        URN, "unknown", "securityPolicyId names a custom security policy whose protocols the listener does not show; could not be checked"
    )
    assert message("volcengine:alb/listener:Listener", {"protocol": "HTTPS"}) == Finding(
        URN, "violation", "a Volcengine ALB TLS listener needs customizedCfgId: a custom configuration with ssl_protocols TLSv1.2 TLSv1.3"
    )
    assert message("volcengine:clb/listener:Listener", {"listenerProtocol": "HTTPS"}) == Finding(
        URN, "violation", "Volcengine CLB listeners cannot negotiate TLS 1.3; use an ALB"
    )


CONFIG_URN = "urn:pulumi:dev::inferline::inferline:site:Site$inferline:serving:LoadBalancer$volcengine:alb/customizedCfg:CustomizedCfg::s-lb-config"
CFG_UNKNOWN = Finding(URN, "unknown", "customizedCfgId is not known during preview (computed or secret); could not be checked")
OTHER_URN = "urn:pulumi:dev::inferline::inferline:site:Site$volcengine:alb/certificate:Certificate::s-cert"


@pytest.mark.parametrize(
    ("dependencies", "expected"),
    [
        pytest.param({"customizedCfgId": (CONFIG_URN,)}, None, id="from-a-declared-custom-configuration"),
        pytest.param({"customizedCfgId": (OTHER_URN,)}, CFG_UNKNOWN, id="from-something-else"),
        pytest.param({"certificateId": (CONFIG_URN,)}, CFG_UNKNOWN, id="dependency-of-another-property"),
        pytest.param({}, CFG_UNKNOWN, id="no-dependency"),
    ],
)
def test_a_computed_volcengine_configuration_id_passes_only_when_it_comes_from_a_custom_configuration(
    dependencies: dict[str, tuple[str, ...]], expected: Finding | None
) -> None:
    view = ResourceView(URN, "volcengine:alb/listener:Listener", {"protocol": "HTTPS", "customizedCfgId": "<computed>"}, dependencies)
    assert check_tls13_listener(view) == expected


@pytest.mark.parametrize(
    ("urn", "type_"),
    [
        pytest.param(CONFIG_URN, "volcengine:alb/customizedCfg:CustomizedCfg", id="nested"),
        pytest.param("urn:pulumi:dev::p::aws:lb/listener:Listener::x", "aws:lb/listener:Listener", id="top-level"),
        pytest.param("not-a-urn", "", id="malformed"),
    ],
)
def test_urn_type(urn: str, type_: str) -> None:
    assert urn_type(urn) == type_


UNKNOWN = " is not known during preview (computed or secret); could not be checked"


@pytest.mark.parametrize(
    ("token", "props", "expected"),
    [
        pytest.param(ALB, {"listenerProtocol": "<computed>", "securityPolicyId": "p"}, Finding(URN, "unknown", "the listener protocol" + UNKNOWN), id="alb-unknown-listener-protocol"),
        pytest.param("aws:lb/listener:Listener", {"protocol": "<secret>"}, Finding(URN, "unknown", "the listener protocol" + UNKNOWN), id="aws-secret-protocol"),
        pytest.param(HUAWEI, {"protocol": "HTTPS", "securityPolicyId": "<computed>"}, Finding(URN, "unknown", "securityPolicyId / tlsCiphersPolicy" + UNKNOWN), id="huawei-both-fields-named"),
        pytest.param(ALB, {"listenerProtocol": "HTTPS", "securityPolicyId": "<computed>"}, Finding(URN, "unknown", "securityPolicyId" + UNKNOWN), id="alb-unknown-policy"),
        pytest.param(TENCENT, {"configContent": "<computed>"}, Finding(URN, "unknown", "configContent" + UNKNOWN), id="tencent-unknown-config"),
        pytest.param(
            HUAWEI, {"protocol": "HTTPS"}, Finding(URN, "violation", "tlsCiphersPolicy is None: it must be a TLS 1.3 policy (tls-1-2-fs-with-1-3)"), id="huawei-unset-policy"
        ),
        pytest.param("aws:lb/listener:Listener", {}, None, id="no-protocol-is-not-tls"),
        pytest.param("aws:lb/listener:Listener", {"protocol": 443}, None, id="a-non-text-protocol-is-not-tls"),
        pytest.param(TENCENT, {}, None, id="no-configuration-sets-no-protocols"),
        pytest.param(VOLC_CFG, {"customizedCfgContent": "ssl_protocols TLSv1.2;"}, Finding(URN, "violation", "customizedCfgContent sets ssl_protocols 'TLSv1.2': it must include TLSv1.3"), id="volcengine-cfg"),
        pytest.param("volcengine:clb/listener:Listener", {"listenerProtocol": "tls"}, Finding(URN, "violation", "Volcengine CLB listeners cannot negotiate TLS 1.3; use an ALB"), id="volcengine-clb-tls"),
    ],
)
def test_findings_are_exact(token: str, props: dict[str, Any], expected: Finding | None) -> None:
    assert check_tls13_listener(ResourceView(URN, token, props)) == expected


def test_a_violation_names_every_tls13_policy_of_the_cloud_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(TLS13_VALUES, "aws", frozenset({"policy-b", "policy-a"}))
    finding = check_tls13_listener(ResourceView(URN, "aws:alb/listener:Listener", {"protocol": "HTTPS", "sslPolicy": "old"}))
    assert finding == Finding(URN, "violation", "sslPolicy is 'old': it must be a TLS 1.3 policy (policy-a, policy-b)")


def test_every_type_maps_to_the_check_that_judges_it() -> None:
    """The map is data; what each check is given decides which property and which cloud's policies it reads."""
    assert {token: (entry.listener, entry.reads, entry.check.__name__, entry.args) for token, entry in CHECKS.items()} == {
        "aws:lb/listener:Listener": (True, ("sslPolicy",), "_named_policy", ("sslPolicy", "aws")),
        "aws:alb/listener:Listener": (True, ("sslPolicy",), "_named_policy", ("sslPolicy", "aws")),
        "alicloud:alb/listener:Listener": (True, ("securityPolicyId",), "_named_policy", ("securityPolicyId", "alicloud")),
        "alicloud:slb/listener:Listener": (True, ("tlsCipherPolicy",), "_named_policy", ("tlsCipherPolicy", "alicloud")),
        "tencentcloud:Clb/customizedConfig:CustomizedConfig": (False, ("configContent",), "_custom_config", ("configContent",)),
        "huaweicloud:DedicatedElb/listener:Listener": (True, ("securityPolicyId", "tlsCiphersPolicy"), "_huawei_dedicated", ()),
        "volcengine:alb/customizedCfg:CustomizedCfg": (False, ("customizedCfgContent",), "_custom_config", ("customizedCfgContent",)),
        "volcengine:alb/listener:Listener": (True, (), "_volcengine_alb", ()),
        "volcengine:clb/listener:Listener": (True, (), "_refused", ("Volcengine CLB listeners cannot negotiate TLS 1.3; use an ALB",)),
    }
