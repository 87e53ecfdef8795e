"""Alibaba Cloud: VPC, private and edge vSwitches per zone, enhanced NAT gateways with EIPs and SNAT entries,
a custom route table per private vSwitch, and VPC flow logs into a Simple Log Service (SLS) project and a logstore
encrypted with the site key through a RAM role SLS assumes."""

from __future__ import annotations

import json
import re
from typing import ClassVar

import pulumi
import pulumi_alicloud as alicloud

from inferline.clouds import CloudName
from inferline.components.encryption import EncryptionContext
from inferline.components.network.adapters.base import NetworkOutputs, child_opts
from inferline.planning.naming import Names
from inferline.planning.network import NetworkSpec

_TRAFFIC = {"all": "All", "accept": "Allow", "reject": "Drop"}
_DEFAULT_ROUTE = "0.0.0.0/0"
#: Flow-log aggregation in minutes: the CreateFlowLog API takes 1, 5 or 10 minutes (the SDK docstring's "seconds"
#: is wrong). One minute, like the AWS adapter, so failover drills see fresh flow records.
_FLOW_LOG_AGGREGATION_MINUTES = "1"
#: SLS project names: 3-63 lower-case letters, digits and '-', unique within a region across all accounts (SLS
#: CreateProject API reference), so the VPC id goes into the name (a replaced VPC starts a new project).
_SLS_PROJECT_NAME_LIMIT = 63
#: RAM role names: 1-64 letters, digits, '.' and '-' (RAM CreateRole API).
_RAM_ROLE_NAME_LIMIT = 64
_SLS_ASSUME_ROLE = json.dumps(
    {"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": ["log.aliyuncs.com"]}}], "Version": "1"}
)
#: A logstore name only has to be unique inside its project, and each site has its own project.
_FLOW_LOG_STORE = "vpc-flow-logs"
#: Pay-by-traffic EIPs bill bytes, not the cap, so take the SDK's highest cap for pay-as-you-go traffic billing
#: (200 Mbit/s; the default is 5): GPU nodes pull images and model weights through the NAT.
_NAT_EIP_BANDWIDTH_MBPS = "200"


