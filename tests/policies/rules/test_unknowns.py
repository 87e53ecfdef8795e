"""The preview's markers are the rules' unknowns: if the record's "<computed>" changed, no rule would see an unknown."""

from __future__ import annotations

import pytest

from inferline.policies.rules import evaluate
from inferline.policies.rules.base import UNKNOWN_MARKERS, ResourceView, is_unknown
from inferline.preview.record import _UNKNOWN, COMPUTED, SECRET, plain_value


@pytest.mark.parametrize("marker", [COMPUTED, SECRET])
def test_the_records_markers_are_unknown_to_the_rules(marker: str) -> None:
    assert marker in UNKNOWN_MARKERS


def test_an_unknown_wire_value_reaches_every_rule_as_unknown() -> None:
    value = plain_value(_UNKNOWN)
    assert is_unknown(value)
    resources = [
        ResourceView("urn:key", "aws:kms/key:Key", {"enableKeyRotation": value}),
        ResourceView("urn:sg", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": value, "toPort": 443}),
        ResourceView("urn:lb", "aws:lb/listener:Listener", {"protocol": "HTTPS", "sslPolicy": value}),
        ResourceView("urn:subnet", "aws:ec2/subnet:Subnet", {"mapPublicIpOnLaunch": value}),
        ResourceView("urn:trail", "aws:cloudtrail/trail:Trail", {"enableLogging": value}),
        ResourceView("urn:tg", "aws:lb/targetGroup:TargetGroup", {"healthCheck": {"interval": value}}),
        ResourceView("urn:vpc", "huaweicloud:Vpc/vpc:Vpc", {}),
        ResourceView("urn:template", "aws:ec2/launchTemplate:LaunchTemplate", {"networkInterfaces": value, "blockDeviceMappings": [{"ebs": {"encrypted": value}}]}),
        ResourceView("urn:group", "aws:autoscaling/group:Group", {"vpcZoneIdentifiers": value, "desiredCapacity": 4, "maxSize": value}),
        ResourceView("urn:fl", "huaweicloud:Vpc/flowLog:FlowLog", {"enabled": value}, {"resourceId": ("urn:vpc",)}),
    ]
    results = evaluate(resources)
    assert {name: [f.outcome for f in findings] for name, findings in results.items()} == {name: ["unknown"] for name in results}


def test_unknown_fails_a_mandatory_rule_and_not_an_advisory_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from inferline.policies import rules

    results = evaluate([ResourceView("urn:key", "aws:kms/key:Key", {"enableKeyRotation": COMPUTED})])
    assert [f.outcome for f in rules.failing(results)] == ["unknown"]
    advisory = replace(rules.RULES_BY_NAME["kms-key-rotation-enabled"], advisory=True)
    monkeypatch.setitem(rules.RULES_BY_NAME, advisory.name, advisory)
    assert rules.failing(results) == []
