from __future__ import annotations

from tests.support import assert_wired_to_site, build_network, named, network_spec, type_counts

REGION = "ap-guangzhou"
ZONES = ("ap-guangzhou-3", "ap-guangzhou-4")
NAT = "tencentcloud:Nat/gateway:Gateway"
EIP = "tencentcloud:Eip/instance:Instance"
SUBNET = "tencentcloud:Subnet/instance:Instance"
ROUTE_TABLE = "tencentcloud:Route/table:Table"
ROUTE = "tencentcloud:Route/tableEntry:TableEntry"
LOGSET = "tencentcloud:Cls/logset:Logset"
TOPIC = "tencentcloud:Cls/topic:Topic"
FLOW_LOG = "tencentcloud:Vpc/flowLog:FlowLog"


def test_prod_layout_has_a_nat_gateway_and_route_table_per_zone() -> None:
    spec = network_spec("tencentcloud", REGION, ZONES, nat="one-per-zone")
    run = build_network(spec)

    assert type_counts(run) == {
        "pulumi:providers:tencentcloud": 1,
        "inferline:network:PrivateNetwork": 1,
        "tencentcloud:Vpc/instance:Instance": 1,
        SUBNET: 4,
        EIP: 2,
        NAT: 2,
        ROUTE_TABLE: 2,
        ROUTE: 2,
        LOGSET: 1,
        TOPIC: 1,
        FLOW_LOG: 1,
    }
    assert_wired_to_site(run, spec)
    assert named(run, "site-a-tencentcloud").inputs["region"] == REGION
    vpc = named(run, "site-a-vpc")
    assert vpc.inputs["cidrBlock"] == "10.1.0.0/16"
    assert vpc.inputs["name"] == "inferline-test-site-a-vpc"
    assert vpc.inputs["tags"] == {"inferline-site": "site-a"}

    private = named(run, "site-a-private-ap-guangzhou-4")
    assert private.inputs["cidrBlock"] == "10.1.16.0/20"
    assert private.inputs["availabilityZone"] == "ap-guangzhou-4"
    assert private.inputs["vpcId"] == vpc.id
    assert private.inputs["routeTableId"] == named(run, "site-a-private-rt-ap-guangzhou-4").id
    edge = named(run, "site-a-edge-ap-guangzhou-4")
    assert edge.inputs["cidrBlock"] == "10.1.241.0/24"
    assert "routeTableId" not in edge.inputs

    for zone in ZONES:
        eip = named(run, f"site-a-nat-eip-{zone}")
        assert eip.inputs["internetChargeType"] == "TRAFFIC_POSTPAID_BY_HOUR"
        assert eip.inputs["internetMaxBandwidthOut"] == 100
        nat = named(run, f"site-a-nat-{zone}")
        assert nat.inputs["zone"] == zone
        assert nat.inputs["vpcId"] == vpc.id
        assert nat.inputs["natProductVersion"] == 1
        assert "subnetId" not in nat.inputs
        # The NAT takes its EIP by public IP, unknown until the EIP exists.
        assert nat.inputs["assignedEipSets"] == ["<computed>"]
        assert nat.property_dependencies["assignedEipSets"] == [eip.urn]

        egress = named(run, f"site-a-private-egress-{zone}")
        assert egress.inputs["routeTableId"] == named(run, f"site-a-private-rt-{zone}").id
        assert egress.inputs["destinationCidrBlock"] == "0.0.0.0/0"
        assert egress.inputs["nextType"] == "NAT"
        assert egress.inputs["nextHub"] == nat.id


def test_single_nat_serves_every_zone_from_the_first() -> None:
    run = build_network(network_spec("tencentcloud", REGION, ZONES, nat="single"))
    nat = named(run, "site-a-nat-ap-guangzhou-3")
    for zone in ZONES:
        assert named(run, f"site-a-private-egress-{zone}").inputs["nextHub"] == nat.id
    counts = type_counts(run)
    assert counts[NAT] == 1
    assert counts[EIP] == 1
    assert counts[SUBNET] == 3
    # Each zone still gets its own table, for interconnect routes.
    assert counts[ROUTE_TABLE] == 2


def test_no_nat_means_no_edge_subnets_no_gateway_and_no_default_route() -> None:
    run = build_network(network_spec("tencentcloud", REGION, ZONES, nat="none"))
    counts = type_counts(run)
    for absent in (NAT, EIP, ROUTE):
        assert counts[absent] == 0
    assert counts[SUBNET] == 2
    assert counts[ROUTE_TABLE] == 2


def test_flow_logs_go_to_a_cls_topic_with_the_retention() -> None:
    run = build_network(network_spec("tencentcloud", REGION, ZONES))
    logset = named(run, "site-a-flow-logs")
    assert logset.inputs["logsetName"] == "inferline-test-site-a-flow-logs"
    topic = named(run, "site-a-flow-logs-topic")
    assert topic.inputs["logsetId"] == logset.id
    assert topic.inputs["period"] == 30
    assert topic.inputs["storageType"] == "hot"
    flow_log = named(run, "site-a-flow-log")
    vpc = named(run, "site-a-vpc")
    assert flow_log.inputs["resourceType"] == "VPC"
    assert flow_log.inputs["resourceId"] == vpc.id
    assert flow_log.inputs["vpcId"] == vpc.id
    assert flow_log.inputs["trafficType"] == "ALL"
    assert flow_log.inputs["storageType"] == "cls"
    assert flow_log.inputs["cloudLogId"] == topic.id
    assert flow_log.inputs["cloudLogRegion"] == REGION
    assert flow_log.inputs["tags"] == {"inferline-site": "site-a"}


def test_flow_logs_can_be_turned_off() -> None:
    run = build_network(network_spec("tencentcloud", REGION, ZONES, flow_logs=False))
    counts = type_counts(run)
    for absent in (FLOW_LOG, TOPIC, LOGSET):
        assert counts[absent] == 0
