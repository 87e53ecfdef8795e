"""What the volcengine provider's own check refuses in the values inferline sets (see the package docstring).

Read from terraform-provider-volcengine v0.0.194, the release pulumi-volcengine 0.0.47 bridges (its
``provider/go.mod``). Validators the rule types cannot hold (``ConflictsWith`` between fields of one list
element) are not rows.
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
    OneOf,
    Table,
)

_TF = "terraform-provider-volcengine v0.0.194"
_ALB = f"{_TF}: resource_volcengine_alb.go"
_SERVER_GROUP = f"{_TF}: resource_volcengine_alb_server_group.go"
_SCALING_CONFIGURATION = f"{_TF}: resource_volcengine_scaling_configuration.go"
_SCALING_GROUP = f"{_TF}: resource_volcengine_scaling_group.go"
_SCALING_POLICY = f"{_TF}: resource_volcengine_scaling_policy.go"
_KMS_KEY = f"{_TF}: resource_volcengine_kms_key.go"
_KEY_PAIR = f"{_TF}: resource_volcengine_ecs_key_pair.go"
_SNAT_ENTRY = f"{_TF}: resource_volcengine_snat_entry.go"
_BUCKET_ENCRYPTION = f"{_TF}: resource_volcengine_tos_bucket_encryption.go"
_BUCKET_LIFECYCLE = f"{_TF}: resource_volcengine_tos_bucket_lifecycle.go"
_SECURITY_GROUP_RULE = f"{_TF}: resource_volcengine_security_group_rule.go"
_VPN_CONNECTION = f"{_TF}: resource_volcengine_vpn_connection.go"

# The IKE/IPsec algorithm lists are the same for both phases (vpn_connection.go); the IPsec DH group adds "disable".
_VPN_ENC_ALGS = ("aes", "aes192", "aes256", "des", "3des", "sm4")
_VPN_AUTH_ALGS = ("sha1", "md5", "sha256", "sha384", "sha512", "sm3")
_VPN_DH_GROUPS = ("group1", "group2", "group5", "group14")

RULES: Table = {
    # ALB instance: the enums we set and the one-element EIP billing block.
    "volcengine:alb/alb:Alb": {
        "deleteProtection": (OneOf(("on", "off"), f"{_ALB} delete_protection StringInSlice"),),
        "eipBillingConfig": (Items(None, 1, f"{_ALB} eip_billing_config MaxItems 1"),),
        "eipBillingConfig.eipBillingType": (
            OneOf(("PostPaidByBandwidth", "PostPaidByTraffic"), f"{_ALB} eip_billing_config.eip_billing_type StringInSlice"),
        ),
        "eipBillingConfig.isp": (OneOf(("BGP",), f"{_ALB} eip_billing_config.isp StringInSlice"),),
        "loadBalancerEdition": (OneOf(("Basic", "Standard"), f"{_ALB} load_balancer_edition StringInSlice"),),
        "type": (OneOf(("public", "private"), f"{_ALB} type StringInSlice"),),
    },
    # ALB server group and its health check.
    "volcengine:alb/serverGroup:ServerGroup": {
        "healthCheck": (Items(None, 1, f"{_SERVER_GROUP} health_check MaxItems 1"),),
        "healthCheck.enabled": (OneOf(("on", "off"), f"{_SERVER_GROUP} health_check.enabled StringInSlice"),),
        "healthCheck.method": (OneOf(("GET", "HEAD"), f"{_SERVER_GROUP} health_check.method StringInSlice"),),
        "healthCheck.protocol": (OneOf(("HTTP", "TCP"), f"{_SERVER_GROUP} health_check.protocol StringInSlice"),),
        "protocol": (OneOf(("HTTP", "HTTPS", "gRPC"), f"{_SERVER_GROUP} protocol StringInSlice"),),
        "scheduler": (OneOf(("wrr", "wlc", "sh"), f"{_SERVER_GROUP} scheduler StringInSlice"),),
        "serverGroupType": (OneOf(("instance", "ip"), f"{_SERVER_GROUP} server_group_type StringInSlice"),),
    },
    # Scaling configuration: instance types and disks (security_group_ids' 1..5 items are ids unknown offline).
    # password and key_pair_name are AtLeastOneOf: the pool sets key_pair_name (a generated key pair nobody holds).
    "volcengine:autoscaling/scalingConfiguration:ScalingConfiguration": {
        "password": (AtLeastOneOf(("password", "keyPairName"), f"{_SCALING_CONFIGURATION} password AtLeastOneOf key_pair_name"),),
        "instanceTypes": (Items(None, 10, f"{_SCALING_CONFIGURATION} instance_types MaxItems 10"),),
        "volumes": (Items(1, 15, f"{_SCALING_CONFIGURATION} volumes MinItems 1 MaxItems 15"),),
        "volumes[].size": (Between(10, 8192, f"{_SCALING_CONFIGURATION} volumes.size IntBetween(10, 8192)"),),
    },
    # Scaling group: sizes, cooldown, policies and the server group attachment.
    "volcengine:autoscaling/scalingGroup:ScalingGroup": {
        "defaultCooldown": (Between(5, 86400, f"{_SCALING_GROUP} default_cooldown IntBetween(5, 86400)"),),
        "desireInstanceNumber": (Between(-1, None, f"{_SCALING_GROUP} desire_instance_number IntAtLeast(-1)"),),
        "instanceTerminatePolicy": (
            OneOf(
                (
                    "OldestInstance",
                    "NewestInstance",
                    "OldestScalingConfigurationWithOldestInstance",
                    "OldestScalingConfigurationWithNewestInstance",
                ),
                f"{_SCALING_GROUP} instance_terminate_policy StringInSlice",
            ),
        ),
        "maxInstanceNumber": (Between(0, 2000, f"{_SCALING_GROUP} max_instance_number IntBetween(0, 2000)"),),
        "minInstanceNumber": (Between(0, 2000, f"{_SCALING_GROUP} min_instance_number IntBetween(0, 2000)"),),
        "multiAzPolicy": (OneOf(("PRIORITY", "BALANCE"), f"{_SCALING_GROUP} multi_az_policy StringInSlice"),),
        "serverGroupAttributes[].port": (Between(1, 65535, f"{_SCALING_GROUP} server_group_attributes.port IntBetween(1, 65535)"),),
        "serverGroupAttributes[].weight": (Between(0, 100, f"{_SCALING_GROUP} server_group_attributes.weight IntBetween(0, 100)"),),
    },
    # Alarm scaling policies.
    "volcengine:autoscaling/scalingPolicy:ScalingPolicy": {
        "adjustmentType": (
            OneOf(
                ("QuantityChangeInCapacity", "PercentChangeInCapacity", "TotalCapacity"),
                f"{_SCALING_POLICY} adjustment_type StringInSlice",
            ),
        ),
        "alarmPolicyConditionComparisonOperator": (
            OneOf((">", "<", "="), f"{_SCALING_POLICY} alarm_policy_condition_comparison_operator StringInSlice"),
        ),
        "alarmPolicyConditionMetricName": (
            OneOf(
                (
                    "CpuTotal_Max",
                    "CpuTotal_Min",
                    "CpuTotal_Avg",
                    "MemoryUsedUtilization_Max",
                    "MemoryUsedUtilization_Min",
                    "MemoryUsedUtilization_Avg",
                    "Instance_CpuBusy_Max",
                    "Instance_CpuBusy_Min",
                    "Instance_CpuBusy_Avg",
                ),
                f"{_SCALING_POLICY} alarm_policy_condition_metric_name StringInSlice",
            ),
        ),
        "alarmPolicyConditionMetricUnit": (OneOf(("Percent",), f"{_SCALING_POLICY} alarm_policy_condition_metric_unit StringInSlice"),),
        "alarmPolicyEvaluationCount": (Between(1, 180, f"{_SCALING_POLICY} alarm_policy_evaluation_count IntBetween(1, 180)"),),
        "alarmPolicyRuleType": (OneOf(("Static",), f"{_SCALING_POLICY} alarm_policy_rule_type StringInSlice"),),
        "cooldown": (Between(0, 86400, f"{_SCALING_POLICY} cooldown IntBetween(0, 86400)"),),
        "scalingPolicyType": (OneOf(("Scheduled", "Recurrence", "Alarm"), f"{_SCALING_POLICY} scaling_policy_type StringInSlice"),),
    },
    # Container registry repository.
    "volcengine:cr/repository:Repository": {
        "accessLevel": (OneOf(("Private", "Public"), f"{_TF}: resource_volcengine_cr_repository.go access_level StringInSlice"),),
    },
    # EIP of a NAT gateway.
    "volcengine:eip/address:Address": {
        "billingType": (
            OneOf(
                ("PrePaid", "PostPaidByBandwidth", "PostPaidByTraffic"),
                f"{_TF}: resource_volcengine_eip_address.go billing_type StringInSlice",
            ),
        ),
    },
    # The node role's policy attachment.
    # The pool nodes' key pair (generated; nobody holds the private key).
    "volcengine:ecs/keyPair:KeyPair": {
        "keyPairName": (LengthBetween(2, 64, f"{_KEY_PAIR} key_pair_name StringLenBetween(2, 64)"),),
    },
    "volcengine:iam/rolePolicyAttachment:RolePolicyAttachment": {
        "policyType": (
            OneOf(("System", "Custom"), f"{_TF}: resource_volcengine_iam_role_policy_attachment.go policy_type StringInSlice"),
        ),
    },
    # KMS key rotation and deletion window.
    "volcengine:kms/key:Key": {
        "pendingWindowInDays": (Between(7, 30, f"{_KMS_KEY} pending_window_in_days IntBetween(7, 30)"),),
        "rotateInterval": (Between(90, 2560, f"{_KMS_KEY} rotate_interval IntBetween(90, 2560)"),),
        "rotateState": (OneOf(("Enable", "Disable"), f"{_KMS_KEY} rotate_state StringInSlice"),),
    },
    # TOS buckets.
    "volcengine:tos/bucket:Bucket": {
        "publicAcl": (
            OneOf(
                ("private", "public-read", "public-read-write", "authenticated-read", "bucket-owner-read"),
                f"{_TF}: resource_volcengine_tos_bucket.go public_acl StringInSlice",
            ),
        ),
    },
    "volcengine:tos/bucketEncryption:BucketEncryption": {
        "rule": (Items(None, 1, f"{_BUCKET_ENCRYPTION} rule MaxItems 1"),),
        "rule.applyServerSideEncryptionByDefault": (
            Items(None, 1, f"{_BUCKET_ENCRYPTION} rule.apply_server_side_encryption_by_default MaxItems 1"),
        ),
    },
    "volcengine:tos/bucketLifecycle:BucketLifecycle": {
        "rules[].abortIncompleteMultipartUpload": (
            Items(None, 1, f"{_BUCKET_LIFECYCLE} rules.abort_incomplete_multipart_upload MaxItems 1"),
        ),
        "rules[].expiration": (Items(None, 1, f"{_BUCKET_LIFECYCLE} rules.expiration MaxItems 1"),),
        "rules[].nonCurrentVersionExpiration": (
            Items(None, 1, f"{_BUCKET_LIFECYCLE} rules.non_current_version_expiration MaxItems 1"),
        ),
    },
    # Security group rules.
    "volcengine:vpc/securityGroupRule:SecurityGroupRule": {
        "cidrIp": (ConflictsWith(("sourceGroupId",), f"{_SECURITY_GROUP_RULE} cidr_ip ConflictsWith source_group_id"),),
        "direction": (OneOf(("ingress", "egress"), f"{_SECURITY_GROUP_RULE} direction StringInSlice"),),
        "policy": (OneOf(("accept", "drop"), f"{_SECURITY_GROUP_RULE} policy StringInSlice"),),
        "priority": (Between(1, 100, f"{_SECURITY_GROUP_RULE} priority IntBetween(1, 100)"),),
        "protocol": (OneOf(("tcp", "udp", "icmp", "all", "icmpv6"), f"{_SECURITY_GROUP_RULE} protocol StringInSlice"),),
    },
    # Subnets and the VPC: IsCIDR is net.ParseCIDR, which does not insist on a zero host part.
    "volcengine:vpc/subnet:Subnet": {
        "cidrBlock": (Cidr(f"{_TF}: resource_volcengine_subnet.go cidr_block IsCIDR", strict=False),),
    },
    "volcengine:vpc/vpc:Vpc": {
        "cidrBlock": (Cidr(f"{_TF}: resource_volcengine_vpc.go cidr_block IsCIDR", strict=False),),
    },
    # IPsec connection: the subnets on each side and the IKE/IPsec proposals.
    "volcengine:vpn/connection:Connection": {
        "ikeConfigAuthAlg": (OneOf(_VPN_AUTH_ALGS, f"{_VPN_CONNECTION} ike_config_auth_alg StringInSlice"),),
        "ikeConfigDhGroup": (OneOf(_VPN_DH_GROUPS, f"{_VPN_CONNECTION} ike_config_dh_group StringInSlice"),),
        "ikeConfigEncAlg": (OneOf(_VPN_ENC_ALGS, f"{_VPN_CONNECTION} ike_config_enc_alg StringInSlice"),),
        "ikeConfigLifetime": (Between(900, 86400, f"{_VPN_CONNECTION} ike_config_lifetime IntBetween(900, 86400)"),),
        "ikeConfigVersion": (OneOf(("ikev1", "ikev2"), f"{_VPN_CONNECTION} ike_config_version StringInSlice"),),
        "ipsecConfigAuthAlg": (OneOf(_VPN_AUTH_ALGS, f"{_VPN_CONNECTION} ipsec_config_auth_alg StringInSlice"),),
        "ipsecConfigDhGroup": (OneOf((*_VPN_DH_GROUPS, "disable"), f"{_VPN_CONNECTION} ipsec_config_dh_group StringInSlice"),),
        "ipsecConfigEncAlg": (OneOf(_VPN_ENC_ALGS, f"{_VPN_CONNECTION} ipsec_config_enc_alg StringInSlice"),),
        "ipsecConfigLifetime": (Between(900, 86400, f"{_VPN_CONNECTION} ipsec_config_lifetime IntBetween(900, 86400)"),),
        "localSubnets": (Items(1, 30, f"{_VPN_CONNECTION} local_subnet MinItems 1 MaxItems 30"),),
        "localSubnets[]": (Cidr(f"{_VPN_CONNECTION} local_subnet IsCIDR", strict=False),),
        "remoteSubnets": (Items(1, 30, f"{_VPN_CONNECTION} remote_subnet MinItems 1 MaxItems 30"),),
        "remoteSubnets[]": (Cidr(f"{_VPN_CONNECTION} remote_subnet IsCIDR", strict=False),),
    },
    "volcengine:vpn/customerGateway:CustomerGateway": {
        "ipAddress": (IpAddress(f"{_TF}: resource_volcengine_customer_gateway.go ip_address IsIPAddress"),),
    },
    "volcengine:vpn/gateway:Gateway": {
        "bandwidth": (
            OneOf((5, 10, 20, 50, 100, 200, 500, 1000), f"{_TF}: resource_volcengine_vpn_gateway.go bandwidth IntInSlice"),
        ),
    },
    "volcengine:vpn/gatewayRoute:GatewayRoute": {
        "destinationCidrBlock": (
            Cidr(f"{_TF}: resource_volcengine_vpn_gateway_route.go destination_cidr_block IsCIDR", strict=False),
        ),
    },
    # SNAT entry: a subnet or a source CIDR (the conflicts between them are between ids, unknown at preview).
    "volcengine:nat/snatEntry:SnatEntry": {
        "subnetId": (AtLeastOneOf(("subnetId", "sourceCidr"), f"{_SNAT_ENTRY} subnet_id ExactlyOneOf source_cidr"),),
    },
}
