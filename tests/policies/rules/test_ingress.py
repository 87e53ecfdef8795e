"""Sources compared as networks, IPv6 on every cloud, port ranges as ranges, unknowns before parsing."""

from __future__ import annotations

import pytest

from inferline.policies.rules import evaluate
from inferline.policies.rules.base import Finding, ResourceView
from inferline.policies.rules.ingress import check_public_ingress, is_public

AWS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
ALI = "alicloud:ecs/securityGroupRule:SecurityGroupRule"
TENCENT = "tencentcloud:Security/groupRuleSet:GroupRuleSet"
TENCENT_RULE = "tencentcloud:Security/groupRule:GroupRule"
HUAWEI = "huaweicloud:Vpc/secgroupRule:SecgroupRule"
VOLC = "volcengine:vpc/securityGroupRule:SecurityGroupRule"


def outcome(type_: str, allowed: tuple[int, ...] = (443,), **props: object) -> str | None:
    finding = check_public_ingress(ResourceView(urn="urn:r", type=type_, props=props), allowed)
    return finding.outcome if finding else None


@pytest.mark.parametrize(
    ("source", "public"),
    [
        ("0.0.0.0/0", True), ("0.0.0.0/1", True), ("128.0.0.0/1", True), ("8.8.8.8/32", True), ("10.0.0.0/7", True),
        ("172.0.0.0/8", True), ("::/0", True), ("2000::/3", True), ("::/1", True),
        ("10.0.0.0/8", False), ("10.1.2.0/24", False), ("172.16.0.0/12", False), ("192.168.1.1/32", False),
        ("100.64.0.0/10", False), ("169.254.0.0/16", False), ("fd00::/8", False), ("fe80::/64", False),
        # Host bits are ignored: the network the prefix names decides.
        ("10.1.2.3/8", False), ("8.8.8.8/8", True), ("192.168.1.1/16", False), ("fe80::1/64", False), (" 10.0.0.0/8 ", False),
    ],
)
def test_a_source_is_public_unless_inside_private_space(source: str, public: bool) -> None:
    assert is_public(source) is public


@pytest.mark.parametrize(
    ("type_", "props"),
    [
        pytest.param(AWS, {"cidrIpv6": "::/0", "ipProtocol": "tcp", "fromPort": 22, "toPort": 22}, id="aws"),
        pytest.param("aws:ec2/securityGroupRule:SecurityGroupRule", {"type": "ingress", "ipv6CidrBlocks": ["::/0"], "protocol": "-1"}, id="aws-rule"),
        pytest.param("aws:ec2/securityGroup:SecurityGroup", {"ingress": [{"ipv6CidrBlocks": ["::/0"], "protocol": "tcp", "fromPort": 22, "toPort": 22}]}, id="aws-inline"),
        pytest.param(ALI, {"type": "ingress", "ipProtocol": "tcp", "ipv6CidrIp": "::/0", "portRange": "22/22"}, id="alicloud"),
        pytest.param(TENCENT, {"ingresses": [{"ipv6CidrBlock": "::/0", "protocol": "TCP", "port": "22"}]}, id="tencent-set"),
        pytest.param(TENCENT_RULE, {"type": "ingress", "cidrIp": "::/0", "ipProtocol": "tcp", "portRange": "22"}, id="tencent-rule"),
        pytest.param(HUAWEI, {"direction": "ingress", "ethertype": "IPv6", "protocol": "tcp", "remoteIpPrefix": "::/0", "ports": "22"}, id="huawei"),
        pytest.param(HUAWEI, {"direction": "ingress", "ethertype": "IPv6", "protocol": "tcp", "ports": "22"}, id="huawei-no-prefix-is-all"),
        pytest.param(VOLC, {"direction": "ingress", "protocol": "tcp", "cidrIp": "::/0", "portStart": 22, "portEnd": 22}, id="volcengine"),
    ],
)
def test_ipv6_world_ingress_is_a_violation_on_every_cloud(type_: str, props: dict[str, object]) -> None:
    assert outcome(type_, **props) == "violation"


