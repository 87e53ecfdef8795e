"""How each cloud's security-group resources are read: (source, first port, last port) per opening, exactly.

Each expected list was checked against the cloud's semantics (protocol "all"/-1 is every port, ICMP opens no
port, deny rules and egress open nothing, a Huawei rule without a remote admits the whole of its ethertype, a
security-group reference opens nothing to the internet)."""

from __future__ import annotations

from typing import Any

import pytest

from inferline.policies.rules import ResourceView
from inferline.policies.rules.ingress import ingress_ranges
from inferline.policies.rules.openings import deciding_values, port_spans

CASES = [
    pytest.param('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', {'cidrIpv4': '0.0.0.0/0', 'ipProtocol': 'tcp', 'fromPort': 443, 'toPort': 443}, [('0.0.0.0/0', 443, 443)], id='aws-SecurityGroupIngressRule-0'),
    pytest.param('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', {'cidrIpv6': '::/0', 'ipProtocol': '-1'}, [('::/0', 0, 65535)], id='aws-SecurityGroupIngressRule-1'),
    pytest.param('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', {'cidrIpv4': '0.0.0.0/0', 'ipProtocol': 'icmp', 'fromPort': -1, 'toPort': -1}, [], id='aws-SecurityGroupIngressRule-2'),
    pytest.param('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', {'cidrIpv4': '10.0.0.0/8', 'ipProtocol': 'tcp', 'fromPort': 80, 'toPort': 90}, [('10.0.0.0/8', 80, 90)], id='aws-SecurityGroupIngressRule-3'),
    pytest.param('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', {'cidrIpv4': '0.0.0.0/0', 'fromPort': 5, 'toPort': 6}, [('0.0.0.0/0', 0, 65535)], id='aws-SecurityGroupIngressRule-4'),
    pytest.param('aws:ec2/securityGroupRule:SecurityGroupRule', {'type': 'ingress', 'cidrBlocks': ['0.0.0.0/0'], 'ipv6CidrBlocks': ['::/0'], 'protocol': 'tcp', 'fromPort': 1, 'toPort': 2}, [('0.0.0.0/0', 1, 2), ('::/0', 1, 2)], id='aws-SecurityGroupRule-0'),
    pytest.param('aws:ec2/securityGroupRule:SecurityGroupRule', {'type': 'egress', 'cidrBlocks': ['0.0.0.0/0'], 'protocol': '-1', 'fromPort': 0, 'toPort': 0}, [], id='aws-SecurityGroupRule-1'),
    pytest.param('aws:ec2/securityGroup:SecurityGroup', {'ingress': [{'cidrBlocks': ['0.0.0.0/0'], 'protocol': 'tcp', 'fromPort': 443, 'toPort': 443}, {'ipv6CidrBlocks': ['::/0'], 'protocol': 'all', 'fromPort': 0, 'toPort': 0}]}, [('0.0.0.0/0', 443, 443), ('::/0', 0, 65535)], id='aws-SecurityGroup-0'),
    pytest.param('aws:ec2/securityGroup:SecurityGroup', {}, [], id='aws-SecurityGroup-1'),
    pytest.param('aws:ec2/defaultSecurityGroup:DefaultSecurityGroup', {'ingress': [{'cidrBlocks': ['10.0.0.0/8'], 'protocol': 'tcp', 'fromPort': 22, 'toPort': 22}, {'ipv6CidrBlocks': ['::/0'], 'protocol': '-1', 'fromPort': 0, 'toPort': 0}]}, [('10.0.0.0/8', 22, 22), ('::/0', 0, 65535)], id='aws-DefaultSecurityGroup-0'),
    pytest.param('aws:ec2/defaultSecurityGroup:DefaultSecurityGroup', {'ingress': [], 'egress': []}, [], id='aws-DefaultSecurityGroup-1'),
    pytest.param('alicloud:ecs/securityGroupRule:SecurityGroupRule', {'type': 'ingress', 'policy': 'accept', 'cidrIp': '0.0.0.0/0', 'ipv6CidrIp': '::/0', 'ipProtocol': 'tcp', 'portRange': '80/90'}, [('0.0.0.0/0', 80, 90), ('::/0', 80, 90)], id='alicloud-SecurityGroupRule-0'),
    pytest.param('alicloud:ecs/securityGroupRule:SecurityGroupRule', {'type': 'ingress', 'policy': 'drop', 'cidrIp': '0.0.0.0/0', 'ipProtocol': 'all', 'portRange': '-1/-1'}, [], id='alicloud-SecurityGroupRule-1'),
    pytest.param('alicloud:ecs/securityGroupRule:SecurityGroupRule', {'type': 'ingress', 'cidrIp': '0.0.0.0/0', 'ipProtocol': 'all'}, [('0.0.0.0/0', 0, 65535)], id='alicloud-SecurityGroupRule-2'),
    pytest.param('alicloud:ecs/securityGroupRule:SecurityGroupRule', {'type': 'egress', 'cidrIp': '0.0.0.0/0', 'ipProtocol': 'all'}, [], id='alicloud-SecurityGroupRule-3'),
    pytest.param('tencentcloud:Security/groupRule:GroupRule', {'type': 'ingress', 'policy': 'ACCEPT', 'cidrIp': '0.0.0.0/0', 'ipProtocol': 'TCP', 'portRange': '80,443'}, [('0.0.0.0/0', 80, 80), ('0.0.0.0/0', 443, 443)], id='tencentcloud-GroupRule-0'),
    pytest.param('tencentcloud:Security/groupRule:GroupRule', {'type': 'ingress', 'policy': 'DROP', 'cidrIp': '0.0.0.0/0'}, [], id='tencentcloud-GroupRule-1'),
    pytest.param('tencentcloud:Security/groupRule:GroupRule', {'type': 'ingress', 'policy': 'ACCEPT', 'cidrIp': '0.0.0.0/0', 'ipProtocol': 'TCP'}, [('0.0.0.0/0', 0, 65535)], id='tencentcloud-GroupRule-2'),
    pytest.param('tencentcloud:Security/groupRuleSet:GroupRuleSet', {'ingresses': [{'action': 'ACCEPT', 'cidrBlock': '0.0.0.0/0', 'protocol': 'TCP', 'port': '443'}, {'action': 'DROP', 'cidrBlock': '0.0.0.0/0', 'protocol': 'ALL', 'port': 'ALL'}, {'ipv6CidrBlock': '::/0', 'protocol': 'ALL'}, {'action': 'ACCEPT', 'sourceSecurityId': 'sg-1', 'protocol': 'TCP', 'port': '8000'}]}, [('0.0.0.0/0', 443, 443), ('::/0', 0, 65535)], id='tencentcloud-GroupRuleSet-0'),
    pytest.param('tencentcloud:Security/groupRuleSet:GroupRuleSet', {'ingresses': [{'action': 'ACCEPT', 'cidrBlock': '0.0.0.0/0', 'protocol': 'ICMP'}]}, [], id='tencentcloud-GroupRuleSet-1'),
    pytest.param('huaweicloud:Vpc/secgroupRule:SecgroupRule', {'direction': 'ingress', 'action': 'allow', 'ethertype': 'IPv4', 'remoteIpPrefix': '0.0.0.0/0', 'protocol': 'tcp', 'ports': '443'}, [('0.0.0.0/0', 443, 443)], id='huaweicloud-SecgroupRule-0'),
    pytest.param('huaweicloud:Vpc/secgroupRule:SecgroupRule', {'direction': 'ingress', 'ethertype': 'IPv6', 'protocol': 'tcp', 'portRangeMin': 80, 'portRangeMax': 81}, [('::/0', 80, 81)], id='huaweicloud-SecgroupRule-1'),
    pytest.param('huaweicloud:Vpc/secgroupRule:SecgroupRule', {'direction': 'ingress', 'protocol': 'tcp', 'portRangeMin': 22}, [('0.0.0.0/0', 22, 22)], id='huaweicloud-SecgroupRule-2'),
    pytest.param('huaweicloud:Vpc/secgroupRule:SecgroupRule', {'direction': 'ingress', 'remoteGroupId': 'g', 'protocol': 'tcp', 'ports': '8000'}, [], id='huaweicloud-SecgroupRule-3'),
    pytest.param('huaweicloud:Vpc/secgroupRule:SecgroupRule', {'direction': 'ingress', 'remoteAddressGroupId': 'a', 'protocol': 'tcp', 'ports': '8000'}, [], id='huaweicloud-SecgroupRule-4'),
    pytest.param('huaweicloud:Vpc/secgroupRule:SecgroupRule', {'direction': 'ingress', 'protocol': 'icmp'}, [], id='huaweicloud-SecgroupRule-5'),
    pytest.param('huaweicloud:Vpc/secgroupRule:SecgroupRule', {'direction': 'egress', 'remoteIpPrefix': '0.0.0.0/0'}, [], id='huaweicloud-SecgroupRule-6'),
    pytest.param('huaweicloud:Vpc/secgroupRule:SecgroupRule', {'direction': 'ingress', 'action': 'deny', 'remoteIpPrefix': '0.0.0.0/0'}, [], id='huaweicloud-SecgroupRule-7'),
    pytest.param('huaweicloud:Vpc/secgroupRule:SecgroupRule', {'direction': 'ingress', 'remoteIpPrefix': '0.0.0.0/0'}, [('0.0.0.0/0', 0, 65535)], id='huaweicloud-SecgroupRule-8'),
    pytest.param('volcengine:vpc/securityGroupRule:SecurityGroupRule', {'direction': 'ingress', 'policy': 'accept', 'cidrIp': '0.0.0.0/0', 'protocol': 'tcp', 'portStart': 443, 'portEnd': 443}, [('0.0.0.0/0', 443, 443)], id='volcengine-SecurityGroupRule-0'),
    pytest.param('volcengine:vpc/securityGroupRule:SecurityGroupRule', {'direction': 'ingress', 'cidrIp': '0.0.0.0/0', 'protocol': 'all', 'portStart': -1, 'portEnd': -1}, [('0.0.0.0/0', 0, 65535)], id='volcengine-SecurityGroupRule-1'),
    pytest.param('volcengine:vpc/securityGroupRule:SecurityGroupRule', {'direction': 'ingress', 'cidrIp': '0.0.0.0/0', 'protocol': 'icmp'}, [], id='volcengine-SecurityGroupRule-2'),
    pytest.param('volcengine:vpc/securityGroupRule:SecurityGroupRule', {'direction': 'ingress', 'policy': 'drop', 'cidrIp': '0.0.0.0/0', 'protocol': 'tcp', 'portStart': 1, 'portEnd': 2}, [], id='volcengine-SecurityGroupRule-3'),
    pytest.param('volcengine:vpc/securityGroupRule:SecurityGroupRule', {'direction': 'ingress', 'protocol': 'tcp', 'portStart': 1, 'portEnd': 2}, [], id='volcengine-SecurityGroupRule-4'),
    pytest.param('volcengine:vpc/securityGroupRule:SecurityGroupRule', {'direction': 'ingress', 'cidrIp': '0.0.0.0/0', 'protocol': 'tcp'}, [('0.0.0.0/0', 0, 65535)], id='volcengine-no-ports-is-every-port'),
    pytest.param('volcengine:vpc/securityGroupRule:SecurityGroupRule', {'direction': 'ingress', 'cidrIp': '0.0.0.0/0', 'protocol': 'tcp', 'portStart': 8000}, [('0.0.0.0/0', 8000, 8000)], id='volcengine-no-end-is-the-start'),
    pytest.param('volcengine:vpc/securityGroupRule:SecurityGroupRule', {'cidrIp': '0.0.0.0/0', 'protocol': 'tcp', 'portStart': 1, 'portEnd': 2}, [], id='volcengine-no-direction-is-not-ingress'),
    pytest.param('volcengine:vpc/securityGroupRule:SecurityGroupRule', {'direction': 'ingress', 'cidrIp': '0.0.0.0/0', 'protocol': 'ICMPv6', 'portStart': -1, 'portEnd': -1}, [], id='volcengine-icmpv6'),
]

