"""What the alicloud provider's own check refuses in the values inferline sets (see the package docstring).

Read from aliyun/terraform-provider-alicloud master after v1.289.0 (commit 81c43b6, 2026-08-21), the newest
release readable here; pulumi_alicloud 4.0.0 documents resources "available since v1.292.0", so it bridges a
slightly newer release. ``ExactlyOneOf`` with a deprecated alias is held as two rules: its conflicting half
(``ConflictsWith``) and its "one is set" half (``AtLeastOneOf``).
"""

from __future__ import annotations

from inferline.clouds.provider_checks import (
    AtLeastOneOf,
    Between,
    Cidr,
    ConflictsWith,
    Items,
    LengthBetween,
    Matches,
    OneOf,
    Table,
)


def _tf(resource: str, validator: str) -> str:
    return f"terraform-provider-alicloud: resource_alicloud_{resource}.go {validator}"


RULES: Table = {
    # ActionTrail trail
    "alicloud:actiontrail/trail:Trail": {
        "eventRw": (OneOf(("Write", "Read", "All"), _tf("actiontrail_trail", "event_rw StringInSlice")),),
        "trailName": (
            ConflictsWith(("name",), _tf("actiontrail_trail", "trail_name ExactlyOneOf(name)")),
            AtLeastOneOf(("trailName", "name"), _tf("actiontrail_trail", "trail_name ExactlyOneOf(name), one is set")),
        ),
    },
    # ALB listener
    "alicloud:alb/listener:Listener": {
        "idleTimeout": (Between(0, 600, _tf("alb_listener", "idle_timeout IntBetween(0, 600)")),),
        "listenerPort": (Between(0, 65535, _tf("alb_listener", "listener_port IntBetween(0, 65535)")),),
        "listenerProtocol": (OneOf(("HTTP", "HTTPS", "QUIC"), _tf("alb_listener", "listener_protocol StringInSlice")),),
        "requestTimeout": (Between(0, 600, _tf("alb_listener", "request_timeout IntBetween(0, 600)")),),
    },
    # ALB load balancer
    "alicloud:alb/loadBalancer:LoadBalancer": {
        "addressAllocatedMode": (
            OneOf(("Fixed", "Dynamic"), _tf("alb_load_balancer", "address_allocated_mode StringInSlice")),
        ),
        "addressType": (OneOf(("Internet", "Intranet"), _tf("alb_load_balancer", "address_type StringInSlice")),),
        "loadBalancerBillingConfig.payType": (
            OneOf(("PayAsYouGo",), _tf("alb_load_balancer", "load_balancer_billing_config.pay_type StringInSlice")),
        ),
    },
    # ALB server group
    "alicloud:alb/serverGroup:ServerGroup": {
        "healthCheckConfig.healthCheckInterval": (
            Between(0, 50, _tf("alb_server_group", "health_check_config.health_check_interval IntBetween(0, 50)")),
        ),
        "healthCheckConfig.healthCheckMethod": (
            OneOf(("GET", "POST", "HEAD"), _tf("alb_server_group", "health_check_config.health_check_method StringInSlice")),
        ),
        "healthCheckConfig.healthCheckProtocol": (
            OneOf(
                ("HTTP", "HTTPS", "TCP", "GRPC"),
                _tf("alb_server_group", "health_check_config.health_check_protocol StringInSlice"),
            ),
        ),
        "healthCheckConfig.healthCheckTimeout": (
            Between(0, 300, _tf("alb_server_group", "health_check_config.health_check_timeout IntBetween(0, 300)")),
        ),
        "healthCheckConfig.healthyThreshold": (
            Between(2, 10, _tf("alb_server_group", "health_check_config.healthy_threshold IntBetween(2, 10)")),
        ),
        "healthCheckConfig.unhealthyThreshold": (
            Between(2, 10, _tf("alb_server_group", "health_check_config.unhealthy_threshold IntBetween(2, 10)")),
        ),
        "protocol": (OneOf(("HTTP", "HTTPS", "GRPC"), _tf("alb_server_group", "protocol StringInSlice")),),
        "scheduler": (OneOf(("Wrr", "Wlc", "Sch", "Uch"), _tf("alb_server_group", "scheduler StringInSlice")),),
    },
    # CEN instance
    "alicloud:cen/instance:Instance": {
        "cenInstanceName": (ConflictsWith(("name",), _tf("cen_instance", "cen_instance_name ConflictsWith")),),
    },
    # CEN transit router VPC attachment
    "alicloud:cen/transitRouterVpcAttachment:TransitRouterVpcAttachment": {
        "transitRouterVpcAttachmentName": (
            ConflictsWith(
                ("transitRouterAttachmentName",),
                _tf("cen_transit_router_vpc_attachment", "transit_router_vpc_attachment_name ConflictsWith"),
            ),
        ),
    },
    # Container Registry namespace
    "alicloud:cr/namespace:Namespace": {
        "defaultVisibility": (OneOf(("PUBLIC", "PRIVATE"), _tf("cr_namespace", "default_visibility StringInSlice")),),
        "name": (LengthBetween(2, 30, _tf("cr_namespace", "name StringLenBetween(2, 30)")),),
    },
    # Container Registry repository
    "alicloud:cr/repo:Repo": {
        "name": (LengthBetween(2, 30, _tf("cr_repo", "name StringLenBetween(2, 30)")),),
        "namespace": (LengthBetween(2, 30, _tf("cr_repo", "namespace StringLenBetween(2, 30)")),),
        "repoType": (OneOf(("PUBLIC", "PRIVATE"), _tf("cr_repo", "repo_type StringInSlice")),),
        "summary": (LengthBetween(1, 100, _tf("cr_repo", "summary StringLenBetween(1, 100)")),),
    },
    # EIP address
    "alicloud:ecs/eipAddress:EipAddress": {
        "addressName": (ConflictsWith(("name",), _tf("eip_address", "address_name ConflictsWith")),),
        "internetChargeType": (
            OneOf(("PayByBandwidth", "PayByTraffic"), _tf("eip_address", "internet_charge_type StringInSlice")),
        ),
        "isp": (
            OneOf(
                (
                    "BGP",
                    "BGP_PRO",
                    "ChinaTelecom",
                    "ChinaUnicom",
                    "ChinaMobile",
                    "ChinaTelecom_L2",
                    "ChinaUnicom_L2",
                    "ChinaMobile_L2",
                    "BGP_FinanceCloud",
                    "BGP_International",
                ),
                _tf("eip_address", "isp StringInSlice"),
            ),
        ),
        "paymentType": (
            OneOf(("Subscription", "PayAsYouGo", "PrePaid", "PostPaid"), _tf("eip_address", "payment_type StringInSlice")),
            ConflictsWith(("instanceChargeType",), _tf("eip_address", "payment_type ConflictsWith")),
        ),
    },
    # ECS security group
    "alicloud:ecs/securityGroup:SecurityGroup": {
        "innerAccessPolicy": (
            OneOf(("Accept", "Drop"), _tf("security_group", "inner_access_policy StringInSlice")),
            ConflictsWith(("innerAccess",), _tf("security_group", "inner_access_policy ConflictsWith")),
        ),
        "securityGroupType": (OneOf(("normal", "enterprise"), _tf("security_group", "security_group_type StringInSlice")),),
    },
    # ECS security group rule
    "alicloud:ecs/securityGroupRule:SecurityGroupRule": {
        "cidrIp": (AtLeastOneOf(("cidrIp", "ipv6CidrIp", "sourceSecurityGroupId", "prefixListId"), _tf("security_group_rule", "cidr_ip AtLeastOneOf")),),
        "ipProtocol": (
            OneOf(("tcp", "udp", "icmp", "icmpv6", "gre", "all"), _tf("security_group_rule", "ip_protocol StringInSlice")),
        ),
        "nicType": (OneOf(("internet", "intranet"), _tf("security_group_rule", "nic_type StringInSlice")),),
        "policy": (OneOf(("accept", "drop"), _tf("security_group_rule", "policy StringInSlice")),),
        "priority": (Between(1, 100, _tf("security_group_rule", "priority IntBetween(1, 100)")),),
        "type": (OneOf(("ingress", "egress"), _tf("security_group_rule", "type StringInSlice")),),
    },
    # ESS lifecycle hook
    "alicloud:ess/lifecycleHook:LifecycleHook": {
        "defaultResult": (
            OneOf(("CONTINUE", "ABANDON", "ROLLBACK"), _tf("ess_lifecyclehook", "default_result StringInSlice")),
        ),
        "heartbeatTimeout": (Between(30, 21600, _tf("ess_lifecyclehook", "heartbeat_timeout IntBetween(30, 21600)")),),
        "lifecycleTransition": (
            OneOf(("SCALE_IN", "SCALE_OUT"), _tf("ess_lifecyclehook", "lifecycle_transition StringInSlice")),
        ),
    },
    # ESS scaling configuration
    "alicloud:ess/scalingConfiguration:ScalingConfiguration": {
        "instanceType": (
            Matches(r"^ecs\..*", _tf("ess_scaling_configuration", r"instance_type StringMatch(^ecs\..*)")),
            ConflictsWith(
                ("instanceTypes", "instanceTypeOverrides"),
                _tf("ess_scaling_configuration", "instance_type ConflictsWith"),
            ),
        ),
        "internetMaxBandwidthOut": (
            Between(0, 1024, _tf("ess_scaling_configuration", "internet_max_bandwidth_out IntBetween(0, 1024)")),
        ),
        "systemDiskCategory": (
            OneOf(
                ("cloud", "ephemeral_ssd", "cloud_ssd", "cloud_essd", "cloud_efficiency", "cloud_essd_xc1"),
                _tf("ess_scaling_configuration", "system_disk_category StringInSlice"),
            ),
        ),
        "systemDiskSize": (Between(20, 500, _tf("ess_scaling_configuration", "system_disk_size IntBetween(20, 500)")),),
    },
    # ESS scaling group
    "alicloud:ess/scalingGroup:ScalingGroup": {
        "desiredCapacity": (Between(0, 2000, _tf("ess_scaling_group", "desired_capacity IntBetween(0, 2000)")),),
        "healthCheckTypes": (
            ConflictsWith(("healthCheckType",), _tf("ess_scaling_group", "health_check_types ConflictsWith")),
        ),
        "maxSize": (Between(0, 2000, _tf("ess_scaling_group", "max_size IntBetween(0, 2000)")),),
        "minSize": (Between(0, 2000, _tf("ess_scaling_group", "min_size IntBetween(0, 2000)")),),
        "multiAzPolicy": (
            OneOf(
                ("PRIORITY", "BALANCE", "COST_OPTIMIZED", "COMPOSABLE"),
                _tf("ess_scaling_group", "multi_az_policy StringInSlice"),
            ),
        ),
        "removalPolicies": (Items(1, 2, _tf("ess_scaling_group", "removal_policies MinItems 1 MaxItems 2")),),
        "scalingPolicy": (
            OneOf(
                ("recycle", "release", "forceRecycle", "forceRelease"),
                _tf("ess_scaling_group", "scaling_policy StringInSlice"),
            ),
        ),
    },
    # ESS scaling rule
    "alicloud:ess/scalingRule:ScalingRule": {
        "alarmDimension.dimensionKey": (
            OneOf(("rulePool",), _tf("ess_scaling_rule", "alarm_dimension.dimension_key StringInSlice")),
        ),
        "scalingRuleType": (
            OneOf(
                ("SimpleScalingRule", "TargetTrackingScalingRule", "StepScalingRule", "PredictiveScalingRule"),
                _tf("ess_scaling_rule", "scaling_rule_type StringInSlice"),
            ),
        ),
    },
    # KMS key
    "alicloud:kms/key:Key": {
        "automaticRotation": (OneOf(("Enabled", "Disabled"), _tf("kms_key", "automatic_rotation StringInSlice")),),
        "keySpec": (
            OneOf(
                (
                    "Aliyun_AES_256",
                    "Aliyun_AES_128",
                    "Aliyun_AES_192",
                    "Aliyun_SM4",
                    "RSA_2048",
                    "RSA_3072",
                    "EC_P256",
                    "EC_SM2",
                    "EC_P256K",
                ),
                _tf("kms_key", "key_spec StringInSlice"),
            ),
        ),
        "keyUsage": (OneOf(("ENCRYPT/DECRYPT", "SIGN/VERIFY"), _tf("kms_key", "key_usage StringInSlice")),),
        "origin": (OneOf(("Aliyun_KMS", "EXTERNAL"), _tf("kms_key", "origin StringInSlice")),),
        "pendingWindowInDays": (
            Between(7, 366, _tf("kms_key", "pending_window_in_days IntBetween(7, 366)")),
            ConflictsWith(("deletionWindowInDays",), _tf("kms_key", "pending_window_in_days ConflictsWith")),
        ),
        "protectionLevel": (OneOf(("SOFTWARE", "HSM"), _tf("kms_key", "protection_level StringInSlice")),),
        "status": (
            OneOf(("Enabled", "Disabled", "PendingDeletion"), _tf("kms_key", "status StringInSlice")),
            ConflictsWith(("keyState",), _tf("kms_key", "status ConflictsWith")),
        ),
    },
    # SLS logstore
    "alicloud:log/store:Store": {
        "projectName": (AtLeastOneOf(("projectName", "project"), _tf("log_store", "project_name ExactlyOneOf project")),),
        "logstoreName": (
            ConflictsWith(("name",), _tf("log_store", "logstore_name ExactlyOneOf(name)")),
            AtLeastOneOf(("logstoreName", "name"), _tf("log_store", "logstore_name ExactlyOneOf(name), one is set")),
        ),
    },
    # OSS bucket (its name is unknown at preview: the StringLenBetween on bucket cannot be checked)
    "alicloud:oss/bucket:Bucket": {
        "lifecycleRules": (Items(None, 1000, _tf("oss_bucket", "lifecycle_rule MaxItems 1000")),),
        "lifecycleRules[].id": (LengthBetween(0, 255, _tf("oss_bucket", "lifecycle_rule.id StringLenBetween(0, 255)")),),
        "serverSideEncryptionRule.sseAlgorithm": (
            OneOf(("AES256", "KMS", "SM4"), _tf("oss_bucket", "server_side_encryption_rule.sse_algorithm StringInSlice")),
        ),
        "versioning.status": (OneOf(("Enabled", "Suspended"), _tf("oss_bucket", "versioning.status StringInSlice")),),
    },
    # OSS bucket versioning
    "alicloud:oss/bucketVersioning:BucketVersioning": {
        "status": (
            OneOf(("Enabled", "Suspended"), _tf("oss_bucket_versioning", "status StringInSlice"), ignore_case=True),
        ),
    },
    # RAM policy (StringIsJSON on policy_document has no rule type; the document is unknown at preview anyway)
    "alicloud:ram/policy:Policy": {
        "policyName": (ConflictsWith(("name",), _tf("ram_policy", "policy_name ConflictsWith")),),
    },
    # RAM role (StringIsJSON on assume_role_policy_document has no rule type)
    "alicloud:ram/role:Role": {
        "assumeRolePolicyDocument": (
            ConflictsWith(
                ("document", "version", "ramUsers", "services"),
                _tf("ram_role", "assume_role_policy_document ConflictsWith"),
            ),
        ),
        "roleName": (ConflictsWith(("name",), _tf("ram_role", "role_name ConflictsWith")),),
    },
    # RAM role policy attachment
    "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment": {
        "policyType": (OneOf(("System", "Custom"), _tf("ram_role_policy_attachment", "policy_type StringInSlice")),),
    },
    # VPC flow log
    "alicloud:vpc/flowLog:FlowLog": {
        "resourceType": (OneOf(("NetworkInterface", "VPC", "VSwitch"), _tf("vpc_flow_log", "resource_type StringInSlice")),),
        "trafficType": (OneOf(("All", "Allow", "Drop"), _tf("vpc_flow_log", "traffic_type StringInSlice")),),
    },
    # NAT gateway
    "alicloud:vpc/natGateway:NatGateway": {
        "eipBindMode": (OneOf(("MULTI_BINDED", "NAT"), _tf("nat_gateway", "eip_bind_mode StringInSlice")),),
        "internetChargeType": (OneOf(("PayByLcu", "PayBySpec"), _tf("nat_gateway", "internet_charge_type StringInSlice")),),
        "natGatewayName": (ConflictsWith(("name",), _tf("nat_gateway", "nat_gateway_name ConflictsWith")),),
        "natType": (OneOf(("Enhanced", "Normal"), _tf("nat_gateway", "nat_type StringInSlice")),),
        "networkType": (OneOf(("internet", "intranet"), _tf("nat_gateway", "network_type StringInSlice")),),
        "paymentType": (
            OneOf(("PayAsYouGo", "Subscription"), _tf("nat_gateway", "payment_type StringInSlice")),
            ConflictsWith(("instanceChargeType",), _tf("nat_gateway", "payment_type ConflictsWith")),
        ),
    },
    # VPC
    "alicloud:vpc/network:Network": {
        "vpcName": (ConflictsWith(("name",), _tf("vpc", "vpc_name ConflictsWith")),),
    },
    # VPC route entry
    "alicloud:vpc/routeEntry:RouteEntry": {
        "name": (LengthBetween(2, 128, _tf("route_entry", "name StringLenBetween(2, 128)")),),
    },
    # VPC route table
    "alicloud:vpc/routeTable:RouteTable": {
        "associateType": (OneOf(("VSwitch", "Gateway"), _tf("route_table", "associate_type StringInSlice")),),
        "routeTableName": (ConflictsWith(("name",), _tf("route_table", "route_table_name ConflictsWith")),),
    },
    # vSwitch
    "alicloud:vpc/switch:Switch": {
        "vswitchName": (ConflictsWith(("name",), _tf("vswitch", "vswitch_name ConflictsWith")),),
        "zoneId": (
            ConflictsWith(("availabilityZone",), _tf("vswitch", "zone_id ExactlyOneOf(availability_zone)")),
            AtLeastOneOf(("zoneId", "availabilityZone"), _tf("vswitch", "zone_id ExactlyOneOf(availability_zone), one is set")),
        ),
    },
    # VPN connection
    "alicloud:vpn/connection:Connection": {
        "localSubnets": (Items(1, 10, _tf("vpn_connection", "local_subnet MinItems 1 MaxItems 10")),),
        "localSubnets[]": (Cidr(_tf("vpn_connection", "local_subnet validateCIDRNetworkAddress")),),
        "remoteSubnets": (Items(1, 10, _tf("vpn_connection", "remote_subnet MinItems 1 MaxItems 10")),),
        "remoteSubnets[]": (Cidr(_tf("vpn_connection", "remote_subnet validateCIDRNetworkAddress")),),
        "vpnConnectionName": (ConflictsWith(("name",), _tf("vpn_connection", "vpn_connection_name ConflictsWith")),),
    },
    # VPN customer gateway
    "alicloud:vpn/customerGateway:CustomerGateway": {
        "customerGatewayName": (
            ConflictsWith(("name",), _tf("vpn_customer_gateway", "customer_gateway_name ConflictsWith")),
        ),
    },
    # VPN gateway
    "alicloud:vpn/gateway:Gateway": {
        "networkType": (
            OneOf(("public", "private"), _tf("vpn_gateway", "network_type StringInSlice"), ignore_case=True),
        ),
        "paymentType": (
            OneOf(
                ("Subscription", "PayAsYouGo", "PostPaid", "PrePaid"),
                _tf("vpn_gateway", "payment_type StringInSlice"),
                ignore_case=True,
            ),
            ConflictsWith(("instanceChargeType",), _tf("vpn_gateway", "payment_type ConflictsWith")),
        ),
        "vpnGatewayName": (ConflictsWith(("name",), _tf("vpn_gateway", "vpn_gateway_name ConflictsWith")),),
        "vpnType": (
            OneOf(("Normal", "NationalStandard"), _tf("vpn_gateway", "vpn_type StringInSlice"), ignore_case=True),
        ),
    },
    # VPN route entry
    "alicloud:vpn/routeEntry:RouteEntry": {
        "weight": (OneOf((0, 100), _tf("vpn_route_entry", "weight IntInSlice")),),
    },
    # SSL certificate service certificate: a name under one of its two spellings
    "alicloud:cas/serviceCertificate:ServiceCertificate": {
        "certificateName": (AtLeastOneOf(("certificateName", "name"), _tf("ssl_certificates_service_certificate", "certificate_name AtLeastOneOf name")),),
    },
    # SLS project: a name under one of its two spellings (the name itself is unknown at preview)
    "alicloud:log/project:Project": {
        "projectName": (AtLeastOneOf(("projectName", "name"), _tf("log_project", "project_name ExactlyOneOf name")),),
    },
}
