"""AWS: VPC, private and public (edge) subnets per zone, IGW, NAT gateways with EIPs, route tables,
and VPC flow logs into a CloudWatch Logs group encrypted with the site key, through a role that may write only to
that log group."""

from __future__ import annotations

import json
from typing import ClassVar

import pulumi
import pulumi_aws as aws

from inferline.clouds import CloudName
from inferline.components.encryption import EncryptionContext
from inferline.components.network.adapters.base import NetworkOutputs, child_opts
from inferline.planning.network import NetworkSpec

_TRAFFIC = {"all": "ALL", "accept": "ACCEPT", "reject": "REJECT"}
#: One-minute aggregation (the other choice is 600 s): failover drills need fresh flow records.
_FLOW_LOG_AGGREGATION_S = 60
_FLOW_LOG_ASSUME_ROLE = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
)


class AwsNetwork:
    cloud: ClassVar[CloudName] = "aws"

    def build(self, spec: NetworkSpec, encryption: EncryptionContext, opts: pulumi.ResourceOptions) -> NetworkOutputs:
        names = spec.names

        def tags(*parts: str) -> dict[str, str]:
            return {**spec.tags, "Name": names.cloud(*parts, limit=255)}

        vpc = aws.ec2.Vpc(
            names.resource("vpc"),
            cidr_block=spec.cidr,
            enable_dns_hostnames=True,
            enable_dns_support=True,
            tags=tags("vpc"),
            opts=opts,
        )
        private_subnets = {
            zone.zone: aws.ec2.Subnet(
                names.resource("private", zone.zone),
                vpc_id=vpc.id,
                cidr_block=zone.private_cidr,
                availability_zone=zone.zone,
                map_public_ip_on_launch=False,
                tags=tags("private", zone.zone),
                opts=opts,
            )
            for zone in spec.zones
        }

        edge_subnets: dict[str, aws.ec2.Subnet] = {}
        nat_gateways: dict[str, aws.ec2.NatGateway] = {}
        if spec.edge_zones:
            gateway = aws.ec2.InternetGateway(names.resource("igw"), vpc_id=vpc.id, tags=tags("igw"), opts=opts)
            public_routes = aws.ec2.RouteTable(names.resource("edge-rt"), vpc_id=vpc.id, tags=tags("edge-rt"), opts=opts)
            aws.ec2.Route(
                names.resource("edge-default"),
                route_table_id=public_routes.id,
                destination_cidr_block="0.0.0.0/0",
                gateway_id=gateway.id,
                opts=opts,
            )
            for zone in spec.edge_zones:
                subnet = aws.ec2.Subnet(
                    names.resource("edge", zone.zone),
                    vpc_id=vpc.id,
                    cidr_block=zone.edge_cidr,
                    availability_zone=zone.zone,
                    # Only NAT gateways and load balancers live here; nothing gets a public IP by default.
                    map_public_ip_on_launch=False,
                    tags=tags("edge", zone.zone),
                    opts=opts,
                )
                aws.ec2.RouteTableAssociation(
                    names.resource("edge-rta", zone.zone), subnet_id=subnet.id, route_table_id=public_routes.id, opts=opts
                )
                edge_subnets[zone.zone] = subnet
        for zone_name in spec.nat_zones:
            eip = aws.ec2.Eip(names.resource("nat-eip", zone_name), domain="vpc", tags=tags("nat-eip", zone_name), opts=opts)
            nat_gateways[zone_name] = aws.ec2.NatGateway(
                names.resource("nat", zone_name),
                subnet_id=edge_subnets[zone_name].id,
                allocation_id=eip.allocation_id,
                connectivity_type="public",
                tags=tags("nat", zone_name),
                # The gateway needs the internet gateway attached before it can route.
                opts=child_opts(opts, gateway),
            )

        route_tables = {}
        for zone in spec.zones:
            table = aws.ec2.RouteTable(
                names.resource("private-rt", zone.zone), vpc_id=vpc.id, tags=tags("private-rt", zone.zone), opts=opts
            )
            aws.ec2.RouteTableAssociation(
                names.resource("private-rta", zone.zone), subnet_id=private_subnets[zone.zone].id, route_table_id=table.id, opts=opts
            )
            nat_zone = spec.nat_zone_for(zone.zone)
            if nat_zone is not None:
                aws.ec2.Route(
                    names.resource("private-egress", zone.zone),
                    route_table_id=table.id,
                    destination_cidr_block="0.0.0.0/0",
                    nat_gateway_id=nat_gateways[nat_zone].id,
                    opts=opts,
                )
            route_tables[zone.zone] = table.id

        flow_log_id = self._flow_logs(spec, vpc, encryption, tags, opts) if spec.flow_logs.enabled else None
        return NetworkOutputs(
            vpc_id=vpc.id,
            private_subnet_ids={zone: subnet.id for zone, subnet in private_subnets.items()},
            edge_subnet_ids={zone: subnet.id for zone, subnet in edge_subnets.items()},
            nat_gateway_ids={zone: nat.id for zone, nat in nat_gateways.items()},
            private_route_table_ids=route_tables,
            flow_log_id=flow_log_id,
        )

    @staticmethod
    def _flow_logs(spec: NetworkSpec, vpc: aws.ec2.Vpc, encryption: EncryptionContext, tags, opts: pulumi.ResourceOptions) -> pulumi.Output[str]:  # type: ignore[no-untyped-def]
        names = spec.names
        group = aws.cloudwatch.LogGroup(
            names.resource("flow-logs"),
            name=spec.flow_log_group,
            retention_in_days=spec.flow_logs.retention_days,
            # The site key, by ARN (CloudWatch Logs takes only an ARN here); its policy lets this region's
            # CloudWatch Logs use it for this group (the security adapter's key policy).
            kms_key_id=encryption.key_arn,
            tags=tags("flow-logs"),
            opts=opts,
        )
        role = aws.iam.Role(
            names.resource("flow-logs-role"),
            name=names.cloud("flow-logs", limit=64),
            assume_role_policy=_FLOW_LOG_ASSUME_ROLE,
            tags=tags("flow-logs-role"),
            opts=opts,
        )
        aws.iam.RolePolicy(
            names.resource("flow-logs-write"),
            role=role.id,
            policy=group.arn.apply(_flow_log_write_policy),
            opts=opts,
        )
        flow_log = aws.ec2.FlowLog(
            names.resource("flow-log"),
            vpc_id=vpc.id,
            traffic_type=_TRAFFIC[spec.flow_logs.traffic],
            log_destination_type="cloud-watch-logs",
            log_destination=group.arn,
            iam_role_arn=role.arn,
            max_aggregation_interval=_FLOW_LOG_AGGREGATION_S,
            tags=tags("flow-log"),
            opts=opts,
        )
        return flow_log.id


def _flow_log_write_policy(log_group_arn: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    "Resource": f"{log_group_arn}:*",
                }
            ],
        }
    )
