from __future__ import annotations

from typing import Any

import pytest

from inferline.config.profiles import DEFAULT_HEALTH_CHECK_INTERVAL_S
from inferline.policies.rules import Finding, ResourceView
from inferline.policies.rules.health import MAX_HEALTH_CHECK_INTERVAL_S, check_health_check_interval

URN = "urn:pulumi:dev::inferline::x::r"
AWS = "aws:lb/targetGroup:TargetGroup"
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
        pytest.param("aws:ec2/vpc:Vpc", {}, None, id="not-a-backend"),
    ],
)
def test_findings(token: str, props: dict[str, Any], expected: str | None) -> None:
    finding = check_health_check_interval(ResourceView(URN, token, props))
    assert finding == (Finding(URN, "violation", expected) if expected else None)


@pytest.mark.parametrize(
    ("token", "props", "what"),
    [
        pytest.param(AWS, {"healthCheck": {"interval": "<computed>"}}, "healthCheck.interval", id="aws"),
        pytest.param(AWS, {"healthCheck": "<computed>"}, "healthCheck.interval", id="aws-block"),
        pytest.param(TENCENT_LISTENER, {"protocol": "<computed>"}, "the listener protocol", id="tencent-protocol"),
        pytest.param(HUAWEI, {"interval": "<secret>"}, "interval", id="huawei-secret"),
        pytest.param(HUAWEI, {"interval": 10, "enabled": "<computed>"}, "interval", id="huawei-switch"),
        pytest.param(VOLC, {"healthCheck": [{"interval": "<computed>"}]}, "healthCheck.interval", id="volcengine-list"),
    ],
)
def test_unknown_values_could_not_be_checked(token: str, props: dict[str, Any], what: str) -> None:
    assert check_health_check_interval(ResourceView(URN, token, props)) == Finding(
        URN, "unknown", f"{what} is not known during preview (computed or secret); could not be checked"
    )
