"""Tencent Cloud: VPC, private and edge subnets per zone, zonal NAT gateways with EIPs, one route table
per private subnet with its default route to the right NAT, and VPC flow logs into a CLS topic."""

from __future__ import annotations

from typing import ClassVar

import pulumi
import tencentcloud_iac_pulumi as tencentcloud

from inferline.clouds import CloudName
from inferline.components.encryption import EncryptionContext
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.planning.network import NetworkSpec

#: 60 characters: the limit of VPC, subnet and route table names (CreateVpc, CreateSubnet, CreateRouteTable)
#: and of NAT gateway names (the provider validates 1-60); every other name here accepts at least that.
_NAME_LIMIT = 60
_TRAFFIC = {"all": "ALL", "accept": "ACCEPT", "reject": "REJECT"}
#: 1 = traditional NAT, sold in every region; standard NAT (2) is an allow-listed beta on the international
#: site (tencentcloud.com/document/product/1015/61768), and the version cannot change without replacement.
_NAT_PRODUCT_VERSION = 1
#: Traffic-billed EIPs take 1-100 Mbps and default to 1 Mbps (AllocateAddresses), so the cap is set
#: explicitly and the NAT's bandwidth (20..5000, nat.Gateway docs) matches it; more needs a bandwidth package.
#: Billed per GB, an idle site's egress costs nothing.
_EIP_CHARGE_TYPE = "TRAFFIC_POSTPAID_BY_HOUR"
_EIP_BANDWIDTH_MBPS = 100
_NAT_BANDWIDTH_MBPS = _EIP_BANDWIDTH_MBPS
#: Traditional NAT concurrency is 1M, 3M or 10M connections (nat.Gateway docs); 1M is the smallest.
_NAT_MAX_CONCURRENT = 1_000_000


