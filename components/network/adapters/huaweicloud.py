"""Huawei Cloud: VPC, private and edge subnets per zone, public NAT gateways with EIPs and SNAT rules,
one custom route table per private subnet, and VPC flow logs into an LTS log group and stream."""

from __future__ import annotations

import ipaddress
from typing import ClassVar

import pulumi

from inferline.clouds import CloudName
from inferline.components.encryption import EncryptionContext
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.providers import import_huaweicloud
from inferline.planning.network import NetworkSpec

# pulumi_huaweicloud 0.0.12 imports pkg_resources at import time; this import keeps that warning from users.
import_huaweicloud()
import pulumi_huaweicloud as huaweicloud  # noqa: E402

#: vpc.FlowLog takes the same lowercase words the spec uses ("all", "accept", "reject").
_TRAFFIC = {"all": "all", "accept": "accept", "reject": "reject"}
#: NAT gateway size "1" (small, up to 10,000 SNAT connections): GPU nodes open few, long-lived outbound
#: connections (image and weight pulls, telemetry); inference traffic arrives through load balancers, not NAT.
_NAT_SPEC = "1"
#: Dedicated (PER) EIP bandwidth cap in Mbit/s, the SDK's maximum (1-300). Billed by traffic, so the cap
#: costs nothing while idle and model-weight pulls through NAT are not throttled to a trickle.
_NAT_BANDWIDTH_MBIT_S = 300
#: Dynamic BGP: the SDK's default EIP type, written out so that the plan shows it.
_EIP_TYPE = "5_bgp"