#: Ports and protocols as every reader meets them: strings, a missing last port, port 0, "all" protocols with a
#: port that does not narrow them, a private source kept as given.
EDGES = [
    pytest.param('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', {'cidrIpv4': '0.0.0.0/0', 'ipProtocol': 'tcp', 'fromPort': '80', 'toPort': '90'}, [('0.0.0.0/0', 80, 90)], id='aws-ports-as-strings'),
    pytest.param('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', {'cidrIpv4': '0.0.0.0/0', 'ipProtocol': 'tcp', 'fromPort': 22}, [('0.0.0.0/0', 22, 22)], id='aws-no-to-port-is-the-from-port'),
    pytest.param('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', {'cidrIpv4': '0.0.0.0/0', 'ipProtocol': 'tcp', 'fromPort': 0, 'toPort': 0}, [('0.0.0.0/0', 0, 0)], id='aws-port-0-is-port-0'),
    pytest.param('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', {'cidrIpv4': '0.0.0.0/0', 'ipProtocol': 'tcp', 'fromPort': -1, 'toPort': -1}, [('0.0.0.0/0', 0, 65535)], id='aws-minus-1-is-every-port'),
    pytest.param('alicloud:ecs/securityGroupRule:SecurityGroupRule', {'type': 'ingress', 'cidrIp': '0.0.0.0/0', 'ipProtocol': 'all', 'portRange': '443/443'}, [('0.0.0.0/0', 0, 65535)], id='alicloud-all-protocols-every-port'),
    pytest.param('tencentcloud:Security/groupRule:GroupRule', {'type': 'ingress', 'cidrIp': '0.0.0.0/0', 'ipProtocol': '-1', 'portRange': '443'}, [('0.0.0.0/0', 0, 65535)], id='tencent-protocol-minus-1-every-port'),
    pytest.param('tencentcloud:Security/groupRule:GroupRule', {'type': 'ingress', 'cidrIp': '0.0.0.0/0', 'ipProtocol': 'ALL', 'portRange': '443'}, [('0.0.0.0/0', 0, 65535)], id='tencent-protocol-ALL-every-port'),
    pytest.param('tencentcloud:Security/groupRule:GroupRule', {'type': 'ingress', 'cidrIp': '0.0.0.0/0', 'ipProtocol': 'TCP', 'portRange': 443}, [('0.0.0.0/0', 443, 443)], id='tencent-port-as-int'),
    pytest.param('tencentcloud:Security/groupRule:GroupRule', {'type': 'ingress', 'cidrIp': '0.0.0.0/0', 'ipProtocol': 'TCP', 'portRange': ''}, [('0.0.0.0/0', 0, 65535)], id='tencent-empty-port-every-port'),
    pytest.param('tencentcloud:Security/groupRule:GroupRule', {'type': 'ingress', 'cidrIp': '0.0.0.0/0', 'portRange': '8000'}, [('0.0.0.0/0', 8000, 8000)], id='tencent-no-protocol-keeps-ports'),
    pytest.param('tencentcloud:Security/groupRule:GroupRule', {'cidrIp': '0.0.0.0/0', 'ipProtocol': 'TCP', 'portRange': '22'}, [], id='tencent-no-type-is-not-ingress'),
    pytest.param('tencentcloud:Security/groupRule:GroupRule', {'type': 'ingress', 'action': 'drop', 'cidrIp': '0.0.0.0/0', 'ipProtocol': 'TCP', 'portRange': '22'}, [], id='tencent-action-drop'),
    pytest.param('tencentcloud:Security/groupRuleSet:GroupRuleSet', {'ingresses': [{'cidrBlock': '0.0.0.0/0', 'protocol': 'ALL', 'port': '443'}]}, [('0.0.0.0/0', 0, 65535)], id='tencent-set-all-protocols-every-port'),
    pytest.param('huaweicloud:Vpc/secgroupRule:SecgroupRule', {'direction': 'ingress', 'ethertype': 'IPv4', 'remoteIpPrefix': '10.0.0.0/8', 'protocol': 'tcp', 'ports': '8000'}, [('10.0.0.0/8', 8000, 8000)], id='huawei-private-prefix-kept'),
    pytest.param('huaweicloud:Vpc/secgroupRule:SecgroupRule', {'direction': 'ingress', 'ethertype': 'IPv4', 'protocol': 'tcp', 'ports': 22}, [('0.0.0.0/0', 22, 22)], id='huawei-port-as-int'),
    pytest.param('huaweicloud:Vpc/secgroupRule:SecgroupRule', {'direction': 'INGRESS', 'protocol': 'tcp', 'portRangeMin': -1, 'portRangeMax': -1}, [('0.0.0.0/0', 0, 65535)], id='huawei-range-minus-1-every-port'),
    pytest.param('huaweicloud:Vpc/secgroupRule:SecgroupRule', {'direction': 'ingress', 'ethertype': 'IPv6', 'protocol': 'tcp', 'ports': '80,443'}, [('::/0', 80, 80), ('::/0', 443, 443)], id='huawei-port-list'),
]


