from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inferline.config.profiles import PROFILES, ProfileTargets
from inferline.config.security import SecuritySettings
from inferline.errors import ConfigError
from inferline.planning.load_balancer import idle_timeout_s, plan_load_balancer, request_timeout_s
from inferline.planning.serving import LoadBalancerSpec
from inferline.planning.stack import validate
from inferline.planning.tls import tls_listener_policy
from tests.planning.test_stack import SERVING


def targets(**changes: object) -> ProfileTargets:
    return PROFILES["financial-risk"].model_copy(update=changes)


@pytest.mark.parametrize(
    ("p99_ms", "payload_mb", "idle", "whole"),
    [
        pytest.param(220, 1, 60, 241, id="financial-risk: idle floor, 1 s upload + 240 s stream"),
        pytest.param(800, 1, 60, 241, id="recsys"),
        pytest.param(1800, 512, 60, 445, id="imaging: 512 MB at 20 Mbit/s is 205 s"),
        pytest.param(6001, 1, 61, 241, id="tail allowance rounds up past the floor"),
        pytest.param(30000, 5, 300, 302, id="a long first token outgrows the stream allowance"),
        pytest.param(24001, 3, 241, 243, id="just past the stream allowance"),
    ],
)
def test_timeouts_come_from_the_p99_target_and_the_payload(p99_ms: int, payload_mb: int, idle: int, whole: int) -> None:
    profile = targets(p99_latency_ms=p99_ms, max_payload_mb=payload_mb)
    assert (idle_timeout_s(profile), request_timeout_s(profile)) == (idle, whole)


def test_financial_risk_on_aws_is_an_internet_alb_with_the_pq_policy() -> None:
    assert plan_load_balancer("aws", targets(), SecuritySettings(), "sites[0] (aws)") == LoadBalancerSpec(
        kind="alb",
        layer=7,
        https_port=443,
        redirect_http_port=None,
        backend_port=8000,
        health_check_path="/health",
        health_check_interval_s=30,
        health_check_timeout_s=5,
        healthy_threshold=2,
        unhealthy_threshold=3,
        idle_timeout_s=60,
        request_timeout_s=241,
        tls=tls_listener_policy("aws", "alb"),
        max_body_mb=1,
    )


