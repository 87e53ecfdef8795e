"""Volcano Engine: VPC, private and edge subnets per zone, NAT gateways with bound EIPs and SNAT entries,
one custom route table per private subnet, and VPC flow logs into a TLS (log service) project and a topic encrypted
with the site key."""

from __future__ import annotations

from typing import ClassVar

import pulumi
import pulumi_volcengine as volcengine

from inferline.clouds import CloudName
from inferline.components.encryption import EncryptionContext
from inferline.components.network.adapters.base import NetworkOutputs, child_opts
from inferline.components.volcengine_tags import tag_list
from inferline.planning.network import NetworkSpec

#: vpc.FlowLog traffic_type values (SDK docstring: `All`, `Allow`, `Drop`).
_TRAFFIC = {"all": "All", "accept": "Allow", "reject": "Drop"}
#: Minutes; the SDK allows 1, 5 or 10. One minute, as on AWS: failover drills need fresh flow records.
_FLOW_LOG_AGGREGATION_MIN = 1
#: One shard (SDK range 1-10) that splits by itself up to the SDK's maximum of 10 when flow volume grows.
_FLOW_LOG_SHARDS = 1
_FLOW_LOG_MAX_SHARDS = 10
#: Pay-as-you-go NAT (the SDK's default billing) at the smallest spec: it carries only the GPU nodes'
#: outbound pulls (images, packages); inference traffic enters through load balancers, not the NAT.
_NAT_BILLING = "PostPaid"
_NAT_SPEC = "Small"
#: Egress is bursty and mostly idle, so pay for traffic, not for reserved bandwidth.
_EIP_BILLING = "PostPaidByTraffic"
#: Mbps ceiling of each NAT EIP; a cap on the bill for runaway egress, not a reservation.
_EIP_BANDWIDTH_MBPS = 100
_EIP_ISP = "BGP"



