from __future__ import annotations

import pytest

from inferline.policies.rules.base import ResourceView
from inferline.policies.rules.security import check_key_rotation, check_public_ingress, check_tls13_listener


def view(type_: str, **props: object) -> ResourceView:
    return ResourceView(urn=f"urn:{type_}", type=type_, props=props)


@pytest.mark.parametrize(
    ("resource", "outcome"),
    [
        pytest.param(view("aws:kms/key:Key", enableKeyRotation=True), None, id="aws-on"),
        pytest.param(view("aws:kms/key:Key", enableKeyRotation=False), "violation", id="aws-off"),
        pytest.param(view("alicloud:kms/key:Key", automaticRotation="Disabled"), "violation", id="alicloud-off"),
        pytest.param(view("tencentcloud:Kms/key:Key", keyRotationEnabled=True), None, id="tencent-on"),
        pytest.param(view("huaweicloud:Dew/key:Key"), "violation", id="huawei-unset"),
        pytest.param(view("volcengine:kms/key:Key", rotateState="<computed>"), "unknown", id="volcengine-unknown"),
        pytest.param(view("aws:s3/bucket:Bucket"), None, id="not-applicable"),
    ],
)
def test_key_rotation(resource: ResourceView, outcome: str | None) -> None:
    finding = check_key_rotation(resource)
    assert (finding.outcome if finding else None) == outcome


@pytest.mark.parametrize(
    ("resource", "outcome"),
    [
        pytest.param(view("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", cidrIpv4="0.0.0.0/0", ipProtocol="tcp", fromPort=443, toPort=443), None, id="aws-listener"),
        pytest.param(view("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", cidrIpv4="0.0.0.0/0", ipProtocol="tcp", fromPort=22, toPort=22), "violation", id="aws-ssh"),
        pytest.param(view("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", cidrIpv4="0.0.0.0/0", ipProtocol="-1"), "violation", id="aws-all"),
        pytest.param(view("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", cidrIpv4="10.1.0.0/16", ipProtocol="tcp", fromPort=8000, toPort=8000), None, id="aws-private"),
        pytest.param(view("alicloud:ecs/securityGroupRule:SecurityGroupRule", type="ingress", cidrIp="0.0.0.0/0", portRange="8000/8000"), "violation", id="alicloud-serving-port"),
        pytest.param(view("alicloud:ecs/securityGroupRule:SecurityGroupRule", type="egress", cidrIp="0.0.0.0/0", portRange="-1/-1"), None, id="alicloud-egress"),
        pytest.param(view("alicloud:ecs/securityGroupRule:SecurityGroupRule", type="ingress", cidrIp="0.0.0.0/0", portRange="-1/-1", policy="drop"), None, id="alicloud-deny-all"),
        pytest.param(view("tencentcloud:Security/groupRuleSet:GroupRuleSet", ingresses=[{"cidrBlock": "0.0.0.0/0", "port": "ALL", "action": "DROP"}]), None, id="tencent-deny-all"),
        pytest.param(view("tencentcloud:Security/groupRuleSet:GroupRuleSet", ingresses=[{"cidrBlock": "0.0.0.0/0", "port": "443"}, {"cidrBlock": "0.0.0.0/0", "port": "ALL"}]), "violation", id="tencent-all"),
        pytest.param(view("huaweicloud:Vpc/secgroupRule:SecgroupRule", direction="ingress", remoteIpPrefix="0.0.0.0/0", ports="443"), None, id="huawei-listener"),
        pytest.param(view("huaweicloud:Vpc/secgroupRule:SecgroupRule", direction="ingress", remoteIpPrefix="::/0"), "violation", id="huawei-all-ipv6"),
        pytest.param(view("volcengine:vpc/securityGroupRule:SecurityGroupRule", direction="ingress", cidrIp="0.0.0.0/0", portStart=-1, portEnd=-1), "violation", id="volcengine-all"),
        pytest.param(view("volcengine:vpc/securityGroupRule:SecurityGroupRule", direction="ingress", cidrIp="<computed>", portStart=443, portEnd=443), "unknown", id="volcengine-unknown"),
        pytest.param(view("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", securityGroupId="<computed>", cidrIpv4="10.0.0.0/8", ipProtocol="tcp", fromPort=1, toPort=2), None, id="unknown-group-id-does-not-matter"),
        pytest.param(view("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", cidrIpv4="0.0.0.0/0", ipProtocol="-1"), None, id="egress-not-applicable"),
    ],
)
def test_public_ingress(resource: ResourceView, outcome: str | None) -> None:
    finding = check_public_ingress(resource, (443,))
    assert (finding.outcome if finding else None) == outcome


def test_public_ingress_names_what_is_open() -> None:
    finding = check_public_ingress(view("alicloud:ecs/securityGroupRule:SecurityGroupRule", type="ingress", cidrIp="0.0.0.0/0", portRange="22/22"))
    assert finding is not None and finding.message == "port 22 open to 0.0.0.0/0: only listener ports [443] may be public"


@pytest.mark.parametrize(
    ("resource", "outcome"),
    [
        pytest.param(view("aws:lb/listener:Listener", protocol="HTTPS", sslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06"), None, id="aws-tls13"),
        pytest.param(view("aws:lb/listener:Listener", protocol="HTTPS", sslPolicy="ELBSecurityPolicy-2016-08"), "violation", id="aws-default-policy"),
        pytest.param(view("aws:lb/listener:Listener", protocol="HTTP"), None, id="aws-plain-http-not-applicable"),
        pytest.param(view("alicloud:alb/listener:Listener", listenerProtocol="HTTPS", securityPolicyId="tls_cipher_policy_1_2_strict_with_1_3"), None, id="alicloud-alb"),
        pytest.param(view("alicloud:slb/listener:Listener", protocol="https", tlsCipherPolicy="tls_cipher_policy_1_2"), "violation", id="alicloud-clb-old"),
        pytest.param(view("huaweicloud:DedicatedElb/listener:Listener", protocol="HTTPS", tlsCiphersPolicy="<computed>"), "unknown", id="huawei-unknown"),
        pytest.param(view("volcengine:clb/listener:Listener", protocol="HTTPS"), "violation", id="volcengine-clb-cannot"),
    ],
)
def test_tls13_listener(resource: ResourceView, outcome: str | None) -> None:
    finding = check_tls13_listener(resource)
    assert (finding.outcome if finding else None) == outcome
