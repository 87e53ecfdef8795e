"""The rule table as the offline preview runs it: which check serves which rule, with which public ports."""

from __future__ import annotations

from inferline.policies.rules import Finding, ResourceView, evaluate, resource_checks
from inferline.policies.rules.audit import check_trail_logging
from inferline.policies.rules.health import check_health_check_interval
from inferline.policies.rules.keys import check_key_rotation
from inferline.policies.rules.network import check_subnet_no_public_ip
from inferline.policies.rules.pools import check_gpu_disk_encrypted, check_gpu_nodes_private
from inferline.policies.rules.tls import check_tls13_listener

OPEN_8443 = ResourceView("urn:sg", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": 8443, "toPort": 8443})


def test_the_resource_checks_by_rule() -> None:
    checks = resource_checks()
    assert sorted(checks) == [
        "audit-trail-logging",
        "capacity-headroom",
        "gpu-disk-encrypted",
        "gpu-nodes-private",
        "health-check-interval",
        "kms-key-rotation-enabled",
        "network-subnet-no-public-ip-on-launch",
        "pool-multi-zone",
        "security-group-no-public-ingress",
        "tls-listener-tls13",
    ]
    plain = ("network-subnet-no-public-ip-on-launch", "kms-key-rotation-enabled", "tls-listener-tls13", "audit-trail-logging", "gpu-nodes-private", "gpu-disk-encrypted", "health-check-interval")
    assert tuple(checks[name] for name in plain) == (
        check_subnet_no_public_ip,
        check_key_rotation,
        check_tls13_listener,
        check_trail_logging,
        check_gpu_nodes_private,
        check_gpu_disk_encrypted,
        check_health_check_interval,
    )


def test_evaluate_hands_its_public_ports_to_the_ingress_rule() -> None:
    assert evaluate([OPEN_8443], public_ports=(443, 8443))["security-group-no-public-ingress"] == []
    assert evaluate([OPEN_8443])["security-group-no-public-ingress"] == [
        Finding("urn:sg", "violation", "port 8443 open to 0.0.0.0/0: only listener ports [443] may be public")
    ]
    assert resource_checks((8443,))["security-group-no-public-ingress"](OPEN_8443) is None


def test_evaluate_reports_every_rule_in_name_order_and_reads_an_iterator_once() -> None:
    vpc = ResourceView("urn:vpc", "aws:ec2/vpc:Vpc", {})
    results = evaluate(iter([OPEN_8443, vpc]))
    assert list(results) == sorted(results)
    assert {name: [f.urn for f in findings] for name, findings in results.items()} == {
        "audit-trail-logging": [],
        "capacity-headroom": [],
        "gpu-disk-encrypted": [],
        "gpu-nodes-private": [],
        "health-check-interval": [],
        "kms-key-rotation-enabled": [],
        "network-subnet-no-public-ip-on-launch": [],
        "network-vpc-flow-logs-enabled": ["urn:vpc"],
        "pool-multi-zone": [],
        "security-group-no-public-ingress": ["urn:sg"],
        "tls-listener-tls13": [],
    }
