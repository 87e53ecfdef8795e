from __future__ import annotations

import json

from inferline.preview.record import COMPUTED
from tests.support import SITE_KEY_ID, assert_wired_to_site, build_network, named, network_spec, type_counts

REGION = "cn-hangzhou"
ZONES = ("cn-hangzhou-h", "cn-hangzhou-i")


def test_prod_layout_has_a_nat_gateway_and_route_table_per_zone() -> None:
    spec = network_spec("alicloud", REGION, ZONES, nat="one-per-zone")
    run = build_network(spec)

    assert type_counts(run) == {
        "pulumi:providers:alicloud": 1,
        "inferline:network:PrivateNetwork": 1,
        "alicloud:vpc/network:Network": 1,
        "alicloud:vpc/switch:Switch": 4,
        "alicloud:vpc/natGateway:NatGateway": 2,
        "alicloud:ecs/eipAddress:EipAddress": 2,
        "alicloud:ecs/eipAssociation:EipAssociation": 2,
        "alicloud:vpc/snatEntry:SnatEntry": 2,
        "alicloud:vpc/routeTable:RouteTable": 2,
        "alicloud:vpc/routeTableAttachment:RouteTableAttachment": 2,
        "alicloud:vpc/routeEntry:RouteEntry": 2,
        "alicloud:log/project:Project": 1,
        "alicloud:log/store:Store": 1,
        "alicloud:ram/role:Role": 1,
        "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment": 2,
        "alicloud:vpc/flowLog:FlowLog": 1,
    }
    assert_wired_to_site(run, spec)
    assert named(run, "site-a-alicloud").inputs["region"] == REGION
    vpc = named(run, "site-a-vpc")
    assert vpc.inputs == {
        "vpcName": "inferline-test-site-a-vpc",
        "cidrBlock": "10.1.0.0/16",
        "tags": {"inferline-site": "site-a"},
    }
    private = named(run, "site-a-private-cn-hangzhou-i")
    assert private.inputs["cidrBlock"] == "10.1.16.0/20"
    assert private.inputs["zoneId"] == "cn-hangzhou-i"
    assert private.inputs["vpcId"] == vpc.id
    edge = named(run, "site-a-edge-cn-hangzhou-i")
    assert edge.inputs["cidrBlock"] == "10.1.241.0/24"

    nat = named(run, "site-a-nat-cn-hangzhou-i")
    assert nat.inputs["vswitchId"] == edge.id
    assert nat.inputs["natType"] == "Enhanced"
    assert nat.inputs["networkType"] == "internet"
    assert nat.inputs["paymentType"] == "PayAsYouGo"
    assert nat.inputs["eipBindMode"] == "NAT"
    eip = named(run, "site-a-nat-eip-cn-hangzhou-i")
    assert eip.inputs["internetChargeType"] == "PayByTraffic"
    binding = named(run, "site-a-nat-eip-binding-cn-hangzhou-i")
    assert binding.inputs == {"allocationId": eip.id, "instanceId": nat.id, "instanceType": "Nat"}

    snat = named(run, "site-a-snat-cn-hangzhou-i")
    assert snat.inputs["sourceVswitchId"] == private.id
    assert snat.property_dependencies["snatTableId"] == [nat.urn]
    assert snat.property_dependencies["snatIp"] == [eip.urn]
    # The SNAT IP must be bound to the gateway before the entry is created, and stay bound until it is deleted.
    assert binding.urn in snat.dependencies

    table = named(run, "site-a-private-rt-cn-hangzhou-i")
    assert table.inputs["associateType"] == "VSwitch"
    assert table.inputs["vpcId"] == vpc.id
    attachment = named(run, "site-a-private-rta-cn-hangzhou-i")
    assert attachment.inputs == {"routeTableId": table.id, "vswitchId": private.id}
    egress = named(run, "site-a-private-egress-cn-hangzhou-i")
    assert egress.inputs == {
        "routeTableId": table.id,
        "destinationCidrblock": "0.0.0.0/0",
        "nexthopType": "NatGateway",
        "nexthopId": nat.id,
    }
    assert named(run, "site-a-private-egress-cn-hangzhou-h").inputs["nexthopId"] == named(run, "site-a-nat-cn-hangzhou-h").id


def test_single_nat_serves_every_zone_from_the_first() -> None:
    run = build_network(network_spec("alicloud", REGION, ZONES, nat="single"))
    nat = named(run, "site-a-nat-cn-hangzhou-h")
    eip = named(run, "site-a-nat-eip-cn-hangzhou-h")
    for zone in ZONES:
        assert named(run, f"site-a-private-egress-{zone}").inputs["nexthopId"] == nat.id
        snat = named(run, f"site-a-snat-{zone}")
        assert snat.inputs["sourceVswitchId"] == named(run, f"site-a-private-{zone}").id
        assert snat.property_dependencies["snatTableId"] == [nat.urn]
        assert snat.property_dependencies["snatIp"] == [eip.urn]
    counts = type_counts(run)
    assert counts["alicloud:vpc/natGateway:NatGateway"] == 1
    assert counts["alicloud:ecs/eipAddress:EipAddress"] == 1
    assert counts["alicloud:vpc/switch:Switch"] == 3
    assert counts["alicloud:vpc/routeTable:RouteTable"] == 2


