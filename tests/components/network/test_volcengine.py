from __future__ import annotations

import dataclasses

import pytest

from inferline.config.network import FlowLogSettings, FlowLogTraffic
from tests.support import SITE_KEY_ARN, SITE_KEY_ID, assert_wired_to_site, build_network, named, network_spec, type_counts

REGION = "cn-beijing"
ZONES = ("cn-beijing-a", "cn-beijing-b")
SITE_TAGS = [{"key": "inferline-site", "value": "site-a"}]


def test_prod_layout_has_a_nat_gateway_and_route_table_per_zone() -> None:
    spec = network_spec("volcengine", REGION, ZONES, nat="one-per-zone")
    run = build_network(spec)

    assert type_counts(run) == {
        "pulumi:providers:volcengine": 1,
        "inferline:network:PrivateNetwork": 1,
        "volcengine:vpc/vpc:Vpc": 1,
        "volcengine:vpc/subnet:Subnet": 4,
        "volcengine:eip/address:Address": 2,
        "volcengine:eip/associate:Associate": 2,
        "volcengine:nat/gateway:Gateway": 2,
        "volcengine:nat/snatEntry:SnatEntry": 2,
        "volcengine:vpc/routeTable:RouteTable": 2,
        "volcengine:vpc/routeTableAssociate:RouteTableAssociate": 2,
        "volcengine:vpc/routeEntry:RouteEntry": 2,
        "volcengine:tls/project:Project": 1,
        "volcengine:tls/topic:Topic": 1,
        "volcengine:vpc/flowLog:FlowLog": 1,
    }
    assert_wired_to_site(run, spec)
    assert named(run, "site-a-volcengine").inputs["region"] == REGION
    vpc = named(run, "site-a-vpc")
    assert vpc.inputs["cidrBlock"] == "10.1.0.0/16"
    assert vpc.inputs["vpcName"] == "inferline-test-site-a-vpc"
    assert vpc.inputs["tags"] == SITE_TAGS
    private = named(run, "site-a-private-cn-beijing-b")
    assert private.inputs["cidrBlock"] == "10.1.16.0/20"
    assert private.inputs["zoneId"] == "cn-beijing-b"
    assert private.inputs["vpcId"] == vpc.id
    edge = named(run, "site-a-edge-cn-beijing-b")
    assert edge.inputs["cidrBlock"] == "10.1.241.0/24"
    assert edge.inputs["zoneId"] == "cn-beijing-b"

    nat = named(run, "site-a-nat-cn-beijing-b")
    assert nat.inputs["subnetId"] == edge.id
    assert nat.inputs["vpcId"] == vpc.id
    assert (nat.inputs["billingType"], nat.inputs["spec"]) == ("PostPaid", "Small")
    assert nat.inputs["tags"] == SITE_TAGS
    eip = named(run, "site-a-nat-eip-cn-beijing-b")
    assert eip.inputs["billingType"] == "PostPaidByTraffic"
    binding = named(run, "site-a-nat-eip-binding-cn-beijing-b")
    assert binding.inputs == {"allocationId": eip.id, "instanceId": nat.id, "instanceType": "Nat"}

    snat = named(run, "site-a-private-snat-cn-beijing-b")
    assert snat.inputs["natGatewayId"] == nat.id
    assert snat.inputs["eipId"] == eip.id
    assert snat.inputs["subnetId"] == private.id
    assert "sourceCidr" not in snat.inputs
    assert binding.urn in snat.dependencies

    table = named(run, "site-a-private-rt-cn-beijing-b")
    assert table.inputs["vpcId"] == vpc.id
    association = named(run, "site-a-private-rta-cn-beijing-b")
    assert association.inputs == {"routeTableId": table.id, "subnetId": private.id}
    egress = named(run, "site-a-private-egress-cn-beijing-b")
    assert egress.inputs["routeTableId"] == table.id
    assert egress.inputs["destinationCidrBlock"] == "0.0.0.0/0"
    assert egress.inputs["nextHopType"] == "NatGW"
    assert egress.inputs["nextHopId"] == nat.id
    assert named(run, "site-a-private-egress-cn-beijing-a").inputs["nextHopId"] == named(run, "site-a-nat-cn-beijing-a").id


