"""What the tencentcloud provider's own check refuses in the values inferline sets (see the package docstring).

Read from terraform-provider-tencentcloud v1.82.42, the release tencentcloud-iac-pulumi 0.2.3 bridges (the
`pulumi-tencentcloud` repository's ``provider/go.mod`` at tag v0.2.3). Its validators live in
``tencentcloud/common/validators.go``: ``ValidateAllowedStringValue`` (exact) and ``...IgnoreCase`` map to ``OneOf``,
``ValidateAllowedIntValue`` to ``OneOf`` of ints, ``ValidateIntegerInRange``/``ValidateIntegerMin`` to ``Between``,
``ValidateStringLengthInRange`` (runes) to ``LengthBetween``, ``ValidateCIDRNetworkAddress`` (the value must equal
its network's ``String()``, so no host bits) to a strict ``Cidr``, ``ValidateIp`` (``net.ParseIP``) to ``IpAddress``.
"""

from __future__ import annotations

from inferline.clouds.provider_checks import (
    AtLeastOneOf,
    Between,
    Cidr,
    ConflictsWith,
    IpAddress,
    Items,
    LengthBetween,
    Matches,
    OneOf,
    Table,
)

_TF = "terraform-provider-tencentcloud v1.82.42: tencentcloud/services/"


def _at(file: str, validator: str) -> str:
    """The source of a rule: the resource file under ``tencentcloud/services/`` and the validator it copies."""
    return f"{_TF}{file} {validator}"


# as/extension_as.go SYSTEM_DISK_ALLOW_TYPE
_SYSTEM_DISK_TYPES = (
    "LOCAL_BASIC",
    "LOCAL_SSD",
    "CLOUD_BASIC",
    "CLOUD_PREMIUM",
    "CLOUD_SSD",
    "CLOUD_HSSD",
    "CLOUD_TSSD",
    "CLOUD_BSSD",
    "LOCAL_NVME",
)
# clb/extension_clb.go CLB_LISTENER_PROTOCOL, HEALTH_CHECK_TYPE, CLB_LISTENER_SCHEDULER
_CLB_LISTENER_PROTOCOLS = ("TCP", "UDP", "HTTP", "HTTPS", "TCP_SSL", "QUIC")
_CLB_HEALTH_CHECK_TYPES = ("CUSTOM", "PING", "TCP", "HTTP", "HTTPS", "GRPC", "GRPCS")
_CLB_SCHEDULERS = ("WRR", "LEAST_CONN", "IP_HASH")
# vpc/extension_vpc.go ALL_GATE_WAY_TYPES
_ROUTE_NEXT_TYPES = (
    "CVM",
    "VPN",
    "DIRECTCONNECT",
    "PEERCONNECTION",
    "SSLVPN",
    "HAVIP",
    "NAT",
    "NORMAL_CVM",
    "EIP",
    "CCN",
    "LOCAL_GATEWAY",
    "INTRANAT",
    "USER_CCN",
)

_SCALING_CONFIG = "as/resource_tc_as_scaling_config.go"
_SCALING_GROUP = "as/resource_tc_as_scaling_group.go"
_AUDIT_TRACK = "audit/resource_tc_audit_track.go"
_CLB_INSTANCE = "clb/resource_tc_clb_instance.go"
_CLB_LISTENER = "clb/resource_tc_clb_listener.go"
_CLB_RULE = "clb/resource_tc_clb_listener_rule.go"
_COS_BUCKET = "cos/resource_tc_cos_bucket.go"
_DC_GATEWAY = "dcg/resource_tc_dc_gateway.go"
_DCX = "dc/resource_tc_dcx.go"
_KMS_KEY = "kms/resource_tc_kms_key.go"
_NAT_GATEWAY = "vpc/resource_tc_nat_gateway.go"
_ROUTE_TABLE = "vpc/resource_tc_route_table.go"
_ROUTE_ENTRY = "vpc/resource_tc_route_table_entry.go"
_SECURITY_GROUP = "vpc/resource_tc_security_group.go"
_RULE_SET = "vpc/resource_tc_security_group_rule_set.go"
_SSL_CERTIFICATE = "ssl/resource_tc_ssl_certificate.go"
_SUBNET = "vpc/resource_tc_subnet.go"
_TCR_INSTANCE = "tcr/resource_tc_tcr_instance.go"
_TCR_REPOSITORY = "tcr/resource_tc_tcr_repository.go"
_TCR_VPC_ATTACHMENT = "tcr/resource_tc_tcr_vpc_attachment.go"
_VPC = "vpc/resource_tc_vpc.go"
_VPN_CONNECTION = "vpn/resource_tc_vpn_connection.go"
_VPN_CUSTOMER_GATEWAY = "vpn/resource_tc_vpn_customer_gateway.go"
_VPN_GATEWAY = "vpn/resource_tc_vpn_gateway.go"