class AlicloudNetwork:
    cloud: ClassVar[CloudName] = "alicloud"

    def build(self, spec: NetworkSpec, encryption: EncryptionContext, opts: pulumi.ResourceOptions) -> NetworkOutputs:
        names = spec.names
        tags = dict(spec.tags)

        vpc = alicloud.vpc.Network(
            names.resource("vpc"), vpc_name=names.cloud("vpc"), cidr_block=spec.cidr, tags=tags, opts=opts
        )
        private_switches = {
            zone.zone: alicloud.vpc.Switch(
                names.resource("private", zone.zone),
                vpc_id=vpc.id,
                vswitch_name=names.cloud("private", zone.zone),
                cidr_block=zone.private_cidr,
                zone_id=zone.zone,
                tags=tags,
                opts=opts,
            )
            for zone in spec.zones
        }
        # Edge vSwitches stay on the VPC's system route table and need no default route of their own: without an
        # IPv4 gateway a VPC has no internet route to add, the EIP bound to the NAT gateway gives it internet reach.
        edge_switches = {
            zone.zone: alicloud.vpc.Switch(
                names.resource("edge", zone.zone),
                vpc_id=vpc.id,
                vswitch_name=names.cloud("edge", zone.zone),
                cidr_block=zone.edge_cidr,
                zone_id=zone.zone,
                tags=tags,
                opts=opts,
            )
            for zone in spec.edge_zones
        }

        nat_gateways: dict[str, alicloud.vpc.NatGateway] = {}
        nat_ips: dict[str, pulumi.Output[str]] = {}
        eip_bindings: dict[str, alicloud.ecs.EipAssociation] = {}
        for zone_name in spec.nat_zones:
            nat = alicloud.vpc.NatGateway(
                names.resource("nat", zone_name),
                vpc_id=vpc.id,
                vswitch_id=edge_switches[zone_name].id,
                nat_gateway_name=names.cloud("nat", zone_name),
                # Normal NAT gateways are retired; Enhanced is the only type the API still creates, billed by LCU.
                nat_type="Enhanced",
                network_type="internet",
                payment_type="PayAsYouGo",
                internet_charge_type="PayByLcu",
                # NAT mode is the one compatible with IPv4 gateways; MULTI_BINDED can later be changed into it but
                # never back, so start where every gateway ends up.
                eip_bind_mode="NAT",
                tags=tags,
                opts=opts,
            )
            eip = alicloud.ecs.EipAddress(
                names.resource("nat-eip", zone_name),
                address_name=names.cloud("nat-eip", zone_name),
                payment_type="PayAsYouGo",
                internet_charge_type="PayByTraffic",
                bandwidth=_NAT_EIP_BANDWIDTH_MBPS,
                isp="BGP",
                tags=tags,
                opts=opts,
            )
            eip_bindings[zone_name] = alicloud.ecs.EipAssociation(
                names.resource("nat-eip-binding", zone_name),
                allocation_id=eip.id,
                instance_id=nat.id,
                instance_type="Nat",
                opts=opts,
            )
            nat_gateways[zone_name] = nat
            nat_ips[zone_name] = eip.ip_address

        route_tables = {}
        for zone in spec.zones:
            # An enhanced NAT gateway adds 0.0.0.0/0 -> itself only to the VPC's system route table, and only if that
            # table has no default route yet (CreateNatGateway API notes): with one NAT per zone the system table
            # can point at one of them at most. So each private vSwitch gets its own table with an explicit default
            # route to the NAT of its zone; interconnect routes are added to the same tables later.
            table = alicloud.vpc.RouteTable(
                names.resource("private-rt", zone.zone),
                vpc_id=vpc.id,
                route_table_name=names.cloud("private-rt", zone.zone),
                associate_type="VSwitch",
                tags=tags,
                opts=opts,
            )
            alicloud.vpc.RouteTableAttachment(
                names.resource("private-rta", zone.zone),
                vswitch_id=private_switches[zone.zone].id,
                route_table_id=table.id,
                opts=opts,
            )
            nat_zone = spec.nat_zone_for(zone.zone)
            if nat_zone is not None:
                nat = nat_gateways[nat_zone]
                alicloud.vpc.RouteEntry(
                    names.resource("private-egress", zone.zone),
                    route_table_id=table.id,
                    destination_cidrblock=_DEFAULT_ROUTE,
                    nexthop_type="NatGateway",
                    nexthop_id=nat.id,
                    opts=opts,
                )
                # The route only brings packets to the gateway; the SNAT entry is what translates them. Its IP must
                # already be bound to that gateway, and it must be deleted before the EIP is unbound.
                alicloud.vpc.SnatEntry(
                    names.resource("snat", zone.zone),
                    snat_table_id=nat.snat_table_ids,
                    source_vswitch_id=private_switches[zone.zone].id,
                    snat_ip=nat_ips[nat_zone],
                    snat_entry_name=names.cloud("snat", zone.zone),
                    opts=child_opts(opts, eip_bindings[nat_zone]),
                )
            route_tables[zone.zone] = table.id

        flow_log_id = self._flow_logs(spec, vpc, encryption, tags, opts) if spec.flow_logs.enabled else None
        return NetworkOutputs(
            vpc_id=vpc.id,
            private_subnet_ids={zone: switch.id for zone, switch in private_switches.items()},
            edge_subnet_ids={zone: switch.id for zone, switch in edge_switches.items()},
            nat_gateway_ids={zone: nat.id for zone, nat in nat_gateways.items()},
            private_route_table_ids=route_tables,
            flow_log_id=flow_log_id,
        )

    @staticmethod
    def _flow_logs(
        spec: NetworkSpec, vpc: alicloud.vpc.Network, encryption: EncryptionContext, tags: dict[str, str], opts: pulumi.ResourceOptions
    ) -> pulumi.Output[str]:
        # The account must have the VPC flow-log service opened once (OpenFlowLogService). The SDK offers that only
        # as the data source vpc.get_flow_log_service, an invoke with a side effect that an offline preview cannot
        # answer, so it is a documented prerequisite, not declared here. SLS itself opens with its first project.
        names = spec.names
        project = alicloud.log.Project(
            names.resource("flow-logs"),
            project_name=vpc.id.apply(lambda vpc_id: _sls_project_name(names, vpc_id)),
            description=f"VPC flow logs of inferline site {names.site} ({names.stack})",
            tags=tags,
            opts=opts,
        )
        # SLS encrypts a logstore with a customer key ("BYOK") through a RAM role it assumes, trusted by
        # log.aliyuncs.com and holding AliyunKMSReadOnlyAccess and AliyunKMSCryptoUserAccess (SLS user guide,
        # "Data encryption", step 1: authorize Simple Log Service to access KMS).
        role = alicloud.ram.Role(
            names.resource("flow-logs-kms-role"),
            role_name=re.sub(r"[^A-Za-z0-9.-]+", "-", names.cloud("flow-logs-kms", limit=_RAM_ROLE_NAME_LIMIT)),
            assume_role_policy_document=_SLS_ASSUME_ROLE,
            description=f"Lets SLS encrypt the flow logs of inferline site {names.site} ({names.stack}) with the site key",
            tags=tags,
            opts=opts,
        )
        grants = [
            alicloud.ram.RolePolicyAttachment(
                names.resource(f"flow-logs-kms-{suffix}"), policy_name=policy, policy_type="System", role_name=role.role_name, opts=opts
            )
            for suffix, policy in (("read", "AliyunKMSReadOnlyAccess"), ("crypto", "AliyunKMSCryptoUserAccess"))
        ]
        store = alicloud.log.Store(
            names.resource("flow-logs-store"),
            project_name=project.project_name,
            logstore_name=_FLOW_LOG_STORE,
            retention_period=spec.flow_logs.retention_days,
            # encrypt_type is the algorithm: "default" (AES) or SM4 (EncryptConf, SLS API 2020-12-30); user_cmk_info
            # switches from the SLS service key to the site key. The SDK updates only `enable` on an existing
            # logstore (encrypt_conf docstring), so a store created before this was added keeps its service key.
            encrypt_conf=alicloud.log.StoreEncryptConfArgs(
                enable=True,
                encrypt_type="default",
                user_cmk_info=alicloud.log.StoreEncryptConfUserCmkInfoArgs(cmk_key_id=encryption.key_id, arn=role.arn, region_id=spec.region),
            ),
            # SLS checks the role's permissions when the store is created.
            opts=child_opts(opts, *grants),
        )
        flow_log = alicloud.vpc.FlowLog(
            names.resource("flow-log"),
            flow_log_name=names.cloud("flow-log"),
            resource_type="VPC",
            resource_id=vpc.id,
            traffic_type=_TRAFFIC[spec.flow_logs.traffic],
            project_name=project.project_name,
            log_store_name=store.logstore_name,
            aggregation_interval=_FLOW_LOG_AGGREGATION_MINUTES,
            tags=tags,
            opts=opts,
        )
        return flow_log.id


def _sls_project_name(names: Names, vpc_id: str) -> str:
    """``inferline-{stack}-{site}-flow-logs-{vpc id}`` in the characters SLS accepts, at most 63 of them."""
    name = names.cloud("flow-logs", vpc_id, limit=_SLS_PROJECT_NAME_LIMIT).lower()
    return re.sub(r"[^a-z0-9-]+", "-", name).strip("-")