class HuaweicloudNetwork:
    cloud: ClassVar[CloudName] = "huaweicloud"

    def build(self, spec: NetworkSpec, encryption: EncryptionContext, opts: pulumi.ResourceOptions) -> NetworkOutputs:
        names = spec.names
        tags = dict(spec.tags)

        vpc = huaweicloud.vpc.Vpc(names.resource("vpc"), name=names.cloud("vpc"), cidr=spec.cidr, tags=tags, opts=opts)

        def subnet(role: str, zone: str, cidr: str) -> huaweicloud.vpc.Subnet:
            return huaweicloud.vpc.Subnet(
                names.resource(role, zone),
                name=names.cloud(role, zone),
                vpc_id=vpc.id,
                cidr=cidr,
                gateway_ip=_gateway_ip(cidr),
                availability_zone=zone,
                tags=tags,
                opts=opts,
            )

        private_subnets = {zone.zone: subnet("private", zone.zone, zone.private_cidr) for zone in spec.zones}
        # No internet gateway on Huawei Cloud: the NAT gateway reaches the internet through its own EIP, so
        # the edge subnets stay on the VPC's default route table and need no route of ours.
        edge_subnets = {zone.zone: subnet("edge", zone.zone, zone.edge_cidr) for zone in spec.edge_zones}

        nat_gateways: dict[str, huaweicloud.nat.Gateway] = {}
        nat_eips: dict[str, huaweicloud.vpc.Eip] = {}
        for zone_name in spec.nat_zones:
            nat_eips[zone_name] = huaweicloud.vpc.Eip(
                names.resource("nat-eip", zone_name),
                name=names.cloud("nat-eip", zone_name),
                publicip=huaweicloud.vpc.EipPublicipArgs(type=_EIP_TYPE),
                bandwidth=huaweicloud.vpc.EipBandwidthArgs(
                    share_type="PER",
                    name=names.cloud("nat-bandwidth", zone_name),
                    size=_NAT_BANDWIDTH_MBIT_S,
                    charge_mode="traffic",
                ),
                tags=tags,
                opts=opts,
            )
            # nat.Gateway has no zone argument: its downlink port sits in the subnet given here, so the
            # zone's edge subnet is what places it in that zone.
            nat_gateways[zone_name] = huaweicloud.nat.Gateway(
                names.resource("nat", zone_name),
                name=names.cloud("nat", zone_name),
                vpc_id=vpc.id,
                subnet_id=edge_subnets[zone_name].id,
                spec=_NAT_SPEC,
                tags=tags,
                opts=opts,
            )

        route_tables = {}
        for zone in spec.zones:
            nat_zone = spec.nat_zone_for(zone.zone)
            private = private_subnets[zone.zone]
            # A Huawei public NAT gateway only adds 0.0.0.0/0 to the VPC's *default* route table, and only if
            # that table has no default route yet, so a second gateway in the VPC never gets one ("each public
            # NAT gateway requires its unique route table", NAT Gateway user guide). Each private subnet
            # therefore gets its own table with an explicit default route to its zone's gateway; the route the
            # first gateway adds to the default table is left to the cloud and reaches only the edge subnets.
            # Custom route tables count against a per-VPC quota that may need raising (SDK docs).
            # Routes are separate vpc.Route resources, never the table's inline `routes`: that list is
            # optional+computed in the provider, so routes added later (interconnect) do not cause drift.
            table = huaweicloud.vpc.RouteTable(
                names.resource("private-rt", zone.zone),
                name=names.cloud("private-rt", zone.zone),
                vpc_id=vpc.id,
                subnets=[private.id],
                opts=opts,
            )
            route_tables[zone.zone] = table.id
            if nat_zone is None:
                continue
            nat = nat_gateways[nat_zone]
            # The route and the SNAT rule must name the same gateway: a gateway translates only subnets it
            # has an SNAT rule for. Rules on one gateway may share its EIP, so one EIP per gateway suffices.
            huaweicloud.nat.SnatRule(
                names.resource("snat", zone.zone),
                nat_gateway_id=nat.id,
                subnet_id=private.id,
                floating_ip_id=nat_eips[nat_zone].id,
                source_type=0,
                description=f"egress of the {zone.zone} private subnet",
                opts=opts,
            )
            huaweicloud.vpc.Route(
                names.resource("private-egress", zone.zone),
                vpc_id=vpc.id,
                route_table_id=table.id,
                destination="0.0.0.0/0",
                type="nat",
                nexthop=nat.id,
                opts=opts,
            )

        flow_log_id = self._flow_logs(spec, vpc, tags, opts) if spec.flow_logs.enabled else None
        return NetworkOutputs(
            vpc_id=vpc.id,
            private_subnet_ids={zone: s.id for zone, s in private_subnets.items()},
            edge_subnet_ids={zone: s.id for zone, s in edge_subnets.items()},
            edge_ipv4_subnet_ids={zone: s.ipv4_subnet_id for zone, s in edge_subnets.items()},
            nat_gateway_ids={zone: nat.id for zone, nat in nat_gateways.items()},
            private_route_table_ids=route_tables,
            flow_log_id=flow_log_id,
        )

    @staticmethod
    def _flow_logs(
        spec: NetworkSpec, vpc: huaweicloud.vpc.Vpc, tags: dict[str, str], opts: pulumi.ResourceOptions
    ) -> pulumi.Output[str]:
        names = spec.names
        group = huaweicloud.lts.Group(
            names.resource("flow-logs"),
            group_name=names.cloud("flow-logs"),
            ttl_in_days=spec.flow_logs.retention_days,
            tags=tags,
            opts=opts,
        )
        # The stream leaves ttl_in_days unset so that it inherits the group's retention.
        stream = huaweicloud.lts.Stream(
            names.resource("flow-logs-stream"),
            group_id=group.id,
            stream_name=names.cloud("vpc-flow-logs"),
            tags=tags,
            opts=opts,
        )
        flow_log = huaweicloud.vpc.FlowLog(
            names.resource("flow-log"),
            name=names.cloud("flow-log"),
            resource_type="vpc",
            resource_id=vpc.id,
            traffic_type=_TRAFFIC[spec.flow_logs.traffic],
            log_group_id=group.id,
            log_stream_id=stream.id,
            opts=opts,
        )
        return flow_log.id


def _gateway_ip(cidr: str) -> str:
    """The subnet's first usable address, where Huawei Cloud subnets conventionally put their gateway."""
    return str(ipaddress.IPv4Network(cidr)[1])