def test_single_nat_serves_every_zone_from_the_first() -> None:
    run = build_network(network_spec("volcengine", REGION, ZONES, nat="single"))
    nat = named(run, "site-a-nat-cn-beijing-a")
    eip = named(run, "site-a-nat-eip-cn-beijing-a")
    for zone in ZONES:
        assert named(run, f"site-a-private-egress-{zone}").inputs["nextHopId"] == nat.id
        snat = named(run, f"site-a-private-snat-{zone}")
        assert (snat.inputs["natGatewayId"], snat.inputs["eipId"]) == (nat.id, eip.id)
        assert snat.inputs["subnetId"] == named(run, f"site-a-private-{zone}").id
    counts = type_counts(run)
    assert counts["volcengine:nat/gateway:Gateway"] == 1
    assert counts["volcengine:eip/address:Address"] == 1
    assert counts["volcengine:vpc/subnet:Subnet"] == 3
    assert counts["volcengine:vpc/routeTable:RouteTable"] == 2


def test_no_nat_means_no_edge_subnets_no_gateway_and_no_default_route() -> None:
    spec = network_spec("volcengine", REGION, ZONES, nat="none")
    run = build_network(spec)
    counts = type_counts(run)
    for absent in (
        "volcengine:nat/gateway:Gateway",
        "volcengine:nat/snatEntry:SnatEntry",
        "volcengine:eip/address:Address",
        "volcengine:eip/associate:Associate",
        "volcengine:vpc/routeEntry:RouteEntry",
    ):
        assert counts[absent] == 0
    assert counts["volcengine:vpc/subnet:Subnet"] == 2
    # The private route tables exist anyway: interconnect adds its routes to them.
    assert counts["volcengine:vpc/routeTable:RouteTable"] == 2
    assert counts["volcengine:vpc/routeTableAssociate:RouteTableAssociate"] == 2
    assert_wired_to_site(run, spec)


def test_flow_logs_go_to_their_own_tls_project_and_topic() -> None:
    run = build_network(network_spec("volcengine", REGION, ZONES))
    project = named(run, "site-a-flow-logs")
    assert project.inputs == {"projectName": "inferline-test-site-a-flow-logs", "region": REGION, "tags": SITE_TAGS}
    topic = named(run, "site-a-flow-logs-topic")
    assert topic.inputs["projectId"] == project.id
    assert topic.inputs["topicName"] == "inferline-test-site-a-vpc-flow-logs"
    assert topic.inputs["ttl"] == 30
    assert topic.inputs["shardCount"] == 1
    flow_log = named(run, "site-a-flow-log")
    assert topic.inputs["encryptConf"] == {
        "enable": True,
        "encryptType": "default",
        "userCmkInfo": {"userCmkId": SITE_KEY_ID, "trn": SITE_KEY_ARN, "regionId": REGION},
    }
    assert flow_log.inputs["resourceType"] == "vpc"
    assert flow_log.inputs["resourceId"] == named(run, "site-a-vpc").id
    assert flow_log.inputs["trafficType"] == "All"
    assert flow_log.inputs["aggregationInterval"] == 1
    assert flow_log.inputs["flowLogName"] == "inferline-test-site-a-flow-log"
    assert flow_log.inputs["logProjectName"] == project.inputs["projectName"]
    assert flow_log.inputs["logTopicName"] == topic.inputs["topicName"]
    # Otherwise the flow log would create a project and topic of those names itself, first.
    assert topic.urn in flow_log.dependencies


@pytest.mark.parametrize(("traffic", "expected"), [("all", "All"), ("accept", "Allow"), ("reject", "Drop")])
def test_flow_log_traffic_and_retention_follow_the_settings(traffic: FlowLogTraffic, expected: str) -> None:
    spec = network_spec("volcengine", REGION, ZONES)
    spec = dataclasses.replace(spec, flow_logs=FlowLogSettings(traffic=traffic, retention_days=7))
    run = build_network(spec)
    assert named(run, "site-a-flow-log").inputs["trafficType"] == expected
    assert named(run, "site-a-flow-logs-topic").inputs["ttl"] == 7


def test_flow_logs_can_be_turned_off() -> None:
    run = build_network(network_spec("volcengine", REGION, ZONES, flow_logs=False))
    counts = type_counts(run)
    assert counts["volcengine:vpc/flowLog:FlowLog"] == 0
    assert counts["volcengine:tls/project:Project"] == 0
    assert counts["volcengine:tls/topic:Topic"] == 0