class VolcengineNetwork:
    cloud: ClassVar[CloudName] = "volcengine"

    def build(self, spec: NetworkSpec, encryption: EncryptionContext, opts: pulumi.ResourceOptions) -> NetworkOutputs:
        names = spec.names
        # Cloud-side names keep the default limit (60): the SDK states no name limits, and 60 already
        # fits the 64-character limits that the log services of the other clouds set.
        vpc = volcengine.vpc.Vpc(
            names.resource("vpc"),
            vpc_name=names.cloud("vpc"),
            cidr_block=spec.cidr,
            tags=tag_list(volcengine.vpc.VpcTagArgs, spec.tags),
            opts=opts,
        )
        private_subnets = {
            zone.zone: volcengine.vpc.Subnet(
                names.resource("private", zone.zone),
                vpc_id=vpc.id,
                zone_id=zone.zone,
                cidr_block=zone.private_cidr,
                subnet_name=names.cloud("private", zone.zone),
                tags=tag_list(volcengine.vpc.SubnetTagArgs, spec.tags),
                opts=opts,
            )
            for zone in spec.zones
        }
        # Edge subnets stay on the VPC's system route table. Volcengine has no internet gateway: a NAT
        # gateway reaches the internet through the EIP bound to it, so the edge needs no default route.
        edge_subnets = {
            zone.zone: volcengine.vpc.Subnet(
                names.resource("edge", zone.zone),
                vpc_id=vpc.id,
                zone_id=zone.zone,
                cidr_block=zone.edge_cidr,
                subnet_name=names.cloud("edge", zone.zone),
                tags=tag_list(volcengine.vpc.SubnetTagArgs, spec.tags),
                opts=opts,
            )
            for zone in spec.edge_zones
        }

        nat_gateways: dict[str, volcengine.nat.Gateway] = {}
        nat_eips: dict[str, volcengine.eip.Address] = {}
        eip_bindings: dict[str, volcengine.eip.Associate] = {}
        for zone_name in spec.nat_zones:
            nat = volcengine.nat.Gateway(
                names.resource("nat", zone_name),
                vpc_id=vpc.id,
                subnet_id=edge_subnets[zone_name].id,
                nat_gateway_name=names.cloud("nat", zone_name),
                billing_type=_NAT_BILLING,
                spec=_NAT_SPEC,
                tags=tag_list(volcengine.nat.GatewayTagArgs, spec.tags),
                opts=opts,
            )
            eip = volcengine.eip.Address(
                names.resource("nat-eip", zone_name),
                name=names.cloud("nat-eip", zone_name),
                billing_type=_EIP_BILLING,
                bandwidth=_EIP_BANDWIDTH_MBPS,
                isp=_EIP_ISP,
                tags=tag_list(volcengine.eip.AddressTagArgs, spec.tags),
                opts=opts,
            )
            eip_bindings[zone_name] = volcengine.eip.Associate(
                names.resource("nat-eip-binding", zone_name),
                allocation_id=eip.id,
                instance_id=nat.id,
                instance_type="Nat",
                opts=opts,
            )
            nat_gateways[zone_name] = nat
            nat_eips[zone_name] = eip

        route_tables = {}
        for zone in spec.zones:
            subnet = private_subnets[zone.zone]
            table = volcengine.vpc.RouteTable(
                names.resource("private-rt", zone.zone),
                vpc_id=vpc.id,
                route_table_name=names.cloud("private-rt", zone.zone),
                tags=tag_list(volcengine.vpc.RouteTableTagArgs, spec.tags),
                opts=opts,
            )
            volcengine.vpc.RouteTableAssociate(
                names.resource("private-rta", zone.zone), route_table_id=table.id, subnet_id=subnet.id, opts=opts
            )
            route_tables[zone.zone] = table.id
            nat_zone = spec.nat_zone_for(zone.zone)
            if nat_zone is None:
                continue
            # Whatever default route Volcengine adds for a new NAT gateway lands in the VPC's system
            # route table only; these custom tables must send 0.0.0.0/0 to the NAT themselves, which
            # is also what keeps each zone on its own NAT with one-per-zone.
            volcengine.vpc.RouteEntry(
                names.resource("private-egress", zone.zone),
                route_table_id=table.id,
                destination_cidr_block="0.0.0.0/0",
                next_hop_type="NatGW",
                next_hop_id=nat_gateways[nat_zone].id,
                route_entry_name=names.cloud("private-egress", zone.zone),
                opts=opts,
            )
            # The route brings packets to the NAT; the SNAT entry is what lets the NAT translate them.
            volcengine.nat.SnatEntry(
                names.resource("private-snat", zone.zone),
                nat_gateway_id=nat_gateways[nat_zone].id,
                eip_id=nat_eips[nat_zone].id,
                subnet_id=subnet.id,
                snat_entry_name=names.cloud("private-snat", zone.zone),
                # An SNAT entry may only use an EIP already bound to its gateway (the SDK's own example
                # orders it after eip.Associate); nothing in the inputs says so.
                opts=child_opts(opts, eip_bindings[nat_zone]),
            )

        flow_log_id = self._flow_logs(spec, vpc, encryption, opts) if spec.flow_logs.enabled else None
        return NetworkOutputs(
            vpc_id=vpc.id,
            private_subnet_ids={zone: subnet.id for zone, subnet in private_subnets.items()},
            edge_subnet_ids={zone: subnet.id for zone, subnet in edge_subnets.items()},
            nat_gateway_ids={zone: nat.id for zone, nat in nat_gateways.items()},
            private_route_table_ids=route_tables,
            flow_log_id=flow_log_id,
        )

    @staticmethod
    def _flow_logs(spec: NetworkSpec, vpc: volcengine.vpc.Vpc, encryption: EncryptionContext, opts: pulumi.ResourceOptions) -> pulumi.Output[str]:
        names = spec.names
        project_name = names.cloud("flow-logs")
        topic_name = names.cloud("vpc-flow-logs")
        project = volcengine.tls.Project(
            names.resource("flow-logs"),
            project_name=project_name,
            # The TLS project is the one resource here that does not take the region from the provider.
            region=spec.region,
            tags=tag_list(volcengine.tls.ProjectTagArgs, spec.tags),
            opts=opts,
        )
        topic = volcengine.tls.Topic(
            names.resource("flow-logs-topic"),
            project_id=project.id,
            topic_name=topic_name,
            ttl=spec.flow_logs.retention_days,
            shard_count=_FLOW_LOG_SHARDS,
            auto_split=True,
            max_split_shard=_FLOW_LOG_MAX_SHARDS,
            # Encrypted with the site key (TLS "Data encryption", customer key SSE-KMS). The shape is the SDK's
            # TopicEncryptConfArgs and the TLS API's EncryptConf {enable, encrypt_type, user_cmk_info {user_cmk_id,
            # trn, region_id}}; encrypt_type "default" is the algorithm the provider's own example uses.
            encrypt_conf=volcengine.tls.TopicEncryptConfArgs(
                enable=True,
                encrypt_type="default",
                user_cmk_info=volcengine.tls.TopicEncryptConfUserCmkInfoArgs(
                    user_cmk_id=encryption.key_id, trn=encryption.key_arn, region_id=spec.region
                ),
            ),
            tags=tag_list(volcengine.tls.TopicTagArgs, spec.tags),
            opts=opts,
        )
        flow_log = volcengine.vpc.FlowLog(
            names.resource("flow-log"),
            flow_log_name=names.cloud("flow-log"),
            resource_type="vpc",
            resource_id=vpc.id,
            traffic_type=_TRAFFIC[spec.flow_logs.traffic],
            aggregation_interval=_FLOW_LOG_AGGREGATION_MIN,
            # The flow log names its sink instead of taking ids, and creates a project and topic of that
            # name (with the service's default retention) if none exists yet: it must come after ours.
            log_project_name=project_name,
            log_topic_name=topic_name,
            tags=tag_list(volcengine.vpc.FlowLogTagArgs, spec.tags),
            opts=child_opts(opts, topic),
        )
        return flow_log.id