@pytest.mark.parametrize(("token", "props", "expected"), EDGES)
def test_port_edges_are_read_exactly(token: str, props: dict[str, Any], expected: list[tuple[str, int, int]]) -> None:
    assert ingress_ranges(ResourceView("urn:rule", token, props)) == expected


@pytest.mark.parametrize(("token", "props", "expected"), CASES)
def test_openings_are_read_exactly(token: str, props: dict[str, Any], expected: list[tuple[str, int, int]]) -> None:
    assert ingress_ranges(ResourceView("urn:rule", token, props)) == expected


def test_an_unmapped_type_is_not_read() -> None:
    assert ingress_ranges(ResourceView("urn:x", "aws:ec2/vpc:Vpc", {})) is None


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("443", [(443, 443)]),
        ("80-90", [(80, 90)]),
        ("80/90", [(80, 90)]),
        ("-1/-1", [(0, 65535)]),
        ("ALL", [(0, 65535)]),
        ("all", [(0, 65535)]),
        ("", [(0, 65535)]),
        ("-1", [(0, 65535)]),
        ("-1--1", [(0, 65535)]),
        ("0", [(0, 0)]),
        ("0-0", [(0, 0)]),
        ("80,443", [(80, 80), (443, 443)]),
        (" 22 ", [(22, 22)]),
    ],
)
def test_port_text_as_spans(text: str, spans: list[tuple[int, int]]) -> None:
    assert port_spans(text) == spans


def test_deciding_values_reach_into_list_entries_but_skip_other_keys() -> None:
    props = {"ingresses": [{"cidrBlock": "a", "sourceSecurityId": "g"}, {"cidrBlock": "b"}], "other": "x", "port": "1"}
    assert deciding_values(props, ("ingresses", "ingresses[].cidrBlock", "port")) == [None, "a", "b", "1"]
    assert deciding_values({"ingresses": "<computed>"}, ("ingresses", "ingresses[].cidrBlock")) == ["<computed>"]
    assert deciding_values({"ingresses": ["<computed>"]}, ("ingresses",)) == [None, "<computed>"]

