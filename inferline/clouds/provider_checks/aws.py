"""What the aws provider's own check refuses in the values inferline sets (see the package docstring).

Read from hashicorp/terraform-provider-aws (``internal/service/...``) as the code index holds it: one stored
version per file, not all of one release. Enum lists follow the AWS SDK enum the validator names, checked
against the values pulumi-aws 7.51.1's docstrings name; where the two differ the row says which it follows.
"""

from __future__ import annotations

from inferline.clouds.provider_checks import (
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

TF = "terraform-provider-aws"

#: verify.ValidAmazonSideASN: 7224, 9059, 10124, 17493, 64512..65534 or 4200000000..4294967294 (as a string).
_AMAZON_SIDE_ASN = (
    r"^(7224|9059|10124|17493"
    r"|6451[2-9]|645[2-9]\d|64[6-9]\d\d|65[0-4]\d\d|655[0-2]\d|6553[0-4]"
    r"|42[0-8]\d{7}|429[0-3]\d{6}|4294[0-8]\d{5}|42949[0-5]\d{4}|429496[0-6]\d{3}"
    r"|4294967[01]\d{2}|42949672[0-8]\d|429496729[0-4])$"
)

#: verify.Valid4ByteASN: a decimal 0..4294967295 (as a string).
_FOUR_BYTE_ASN = (
    r"^(\d{1,9}|[1-3]\d{9}|4[01]\d{8}|42[0-8]\d{7}|429[0-3]\d{6}|4294[0-8]\d{5}|42949[0-5]\d{4}"
    r"|429496[0-6]\d{3}|4294967[01]\d{2}|42949672[0-8]\d|429496729[0-5])$"
)
#: elbv2/validate.go validName: empty, or alphanumerics and hyphens with none at either end, not "internal-...".
_LB_NAME = r"^$|^(?!internal-)[0-9A-Za-z](?:[0-9A-Za-z-]*[0-9A-Za-z])?$"

#: nullable.ValidateTypeStringNullableBool: empty or what Go's strconv.ParseBool reads.
_NULLABLE_BOOL = r"^(|1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$"

#: elbv2 ProtocolEnum; QUIC and TCP_QUIC are newer than the files read, named by pulumi-aws 7.51.1's docstrings.
_LB_PROTOCOLS = ("HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE", "QUIC", "TCP_QUIC")

#: iam validResourceName: Go's \w is ASCII, so the class is spelled out.
_IAM_NAME = r"^[0-9A-Za-z_+=,.@-]*$"

#: ec2 consts.go: the tunnel option enums the VPN connection's StringInSlice validators take.
_PHASE_ENCRYPTION = ("AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16")
_PHASE_INTEGRITY = ("SHA1", "SHA2-256", "SHA2-384", "SHA2-512")
#: validVPNConnectionTunnelInsideCIDR: IsCIDRNetwork(30, 30), StringMatch ^169\.254\., StringNotInSlice of these.
_TUNNEL_INSIDE = (
    r"^(?!(169\.254\.[0-5]\.0/30|169\.254\.169\.252/30)$)169\.254\.\d{1,3}\.\d{1,3}/30$"
)


def _tunnel(number: int) -> dict[str, tuple[Cidr | Matches | OneOf | Between, ...]]:
    src = f"{TF}: ec2/vpnsite_connection.go tunnel{number}_"
    rules: dict[str, tuple[Cidr | Matches | OneOf | Between, ...]] = {
        f"tunnel{number}IkeVersions[]": (OneOf(("ikev1", "ikev2"), src + "ike_versions StringInSlice"),),
        f"tunnel{number}Phase1EncryptionAlgorithms[]": (
            OneOf(_PHASE_ENCRYPTION, src + "phase1_encryption_algorithms StringInSlice"),
        ),
        f"tunnel{number}Phase1IntegrityAlgorithms[]": (
            OneOf(_PHASE_INTEGRITY, src + "phase1_integrity_algorithms StringInSlice"),
        ),
        f"tunnel{number}Phase1LifetimeSeconds": (Between(900, 28800, src + "phase1_lifetime_seconds IntBetween"),),
        f"tunnel{number}Phase2EncryptionAlgorithms[]": (
            OneOf(_PHASE_ENCRYPTION, src + "phase2_encryption_algorithms StringInSlice"),
        ),
        f"tunnel{number}Phase2IntegrityAlgorithms[]": (
            OneOf(_PHASE_INTEGRITY, src + "phase2_integrity_algorithms StringInSlice"),
        ),
        f"tunnel{number}Phase2LifetimeSeconds": (Between(900, 3600, src + "phase2_lifetime_seconds IntBetween"),),
    }
    if number == 1:  # the shipped stacks set these on tunnel 1 only
        rules[f"tunnel{number}DpdTimeoutAction"] = (
            OneOf(("clear", "none", "restart"), src + "dpd_timeout_action StringInSlice"),
        )
        rules[f"tunnel{number}StartupAction"] = (OneOf(("add", "start"), src + "startup_action StringInSlice"),)
        rules[f"tunnel{number}InsideCidr"] = (
            Cidr(src + "inside_cidr IsCIDRNetwork(30, 30)"),
            Matches(_TUNNEL_INSIDE, src + "inside_cidr validVPNConnectionTunnelInsideCIDR"),
        )
    return rules


RULES: Table = {
    # aws_autoscaling_group
    "aws:autoscaling/group:Group": {
        "name": (
            ConflictsWith(("namePrefix",), f"{TF}: autoscaling/group.go name ConflictsWith name_prefix"),
            LengthBetween(0, 255, f"{TF}: autoscaling/group.go name StringLenBetween(0, 255)"),
        ),
        "warmPool.minSize": (Between(0, None, f"{TF}: autoscaling/group.go warm_pool.min_size IntAtLeast(0)"),),
        "warmPool.poolState": (
            OneOf(
                ("Stopped", "Running", "Hibernated"),
                f"{TF}: autoscaling/group.go warm_pool.pool_state enum.Validate[WarmPoolState]",
            ),
        ),
    },
    # aws_autoscaling_policy
    "aws:autoscaling/policy:Policy": {
        "policyType": (
            OneOf(
                ("PredictiveScaling", "SimpleScaling", "StepScaling", "TargetTrackingScaling"),
                f"{TF}: autoscaling/policy.go policy_type enum.Validate[policyType]",
            ),
        ),
    },
    # aws_cloudtrail (kms_key_id: ValidARN, always computed here)
    "aws:cloudtrail/trail:Trail": {
        "name": (LengthBetween(3, 128, f"{TF}: cloudtrail/trail.go name StringLenBetween(3, 128)"),),
    },
    # aws_cloudwatch_log_group
    "aws:cloudwatch/logGroup:LogGroup": {
        "name": (
            ConflictsWith(("namePrefix",), f"{TF}: logs/group.go name ConflictsWith name_prefix"),
            LengthBetween(1, 512, f"{TF}: logs/validate.go validLogGroupName at most 512 characters"),
            Matches(r"^[0-9A-Za-z_./#-]+$", f"{TF}: logs/validate.go validLogGroupName"),
        ),
        "retentionInDays": (
            OneOf(
                (0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653),
                f"{TF}: logs/group.go retention_in_days IntInSlice",
            ),
        ),
    },
    # aws_dx_connection
    "aws:directconnect/connection:Connection": {
        "bandwidth": (
            OneOf(
                ("1Gbps", "2Gbps", "5Gbps", "10Gbps", "100Gbps", "50Mbps", "100Mbps", "200Mbps", "300Mbps", "400Mbps", "500Mbps"),
                f"{TF}: directconnect/validate.go validConnectionBandWidth StringInSlice",
            ),
        ),
    },
    # aws_dx_gateway
    "aws:directconnect/gateway:Gateway": {
        "amazonSideAsn": (Matches(_AMAZON_SIDE_ASN, f"{TF}: directconnect/gateway.go amazon_side_asn ValidAmazonSideASN"),),
    },
    # aws_dx_private_virtual_interface
    "aws:directconnect/privateVirtualInterface:PrivateVirtualInterface": {
        "addressFamily": (
            OneOf(("ipv4", "ipv6"), f"{TF}: directconnect/private_virtual_interface.go address_family StringInSlice"),
        ),
        "vlan": (Between(1, 4094, f"{TF}: directconnect/private_virtual_interface.go vlan IntBetween(1, 4094)"),),
    },
    # aws_customer_gateway
    "aws:ec2/customerGateway:CustomerGateway": {
        "bgpAsn": (Matches(_FOUR_BYTE_ASN, f"{TF}: ec2/vpnsite_customer_gateway.go bgp_asn Valid4ByteASN"),),
        "ipAddress": (IpAddress(f"{TF}: ec2/vpnsite_customer_gateway.go ip_address IsIPv4Address", version=4),),
        "type": (OneOf(("ipsec.1",), f"{TF}: ec2/vpnsite_customer_gateway.go type StringInSlice(GatewayType_Values)"),),
    },
    # aws_eip
    "aws:ec2/eip:Eip": {
        "domain": (OneOf(("vpc", "standard"), f"{TF}: ec2/ec2_eip.go domain enum.Validate[DomainType]"),),
    },
    # aws_flow_log
    "aws:ec2/flowLog:FlowLog": {
        "logDestinationType": (
            OneOf(
                ("cloud-watch-logs", "s3", "kinesis-data-firehose"),
                f"{TF}: ec2/vpc_flow_log.go log_destination_type enum.Validate[LogDestinationType]",
            ),
        ),
        "maxAggregationInterval": (OneOf((60, 600), f"{TF}: ec2/vpc_flow_log.go max_aggregation_interval IntInSlice"),),
        "trafficType": (
            OneOf(("ACCEPT", "REJECT", "ALL"), f"{TF}: ec2/vpc_flow_log.go traffic_type enum.Validate[TrafficType]"),
        ),
    },
    # aws_launch_template
    "aws:ec2/launchTemplate:LaunchTemplate": {
        "blockDeviceMappings[].ebs.deleteOnTermination": (
            Matches(_NULLABLE_BOOL, f"{TF}: ec2/ec2_launch_template.go ebs.delete_on_termination NullableBool"),
        ),
        "blockDeviceMappings[].ebs.encrypted": (
            Matches(_NULLABLE_BOOL, f"{TF}: ec2/ec2_launch_template.go ebs.encrypted NullableBool"),
        ),
        "blockDeviceMappings[].ebs.volumeType": (
            OneOf(
                ("standard", "io1", "io2", "gp2", "sc1", "st1", "gp3"),
                f"{TF}: ec2/ec2_launch_template.go ebs.volume_type StringInSlice(VolumeType_Values)",
            ),
        ),
        "description": (LengthBetween(0, 255, f"{TF}: ec2/ec2_launch_template.go description StringLenBetween(0, 255)"),),
        "instanceType": (
            ConflictsWith(("instanceRequirements",), f"{TF}: ec2/ec2_launch_template.go instance_type ConflictsWith"),
        ),
        "metadataOptions.httpEndpoint": (
            OneOf(("enabled", "disabled"), f"{TF}: ec2/ec2_launch_template.go metadata_options.http_endpoint StringInSlice"),
        ),
        "metadataOptions.httpPutResponseHopLimit": (
            Between(1, 64, f"{TF}: ec2/ec2_launch_template.go metadata_options.http_put_response_hop_limit IntBetween(1, 64)"),
        ),
        "metadataOptions.httpTokens": (
            OneOf(("optional", "required"), f"{TF}: ec2/ec2_launch_template.go metadata_options.http_tokens StringInSlice"),
        ),
        "name": (
            ConflictsWith(("namePrefix",), f"{TF}: ec2/ec2_launch_template.go name ConflictsWith name_prefix"),
            LengthBetween(3, 125, f"{TF}: verify/validate.go ValidLaunchTemplateName 3..125 characters"),
            Matches(r"^[0-9A-Za-z()./_\-]+$", f"{TF}: verify/validate.go ValidLaunchTemplateName"),
        ),
        "networkInterfaces[].associatePublicIpAddress": (
            Matches(_NULLABLE_BOOL, f"{TF}: ec2/ec2_launch_template.go network_interfaces.associate_public_ip_address NullableBool"),
        ),
        "networkInterfaces[].deleteOnTermination": (
            Matches(_NULLABLE_BOOL, f"{TF}: ec2/ec2_launch_template.go network_interfaces.delete_on_termination NullableBool"),
        ),
        "updateDefaultVersion": (
            ConflictsWith(("defaultVersion",), f"{TF}: ec2/ec2_launch_template.go update_default_version ConflictsWith"),
        ),
    },
    # aws_nat_gateway
    "aws:ec2/natGateway:NatGateway": {
        "connectivityType": (
            OneOf(("private", "public"), f"{TF}: ec2/vpc_nat_gateway.go connectivity_type enum.Validate[ConnectivityType]"),
        ),
    },
    # aws_route
    "aws:ec2/route:Route": {
        "destinationCidrBlock": (Cidr(f"{TF}: ec2/vpc_route.go destination_cidr_block ValidIPv4CIDRNetworkAddress"),),
    },
    # aws_security_group
    "aws:ec2/securityGroup:SecurityGroup": {
        "description": (
            LengthBetween(0, 255, f"{TF}: ec2/vpc_security_group.go description StringLenBetween(0, 255)"),
        ),
        "name": (
            ConflictsWith(("namePrefix",), f"{TF}: ec2/vpc_security_group.go name ConflictsWith name_prefix"),
            Matches(
                r"^(?!sg-)[\s\S]{0,255}$",
                f"{TF}: ec2/vpc_security_group.go name StringLenBetween(0, 255), StringDoesNotMatch(^sg-)",
            ),
        ),
    },
    # aws_subnet
    "aws:ec2/subnet:Subnet": {
        "availabilityZone": (
            ConflictsWith(("availabilityZoneId",), f"{TF}: ec2/vpc_subnet.go availability_zone ConflictsWith"),
        ),
        "cidrBlock": (Cidr(f"{TF}: ec2/vpc_subnet.go cidr_block ValidIPv4CIDRNetworkAddress"),),
    },
    # aws_vpc
    "aws:ec2/vpc:Vpc": {
        "cidrBlock": (
            ConflictsWith(("ipv4NetmaskLength",), f"{TF}: ec2/vpc_.go cidr_block ConflictsWith ipv4_netmask_length"),
            Cidr(f"{TF}: ec2/vpc_.go cidr_block IsCIDRNetwork(16, 28)"),
            Matches(r"^[0-9.]+/(1[6-9]|2[0-8])$", f"{TF}: ec2/vpc_.go cidr_block IsCIDRNetwork(16, 28) prefix length"),
        ),
    },
    # aws_vpn_connection
    "aws:ec2/vpnConnection:VpnConnection": {
        "localIpv4NetworkCidr": (Cidr(f"{TF}: ec2/vpnsite_connection.go local_ipv4_network_cidr IsCIDRNetwork(0, 32)"),),
        "remoteIpv4NetworkCidr": (
            Cidr(f"{TF}: ec2/vpnsite_connection.go remote_ipv4_network_cidr IsCIDRNetwork(0, 32)"),
        ),
        **_tunnel(1),
        **_tunnel(2),
        "type": (
            OneOf(("ipsec.1", "ipsec.1-aes256"), f"{TF}: ec2/vpnsite_connection.go type StringInSlice(vpnConnectionType_Values)"),
        ),
    },
    # aws_vpn_gateway
    "aws:ec2/vpnGateway:VpnGateway": {
        "amazonSideAsn": (Matches(_AMAZON_SIDE_ASN, f"{TF}: ec2/vpnsite_gateway.go amazon_side_asn ValidAmazonSideASN"),),
    },
    # aws_ecr_repository
    "aws:ecr/repository:Repository": {
        "encryptionConfigurations[].encryptionType": (
            OneOf(("AES256", "KMS"), f"{TF}: ecr/repository.go encryption_configuration.encryption_type StringInSlice"),
        ),
        "imageTagMutability": (
            OneOf(
                ("MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION"),
                f"{TF}: ecr/repository.go image_tag_mutability StringInSlice(ImageTagMutability_Values)",
            ),
        ),
    },
    # aws_iam_instance_profile
    "aws:iam/instanceProfile:InstanceProfile": {
        "name": (
            ConflictsWith(("namePrefix",), f"{TF}: iam/instance_profile.go name ConflictsWith name_prefix"),
            LengthBetween(1, 128, f"{TF}: iam/instance_profile.go name validResourceName(instanceProfileNameMaxLen=128)"),
            Matches(_IAM_NAME, f"{TF}: iam/validate.go validResourceName"),
        ),
    },
    # aws_iam_role
    "aws:iam/role:Role": {
        # description also StringDoesNotMatch([“‘]): no row, a row's refusal must be reachable by the table tests.
        "description": (LengthBetween(0, 1000, f"{TF}: iam/role.go description StringLenBetween(0, 1000)"),),
        "name": (
            ConflictsWith(("namePrefix",), f"{TF}: iam/role.go name ConflictsWith name_prefix"),
            LengthBetween(1, 64, f"{TF}: iam/role.go name validResourceName(roleNameMaxLen=64)"),
            Matches(_IAM_NAME, f"{TF}: iam/validate.go validResourceName"),
        ),
    },
    # aws_iam_role_policy
    "aws:iam/rolePolicy:RolePolicy": {
        "name": (
            ConflictsWith(("namePrefix",), f"{TF}: iam/role_policy.go name ConflictsWith name_prefix"),
            LengthBetween(1, 128, f"{TF}: iam/validate.go validRolePolicyName = validResourceName(128)"),
            Matches(_IAM_NAME, f"{TF}: iam/validate.go validResourceName"),
        ),
    },
    # aws_kms_alias
    "aws:kms/alias:Alias": {
        "name": (
            ConflictsWith(("namePrefix",), f"{TF}: kms/alias.go name ConflictsWith name_prefix"),
            Matches(r"^(?!alias/aws/)alias/[0-9A-Za-z_/-]+$", f"{TF}: kms/validate.go validNameForResource"),
        ),
    },
    # aws_kms_grant (grantee_principal: Any(ValidARN, ValidServicePrincipal), custom; no row)
    "aws:kms/grant:Grant": {
        "name": (
            LengthBetween(1, 256, f"{TF}: kms/validate.go validGrantName at most 256 characters"),
            Matches(r"^[0-9A-Za-z_:/-]+$", f"{TF}: kms/validate.go validGrantName"),
        ),
        # GenerateMac, VerifyMac and DeriveSharedSecret are in the SDK's GrantOperation enum, not in the docstring.
        "operations[]": (
            OneOf(
                (
                    "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom",
                    "ReEncryptTo", "Sign", "Verify", "GetPublicKey", "CreateGrant", "RetireGrant", "DescribeKey",
                    "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "GenerateMac", "VerifyMac",
                    "DeriveSharedSecret",
                ),
                f"{TF}: kms/grant.go operations enum.Validate[GrantOperation]",
            ),
        ),
    },
    # aws_kms_key
    "aws:kms/key:Key": {
        "customerMasterKeySpec": (
            OneOf(
                (
                    "SYMMETRIC_DEFAULT", "RSA_2048", "RSA_3072", "RSA_4096", "HMAC_224", "HMAC_256", "HMAC_384",
                    "HMAC_512", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "ML_DSA_44",
                    "ML_DSA_65", "ML_DSA_87", "SM2", "ECC_NIST_EDWARDS25519",
                ),
                f"{TF}: kms/key.go customer_master_key_spec enum.Validate[KeySpec]",
            ),
        ),
        "deletionWindowInDays": (Between(7, 30, f"{TF}: kms/key.go deletion_window_in_days IntBetween(7, 30)"),),
        "description": (LengthBetween(0, 8192, f"{TF}: kms/key.go description StringLenBetween(0, 8192)"),),
        # KEY_AGREEMENT is in the SDK's KeyUsageType enum, not in the docstring.
        "keyUsage": (
            OneOf(
                ("ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"),
                f"{TF}: kms/key.go key_usage enum.Validate[KeyUsageType]",
            ),
        ),
        "rotationPeriodInDays": (Between(90, 2560, f"{TF}: kms/key.go rotation_period_in_days IntBetween(90, 2560)"),),
    },
    # aws_lb_listener
    "aws:lb/listener:Listener": {
        "defaultActions[].type": (
            OneOf(
                ("forward", "authenticate-oidc", "authenticate-cognito", "redirect", "fixed-response", "jwt-validation"),
                f"{TF}: elbv2/listener.go default_action.type StringInSlice(ActionTypeEnum_Values, true)",
                ignore_case=True,
            ),
        ),
        "port": (Between(1, 65535, f"{TF}: elbv2/listener.go port IsPortNumber"),),
        "protocol": (
            OneOf(
                _LB_PROTOCOLS,
                f"{TF}: elbv2/listener.go protocol StringInSlice(ProtocolEnum_Values, true)",
                ignore_case=True,
            ),
        ),
    },
    # aws_lb
    "aws:lb/loadBalancer:LoadBalancer": {
        "loadBalancerType": (
            OneOf(
                ("application", "network", "gateway"),
                f"{TF}: elbv2/load_balancer.go load_balancer_type enum.Validate[LoadBalancerTypeEnum]",
            ),
        ),
        "name": (
            ConflictsWith(("namePrefix",), f"{TF}: elbv2/load_balancer.go name ConflictsWith name_prefix"),
            LengthBetween(0, 32, f"{TF}: elbv2/validate.go validName at most 32 characters"),
            Matches(_LB_NAME, f"{TF}: elbv2/validate.go validName"),
        ),
    },
    # aws_lb_target_group
    "aws:lb/targetGroup:TargetGroup": {
        "deregistrationDelay": (
            Between(0, 3600, f"{TF}: elbv2/target_group.go deregistration_delay NullableIntBetween(0, 3600)"),
        ),
        "healthCheck.healthyThreshold": (
            Between(2, 10, f"{TF}: elbv2/target_group.go health_check.healthy_threshold IntBetween(2, 10)"),
        ),
        "healthCheck.interval": (Between(5, 300, f"{TF}: elbv2/target_group.go health_check.interval IntBetween(5, 300)"),),
        "healthCheck.path": (
            LengthBetween(1, 1024, f"{TF}: elbv2/target_group.go health_check.path StringLenBetween(1, 1024)"),
            Matches("^/", f"{TF}: elbv2/target_group.go health_check.path StringHasPrefix(/)"),
        ),
        "healthCheck.timeout": (Between(2, 120, f"{TF}: elbv2/target_group.go health_check.timeout IntBetween(2, 120)"),),
        "healthCheck.unhealthyThreshold": (
            Between(2, 10, f"{TF}: elbv2/target_group.go health_check.unhealthy_threshold IntBetween(2, 10)"),
        ),
        "loadBalancingAlgorithmType": (
            OneOf(
                ("round_robin", "least_outstanding_requests", "weighted_random"),
                f"{TF}: elbv2/target_group.go load_balancing_algorithm_type StringInSlice",
            ),
        ),
        "name": (
            ConflictsWith(("namePrefix",), f"{TF}: elbv2/target_group.go name ConflictsWith name_prefix"),
            LengthBetween(1, 32, f"{TF}: elbv2/validate.go validTargetGroupName at most 32 characters"),
            Matches(r"^[0-9A-Za-z](?:[0-9A-Za-z-]*[0-9A-Za-z])?$", f"{TF}: elbv2/validate.go validTargetGroupName"),
        ),
        "port": (Between(1, 65535, f"{TF}: elbv2/target_group.go port IntBetween(1, 65535)"),),
        "protocol": (OneOf(_LB_PROTOCOLS, f"{TF}: elbv2/target_group.go protocol enum.Validate[ProtocolEnum]"),),
        "targetType": (
            OneOf(
                ("instance", "ip", "lambda", "alb"),
                f"{TF}: elbv2/target_group.go target_type enum.Validate[TargetTypeEnum]",
            ),
        ),
    },
    # aws_s3_bucket
    "aws:s3/bucket:Bucket": {
        "bucket": (
            ConflictsWith(("bucketPrefix",), f"{TF}: s3/bucket.go bucket ConflictsWith bucket_prefix"),
            LengthBetween(0, 63, f"{TF}: s3/bucket.go bucket StringLenBetween(0, 63)"),
        ),
    },
    # aws_s3_bucket_lifecycle_configuration (a framework resource: its validators run in the same Check)
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
        "rules": (Items(1, None, f"{TF}: s3/bucket_lifecycle_configuration.go rule listvalidator.SizeAtLeast(1)"),),
        "rules[].id": (
            LengthBetween(1, 255, f"{TF}: s3/bucket_lifecycle_configuration.go rule.id stringvalidator.LengthBetween(1, 255)"),
        ),
        "rules[].noncurrentVersionExpiration.noncurrentDays": (
            Between(
                1, None, f"{TF}: s3/bucket_lifecycle_configuration.go noncurrent_version_expiration.noncurrent_days AtLeast(1)"
            ),
        ),
        "rules[].status": (
            OneOf(
                ("Enabled", "Disabled"),
                f"{TF}: s3/bucket_lifecycle_configuration.go rule.status OneOf(lifecycleRuleStatus_Values)",
            ),
        ),
    },
    # aws_s3_bucket_ownership_controls
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": {
        "rule": (Items(1, 1, f"{TF}: s3/bucket_ownership_controls.go rule MinItems 1, MaxItems 1"),),
        "rule.objectOwnership": (
            OneOf(
                ("BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced"),
                f"{TF}: s3/bucket_ownership_controls.go rule.object_ownership StringInSlice(ObjectOwnership_Values)",
            ),
        ),
    },
    # aws_s3_bucket_server_side_encryption_configuration
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
        "rules[].applyServerSideEncryptionByDefault.sseAlgorithm": (
            OneOf(
                ("AES256", "aws:kms", "aws:kms:dsse"),
                f"{TF}: s3/bucket_server_side_encryption_configuration.go sse_algorithm enum.Validate[ServerSideEncryption]",
            ),
        ),
    },
    # aws_s3_bucket_versioning
    "aws:s3/bucketVersioning:BucketVersioning": {
        "versioningConfiguration.status": (
            OneOf(
                ("Enabled", "Suspended", "Disabled"),
                f"{TF}: s3/bucket_versioning.go versioning_configuration.status StringInSlice(BucketVersioningStatus_Values)",
            ),
        ),
    },
    # aws_secretsmanager_secret
    "aws:secretsmanager/secret:Secret": {
        "name": (
            ConflictsWith(("namePrefix",), f"{TF}: secretsmanager/secret.go name ConflictsWith name_prefix"),
            LengthBetween(1, 512, f"{TF}: secretsmanager/validate.go validSecretName at most 512 characters"),
            Matches(r"^[0-9A-Za-z/_+=.@-]+$", f"{TF}: secretsmanager/validate.go validSecretName"),
        ),
        "recoveryWindowInDays": (
            OneOf(
                (0, *range(7, 31)),
                f"{TF}: secretsmanager/secret.go recovery_window_in_days Any(IntBetween(7, 30), IntInSlice(0))",
            ),
        ),
    },
    # aws_vpc_security_group_egress_rule (built on the ingress rule's schema)
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
        "cidrIpv4": (Cidr(f"{TF}: ec2/vpc_security_group_ingress_rule.go cidr_ipv4 IPv4CIDRNetworkAddress"),),
        "fromPort": (Between(-1, 65535, f"{TF}: ec2/vpc_security_group_ingress_rule.go from_port Between(-1, 65535)"),),
        "toPort": (Between(-1, 65535, f"{TF}: ec2/vpc_security_group_ingress_rule.go to_port Between(-1, 65535)"),),
    },
    # aws_vpc_security_group_ingress_rule
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        "cidrIpv4": (Cidr(f"{TF}: ec2/vpc_security_group_ingress_rule.go cidr_ipv4 IPv4CIDRNetworkAddress"),),
        "fromPort": (Between(-1, 65535, f"{TF}: ec2/vpc_security_group_ingress_rule.go from_port Between(-1, 65535)"),),
        "toPort": (Between(-1, 65535, f"{TF}: ec2/vpc_security_group_ingress_rule.go to_port Between(-1, 65535)"),),
    },
}
