from __future__ import annotations

from tests.support import assert_wired_to_site, build_network, named, network_spec, type_counts

REGION = "cn-north-4"
ZONES = ("cn-north-4a", "cn-north-4b")


def test_prod_layout_has_a_nat_gateway_and_route_table_per_zone() -> None:
    spec = network_spec("huaweicloud", REGION, ZONES, nat="one-per-zone")
    run = build_network(spec)

    assert type_counts(run) == {
        "pulumi:providers:huaweicloud": 1,
        "inferline:network:PrivateNetwork": 1,
        "huaweicloud:Vpc/vpc:Vpc": 1,
        "huaweicloud:Vpc/subnet:Subnet": 4,
        "huaweicloud:Vpc/eip:Eip": 2,
        "huaweicloud:Nat/gateway:Gateway": 2,
        "huaweicloud:Nat/snatRule:SnatRule": 2,
        "huaweicloud:Vpc/routeTable:RouteTable": 2,
        "huaweicloud:Vpc/route:Route": 2,
        "huaweicloud:Lts/group:Group": 1,
        "huaweicloud:Lts/stream:Stream": 1,
        "huaweicloud:Vpc/flowLog:FlowLog": 1,
    }
    assert_wired_to_site(run, spec)
    assert named(run, "site-a-huaweicloud").inputs["region"] == REGION

    vpc = named(run, "site-a-vpc")
    assert vpc.inputs["cidr"] == "10.1.0.0/16"
    assert vpc.inputs["name"] == "inferline-test-site-a-vpc"
    assert vpc.inputs["tags"] == {"inferline-site": "site-a"}

    private = named(run, "site-a-private-cn-north-4b")
    assert private.inputs["cidr"] == "10.1.16.0/20"
    assert private.inputs["gatewayIp"] == "10.1.16.1"
    assert private.inputs["availabilityZone"] == "cn-north-4b"
    assert private.inputs["vpcId"] == vpc.id
    assert private.inputs["tags"] == {"inferline-site": "site-a"}
    edge = named(run, "site-a-edge-cn-north-4b")
    assert edge.inputs["cidr"] == "10.1.241.0/24"
    assert edge.inputs["gatewayIp"] == "10.1.241.1"

    eip = named(run, "site-a-nat-eip-cn-north-4b")
    assert eip.inputs["publicip"] == {"type": "5_bgp"}
    assert eip.inputs["bandwidth"] == {
        "shareType": "PER",
        "name": "inferline-test-site-a-nat-bandwidth-cn-north-4b",
        "size": 300,
        "chargeMode": "traffic",
    }
    nat = named(run, "site-a-nat-cn-north-4b")
    assert nat.inputs["subnetId"] == edge.id
    assert nat.inputs["vpcId"] == vpc.id
    assert nat.inputs["spec"] == "1"

    snat = named(run, "site-a-snat-cn-north-4b")
    assert snat.inputs["natGatewayId"] == nat.id
    assert snat.inputs["floatingIpId"] == eip.id
    assert snat.inputs["subnetId"] == private.id
    assert snat.inputs["sourceType"] == 0

    table = named(run, "site-a-private-rt-cn-north-4b")
    assert table.inputs["subnets"] == [private.id]
    assert table.inputs["vpcId"] == vpc.id
    assert "routes" not in table.inputs
    egress = named(run, "site-a-private-egress-cn-north-4b")
    assert egress.inputs["routeTableId"] == table.id
    assert egress.inputs["destination"] == "0.0.0.0/0"
    assert egress.inputs["type"] == "nat"
    assert egress.inputs["nexthop"] == nat.id


def test_single_nat_serves_every_zone_from_the_first() -> None:
    run = build_network(network_spec("huaweicloud", REGION, ZONES, nat="single"))
    nat = named(run, "site-a-nat-cn-north-4a")
    eip = named(run, "site-a-nat-eip-cn-north-4a")
    for zone in ZONES:
        assert named(run, f"site-a-private-egress-{zone}").inputs["nexthop"] == nat.id
        snat = named(run, f"site-a-snat-{zone}")
        assert snat.inputs["natGatewayId"] == nat.id
        assert snat.inputs["floatingIpId"] == eip.id
        assert snat.inputs["subnetId"] == named(run, f"site-a-private-{zone}").id
    counts = type_counts(run)
    assert counts["huaweicloud:Nat/gateway:Gateway"] == 1
    assert counts["huaweicloud:Vpc/eip:Eip"] == 1
    assert counts["huaweicloud:Vpc/subnet:Subnet"] == 3
    assert counts["huaweicloud:Vpc/routeTable:RouteTable"] == 2


def test_no_nat_means_no_edge_subnets_no_gateway_and_no_default_route() -> None:
    run = build_network(network_spec("huaweicloud", REGION, ZONES, nat="none"))
    counts = type_counts(run)
    for absent in (
        "huaweicloud:Nat/gateway:Gateway",
        "huaweicloud:Nat/snatRule:SnatRule",
        "huaweicloud:Vpc/eip:Eip",
        "huaweicloud:Vpc/route:Route",
    ):
        assert counts[absent] == 0
    assert counts["huaweicloud:Vpc/subnet:Subnet"] == 2
    # The private route tables still exist: interconnect adds its routes to them.
    assert counts["huaweicloud:Vpc/routeTable:RouteTable"] == 2


def test_flow_logs_go_to_their_own_lts_group_and_stream() -> None:
    run = build_network(network_spec("huaweicloud", REGION, ZONES))
    group = named(run, "site-a-flow-logs")
    assert group.inputs["groupName"] == "inferline-test-site-a-flow-logs"
    assert group.inputs["ttlInDays"] == 30
    assert group.inputs["tags"] == {"inferline-site": "site-a"}
    stream = named(run, "site-a-flow-logs-stream")
    assert stream.inputs["groupId"] == group.id
    assert stream.inputs["streamName"] == "inferline-test-site-a-vpc-flow-logs"
    flow_log = named(run, "site-a-flow-log")
    assert flow_log.inputs["resourceType"] == "vpc"
    assert flow_log.inputs["resourceId"] == named(run, "site-a-vpc").id
    assert flow_log.inputs["trafficType"] == "all"
    assert flow_log.inputs["logGroupId"] == group.id
    assert flow_log.inputs["logStreamId"] == stream.id


def test_flow_logs_can_be_turned_off() -> None:
    counts = type_counts(build_network(network_spec("huaweicloud", REGION, ZONES, flow_logs=False)))
    for absent in ("huaweicloud:Vpc/flowLog:FlowLog", "huaweicloud:Lts/group:Group", "huaweicloud:Lts/stream:Stream"):
        assert counts[absent] == 0