@pytest.mark.parametrize(
    ("type_", "props", "expected"),
    [
        pytest.param(AWS, {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": 443, "toPort": 65535}, "violation", id="aws-443-65535"),
        pytest.param(ALI, {"type": "ingress", "ipProtocol": "tcp", "cidrIp": "0.0.0.0/0", "portRange": "443/65535"}, "violation", id="alicloud-443-65535"),
        pytest.param(TENCENT, {"ingresses": [{"cidrBlock": "0.0.0.0/0", "protocol": "TCP", "port": "443-65535"}]}, "violation", id="tencent-443-65535"),
        pytest.param(TENCENT, {"ingresses": [{"cidrBlock": "0.0.0.0/0", "protocol": "TCP", "port": "443,8000"}]}, "violation", id="tencent-list"),
        pytest.param(HUAWEI, {"direction": "ingress", "protocol": "tcp", "remoteIpPrefix": "0.0.0.0/0", "ports": "443-65535"}, "violation", id="huawei-443-65535"),
        pytest.param(VOLC, {"direction": "ingress", "protocol": "tcp", "cidrIp": "0.0.0.0/0", "portStart": 443, "portEnd": 65535}, "violation", id="volcengine-443-65535"),
        pytest.param(ALI, {"type": "ingress", "ipProtocol": "all", "cidrIp": "0.0.0.0/0", "portRange": "-1/-1"}, "violation", id="alicloud-all"),
        pytest.param(AWS, {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": 443, "toPort": 444}, None, id="range-inside-allowed"),
        pytest.param(AWS, {"cidrIpv4": "0.0.0.0/1", "ipProtocol": "tcp", "fromPort": 22, "toPort": 22}, "violation", id="half-the-internet"),
    ],
)
def test_port_ranges_are_ranges(type_: str, props: dict[str, object], expected: str | None) -> None:
    assert outcome(type_, (443, 444), **props) == expected


@pytest.mark.parametrize(
    ("type_", "props"),
    [
        pytest.param(AWS, {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": "<computed>", "toPort": 443}, id="aws-computed-port"),
        pytest.param(ALI, {"type": "ingress", "ipProtocol": "tcp", "cidrIp": "0.0.0.0/0", "portRange": "<computed>"}, id="alicloud-computed-range"),
        pytest.param(TENCENT, {"ingresses": [{"cidrBlock": "0.0.0.0/0", "protocol": "TCP", "port": "<secret>"}]}, id="tencent-secret-port"),
        pytest.param(HUAWEI, {"direction": "ingress", "protocol": "tcp", "remoteIpPrefix": "<computed>", "ports": "22"}, id="huawei-computed-source"),
        pytest.param(VOLC, {"direction": "ingress", "protocol": "tcp", "cidrIp": "0.0.0.0/0", "portStart": "<computed>", "portEnd": 443}, id="volcengine-computed-port"),
        pytest.param(AWS, {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": "four", "toPort": 443}, id="unreadable-port"),
        pytest.param(AWS, {"cidrIpv4": "not-a-network", "ipProtocol": "tcp", "fromPort": 22, "toPort": 22}, id="unreadable-source"),
    ],
)
def test_unknown_or_unreadable_is_could_not_be_checked_and_never_raises(type_: str, props: dict[str, object]) -> None:
    assert outcome(type_, **props) == "unknown"
    results = evaluate([ResourceView(urn="urn:r", type=type_, props=props)])
    assert [f.outcome for f in results["security-group-no-public-ingress"]] == ["unknown"]


def test_allowed_ports_come_from_the_caller() -> None:
    props = {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": 8443, "toPort": 8443}
    assert outcome(AWS, (443,), **props) == "violation"
    assert outcome(AWS, (443, 8443), **props) is None


UNKNOWN = "a source or port is not known during preview (computed or secret); could not be checked"
UNREADABLE = "a source or port could not be read; could not be checked"


@pytest.mark.parametrize(
    ("type_", "props", "allowed", "expected"),
    [
        pytest.param(AWS, {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": "<computed>", "toPort": 443}, (443,), Finding("urn:r", "unknown", UNKNOWN), id="unknown"),
        pytest.param(AWS, {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": "four", "toPort": 443}, (443,), Finding("urn:r", "unknown", UNREADABLE), id="unreadable"),
        pytest.param(
            AWS, {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "-1"}, (443,),
            Finding("urn:r", "violation", "all ports open to 0.0.0.0/0: only listener ports [443] may be public"), id="all-ports",
        ),
        pytest.param(
            AWS, {"cidrIpv6": "::/0", "ipProtocol": "tcp", "fromPort": 443, "toPort": 65535}, (443,),
            Finding("urn:r", "violation", "ports 443-65535 open to ::/0: only listener ports [443] may be public"), id="a-range",
        ),
        pytest.param(
            AWS, {"cidrIpv4": "8.8.0.0/16", "ipProtocol": "tcp", "fromPort": 22, "toPort": 22}, (8443, 443),
            Finding("urn:r", "violation", "port 22 open to 8.8.0.0/16: only listener ports [443, 8443] may be public"), id="one-port-allowed-sorted",
        ),
        pytest.param(
            TENCENT, {"ingresses": [{"cidrBlock": "0.0.0.0/0", "protocol": "TCP", "port": "443"}, {"cidrBlock": "0.0.0.0/0", "protocol": "TCP", "port": "22"}]}, (443,),
            Finding("urn:r", "violation", "port 22 open to 0.0.0.0/0: only listener ports [443] may be public"), id="the-first-public-opening-beyond-the-listeners",
        ),
        pytest.param(AWS, {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": 8443, "toPort": 8443}, (8443,), None, id="an-allowed-port"),
        pytest.param("aws:ec2/vpc:Vpc", {"cidrBlock": "0.0.0.0/0"}, (443,), None, id="not-applicable"),
    ],
)
def test_findings_are_exact(type_: str, props: dict[str, object], allowed: tuple[int, ...], expected: Finding | None) -> None:
    assert check_public_ingress(ResourceView(urn="urn:r", type=type_, props=props), allowed) == expected