class TencentcloudNetwork:
    cloud: ClassVar[CloudName] = "tencentcloud"

    def build(self, spec: NetworkSpec, encryption: EncryptionContext, opts: pulumi.ResourceOptions) -> NetworkOutputs:
        names = spec.names
        tags = dict(spec.tags)

        vpc = tencentcloud.vpc.Instance(
            names.resource("vpc"),
            name=names.cloud("vpc", limit=_NAME_LIMIT),
            cidr_block=spec.cidr,
            # Tencent turns multicast on by default; nothing in an inference site uses it.
            is_multicast=False,
            tags=tags,
            opts=opts,
        )

        # A subnet without its own table uses the VPC's default one. Each private subnet gets its own table so
        # that, with one-per-zone, each zone's default route can name its own NAT, and so interconnect can
        # add routes per zone later.
        route_tables = {
            zone.zone: tencentcloud.route.Table(
                names.resource("private-rt", zone.zone),
                vpc_id=vpc.id,
                name=names.cloud("private-rt", zone.zone, limit=_NAME_LIMIT),
                tags=tags,
                opts=opts,
            )
            for zone in spec.zones
        }
        private_subnets = {
            zone.zone: tencentcloud.subnet.Instance(
                names.resource("private", zone.zone),
                vpc_id=vpc.id,
                name=names.cloud("private", zone.zone, limit=_NAME_LIMIT),
                cidr_block=zone.private_cidr,
                availability_zone=zone.zone,
                route_table_id=route_tables[zone.zone].id,
                is_multicast=False,
                tags=tags,
                opts=opts,
            )
            for zone in spec.zones
        }

        # Tencent has no internet gateway: an instance reaches the internet through its own public IP/EIP, a
        # CLB or a route to a NAT gateway, so edge subnets stay on the VPC's default route table.
        # A Tencent NAT gateway is not placed in a subnet (CreateNatGateway's SubnetId is deprecated and the
        # provider would force a replacement whenever the API reads it back differently); it is placed in a
        # zone. The edge subnet is still built for the load balancers that share the edge tier.
        edge_subnets = {
            zone.zone: tencentcloud.subnet.Instance(
                names.resource("edge", zone.zone),
                vpc_id=vpc.id,
                name=names.cloud("edge", zone.zone, limit=_NAME_LIMIT),
                cidr_block=zone.edge_cidr,
                availability_zone=zone.zone,
                is_multicast=False,
                tags=tags,
                opts=opts,
            )
            for zone in spec.edge_zones
        }

        nat_gateways: dict[str, tencentcloud.nat.Gateway] = {}
        for zone_name in spec.nat_zones:
            eip = tencentcloud.eip.Instance(
                names.resource("nat-eip", zone_name),
                name=names.cloud("nat-eip", zone_name, limit=_NAME_LIMIT),
                internet_charge_type=_EIP_CHARGE_TYPE,
                internet_max_bandwidth_out=_EIP_BANDWIDTH_MBPS,
                tags=tags,
                opts=opts,
            )
            # The gateway source-NATs everything routed to it through its bound EIPs; SNAT rules
            # (nat.GatewaySnat) only pin a subnet to a subset of those EIPs, which one EIP per gateway makes
            # moot, and Tencent deletes such a rule itself when its only EIP is unbound.
            nat_gateways[zone_name] = tencentcloud.nat.Gateway(
                names.resource("nat", zone_name),
                vpc_id=vpc.id,
                name=names.cloud("nat", zone_name, limit=_NAME_LIMIT),
                zone=zone_name,
                nat_product_version=_NAT_PRODUCT_VERSION,
                bandwidth=_NAT_BANDWIDTH_MBPS,
                max_concurrent=_NAT_MAX_CONCURRENT,
                assigned_eip_sets=[eip.public_ip],
                tags=tags,
                opts=opts,
            )

        # Creating a NAT gateway adds no route (Tencent's own walkthroughs add the route as a separate step):
        # only an entry with next type NAT sends a subnet's traffic to it, hence one per private table.
        for zone in spec.zones:
            nat_zone = spec.nat_zone_for(zone.zone)
            if nat_zone is None:
                continue
            tencentcloud.route.TableEntry(
                names.resource("private-egress", zone.zone),
                route_table_id=route_tables[zone.zone].id,
                destination_cidr_block="0.0.0.0/0",
                next_type="NAT",
                next_hub=nat_gateways[nat_zone].id,
                description=names.cloud("private-egress", zone.zone, limit=_NAME_LIMIT),
                opts=opts,
            )

        flow_log_id = self._flow_logs(spec, vpc, tags, opts) if spec.flow_logs.enabled else None
        return NetworkOutputs(
            vpc_id=vpc.id,
            private_subnet_ids={zone: subnet.id for zone, subnet in private_subnets.items()},
            edge_subnet_ids={zone: subnet.id for zone, subnet in edge_subnets.items()},
            nat_gateway_ids={zone: nat.id for zone, nat in nat_gateways.items()},
            private_route_table_ids={zone: table.id for zone, table in route_tables.items()},
            flow_log_id=flow_log_id,
        )

    @staticmethod
    def _flow_logs(
        spec: NetworkSpec, vpc: tencentcloud.vpc.Instance, tags: dict[str, str], opts: pulumi.ResourceOptions
    ) -> pulumi.Output[str]:
        names = spec.names
        # CLS keeps data per topic: the logset only groups topics, so retention is set on the topic.
        logset = tencentcloud.cls.Logset(
            names.resource("flow-logs"),
            logset_name=names.cloud("flow-logs", limit=_NAME_LIMIT),
            tags=tags,
            opts=opts,
        )
        topic = tencentcloud.cls.Topic(
            names.resource("flow-logs-topic"),
            logset_id=logset.id,
            topic_name=names.cloud("vpc-flow-logs", limit=_NAME_LIMIT),
            period=spec.flow_logs.retention_days,
            # "cold" needs an allow-list ticket; "hot" is the default and searchable at once.
            storage_type="hot",
            tags=tags,
            opts=opts,
        )
        # Tencent records flows only for the CVM families its flow-log docs list (GN7, GT4, PNV4 among GPU ones);
        # traffic of other instance families is not logged, whatever is declared here.
        flow_log = tencentcloud.vpc.FlowLog(
            names.resource("flow-log"),
            flow_log_name=names.cloud("flow-log", limit=_NAME_LIMIT),
            resource_type="VPC",
            resource_id=vpc.id,
            vpc_id=vpc.id,
            traffic_type=_TRAFFIC[spec.flow_logs.traffic],
            storage_type="cls",
            cloud_log_id=topic.id,
            cloud_log_region=spec.region,
            tags=tags,
            opts=opts,
        )
        return flow_log.id
