from __future__ import annotations

from typing import Any

import pytest

from inferline.config.profiles import DEFAULT_HEALTH_CHECK_INTERVAL_S
from inferline.policies.rules import Finding, ResourceView
from inferline.policies.rules.health import MAX_HEALTH_CHECK_INTERVAL_S, check_health_check_interval
from tests.policies.paths import URN, assert_both_paths

AWS = "aws:lb/targetGroup:TargetGroup"
AWS_ALB = "aws:alb/targetGroup:TargetGroup"
ALI = "alicloud:alb/serverGroup:ServerGroup"
TENCENT_RULE = "tencentcloud:Clb/listenerRule:ListenerRule"
TENCENT_LISTENER = "tencentcloud:Clb/listener:Listener"
HUAWEI = "huaweicloud:DedicatedElb/monitor:Monitor"
VOLC = "volcengine:alb/serverGroup:ServerGroup"


def test_the_limit_is_the_profiles_default_interval() -> None:
    assert MAX_HEALTH_CHECK_INTERVAL_S == DEFAULT_HEALTH_CHECK_INTERVAL_S == 30


@pytest.mark.parametrize(
    ("token", "props", "expected"),
    [
        pytest.param(AWS, {"healthCheck": {"enabled": True, "interval": 30}}, None, id="aws-30"),
        pytest.param(AWS, {"healthCheck": {"interval": 31}}, "healthCheck.interval is 31: health checks must run at least every 30 s", id="aws-31"),
        pytest.param(AWS, {"healthCheck": {"interval": 5}}, None, id="aws-5"),
        pytest.param(VOLC, {"healthCheck": {"interval": 1}}, None, id="volcengine-1"),
        pytest.param(AWS, {"healthCheck": {}}, None, id="aws-default-30"),
        pytest.param(AWS, {}, "healthCheck is not set: the backend group must health-check its nodes", id="aws-no-block"),
        pytest.param(AWS, {"healthCheck": [{"interval": 10}]}, None, id="aws-block-as-list"),
        pytest.param(AWS, {"healthCheck": {"enabled": False, "interval": 10}}, "healthCheck.enabled is False: the backend group must health-check its nodes", id="aws-off"),
        pytest.param(AWS, {"healthCheck": {"interval": True}}, "healthCheck.interval is True: health checks must run at least every 30 s", id="aws-bool"),
        pytest.param(AWS, {"healthCheck": {"interval": "30"}}, "healthCheck.interval is '30': health checks must run at least every 30 s", id="aws-string"),
        pytest.param(ALI, {"healthCheckConfig": {"healthCheckEnabled": True, "healthCheckInterval": 30}}, None, id="alicloud-30"),
        pytest.param(ALI, {"healthCheckConfig": {"healthCheckEnabled": True}}, None, id="alicloud-default-2"),
        pytest.param(ALI, {"healthCheckConfig": {"healthCheckInterval": 50}}, "healthCheckConfig.healthCheckInterval is 50: health checks must run at least every 30 s", id="alicloud-50"),
        pytest.param(TENCENT_RULE, {"healthCheckSwitch": True, "healthCheckIntervalTime": 30}, None, id="tencent-rule-30"),
        pytest.param(TENCENT_RULE, {"healthCheckSwitch": False, "healthCheckIntervalTime": 30}, "healthCheckSwitch is False: the backend group must health-check its nodes", id="tencent-rule-off"),
        pytest.param(TENCENT_LISTENER, {"protocol": "HTTPS"}, None, id="tencent-https-listener-checks-on-its-rule"),
        pytest.param(TENCENT_LISTENER, {}, None, id="tencent-listener-without-protocol"),
        pytest.param(TENCENT_LISTENER, {"protocol": "tcp", "healthCheckIntervalTime": 300}, "healthCheckIntervalTime is 300: health checks must run at least every 30 s", id="tencent-tcp-300"),
        pytest.param(HUAWEI, {"interval": 30}, None, id="huawei-30"),
        pytest.param(HUAWEI, {"interval": 30, "poolId": "<computed>", "urlPath": "/health"}, None, id="huawei-computed-pool"),
        pytest.param(HUAWEI, {"interval": 0}, "interval is 0: health checks must run at least every 30 s", id="huawei-0"),
        pytest.param(HUAWEI, {}, "interval is 0: health checks must run at least every 30 s", id="huawei-required"),
        pytest.param(HUAWEI, {"interval": 10, "enabled": False}, "enabled is False: the backend group must health-check its nodes", id="huawei-off"),
        pytest.param(VOLC, {"healthCheck": {"enabled": "on", "interval": 30}}, None, id="volcengine-30"),
        pytest.param(VOLC, {"healthCheck": {"enabled": "off", "interval": 30}}, "healthCheck.enabled is 'off': the backend group must health-check its nodes", id="volcengine-off"),
        pytest.param(VOLC, {"healthCheck": {"interval": 31}}, "healthCheck.interval is 31: health checks must run at least every 30 s", id="volcengine-31"),
        pytest.param(VOLC, {"healthCheck": {"enabled": False, "interval": 5}}, None, id="volcengine-off-is-the-string"),
        pytest.param(VOLC, {}, "healthCheck is not set: the backend group must health-check its nodes", id="volcengine-no-block"),
        pytest.param(VOLC, {"healthCheck": {}}, None, id="volcengine-default-2"),
        pytest.param(AWS_ALB, {"healthCheck": {"interval": 30}}, None, id="aws-alb-30"),
        pytest.param(AWS_ALB, {"healthCheck": []}, "healthCheck is not set: the backend group must health-check its nodes", id="aws-alb-empty-list"),
        pytest.param(AWS_ALB, {"healthCheck": {"enabled": True, "interval": 0}}, "healthCheck.interval is 0: health checks must run at least every 30 s", id="aws-alb-0"),
        pytest.param(AWS, {"healthCheck": {"interval": 1}}, None, id="aws-1"),
        pytest.param(AWS, {"healthCheck": {"interval": -5}}, "healthCheck.interval is -5: health checks must run at least every 30 s", id="aws-negative"),
        pytest.param(AWS, {"healthCheck": {"interval": 10.5}}, "healthCheck.interval is 10.5: health checks must run at least every 30 s", id="aws-fraction"),
        pytest.param(ALI, {}, "healthCheckConfig is not set: the backend group must health-check its nodes", id="alicloud-no-block"),
        pytest.param(
            ALI, {"healthCheckConfig": {"healthCheckEnabled": False, "healthCheckInterval": 5}},
            "healthCheckConfig.healthCheckEnabled is False: the backend group must health-check its nodes", id="alicloud-off",
        ),
        pytest.param(TENCENT_RULE, {}, None, id="tencent-rule-default-5"),
        pytest.param(TENCENT_RULE, {"healthCheckIntervalTime": 31}, "healthCheckIntervalTime is 31: health checks must run at least every 30 s", id="tencent-rule-31"),
        pytest.param(TENCENT_LISTENER, {"protocol": "HTTP", "healthCheckIntervalTime": 300}, None, id="tencent-http-listener-checks-on-its-rule"),
        pytest.param(TENCENT_LISTENER, {"protocol": "UDP"}, None, id="tencent-udp-default-5"),
        pytest.param(TENCENT_LISTENER, {"protocol": "QUIC", "healthCheckIntervalTime": 30}, None, id="tencent-quic-30"),
        pytest.param(
            TENCENT_LISTENER, {"protocol": "TCP_SSL", "healthCheckSwitch": False},
            "healthCheckSwitch is False: the backend group must health-check its nodes", id="tencent-tcp-ssl-off",
        ),
        pytest.param("aws:ec2/vpc:Vpc", {}, None, id="not-a-backend"),
        pytest.param("aws:lb/listener:Listener", {"healthCheck": {"interval": 300}}, None, id="not-a-backend-group"),
    ],
)
def test_findings(token: str, props: dict[str, Any], expected: str | None) -> None:
    finding = check_health_check_interval(ResourceView(URN, token, props))
    assert finding == (Finding(URN, "violation", expected) if expected else None)
    assert_both_paths("health-check-interval", token, props, None, finding)


