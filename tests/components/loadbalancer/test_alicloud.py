from __future__ import annotations

from collections import Counter

from inferline.preview.runner import ProgramRun
from tests.components.loadbalancer.support import build_load_balancer, lb_children, lb_spec, one
from tests.support import named

REGION = "cn-hangzhou"
ZONES = ("cn-hangzhou-h", "cn-hangzhou-i")
TAGS = {"inferline-site": "site-a"}


def _run(protect: bool = False, **targets: object) -> ProgramRun:
    return build_load_balancer("alicloud", REGION, ZONES, lb_spec("alicloud", **targets), protect=protect)


def test_an_internet_alb_across_the_edge_vswitches_with_the_lb_group() -> None:
    run = _run(protect=True)
    assert Counter(r.type for r in lb_children(run)) == {
        "alicloud:alb/loadBalancer:LoadBalancer": 1,
        "alicloud:alb/loadBalancerSecurityGroupAttachment:LoadBalancerSecurityGroupAttachment": 1,
        "alicloud:alb/serverGroup:ServerGroup": 1,
        "alicloud:alb/listener:Listener": 1,
    }
    assert one(run, "site-a-lb").inputs == {
        "loadBalancerName": "inferline-test-site-a-lb",
        "vpcId": named(run, "site-a-vpc").id,
        "addressType": "Internet",
        "addressAllocatedMode": "Fixed",
        "loadBalancerEdition": "Standard",
        "loadBalancerBillingConfig": {"payType": "PayAsYouGo"},
        "zoneMappings": [{"vswitchId": named(run, f"site-a-edge-{zone}").id, "zoneId": zone} for zone in ZONES],
        "deletionProtectionEnabled": True,
        "tags": TAGS,
    }
    assert one(run, "site-a-lb-sg-attachment").inputs == {
        "loadBalancerId": one(run, "site-a-lb").id,
        "securityGroupId": named(run, "site-a-lb-sg").id,
    }


def test_the_server_group_checks_health_and_balances_by_least_connections() -> None:
    run = _run()
    assert one(run, "site-a-backend").inputs == {
        "serverGroupName": "inferline-test-site-a-backend",
        "serverGroupType": "Instance",
        "protocol": "HTTP",
        "vpcId": named(run, "site-a-vpc").id,
        "scheduler": "Wlc",
        "healthCheckConfig": {
            "healthCheckEnabled": True, "healthCheckProtocol": "HTTP", "healthCheckMethod": "GET", "healthCheckPath": "/health",
            "healthCheckCodes": ["http_2xx"], "healthCheckInterval": 30, "healthCheckTimeout": 5, "healthyThreshold": 2, "unhealthyThreshold": 3,
        },
        "stickySessionConfig": {"stickySessionEnabled": False},
        "tags": TAGS,
    }


def test_the_https_listener_takes_the_cas_certificate_the_tls13_policy_and_the_planned_timeouts() -> None:
    run = _run(max_payload_mb=512)
    assert one(run, "site-a-https").inputs == {
        "loadBalancerId": one(run, "site-a-lb").id,
        "listenerProtocol": "HTTPS",
        "listenerPort": 443,
        "listenerDescription": "inferline-test-site-a-https",
        "securityPolicyId": "tls_cipher_policy_1_2_strict_with_1_3",
        # ALB names a Certificate Management Service certificate "<id>-<region>".
        "certificates": {"certificateId": f"{named(run, 'site-a-certificate').id}-{REGION}"},
        "idleTimeout": 60,
        "requestTimeout": 445,
        "http2Enabled": True,
        "defaultActions": [{"type": "ForwardGroup", "forwardGroupConfig": {"serverGroupTuples": [{"serverGroupId": one(run, "site-a-backend").id}]}}],
        "tags": TAGS,
    }
    assert (run.outputs["lb.id"], run.outputs["lb.backend"], run.outputs["lb.rule"]) == (one(run, "site-a-lb").id, one(run, "site-a-backend").id, None)
