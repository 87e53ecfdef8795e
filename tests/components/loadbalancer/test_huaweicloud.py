from __future__ import annotations

from collections import Counter

from inferline.preview.runner import ProgramRun
from tests.components.loadbalancer.support import build_load_balancer, lb_children, lb_spec, one, typed
from tests.support import named

CERTIFICATE = "huaweicloud:DedicatedElb/certificate:Certificate"
REGION = "cn-north-4"
ZONES = ("cn-north-4a", "cn-north-4b")
TAGS = {"inferline-site": "site-a"}


def _run(protect: bool = False, profile: str = "financial-risk") -> ProgramRun:
    return build_load_balancer("huaweicloud", REGION, ZONES, lb_spec("huaweicloud", profile), protect=protect)


def test_a_dedicated_elb_across_the_zones_with_a_bgp_eip() -> None:
    run = _run()
    assert Counter(r.type for r in lb_children(run)) == {
        "huaweicloud:DedicatedElb/loadbalancer:Loadbalancer": 1,
        "huaweicloud:DedicatedElb/listener:Listener": 1,
        "huaweicloud:DedicatedElb/pool:Pool": 1,
        "huaweicloud:DedicatedElb/monitor:Monitor": 1,
    }
    balancer = one(run, "site-a-lb")
    assert balancer.inputs == {
        "name": "inferline-test-site-a-lb",
        "description": "Inference entry of inferline site site-a",
        "vpcId": named(run, "site-a-vpc").id,
        "ipv4SubnetId": "<computed>",  # the edge subnet's ipv4_subnet_id output: unknown to the preview mocks
        "availabilityZones": list(ZONES),
        "iptype": "5_bgp",
        "sharetype": "PER",
        "bandwidthChargeMode": "traffic",
        "bandwidthSize": 300,
        "deletionProtectionEnable": False,
        "tags": TAGS,
    }
    assert balancer.property_dependencies["ipv4SubnetId"] == [named(run, f"site-a-edge-{ZONES[0]}").urn]


def test_layer_7_is_an_https_listener_with_the_tls13_policy_and_every_timer() -> None:
    run = _run()
    assert one(run, "site-a-https").inputs == {
        "name": "inferline-test-site-a-https",
        "loadbalancerId": one(run, "site-a-lb").id,
        "protocol": "HTTPS",
        "protocolPort": 443,
        "serverCertificate": typed(run, CERTIFICATE, "site-a-server-cert").id,
        "tlsCiphersPolicy": "tls-1-2-fs-with-1-3",
        "http2Enable": True,
        "idleTimeout": 60,
        "requestTimeout": 241,
        "responseTimeout": 241,
        "tags": TAGS,
    }
    assert one(run, "site-a-backend").inputs == {
        "name": "inferline-test-site-a-backend",
        "listenerId": one(run, "site-a-https").id,
        "protocol": "HTTP",
        "lbMethod": "LEAST_CONNECTIONS",
    }
    assert one(run, "site-a-health").inputs == {
        "name": "inferline-test-site-a-health",
        "poolId": one(run, "site-a-backend").id,
        "protocol": "HTTP",
        "httpMethod": "GET",
        "urlPath": "/health",
        "statusCode": "200",
        "interval": 30,
        "timeout": 5,
        "maxRetries": 2,
        "maxRetriesDown": 3,
    }
    assert (run.outputs["lb.id"], run.outputs["lb.backend"]) == (one(run, "site-a-lb").id, one(run, "site-a-backend").id)


def test_past_300_s_the_listener_is_tls_with_only_the_idle_timer_and_tcp_backends() -> None:
    run = _run(protect=True, profile="medical-imaging")
    assert one(run, "site-a-https").inputs == {
        "name": "inferline-test-site-a-https",
        "loadbalancerId": one(run, "site-a-lb").id,
        "protocol": "TLS",
        "protocolPort": 443,
        "serverCertificate": typed(run, CERTIFICATE, "site-a-server-cert").id,
        "tlsCiphersPolicy": "tls-1-2-fs-with-1-3",
        "idleTimeout": 60,
        "tags": TAGS,
    }
    assert one(run, "site-a-backend").inputs["protocol"] == "TCP"
    assert one(run, "site-a-health").inputs["protocol"] == "HTTP"
    assert one(run, "site-a-lb").inputs["deletionProtectionEnable"] is True