@pytest.mark.parametrize(
    ("token", "props", "what"),
    [
        pytest.param(AWS, {"healthCheck": {"interval": "<computed>"}}, "healthCheck.interval", id="aws"),
        pytest.param(AWS, {"healthCheck": "<computed>"}, "healthCheck.interval", id="aws-block"),
        pytest.param(TENCENT_LISTENER, {"protocol": "<computed>"}, "the listener protocol", id="tencent-protocol"),
        pytest.param(HUAWEI, {"interval": "<secret>"}, "interval", id="huawei-secret"),
        pytest.param(HUAWEI, {"interval": 10, "enabled": "<computed>"}, "interval", id="huawei-switch"),
        pytest.param(VOLC, {"healthCheck": [{"interval": "<computed>"}]}, "healthCheck.interval", id="volcengine-list"),
        pytest.param(VOLC, {"healthCheck": {"enabled": "<computed>", "interval": 5}}, "healthCheck.interval", id="volcengine-switch"),
        pytest.param(AWS_ALB, {"healthCheck": ["<computed>"]}, "healthCheck.interval", id="aws-alb-block-in-list"),
        pytest.param(ALI, {"healthCheckConfig": {"healthCheckInterval": "<computed>"}}, "healthCheckConfig.healthCheckInterval", id="alicloud"),
        pytest.param(TENCENT_RULE, {"healthCheckIntervalTime": "<computed>"}, "healthCheckIntervalTime", id="tencent-rule"),
        pytest.param(TENCENT_LISTENER, {"protocol": "TCP", "healthCheckSwitch": "<computed>"}, "healthCheckIntervalTime", id="tencent-tcp-switch"),
    ],
)
def test_unknown_values_could_not_be_checked(token: str, props: dict[str, Any], what: str) -> None:
    expected = Finding(URN, "unknown", f"{what} is not known during preview (computed or secret); could not be checked")
    assert check_health_check_interval(ResourceView(URN, token, props)) == expected
    assert_both_paths("health-check-interval", token, props, None, expected)