@pytest.mark.parametrize(
    ("cloud", "payload_mb", "kind", "layer"),
    [
        pytest.param("aws", 1, "alb", 7, id="aws"),
        pytest.param("aws", 10240, "alb", 7, id="aws-alb-has-no-request-timer"),
        pytest.param("alicloud", 1, "alb", 7, id="alicloud-alb"),
        pytest.param("alicloud", 900, "alb", 7, id="alicloud-600-s-exactly"),
        pytest.param("tencentcloud", 512, "clb", 7, id="tencentcloud"),
        pytest.param("huaweicloud", 1, "alb", 7, id="huawei-l7"),
        pytest.param("huaweicloud", 150, "alb", 7, id="huawei-300-s-exactly"),
        pytest.param("huaweicloud", 153, "nlb", 4, id="huawei-past-300-s-takes-a-tls-listener"),
        pytest.param("volcengine", 512, "alb", 7, id="volcengine"),
    ],
)
def test_each_cloud_takes_its_l7_balancer_until_its_caps_fall_short(cloud: str, payload_mb: int, kind: str, layer: int) -> None:
    spec = plan_load_balancer(cloud, targets(max_payload_mb=payload_mb), SecuritySettings(), "sites[0]")
    assert (spec.kind, spec.layer, spec.tls) == (kind, layer, tls_listener_policy(cloud, kind))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cloud", "p99_ms", "kind", "layer"),
    [
        pytest.param("volcengine", 90000, "alb", 7, id="volcengine-idle-900-exactly"),
        pytest.param("huaweicloud", 400000, "nlb", 4, id="huawei-tls-listener-idle-4000-exactly"),
    ],
)
def test_an_idle_timeout_at_the_cap_still_fits(cloud: str, p99_ms: int, kind: str, layer: int) -> None:
    spec = plan_load_balancer(cloud, targets(p99_latency_ms=p99_ms), SecuritySettings(), "sites[0]")
    assert (spec.kind, spec.layer, spec.tls) == (kind, layer, tls_listener_policy(cloud, kind))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cloud", "changes", "message"),
    [
        pytest.param(
            "alicloud", {"max_payload_mb": 902},
            "profile.max_payload_mb: sites[1] (alicloud) needs requests of up to 601 s (max_payload_mb at 20 Mbit/s, then a 240 s answer), "
            "but alicloud Application Load Balancer (ALB) listeners stop at 600 s and CLB caps idle time at 60 s and requests at 180 s, "
            "and an NLB TCPSSL fallback is not built; lower profile.max_payload_mb",
            id="alicloud-request",
        ),
        pytest.param(
            "alicloud", {"p99_latency_ms": 60000},
            "profile.max_payload_mb: sites[1] (alicloud) needs requests of up to 601 s (max_payload_mb at 20 Mbit/s, then a 240 s answer), "
            "but alicloud Application Load Balancer (ALB) listeners stop at 600 s and CLB caps idle time at 60 s and requests at 180 s, "
            "and an NLB TCPSSL fallback is not built; lower profile.max_payload_mb",
            id="alicloud-idle-at-the-cap-request-over",
        ),
        pytest.param(
            "alicloud", {"p99_latency_ms": 60001},
            "profile.p99_latency_ms: sites[1] (alicloud) needs an idle timeout of 601 s (10 x p99_latency_ms), "
            "but alicloud Application Load Balancer (ALB) listeners stop at 600 s and CLB caps idle time at 60 s and requests at 180 s, "
            "and an NLB TCPSSL fallback is not built; lower profile.p99_latency_ms",
            id="alicloud-idle",
        ),
        pytest.param(
            "volcengine", {"p99_latency_ms": 90001},
            "profile.p99_latency_ms: sites[1] (volcengine) needs an idle timeout of 901 s (10 x p99_latency_ms), "
            "but volcengine Application Load Balancer (ALB) listeners stop at 900 s and an NLB TLS listener with a TLS 1.3 policy "
            "exists only in pulumi-volcenginecc 0.0.64 (clb.NlbListener, clb.NlbSecurityPolicy) and takes only certificate-center "
            "certificates, while the site certificate is uploaded to ALB; not built; lower profile.p99_latency_ms",
            id="volcengine-idle",
        ),
        pytest.param(
            "huaweicloud", {"p99_latency_ms": 400001},
            "profile.p99_latency_ms: sites[1] (huaweicloud) needs an idle timeout of 4001 s (10 x p99_latency_ms), "
            "but huaweicloud dedicated Elastic Load Balance (ELB) listeners stop at 4000 s and its L4 TLS listener stops at 4000 s idle; lower profile.p99_latency_ms",
            id="huawei-idle-beyond-both",
        ),
    ],
)
def test_a_request_no_listener_can_hold_is_refused_naming_the_field(cloud: str, changes: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        plan_load_balancer(cloud, targets(**changes), SecuritySettings(), f"sites[1] ({cloud})")
    assert [str(problem) for problem in raised.value.problems] == [message]


def test_listener_and_backend_ports_come_from_the_security_settings() -> None:
    spec = plan_load_balancer("tencentcloud", targets(health_check_interval_s=10), SecuritySettings(serving_port=9000, listener_ports=[8443, 443]), "x")
    assert (spec.https_port, spec.backend_port, spec.health_check_interval_s) == (8443, 9000, 10)


@given(
    p99=st.integers(min_value=1, max_value=200_000),
    payload=st.integers(min_value=1, max_value=2048),
    extra_p99=st.integers(min_value=0, max_value=10_000),
    extra_payload=st.integers(min_value=0, max_value=512),
)
def test_timeouts_never_shrink_as_the_profile_grows(p99: int, payload: int, extra_p99: int, extra_payload: int) -> None:
    small, large = targets(p99_latency_ms=p99, max_payload_mb=payload), targets(p99_latency_ms=p99 + extra_p99, max_payload_mb=payload + extra_payload)
    assert idle_timeout_s(small) <= idle_timeout_s(large)
    assert request_timeout_s(small) <= request_timeout_s(large)
    assert 60 <= idle_timeout_s(small) < request_timeout_s(small)
    # The whole request always covers the wait for the first byte and the longest stream.
    assert request_timeout_s(small) >= max(240, idle_timeout_s(small)) + 1


@given(cloud=st.sampled_from(["aws", "alicloud", "tencentcloud", "huaweicloud", "volcengine"]), p99=st.integers(1, 100_000), payload=st.integers(1, 1024))
def test_a_planned_listener_always_holds_the_profile(cloud: str, p99: int, payload: int) -> None:
    from inferline.clouds.load_balancers import FACTS

    profile = targets(p99_latency_ms=p99, max_payload_mb=payload)
    try:
        spec = plan_load_balancer(cloud, profile, SecuritySettings(), "x")
    except ConfigError:
        return
    facts = FACTS[cloud]
    if spec.layer == 7:
        assert spec.idle_timeout_s <= facts.l7_max_idle_s
        assert facts.l7_max_request_s is None or spec.request_timeout_s <= facts.l7_max_request_s
    else:
        assert facts.l4_max_idle_s is not None and spec.idle_timeout_s <= facts.l4_max_idle_s
    assert spec.tls == tls_listener_policy(cloud, spec.kind)


def test_every_site_of_a_serving_stack_gets_its_load_balancer_and_problems_are_collected() -> None:
    raw = {
        "environment": "dev",
        "profile": {"name": "medical-imaging", "max_payload_mb": 2000},
        "sites": [
            {"name": "hw", "cloud": "huaweicloud", "region": "cn-north-4", "zones": ["cn-north-4a", "cn-north-4b"]},
            {"name": "ali", "cloud": "alicloud", "region": "cn-shanghai", "zones": ["cn-shanghai-l", "cn-shanghai-m"]},
        ],
        "serving": {**SERVING, "node_images": {"hw": "img-example", "ali": "m-example"}},
    }
    with pytest.raises(ConfigError) as raised:
        validate(raw, "dev")
    assert [problem.path for problem in raised.value.problems] == ["profile.max_payload_mb"]
    assert "sites[1] needs requests of up to 1040 s" in str(raised.value)
    raw["profile"] = {"name": "medical-imaging"}
    plan = validate(raw, "dev")
    assert {name: (site.load_balancer.kind, site.load_balancer.layer) for name, site in plan.sites.items() if site.load_balancer} == {
        "ali": ("alb", 7),
        "hw": ("nlb", 4),
    }


def test_a_stack_that_serves_nothing_has_no_load_balancer_and_needs_no_second_zone() -> None:
    # A one-zone Alibaba site: its ALB would need a second zone (inferline.clouds.load_balancers), but without
    # serving there are no pools to front, so nothing is planned and nothing is refused.
    raw = {
        "environment": "dev",
        "profile": {"name": "financial-risk"},
        "sites": [{"name": "ali", "cloud": "alicloud", "region": "cn-shanghai", "zones": ["cn-shanghai-l"]}],
    }
    (site,) = validate(raw, "dev").sites.values()
    assert (site.load_balancer, site.network.load_balancer, site.pools) == (None, False, {})
    with pytest.raises(ConfigError) as raised:
        validate({**raw, "serving": {**SERVING, "node_images": {"ali": "m-example"}}}, "dev")
    assert [problem.path for problem in raised.value.problems] == ["sites[0].zones"]


@pytest.mark.parametrize(
    ("cloud", "zones", "message"),
    [
        pytest.param("aws", 1, "sites[2].zones: the aws Application Load Balancer spans at least 2 zones; list 2 zones for this site", id="aws-one"),
        pytest.param(
            "alicloud", 1, "sites[2].zones: the alicloud Application Load Balancer (ALB) spans at least 2 zones; list 2 zones for this site", id="alicloud-one"
        ),
        pytest.param("aws", 2, None, id="aws-two"),
        pytest.param("alicloud", 3, None, id="alicloud-three"),
        pytest.param("tencentcloud", 1, None, id="tencent-one"),
        pytest.param("huaweicloud", 1, None, id="huawei-one"),
        pytest.param("volcengine", 1, None, id="volcengine-one"),
    ],
)
def test_albs_that_span_two_zones_need_two(cloud: str, zones: int, message: str | None) -> None:
    if message is None:
        assert plan_load_balancer(cloud, targets(), SecuritySettings(), "sites[2]", zones).layer == 7
        return
    with pytest.raises(ConfigError) as raised:
        plan_load_balancer(cloud, targets(), SecuritySettings(), "sites[2]", zones)
    assert [str(problem) for problem in raised.value.problems] == [message]
