from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from inferline.components.loadbalancer.adapters.tencentcloud import custom_configuration
from inferline.preview.runner import ProgramRun
from tests.components.loadbalancer.support import DOMAIN, build_load_balancer, lb_children, lb_spec, one, typed
from tests.support import named

CERTIFICATE = "tencentcloud:Ssl/certificate:Certificate"
REGION = "ap-shanghai"
ZONES = ("ap-shanghai-2", "ap-shanghai-3")
TAGS = {"inferline-site": "site-a"}


def _run(protect: bool = False, **targets: object) -> ProgramRun:
    return build_load_balancer("tencentcloud", REGION, ZONES, lb_spec("tencentcloud", **targets), protect=protect)


def test_a_public_clb_with_one_custom_configuration_an_https_listener_and_a_rule_for_the_domain() -> None:
    run = _run()
    assert Counter(r.type for r in lb_children(run)) == {
        "tencentcloud:Clb/instance:Instance": 1,
        "tencentcloud:Clb/customizedConfig:CustomizedConfig": 1,
        "tencentcloud:Clb/listener:Listener": 1,
        "tencentcloud:Clb/listenerRule:ListenerRule": 1,
    }
    clb = one(run, "site-a-lb")
    assert clb.inputs == {
        "clbName": "inferline-test-site-a-lb",
        "networkType": "OPEN",
        "vpcId": named(run, "site-a-vpc").id,
        "securityGroups": [named(run, "site-a-lb-sg").id],
        "loadBalancerPassToTarget": True,
        "deleteProtect": False,
        "tags": TAGS,
    }
    # The CLB's one custom configuration carries the TLS versions and the timers, and binds this very CLB.
    assert one(run, "site-a-lb-config").inputs == {
        "configName": "inferline-test-site-a-lb-config",
        "configContent": "ssl_protocols TLSv1.2 TLSv1.3;\r\nkeepalive_timeout 60s;\r\nproxy_read_timeout 60s;\r\nclient_max_body_size 1M;",
        "loadBalancerIds": [clb.id],
    }
    assert one(run, "site-a-https").inputs == {
        "clbId": clb.id,
        "listenerName": "inferline-test-site-a-https",
        "port": 443,
        "protocol": "HTTPS",
        "certificateSslMode": "UNIDIRECTIONAL",
        "certificateId": typed(run, CERTIFICATE, "site-a-server-cert").id,
    }
    rule = one(run, "site-a-https-rule")
    assert rule.inputs == {
        "clbId": clb.id,
        "listenerId": "<computed>",  # the listener's listener_id output: unknown to the preview mocks
        "domain": DOMAIN,
        "url": "/",
        "forwardType": "HTTP",
        "scheduler": "LEAST_CONN",
        "healthCheckSwitch": True,
        "healthCheckType": "HTTP",
        "healthCheckHttpMethod": "GET",
        "healthCheckHttpPath": "/health",
        "healthCheckHttpCode": 2,
        "healthCheckIntervalTime": 30,
        "healthCheckTimeOut": 5,
        "healthCheckHealthNum": 2,
        "healthCheckUnhealthNum": 3,
    }
    assert rule.property_dependencies["listenerId"] == [one(run, "site-a-https").urn]


@pytest.mark.parametrize(
    ("changes", "content"),
    [
        pytest.param({}, "ssl_protocols TLSv1.2 TLSv1.3;\r\nkeepalive_timeout 60s;\r\nproxy_read_timeout 60s;\r\nclient_max_body_size 1M;", id="default"),
        pytest.param(
            {"max_body_mb": 256},
            "ssl_protocols TLSv1.2 TLSv1.3;\r\nkeepalive_timeout 60s;\r\nproxy_read_timeout 60s;\r\nclient_max_body_size 256M;",
            id="256-MB-still-buffered",
        ),
        pytest.param(
            {"max_body_mb": 512, "idle_timeout_s": 900},
            "ssl_protocols TLSv1.2 TLSv1.3;\r\nkeepalive_timeout 900s;\r\nproxy_read_timeout 900s;\r\nclient_max_body_size 512M;\r\nproxy_request_buffering off;",
            id="over-256-MB-unbuffered",
        ),
        pytest.param({"max_body_mb": None}, "ssl_protocols TLSv1.2 TLSv1.3;\r\nkeepalive_timeout 60s;\r\nproxy_read_timeout 60s;", id="cloud-default-body"),
    ],
)
def test_custom_configuration(changes: dict[str, object], content: str) -> None:
    assert custom_configuration(replace(lb_spec("tencentcloud"), **changes)) == content  # type: ignore[arg-type]


def test_protection_and_outputs() -> None:
    run = _run(protect=True)
    assert one(run, "site-a-lb").inputs["deleteProtect"] is True
    assert run.outputs["lb.id"] == one(run, "site-a-lb").id
    assert (run.outputs["lb.backend"], run.outputs["lb.rule"]) == ("<computed>", "<computed>")
