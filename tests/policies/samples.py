"""Per type token a rule claims: props that comply, that violate, that cannot be checked, that are not applicable.

``not_applicable`` is None when every resource of the type is judged (a key always has a rotation setting):
the not-applicable case then runs the same props under a type no rule claims. "<computed>" marks an unknown.
"""

from __future__ import annotations

from typing import Any, NamedTuple

C = "<computed>"


class Cases(NamedTuple):
    compliant: dict[str, Any]
    violation: dict[str, Any]
    unknown: dict[str, Any]
    not_applicable: dict[str, Any] | None


KMS = {
    "aws:kms/key:Key": Cases({"enableKeyRotation": True}, {"enableKeyRotation": False}, {"enableKeyRotation": C}, None),
    "aws:kms/externalKey:ExternalKey": Cases({}, {"enabled": True}, {}, None),
    "aws:kms/replicaExternalKey:ReplicaExternalKey": Cases({}, {"enabled": True}, {}, None),
    "alicloud:kms/key:Key": Cases({"automaticRotation": "Enabled"}, {"automaticRotation": "Disabled"}, {"automaticRotation": C}, None),
    "tencentcloud:Kms/key:Key": Cases({"keyRotationEnabled": True}, {"keyRotationEnabled": False}, {"keyRotationEnabled": C}, None),
    "tencentcloud:Kms/externalKey:ExternalKey": Cases({}, {"isEnabled": True}, {}, None),
    "huaweicloud:Dew/key:Key": Cases({"rotationEnabled": True}, {}, {"rotationEnabled": C}, None),
    "volcengine:kms/key:Key": Cases({"rotateState": "Enable"}, {"rotateState": "Disable"}, {"rotateState": C}, None),
}
#: Keys that can never rotate: no compliant or unknown form (their cases are skipped).
NEVER_COMPLIANT = {"aws:kms/externalKey:ExternalKey", "aws:kms/replicaExternalKey:ReplicaExternalKey", "tencentcloud:Kms/externalKey:ExternalKey"}

INGRESS = {
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": Cases(
        {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": 443, "toPort": 443},
        {"cidrIpv6": "::/0", "ipProtocol": "tcp", "fromPort": 443, "toPort": 65535},
        {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": C, "toPort": C},
        {"cidrIpv4": "0.0.0.0/0", "ipProtocol": "icmp", "fromPort": -1, "toPort": -1},
    ),
    "aws:ec2/securityGroupRule:SecurityGroupRule": Cases(
        {"type": "ingress", "cidrBlocks": ["10.0.0.0/8"], "protocol": "-1", "fromPort": 0, "toPort": 0},
        {"type": "ingress", "ipv6CidrBlocks": ["2000::/3"], "protocol": "tcp", "fromPort": 22, "toPort": 22},
        {"type": "ingress", "cidrBlocks": [C], "protocol": "tcp", "fromPort": 22, "toPort": 22},
        {"type": "egress", "cidrBlocks": ["0.0.0.0/0"], "protocol": "-1", "fromPort": 0, "toPort": 0},
    ),
    "aws:ec2/securityGroup:SecurityGroup": Cases(
        {"ingress": [{"cidrBlocks": ["0.0.0.0/0"], "protocol": "tcp", "fromPort": 443, "toPort": 443}]},
        {"ingress": [{"cidrBlocks": ["0.0.0.0/1"], "protocol": "tcp", "fromPort": 8000, "toPort": 8000}]},
        {"ingress": [{"cidrBlocks": ["0.0.0.0/0"], "protocol": "tcp", "fromPort": C, "toPort": 443}]},
        {"egress": [{"cidrBlocks": ["0.0.0.0/0"], "protocol": "-1", "fromPort": 0, "toPort": 0}]},
    ),
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": Cases(
        {"ingress": [], "egress": []},
        {"ingress": [{"cidrBlocks": ["0.0.0.0/0"], "protocol": "-1", "fromPort": 0, "toPort": 0}]},
        {"ingress": [{"cidrBlocks": [C], "protocol": "tcp", "fromPort": 22, "toPort": 22}]},
        {"egress": [{"cidrBlocks": ["0.0.0.0/0"], "protocol": "-1", "fromPort": 0, "toPort": 0}]},
    ),
    "alicloud:ecs/securityGroupRule:SecurityGroupRule": Cases(
        {"type": "ingress", "ipProtocol": "tcp", "cidrIp": "0.0.0.0/0", "portRange": "443/443"},
        {"type": "ingress", "ipProtocol": "tcp", "ipv6CidrIp": "::/0", "portRange": "22/22"},
        {"type": "ingress", "ipProtocol": "tcp", "cidrIp": "0.0.0.0/0", "portRange": C},
        {"type": "egress", "ipProtocol": "all", "cidrIp": "0.0.0.0/0", "portRange": "-1/-1"},
    ),
    "tencentcloud:Security/groupRule:GroupRule": Cases(
        {"type": "ingress", "cidrIp": "100.64.0.0/10", "ipProtocol": "ALL", "policy": "ACCEPT"},
        {"type": "ingress", "cidrIp": "::/0", "ipProtocol": "tcp", "portRange": "443-65535", "policy": "ACCEPT"},
        {"type": "ingress", "cidrIp": C, "ipProtocol": "tcp", "portRange": "443", "policy": "ACCEPT"},
        {"type": "ingress", "cidrIp": "0.0.0.0/0", "ipProtocol": "ALL", "policy": "DROP"},
    ),
    "tencentcloud:Security/groupRuleSet:GroupRuleSet": Cases(
        {"ingresses": [{"cidrBlock": "0.0.0.0/0", "protocol": "TCP", "port": "443", "action": "ACCEPT"}]},
        {"ingresses": [{"ipv6CidrBlock": "::/0", "protocol": "TCP", "port": "8000", "action": "ACCEPT"}]},
        {"ingresses": [{"cidrBlock": "0.0.0.0/0", "protocol": "TCP", "port": C, "action": "ACCEPT"}]},
        {"egresses": [{"cidrBlock": "0.0.0.0/0", "protocol": "ALL", "port": "ALL", "action": "ACCEPT"}]},
    ),
    "huaweicloud:Vpc/secgroupRule:SecgroupRule": Cases(
        {"direction": "ingress", "ethertype": "IPv4", "protocol": "tcp", "remoteIpPrefix": "0.0.0.0/0", "ports": "443"},
        {"direction": "ingress", "ethertype": "IPv6", "protocol": "tcp", "ports": "443-65535"},
        {"direction": "ingress", "ethertype": "IPv4", "protocol": "tcp", "remoteIpPrefix": "0.0.0.0/0", "ports": C},
        {"direction": "egress", "ethertype": "IPv4", "remoteIpPrefix": "0.0.0.0/0"},
    ),
    "volcengine:vpc/securityGroupRule:SecurityGroupRule": Cases(
        {"direction": "ingress", "protocol": "tcp", "cidrIp": "0.0.0.0/0", "portStart": 443, "portEnd": 443},
        {"direction": "ingress", "protocol": "tcp", "cidrIp": "::/0", "portStart": 443, "portEnd": 65535},
        {"direction": "ingress", "protocol": "tcp", "cidrIp": "0.0.0.0/0", "portStart": C, "portEnd": 443},
        {"direction": "egress", "protocol": "all", "cidrIp": "0.0.0.0/0", "portStart": -1, "portEnd": -1},
    ),
}

