from __future__ import annotations

import pytest

from inferline.planning.tls import TLS13_VALUES, TlsUnsupportedError, tls_listener_policy


@pytest.mark.parametrize(
    ("cloud", "kind", "value"),
    [
        ("aws", "alb", "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"),
        ("aws", "nlb", "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"),
        ("alicloud", "alb", "tls_cipher_policy_1_2_strict_with_1_3"),
        ("alicloud", "clb", "tls_cipher_policy_1_2_strict_with_1_3"),
        ("tencentcloud", "clb", "ssl_protocols TLSv1.2 TLSv1.3;"),
        ("huaweicloud", "alb", "tls-1-2-fs-with-1-3"),
        ("huaweicloud", "nlb", "tls-1-2-fs-with-1-3"),
        ("volcengine", "alb", "ssl_protocols TLSv1.2 TLSv1.3;"),
    ],
)
def test_every_cloud_has_a_tls13_listener_policy(cloud: str, kind: str, value: str) -> None:
    policy = tls_listener_policy(cloud, kind)  # type: ignore[arg-type]
    assert policy.value == value
    if cloud in TLS13_VALUES:
        assert policy.value in TLS13_VALUES[cloud]


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("clb", "volcengine CLB listeners cannot negotiate TLS 1.3: Volcengine CLB listeners stop at tls_cipher_policy_1_2_strict: no TLS 1.3 policy exists"),
        (
            "nlb",
            "volcengine NLB listeners cannot negotiate TLS 1.3: Volcengine NLB listeners take no TLS arguments in pulumi-volcengine 0.0.47 "
            "(pulumi-volcenginecc 0.0.64's clb.NlbListener has a TLS 1.3 policy but takes certificate-center certificates only)",
        ),
    ],
)
def test_volcengine_clb_and_nlb_are_refused_with_the_reason(kind: str, message: str) -> None:
    with pytest.raises(TlsUnsupportedError) as raised:
        tls_listener_policy("volcengine", kind)  # type: ignore[arg-type]
    assert str(raised.value) == message
