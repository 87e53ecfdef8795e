from __future__ import annotations

from collections import Counter

import pytest

from inferline.preview.mocks import plausible_arn
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun
from tests.components.loadbalancer.support import build_load_balancer, lb_children, lb_spec, one
from tests.support import named

REGION = "ap-southeast-1"
ZONES = ("ap-southeast-1a", "ap-southeast-1b")
TAGS = {"inferline-site": "site-a"}


def _arn(record: ResourceRecord) -> str:
    """The ARN the preview mocks give ``record``: what other resources receive as its ``.arn``."""
    assert record.id is not None
    return plausible_arn(record.type, REGION, record.id)


def _run(protect: bool = False, **targets: object) -> ProgramRun:
    return build_load_balancer("aws", REGION, ZONES, lb_spec("aws", **targets), protect=protect)


def test_an_internet_alb_in_every_edge_subnet_with_the_lb_group() -> None:
    run = _run()
    assert Counter(r.type for r in lb_children(run)) == {
        "aws:lb/loadBalancer:LoadBalancer": 1, "aws:lb/targetGroup:TargetGroup": 1, "aws:lb/listener:Listener": 1
    }
    assert one(run, "site-a-lb").inputs == {
        "name": "inferline-test-site-a-lb",
        "loadBalancerType": "application",
        "internal": False,
        "subnets": [named(run, f"site-a-edge-{zone}").id for zone in ZONES],
        "securityGroups": [named(run, "site-a-lb-sg").id],
        "idleTimeout": 60,
        "dropInvalidHeaderFields": True,
        "enableDeletionProtection": False,
        "tags": {**TAGS, "Name": "inferline-test-site-a-lb"},
    }


def test_the_target_group_checks_health_on_the_serving_port_and_drains_for_the_longest_request() -> None:
    run = _run()
    assert one(run, "site-a-backend").inputs == {
        "name": "inferline-test-site-a-backend",
        "targetType": "instance",
        "protocol": "HTTP",
        "port": 8000,
        "vpcId": named(run, "site-a-vpc").id,
        "loadBalancingAlgorithmType": "least_outstanding_requests",
        "deregistrationDelay": 241,
        "healthCheck": {
            "enabled": True, "protocol": "HTTP", "port": "traffic-port", "path": "/health", "matcher": "200",
            "interval": 30, "timeout": 5, "healthyThreshold": 2, "unhealthyThreshold": 3,
        },
        "tags": {**TAGS, "Name": "inferline-test-site-a-backend"},
    }


def test_the_only_listener_is_https_with_the_site_certificate_and_the_pq_tls13_policy() -> None:
    run = _run()
    listener = one(run, "site-a-https")
    assert listener.inputs == {
        "loadBalancerArn": _arn(one(run, "site-a-lb")),
        "port": 443,
        "protocol": "HTTPS",
        "sslPolicy": "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
        "certificateArn": _arn(named(run, "site-a-certificate")),
        "defaultActions": [{"type": "forward", "targetGroupArn": _arn(one(run, "site-a-backend"))}],
        "tags": {**TAGS, "Name": "inferline-test-site-a-https"},
    }


def test_outputs_and_protection() -> None:
    run = _run(protect=True, max_payload_mb=20000)
    assert one(run, "site-a-lb").inputs["enableDeletionProtection"] is True
    # The longest request outgrows the drain limit: 3600 s is the most a target group takes.
    assert one(run, "site-a-backend").inputs["deregistrationDelay"] == 3600
    assert run.outputs["lb.id"] == _arn(one(run, "site-a-lb"))
    assert run.outputs["lb.backend"] == _arn(one(run, "site-a-backend"))
    assert run.outputs["lb.rule"] is None


def test_an_nlb_spec_is_refused() -> None:
    from dataclasses import replace

    with pytest.raises(Exception, match="AWS sites build an ALB, not a NLB"):
        build_load_balancer("aws", REGION, ZONES, replace(lb_spec("aws"), kind="nlb", layer=4))
