from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from inferline.components.loadbalancer.adapters.volcengine import custom_configuration
from inferline.preview.runner import ProgramRun
from tests.components.loadbalancer.support import build_load_balancer, lb_children, lb_spec, one, typed
from tests.support import named

CERTIFICATE = "volcengine:alb/certificate:Certificate"
REGION = "cn-beijing"
ZONES = ("cn-beijing-a", "cn-beijing-b")
TAGS = [{"key": "inferline-site", "value": "site-a"}]


def _run(protect: bool = False, **targets: object) -> ProgramRun:
    return build_load_balancer("volcengine", REGION, ZONES, lb_spec("volcengine", **targets), protect=protect)


def test_a_public_alb_with_its_custom_configuration_bound_to_the_https_listener() -> None:
    run = _run()
    assert Counter(r.type for r in lb_children(run)) == {
        "volcengine:alb/alb:Alb": 1,
        "volcengine:alb/serverGroup:ServerGroup": 1,
        "volcengine:alb/customizedCfg:CustomizedCfg": 1,
        "volcengine:alb/listener:Listener": 1,
    }
    assert one(run, "site-a-lb").inputs == {
        "loadBalancerName": "inferline-test-site-a-lb",
        "type": "public",
        "subnetIds": [named(run, f"site-a-edge-{zone}").id for zone in ZONES],
        "loadBalancerEdition": "Standard",
        "eipBillingConfig": {"isp": "BGP", "eipBillingType": "PostPaidByTraffic", "bandwidth": 200},
        "deleteProtection": "off",
        "tags": TAGS,
    }
    assert one(run, "site-a-backend").inputs == {
        "serverGroupName": "inferline-test-site-a-backend",
        "serverGroupType": "instance",
        "protocol": "HTTP",
        "vpcId": named(run, "site-a-vpc").id,
        "scheduler": "wlc",
        "healthCheck": {
            "enabled": "on", "protocol": "HTTP", "method": "GET", "uri": "/health", "httpCode": "http_2xx",
            "interval": 30, "timeout": 5, "healthyThreshold": 2, "unhealthyThreshold": 3,
        },
        "tags": TAGS,
    }
    assert one(run, "site-a-lb-config").inputs == {
        "customizedCfgName": "inferline-test-site-a-lb-config",
        "customizedCfgContent": "ssl_protocols TLSv1.2 TLSv1.3;keepalive_timeout 60s;proxy_read_timeout 60s;client_max_body_size 1M;",
        "tags": TAGS,
    }
    listener = one(run, "site-a-https")
    assert listener.inputs == {
        "listenerName": "inferline-test-site-a-https",
        "loadBalancerId": one(run, "site-a-lb").id,
        "protocol": "HTTPS",
        "port": 443,
        "serverGroupId": one(run, "site-a-backend").id,
        "certificateSource": "alb",
        "certificateId": typed(run, CERTIFICATE, "site-a-server-cert").id,
        "customizedCfgId": one(run, "site-a-lb-config").id,
        "enableHttp2": "on",
        "tags": TAGS,
    }
    # What lets the TLS rule pass a first preview, where the configuration's id is still unknown.
    assert listener.property_dependencies["customizedCfgId"] == [one(run, "site-a-lb-config").urn]


@pytest.mark.parametrize(
    ("changes", "content"),
    [
        pytest.param({"max_body_mb": 512}, "ssl_protocols TLSv1.2 TLSv1.3;keepalive_timeout 60s;proxy_read_timeout 60s;client_max_body_size 512M;", id="imaging"),
        pytest.param({"max_body_mb": None, "idle_timeout_s": 900}, "ssl_protocols TLSv1.2 TLSv1.3;keepalive_timeout 900s;proxy_read_timeout 900s;", id="default-body"),
    ],
)
def test_custom_configuration(changes: dict[str, object], content: str) -> None:
    assert custom_configuration(replace(lb_spec("volcengine"), **changes)) == content  # type: ignore[arg-type]


def test_protection_and_outputs() -> None:
    run = _run(protect=True)
    assert one(run, "site-a-lb").inputs["deleteProtection"] == "on"
    assert (run.outputs["lb.id"], run.outputs["lb.backend"], run.outputs["lb.rule"]) == (one(run, "site-a-lb").id, one(run, "site-a-backend").id, None)