def test_no_nat_means_no_edge_switches_no_gateway_and_no_default_route() -> None:
    run = build_network(network_spec("alicloud", REGION, ZONES, nat="none"))
    counts = type_counts(run)
    for absent in (
        "alicloud:vpc/natGateway:NatGateway",
        "alicloud:ecs/eipAddress:EipAddress",
        "alicloud:ecs/eipAssociation:EipAssociation",
        "alicloud:vpc/snatEntry:SnatEntry",
        "alicloud:vpc/routeEntry:RouteEntry",
    ):
        assert counts[absent] == 0
    assert counts["alicloud:vpc/switch:Switch"] == 2
    # The private route tables exist anyway: interconnect adds its routes to them.
    assert counts["alicloud:vpc/routeTable:RouteTable"] == 2
    assert counts["alicloud:vpc/routeTableAttachment:RouteTableAttachment"] == 2


def test_flow_logs_go_to_the_sites_own_sls_project_and_logstore() -> None:
    run = build_network(network_spec("alicloud", REGION, ZONES))
    vpc = named(run, "site-a-vpc")
    project = named(run, "site-a-flow-logs")
    # Unique per region across accounts, so the VPC id is part of the name.
    assert project.inputs["projectName"] == f"inferline-test-site-a-flow-logs-{vpc.id}"
    assert project.inputs["tags"] == {"inferline-site": "site-a"}
    store = named(run, "site-a-flow-logs-store")
    role = named(run, "site-a-flow-logs-kms-role")
    assert store.inputs == {
        "projectName": project.inputs["projectName"],
        "logstoreName": "vpc-flow-logs",
        "retentionPeriod": 30,
        "encryptConf": {
            "enable": True,
            "encryptType": "default",
            # The role's ARN, known only once the role exists.
            "userCmkInfo": {"cmkKeyId": SITE_KEY_ID, "arn": COMPUTED, "regionId": REGION},
        },
    }
    assert role.urn in store.property_dependencies["encryptConf"]
    assert store.property_dependencies["projectName"] == [project.urn]
    grants = [named(run, "site-a-flow-logs-kms-read"), named(run, "site-a-flow-logs-kms-crypto")]
    assert {grant.urn for grant in grants} <= set(store.dependencies)
    flow_log = named(run, "site-a-flow-log")
    assert flow_log.inputs["resourceType"] == "VPC"
    assert flow_log.inputs["resourceId"] == vpc.id
    assert flow_log.inputs["trafficType"] == "All"
    assert flow_log.inputs["aggregationInterval"] == "1"
    assert flow_log.property_dependencies["projectName"] == [project.urn]
    assert flow_log.property_dependencies["logStoreName"] == [store.urn]


def test_sls_encrypts_flow_logs_through_a_role_it_alone_assumes_with_kms_crypto_rights() -> None:
    run = build_network(network_spec("alicloud", REGION, ZONES))
    role = named(run, "site-a-flow-logs-kms-role")
    assert {key: value for key, value in role.inputs.items() if key != "assumeRolePolicyDocument"} == {
        "roleName": "inferline-test-site-a-flow-logs-kms",
        "description": "Lets SLS encrypt the flow logs of inferline site site-a (test) with the site key",
        "tags": {"inferline-site": "site-a"},
    }
    assert json.loads(role.inputs["assumeRolePolicyDocument"]) == {
        "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": ["log.aliyuncs.com"]}}],
        "Version": "1",
    }
    for suffix, policy in (("read", "AliyunKMSReadOnlyAccess"), ("crypto", "AliyunKMSCryptoUserAccess")):
        grant = named(run, f"site-a-flow-logs-kms-{suffix}")
        assert grant.inputs == {"policyName": policy, "policyType": "System", "roleName": "inferline-test-site-a-flow-logs-kms"}
        assert grant.property_dependencies["roleName"] == [role.urn]


def test_long_names_still_fit_sls_project_rules() -> None:
    run = build_network(network_spec("alicloud", REGION, ZONES, site="gpu-inference-east01"))
    name = named(run, "gpu-inference-east01-flow-logs").inputs["projectName"]
    assert 3 <= len(name) <= 63
    assert name == name.lower() and name[0].isalnum() and name[-1].isalnum()


def test_flow_logs_can_be_turned_off() -> None:
    run = build_network(network_spec("alicloud", REGION, ZONES, flow_logs=False))
    counts = type_counts(run)
    for absent in ("alicloud:vpc/flowLog:FlowLog", "alicloud:log/project:Project", "alicloud:log/store:Store", "alicloud:ram/role:Role"):
        assert counts[absent] == 0