RULES: Table = {
    # tencentcloud_as_scaling_config (image_id is always set, image_family never)
    "tencentcloud:As/scalingConfig:ScalingConfig": {
        "imageId": (AtLeastOneOf(("imageId", "imageFamily"), f"{_TF}as/resource_tc_as_scaling_config.go image_id AtLeastOneOf image_family"),),
        "configurationName": (
            LengthBetween(1, 60, _at(_SCALING_CONFIG, "configuration_name ValidateStringLengthInRange(1, 60)")),
        ),
        "instanceTypes": (Items(1, 10, _at(_SCALING_CONFIG, "instance_types MinItems 1, MaxItems 10")),),
        "systemDiskSize": (Between(50, 500, _at(_SCALING_CONFIG, "system_disk_size ValidateIntegerInRange(50, 500)")),),
        "systemDiskType": (
            OneOf(_SYSTEM_DISK_TYPES, _at(_SCALING_CONFIG, "system_disk_type ValidateAllowedStringValue(SYSTEM_DISK_ALLOW_TYPE)")),
        ),
    },
    # tencentcloud_as_scaling_group
    "tencentcloud:As/scalingGroup:ScalingGroup": {
        "maxSize": (Between(0, 2000, _at(_SCALING_GROUP, "max_size ValidateIntegerInRange(0, 2000)")),),
        "minSize": (Between(0, 2000, _at(_SCALING_GROUP, "min_size ValidateIntegerInRange(0, 2000)")),),
        "multiZoneSubnetPolicy": (
            OneOf(("PRIORITY", "EQUALITY"), _at(_SCALING_GROUP, "multi_zone_subnet_policy ValidateAllowedStringValue")),
        ),
        "scalingGroupName": (
            LengthBetween(1, 55, _at(_SCALING_GROUP, "scaling_group_name ValidateStringLengthInRange(1, 55)")),
        ),
    },
    # tencentcloud_audit_track (the SDK spells the one-element storage block as an object)
    "tencentcloud:Audit/track:Track": {
        "storage": (Items(None, 1, _at(_AUDIT_TRACK, "storage MaxItems 1")),),
    },
    # tencentcloud_clb_instance
    "tencentcloud:Clb/instance:Instance": {
        "clbName": (LengthBetween(1, 60, _at(_CLB_INSTANCE, "clb_name ValidateStringLengthInRange(1, 60)")),),
        "networkType": (
            OneOf(("OPEN", "INTERNAL"), _at(_CLB_INSTANCE, "network_type ValidateAllowedStringValue(CLB_NETWORK_TYPE)")),
        ),
    },
    # tencentcloud_clb_listener
    "tencentcloud:Clb/listener:Listener": {
        "certificateSslMode": (
            OneOf(("UNIDIRECTIONAL", "MUTUAL"), _at(_CLB_LISTENER, "certificate_ssl_mode ValidateAllowedStringValue(CERT_SSL_MODE)")),
            ConflictsWith(("multiCertInfo",), _at(_CLB_LISTENER, "certificate_ssl_mode ConflictsWith multi_cert_info")),
        ),
        "listenerName": (LengthBetween(1, 60, _at(_CLB_LISTENER, "listener_name ValidateStringLengthInRange(1, 60)")),),
        "port": (Between(1, 65535, _at(_CLB_LISTENER, "port ValidateIntegerInRange(1, 65535)")),),
        "protocol": (
            OneOf(_CLB_LISTENER_PROTOCOLS, _at(_CLB_LISTENER, "protocol ValidateAllowedStringValue(CLB_LISTENER_PROTOCOL)")),
        ),
    },
    # tencentcloud_clb_listener_rule (domain is always set, domains never)
    "tencentcloud:Clb/listenerRule:ListenerRule": {
        "domain": (
            ConflictsWith(("domains",), _at(_CLB_RULE, "domain ConflictsWith domains")),
            AtLeastOneOf(("domain", "domains"), _at(_CLB_RULE, "domain ExactlyOneOf domains")),
        ),
        "forwardType": (
            OneOf(("HTTP", "HTTPS", "GRPC", "GRPCS", "TRPC"), _at(_CLB_RULE, "forward_type ValidateAllowedStringValue")),
        ),
        "healthCheckHealthNum": (
            Between(2, 10, _at(_CLB_RULE, "health_check_health_num ValidateIntegerInRange(2, 10)")),
        ),
        "healthCheckHttpCode": (Between(1, 31, _at(_CLB_RULE, "health_check_http_code ValidateIntegerInRange(1, 31)")),),
        "healthCheckHttpMethod": (
            OneOf(("GET", "HEAD"), _at(_CLB_RULE, "health_check_http_method ValidateAllowedStringValue(CLB_HTTP_METHOD)")),
        ),
        "healthCheckIntervalTime": (
            Between(2, 300, _at(_CLB_RULE, "health_check_interval_time ValidateIntegerInRange(2, 300)")),
        ),
        "healthCheckTimeOut": (Between(2, 60, _at(_CLB_RULE, "health_check_time_out ValidateIntegerInRange(2, 60)")),),
        "healthCheckType": (
            OneOf(_CLB_HEALTH_CHECK_TYPES, _at(_CLB_RULE, "health_check_type ValidateAllowedStringValue(HEALTH_CHECK_TYPE)")),
        ),
        "healthCheckUnhealthNum": (
            Between(2, 10, _at(_CLB_RULE, "health_check_unhealth_num ValidateIntegerInRange(2, 10)")),
        ),
        "scheduler": (
            OneOf(_CLB_SCHEDULERS, _at(_CLB_RULE, "scheduler ValidateAllowedStringValue(CLB_LISTENER_SCHEDULER)")),
        ),
    },
    # tencentcloud_cos_bucket (ValidateCosBucketName: 1-60 bytes and the pattern below; the SDK spells each
    # one-element lifecycle block as an object)
    "tencentcloud:Cos/bucket:Bucket": {
        "acl": (
            OneOf(("private", "public-read", "public-read-write"), _at(_COS_BUCKET, "acl ValidateAllowedStringValue")),
        ),
        "bucket": (
            LengthBetween(1, 60, _at(_COS_BUCKET, "bucket ValidateCosBucketName length 1-60")),
            Matches(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?-[0-9]{10}$", _at(_COS_BUCKET, "bucket ValidateCosBucketName pattern")),
        ),
        "lifecycleRules[].expiration": (Items(None, 1, _at(_COS_BUCKET, "lifecycle_rules.expiration MaxItems 1")),),
        "lifecycleRules[].expiration.days": (
            Between(0, None, _at(_COS_BUCKET, "lifecycle_rules.expiration.days ValidateIntegerMin(0)")),
        ),
        "lifecycleRules[].nonCurrentExpiration": (
            Items(None, 1, _at(_COS_BUCKET, "lifecycle_rules.non_current_expiration MaxItems 1")),
        ),
        "lifecycleRules[].nonCurrentExpiration.nonCurrentDays": (
            Between(0, None, _at(_COS_BUCKET, "lifecycle_rules.non_current_expiration.non_current_days ValidateIntegerMin(0)")),
        ),
        "lifecycleRules[].abortIncompleteMultipartUpload": (
            Items(None, 1, _at(_COS_BUCKET, "lifecycle_rules.abort_incomplete_multipart_upload MaxItems 1")),
        ),
        "lifecycleRules[].abortIncompleteMultipartUpload.daysAfterInitiation": (
            Between(
                1,
                None,
                _at(_COS_BUCKET, "lifecycle_rules.abort_incomplete_multipart_upload.days_after_initiation ValidateIntegerMin(1)"),
            ),
        ),
    },
    # tencentcloud_dc_gateway
    "tencentcloud:Dc/gateway:Gateway": {
        "gatewayType": (
            OneOf(("NORMAL", "NAT"), _at(_DC_GATEWAY, "gateway_type ValidateAllowedStringValue(DCG_GATEWAY_TYPES)")),
        ),
        "name": (LengthBetween(1, 60, _at(_DC_GATEWAY, "name ValidateStringLengthInRange(1, 60)")),),
        "networkType": (
            OneOf(("VPC", "CCN"), _at(_DC_GATEWAY, "network_type ValidateAllowedStringValue(DCG_NETWORK_TYPES)")),
        ),
    },
    # tencentcloud_dcx
    "tencentcloud:Dcx/instance:Instance": {
        "dcId": (LengthBetween(1, 60, _at(_DCX, "dc_id ValidateStringLengthInRange(1, 60)")),),
        "name": (LengthBetween(1, 60, _at(_DCX, "name ValidateStringLengthInRange(1, 60)")),),
        "networkType": (
            OneOf(("VPC", "BMVPC", "CCN"), _at(_DCX, "network_type ValidateAllowedStringValue(DC_NETWORK_TYPES)")),
        ),
        "routeType": (OneOf(("BGP", "STATIC"), _at(_DCX, "route_type ValidateAllowedStringValue(DC_ROUTE_TYPES)")),),
    },
    # tencentcloud_kms_key
    "tencentcloud:Kms/key:Key": {
        "isEnabled": (ConflictsWith(("isArchived",), _at(_KMS_KEY, "is_enabled ConflictsWith is_archived")),),
        "pendingDeleteWindowInDays": (
            Between(7, 30, _at(_KMS_KEY, "pending_delete_window_in_days ValidateIntegerInRange(7, 30)")),
        ),
    },
    # tencentcloud_nat_gateway (assigned_eip_set's MinItems 1 and ValidateIp see only unknown EIP addresses)
    "tencentcloud:Nat/gateway:Gateway": {
        "bandwidth": (
            OneOf((20, 50, 100, 200, 500, 1000, 2000, 5000), _at(_NAT_GATEWAY, "bandwidth ValidateAllowedIntValue")),
        ),
        "maxConcurrent": (
            OneOf((1000000, 3000000, 10000000, 2000000), _at(_NAT_GATEWAY, "max_concurrent ValidateAllowedIntValue")),
        ),
        "name": (LengthBetween(1, 60, _at(_NAT_GATEWAY, "name ValidateStringLengthInRange(1, 60)")),),
        "natProductVersion": (OneOf((1, 2), _at(_NAT_GATEWAY, "nat_product_version ValidateAllowedIntValue([1, 2])")),),
    },
    # tencentcloud_route_table
    "tencentcloud:Route/table:Table": {
        "name": (LengthBetween(1, 60, _at(_ROUTE_TABLE, "name ValidateStringLengthInRange(1, 60)")),),
    },
    # tencentcloud_route_table_entry
    "tencentcloud:Route/tableEntry:TableEntry": {
        "destinationCidrBlock": (Cidr(_at(_ROUTE_ENTRY, "destination_cidr_block ValidateCIDRNetworkAddress")),),
        "nextType": (
            OneOf(_ROUTE_NEXT_TYPES, _at(_ROUTE_ENTRY, "next_type ValidateAllowedStringValue(ALL_GATE_WAY_TYPES)")),
        ),
    },
    # tencentcloud_security_group
    "tencentcloud:Security/group:Group": {
        "description": (
            LengthBetween(1, 100, _at(_SECURITY_GROUP, "description ValidateStringLengthInRange(1, 100)")),
        ),
        "name": (LengthBetween(1, 60, _at(_SECURITY_GROUP, "name ValidateStringLengthInRange(1, 60)")),),
    },
    # tencentcloud_security_group_rule_set (ingress and egress share one rule schema)
    "tencentcloud:Security/groupRuleSet:GroupRuleSet": {
        "egresses[].action": (
            OneOf(("ACCEPT", "DROP"), _at(_RULE_SET, "egress.action ValidateAllowedStringValueIgnoreCase"), ignore_case=True),
        ),
        "ingresses[].action": (
            OneOf(("ACCEPT", "DROP"), _at(_RULE_SET, "ingress.action ValidateAllowedStringValueIgnoreCase"), ignore_case=True),
        ),
    },
    # tencentcloud_ssl_certificate (cert and key refuse a leading or trailing newline; both are unknown here)
    "tencentcloud:Ssl/certificate:Certificate": {
        "type": (OneOf(("SVR", "CA"), _at(_SSL_CERTIFICATE, "type ValidateAllowedStringValue(SSL_CERT_TYPE)")),),
    },
    # tencentcloud_subnet
    "tencentcloud:Subnet/instance:Instance": {
        "cidrBlock": (Cidr(_at(_SUBNET, "cidr_block ValidateCIDRNetworkAddress")),),
        "name": (LengthBetween(1, 60, _at(_SUBNET, "name ValidateStringLengthInRange(1, 60)")),),
    },
    # tencentcloud_tcr_instance
    "tencentcloud:Tcr/instance:Instance": {
        "registryChargeType": (Between(1, 2, _at(_TCR_INSTANCE, "registry_charge_type ValidateIntegerInRange(1, 2)")),),
    },
    # tencentcloud_tcr_repository
    "tencentcloud:Tcr/repository:Repository": {
        "briefDesc": (LengthBetween(1, 100, _at(_TCR_REPOSITORY, "brief_desc ValidateStringLengthInRange(1, 100)")),),
    },
    # tencentcloud_tcr_vpc_attachment
    "tencentcloud:Tcr/vpcAttachment:VpcAttachment": {
        "regionName": (ConflictsWith(("regionId",), _at(_TCR_VPC_ATTACHMENT, "region_name ConflictsWith region_id")),),
    },
    # tencentcloud_vpc
    "tencentcloud:Vpc/instance:Instance": {
        "cidrBlock": (Cidr(_at(_VPC, "cidr_block ValidateCIDRNetworkAddress")),),
        "name": (LengthBetween(1, 60, _at(_VPC, "name ValidateStringLengthInRange(1, 60)")),),
    },
    # tencentcloud_vpn_connection
    "tencentcloud:Vpn/connection:Connection": {
        "dpdAction": (OneOf(("clear", "restart"), _at(_VPN_CONNECTION, "dpd_action ValidateAllowedStringValue(DPD_ACTIONS)")),),
        "dpdEnable": (Between(0, 1, _at(_VPN_CONNECTION, "dpd_enable ValidateIntegerInRange(0, 1)")),),
        "dpdTimeout": (Between(30, 60, _at(_VPN_CONNECTION, "dpd_timeout ValidateIntegerInRange(30, 60)")),),
        "ikeSaLifetimeSeconds": (
            Between(60, 604800, _at(_VPN_CONNECTION, "ike_sa_lifetime_seconds ValidateIntegerInRange(60, 604800)")),
        ),
        "ipsecSaLifetimeSeconds": (
            Between(180, 604800, _at(_VPN_CONNECTION, "ipsec_sa_lifetime_seconds ValidateIntegerInRange(180, 604800)")),
        ),
        "name": (LengthBetween(1, 60, _at(_VPN_CONNECTION, "name ValidateStringLengthInRange(1, 60)")),),
    },
    # tencentcloud_vpn_customer_gateway
    "tencentcloud:Vpn/customerGateway:CustomerGateway": {
        "name": (LengthBetween(1, 60, _at(_VPN_CUSTOMER_GATEWAY, "name ValidateStringLengthInRange(1, 60)")),),
        "publicIpAddress": (IpAddress(_at(_VPN_CUSTOMER_GATEWAY, "public_ip_address ValidateIp")),),
    },
    # tencentcloud_vpn_gateway
    "tencentcloud:Vpn/gateway:Gateway": {
        "name": (LengthBetween(1, 60, _at(_VPN_GATEWAY, "name ValidateStringLengthInRange(1, 60)")),),
    },
}