TLS = {
    "aws:lb/listener:Listener": Cases(
        {"protocol": "HTTPS", "sslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}, {"protocol": "HTTPS"}, {"protocol": "TLS", "sslPolicy": C}, {"protocol": "HTTP"}
    ),
    "aws:alb/listener:Listener": Cases(
        {"protocol": "HTTPS", "sslPolicy": "ELBSecurityPolicy-TLS13-1-3-2021-06"},
        {"protocol": "HTTPS", "sslPolicy": "ELBSecurityPolicy-2016-08"},
        {"protocol": C, "sslPolicy": "ELBSecurityPolicy-2016-08"},
        {"protocol": "HTTP"},
    ),
    "alicloud:alb/listener:Listener": Cases(
        {"listenerProtocol": "HTTPS", "securityPolicyId": "tls_cipher_policy_1_2_strict_with_1_3"},
        {"listenerProtocol": "HTTPS", "securityPolicyId": "tls_cipher_policy_1_2"},
        {"listenerProtocol": "HTTPS", "securityPolicyId": C},
        {"listenerProtocol": "HTTP"},
    ),
    "alicloud:slb/listener:Listener": Cases(
        {"protocol": "https", "tlsCipherPolicy": "tls_cipher_policy_1_2_strict_with_1_3"},
        {"protocol": "https", "tlsCipherPolicy": "tls_cipher_policy_1_2_strict"},
        {"protocol": "https", "tlsCipherPolicy": C},
        {"protocol": "tcp"},
    ),
    "tencentcloud:Clb/customizedConfig:CustomizedConfig": Cases(
        {"configContent": "ssl_protocols TLSv1.2 TLSv1.3;"},
        {"configContent": "client_max_body_size 64m;\nssl_protocols TLSv1.2;"},
        {"configContent": C},
        {"configContent": "client_max_body_size 64m;"},
    ),
    "huaweicloud:DedicatedElb/listener:Listener": Cases(
        {"protocol": "HTTPS", "tlsCiphersPolicy": "tls-1-2-fs-with-1-3"},
        {"protocol": "HTTPS", "tlsCiphersPolicy": "tls-1-2"},
        {"protocol": "HTTPS", "securityPolicyId": "custom-policy-id"},
        {"protocol": "TCP"},
    ),
    "volcengine:alb/customizedCfg:CustomizedCfg": Cases(
        {"customizedCfgContent": "ssl_protocols TLSv1.2 TLSv1.3;"},
        {"customizedCfgContent": "ssl_protocols TLSv1 TLSv1.1 TLSv1.2;"},
        {"customizedCfgContent": C},
        {"customizedCfgContent": "keepalive_timeout 60s;"},
    ),
    "volcengine:alb/listener:Listener": Cases(
        {"protocol": "HTTPS", "customizedCfgId": "cfg-1"}, {"protocol": "HTTPS"}, {"protocol": "HTTPS", "customizedCfgId": C}, {"protocol": "HTTP"}
    ),
    "volcengine:clb/listener:Listener": Cases({"protocol": "TCP"}, {"protocol": "HTTPS"}, {"protocol": C}, {"protocol": "HTTP"}),
}

SUBNET = {
    "aws:ec2/subnet:Subnet": Cases({"mapPublicIpOnLaunch": False}, {"mapPublicIpOnLaunch": True}, {"mapPublicIpOnLaunch": C}, None),
}

TRAILS = {
    "aws:cloudtrail/trail:Trail": Cases({"enableLogging": True}, {"enableLogging": False}, {"enableLogging": C}, None),
    "alicloud:actiontrail/trail:Trail": Cases({"status": "Enable"}, {"status": "Disable"}, {"status": C}, None),
    "tencentcloud:Audit/track:Track": Cases({"status": 1}, {"status": 0}, {"status": C}, None),
    "huaweicloud:Cts/tracker:Tracker": Cases({"enabled": True}, {"enabled": False}, {"enabled": C}, None),
}

NIC_PRIVATE = {"deviceIndex": 0, "associatePublicIpAddress": "false", "securityGroups": ["sg-1"]}
EBS = {"deviceName": "/dev/sda1", "ebs": {"volumeSize": 500, "encrypted": "true", "kmsKeyId": "arn:aws:kms:r:1:key/k"}}
SYS = {"diskType": "SYS", "size": 100, "volumeType": "GPSSD"}
NODES_PRIVATE = {
    "aws:ec2/launchTemplate:LaunchTemplate": Cases(
        {"networkInterfaces": [NIC_PRIVATE]},
        {"networkInterfaces": [{**NIC_PRIVATE, "associatePublicIpAddress": "true"}]},
        {"networkInterfaces": [{**NIC_PRIVATE, "associatePublicIpAddress": C}]},
        None,
    ),
    "alicloud:ess/scalingConfiguration:ScalingConfiguration": Cases(
        {"internetMaxBandwidthOut": 0}, {"internetMaxBandwidthOut": 100}, {"internetMaxBandwidthOut": C}, None
    ),
    "tencentcloud:As/scalingConfig:ScalingConfig": Cases({"publicIpAssigned": False}, {"publicIpAssigned": True}, {"publicIpAssigned": C}, None),
    "huaweicloud:As/configuration:Configuration": Cases(
        {"instanceConfig": {"flavor": "p3.2xlarge.8"}},
        {"instanceConfig": {"publicIp": {"eip": {"ipType": "5_bgp"}}}},
        {"instanceConfig": {"publicIp": C}},
        None,
    ),
    "volcengine:autoscaling/scalingConfiguration:ScalingConfiguration": Cases({}, {"eipBandwidth": 10}, {"eipBandwidth": C}, None),
}

DISKS = {
    "aws:ec2/launchTemplate:LaunchTemplate": Cases(
        {"blockDeviceMappings": [EBS]},
        {"blockDeviceMappings": [EBS, {"deviceName": "/dev/sdb", "ebs": {"volumeSize": 100}}]},
        {"blockDeviceMappings": [{"deviceName": "/dev/sda1", "ebs": {"encrypted": C}}]},
        None,
    ),
    "alicloud:ess/scalingConfiguration:ScalingConfiguration": Cases(
        {"systemDiskEncrypted": True, "dataDisks": [{"size": 100, "encrypted": True}]},
        {"systemDiskEncrypted": True, "dataDisks": [{"size": 100, "encrypted": False}]},
        {"systemDiskEncrypted": C},
        None,
    ),
    "huaweicloud:As/configuration:Configuration": Cases(
        {"instanceConfig": {"disks": [SYS, {"diskType": "DATA", "size": 500, "kmsId": "key-1"}]}},
        {"instanceConfig": {"disks": [SYS]}},
        {"instanceConfig": {"disks": [SYS, {"diskType": "DATA", "size": 500, "kmsId": C}]}},
        None,
    ),
}

MULTI_ZONE = {
    "aws:autoscaling/group:Group": Cases({"vpcZoneIdentifiers": [C, "s-2"]}, {"vpcZoneIdentifiers": ["s-1"]}, {"vpcZoneIdentifiers": C}, None),
    "alicloud:ess/scalingGroup:ScalingGroup": Cases({"vswitchIds": ["v-1", "v-2"]}, {"vswitchIds": ["v-1"]}, {"vswitchIds": C}, None),
    "tencentcloud:As/scalingGroup:ScalingGroup": Cases({"subnetIds": ["s-1", "s-2", "s-3"]}, {"subnetIds": [C]}, {"subnetIds": C}, None),
    "huaweicloud:As/group:Group": Cases({"networks": [{"id": C}, {"id": C}]}, {"networks": [{"id": "n-1"}]}, {"networks": C}, None),
    "volcengine:autoscaling/scalingGroup:ScalingGroup": Cases({"subnetIds": ["s-1", "s-2"]}, {"subnetIds": ["s-1"]}, {"subnetIds": C}, None),
}

HEADROOM = {
    "aws:autoscaling/group:Group": Cases({"desiredCapacity": 10, "maxSize": 13}, {"desiredCapacity": 10, "maxSize": 12}, {"desiredCapacity": 10, "maxSize": C}, None),
    "alicloud:ess/scalingGroup:ScalingGroup": Cases({"desiredCapacity": 0, "maxSize": 4}, {"maxSize": 4}, {"desiredCapacity": C, "maxSize": 4}, None),
    "tencentcloud:As/scalingGroup:ScalingGroup": Cases({"desiredCapacity": 4, "maxSize": 6}, {"desiredCapacity": 4, "maxSize": 5}, {"desiredCapacity": 4, "maxSize": C}, None),
    "huaweicloud:As/group:Group": Cases(
        {"desireInstanceNumber": 2, "maxInstanceNumber": 3}, {"desireInstanceNumber": 2, "maxInstanceNumber": 2}, {"desireInstanceNumber": C, "maxInstanceNumber": 3}, None
    ),
    "volcengine:autoscaling/scalingGroup:ScalingGroup": Cases(
        {"desireInstanceNumber": 1, "maxInstanceNumber": 2}, {"desireInstanceNumber": 1, "maxInstanceNumber": 1}, {"desireInstanceNumber": 1, "maxInstanceNumber": C}, None
    ),
}

HEALTH = {
    "aws:lb/targetGroup:TargetGroup": Cases(
        {"healthCheck": {"enabled": True, "interval": 30}}, {"healthCheck": {"interval": 60}}, {"healthCheck": {"interval": C}}, None
    ),
    "aws:alb/targetGroup:TargetGroup": Cases({"healthCheck": {}}, {"healthCheck": {"enabled": False}}, {"healthCheck": C}, None),
    "alicloud:alb/serverGroup:ServerGroup": Cases(
        {"healthCheckConfig": {"healthCheckEnabled": True, "healthCheckInterval": 30}},
        {"healthCheckConfig": {"healthCheckEnabled": False}},
        {"healthCheckConfig": {"healthCheckInterval": C}},
        None,
    ),
    "tencentcloud:Clb/listenerRule:ListenerRule": Cases(
        {"healthCheckSwitch": True, "healthCheckIntervalTime": 30}, {"healthCheckIntervalTime": 31}, {"healthCheckIntervalTime": C}, None
    ),
    "tencentcloud:Clb/listener:Listener": Cases(
        {"protocol": "TCP", "healthCheckIntervalTime": 10}, {"protocol": "TCP_SSL", "healthCheckSwitch": False}, {"protocol": C}, {"protocol": "HTTPS"}
    ),
    "huaweicloud:DedicatedElb/monitor:Monitor": Cases({"interval": 30}, {}, {"interval": C}, None),
    "volcengine:alb/serverGroup:ServerGroup": Cases(
        {"healthCheck": {"enabled": "on", "interval": 5}}, {"healthCheck": {"enabled": "off"}}, {"healthCheck": {"enabled": C}}, None
    ),
}

#: Rule name -> its per-type cases.
RESOURCE_CASES: dict[str, dict[str, Cases]] = {
    "kms-key-rotation-enabled": KMS,
    "security-group-no-public-ingress": INGRESS,
    "tls-listener-tls13": TLS,
    "network-subnet-no-public-ip-on-launch": SUBNET,
    "audit-trail-logging": TRAILS,
    "gpu-nodes-private": NODES_PRIVATE,
    "gpu-disk-encrypted": DISKS,
    "pool-multi-zone": MULTI_ZONE,
    "capacity-headroom": HEADROOM,
    "health-check-interval": HEALTH,
}
