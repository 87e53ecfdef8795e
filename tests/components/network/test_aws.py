from __future__ import annotations

import json

from tests.support import SITE_KEY_ARN, assert_wired_to_site, build_network, named, network_spec, type_counts

ZONES = ("ap-southeast-1a", "ap-southeast-1b")


def test_prod_layout_has_a_nat_gateway_and_route_table_per_zone() -> None:
    spec = network_spec("aws", "ap-southeast-1", ZONES, nat="one-per-zone")
    run = build_network(spec)

    assert type_counts(run) == {
        "pulumi:providers:aws": 1,
        "inferline:network:PrivateNetwork": 1,
        "aws:ec2/vpc:Vpc": 1,
        "aws:ec2/subnet:Subnet": 4,
        "aws:ec2/internetGateway:InternetGateway": 1,
        "aws:ec2/eip:Eip": 2,
        "aws:ec2/natGateway:NatGateway": 2,
        "aws:ec2/routeTable:RouteTable": 3,
        "aws:ec2/route:Route": 3,
        "aws:ec2/routeTableAssociation:RouteTableAssociation": 4,
        "aws:cloudwatch/logGroup:LogGroup": 1,
        "aws:iam/role:Role": 1,
        "aws:iam/rolePolicy:RolePolicy": 1,
        "aws:ec2/flowLog:FlowLog": 1,
    }
    assert_wired_to_site(run, spec)
    assert named(run, "site-a-aws").inputs["region"] == "ap-southeast-1"
    vpc = named(run, "site-a-vpc")
    assert vpc.inputs["cidrBlock"] == "10.1.0.0/16"
    assert vpc.inputs["enableDnsHostnames"] is True
    private = named(run, "site-a-private-ap-southeast-1b")
    assert private.inputs["cidrBlock"] == "10.1.16.0/20"
    assert private.inputs["availabilityZone"] == "ap-southeast-1b"
    assert private.inputs["mapPublicIpOnLaunch"] is False
    assert named(run, "site-a-edge-ap-southeast-1b").inputs["cidrBlock"] == "10.1.241.0/24"
    egress = named(run, "site-a-private-egress-ap-southeast-1b")
    assert egress.inputs["destinationCidrBlock"] == "0.0.0.0/0"
    assert egress.inputs["natGatewayId"] == named(run, "site-a-nat-ap-southeast-1b").id


def test_single_nat_serves_every_zone_from_the_first() -> None:
    run = build_network(network_spec("aws", "ap-southeast-1", ZONES, nat="single"))
    nat = named(run, "site-a-nat-ap-southeast-1a")
    for zone in ZONES:
        assert named(run, f"site-a-private-egress-{zone}").inputs["natGatewayId"] == nat.id
    assert type_counts(run)["aws:ec2/natGateway:NatGateway"] == 1
    assert type_counts(run)["aws:ec2/subnet:Subnet"] == 3


def test_no_nat_means_no_edge_subnets_no_gateway_and_no_default_route() -> None:
    run = build_network(network_spec("aws", "ap-southeast-1", ZONES, nat="none"))
    counts = type_counts(run)
    for absent in ("aws:ec2/natGateway:NatGateway", "aws:ec2/internetGateway:InternetGateway", "aws:ec2/route:Route", "aws:ec2/eip:Eip"):
        assert counts[absent] == 0
    assert counts["aws:ec2/subnet:Subnet"] == 2


def test_flow_logs_write_only_to_their_own_log_group() -> None:
    run = build_network(network_spec("aws", "ap-southeast-1", ZONES))
    group = named(run, "site-a-flow-logs")
    assert group.inputs == {
        "name": "/inferline/test/site-a/vpc-flow-logs",
        "retentionInDays": 30,
        # Encrypted with the site key, by ARN.
        "kmsKeyId": SITE_KEY_ARN,
        "tags": {"inferline-site": "site-a", "Name": "inferline-test-site-a-flow-logs"},
    }
    flow_log = named(run, "site-a-flow-log")
    assert flow_log.inputs["trafficType"] == "ALL"
    assert flow_log.inputs["logDestinationType"] == "cloud-watch-logs"
    assert flow_log.inputs["vpcId"] == named(run, "site-a-vpc").id
    policy = json.loads(named(run, "site-a-flow-logs-write").inputs["policy"])
    (statement,) = policy["Statement"]
    assert statement["Resource"].endswith(":*") and statement["Resource"].startswith("arn:aws:logs:ap-southeast-1:")
    assert statement["Action"] == ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]


def test_flow_logs_can_be_turned_off() -> None:
    run = build_network(network_spec("aws", "ap-southeast-1", ZONES, flow_logs=False))
    assert type_counts(run)["aws:ec2/flowLog:FlowLog"] == 0
    assert type_counts(run)["aws:cloudwatch/logGroup:LogGroup"] == 0
