"""Rule metadata, pinned exactly: ids, descriptions, enforcement, the type tokens each rule judges and the
per-type maps behind its checks. The same metadata is checked where each path reads it: the offline preview
(``evaluate``, ``failing``) and the CrossGuard pack (``policies()``). Adding a token is one line here."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pulumi_policy import EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy

from inferline.policies import pack
from inferline.policies.rules import RULES, RULES_BY_NAME, Finding, ResourceView, evaluate, failing
from inferline.policies.rules.audit import TRAIL_SWITCH
from inferline.policies.rules.health import CHECKS as HEALTH_CHECKS
from inferline.policies.rules.health import HealthCheck
from inferline.policies.rules.keys import KEY_ROTATION
from inferline.policies.rules.network import FLOW_LOG_TYPES, VPC_TYPES
from inferline.policies.rules.openings import READERS
from inferline.policies.rules.sizing import GROUPS

DESCRIPTIONS = {
    "network-vpc-flow-logs-enabled": "Checks that every VPC has an enabled flow log, so traffic to GPU nodes can be audited after an incident.",
    "network-subnet-no-public-ip-on-launch": "Checks that no subnet gives instances a public IP on launch: GPU nodes reach the internet only through NAT.",
    "kms-key-rotation-enabled": "Checks that every customer-managed key rotates automatically, so a leaked key version has a bounded life.",
    "security-group-no-public-ingress": "Checks that no security-group rule opens a port to the internet except the load balancers' listener ports.",
    "tls-listener-tls13": "Checks that every TLS listener negotiates TLS 1.3 with its cloud's policy, so inference traffic gets modern encryption.",
    "audit-trail-logging": "Checks that every audit trail is logging, so control-plane changes are recorded.",
    "gpu-nodes-private": "Checks that GPU nodes are launched without a public IP address, so they are reached only through the load balancer.",
    "gpu-disk-encrypted": "Checks that GPU nodes' disks, which hold the model weights, are encrypted.",
    "pool-multi-zone": "Checks that every GPU scaling group spans at least two subnets (zones), so a zone outage leaves the pool serving.",
    "capacity-headroom": "Checks that every GPU scaling group can grow above its desired size by the capacity headroom.",
    "health-check-interval": (
        "Checks that every load-balancer backend group health-checks its nodes at least every 30 s, so a failed GPU node leaves the rotation quickly."
    ),
}

#: The scaling groups the pool sizing rules judge, and the node launch settings the pool node rules judge.
SCALING_GROUPS = {
    "aws": {"aws:autoscaling/group:Group"},
    "alicloud": {"alicloud:ess/scalingGroup:ScalingGroup"},
    "tencentcloud": {"tencentcloud:As/scalingGroup:ScalingGroup"},
    "huaweicloud": {"huaweicloud:As/group:Group"},
    "volcengine": {"volcengine:autoscaling/scalingGroup:ScalingGroup"},
}
NODE_CONFIGURATIONS = {
    "aws": {"aws:ec2/launchTemplate:LaunchTemplate"},
    "alicloud": {"alicloud:ess/scalingConfiguration:ScalingConfiguration"},
    "tencentcloud": {"tencentcloud:As/scalingConfig:ScalingConfig"},
    "huaweicloud": {"huaweicloud:As/configuration:Configuration"},
    "volcengine": {"volcengine:autoscaling/scalingConfiguration:ScalingConfiguration"},
}

#: Rule -> cloud -> the tokens it judges (in any order).
TYPES = {
    "network-vpc-flow-logs-enabled": {
        "aws": {"aws:ec2/vpc:Vpc", "aws:ec2/flowLog:FlowLog"},
        "alicloud": {"alicloud:vpc/network:Network", "alicloud:vpc/flowLog:FlowLog"},
        "tencentcloud": {"tencentcloud:Vpc/instance:Instance", "tencentcloud:Vpc/flowLog:FlowLog"},
        "huaweicloud": {"huaweicloud:Vpc/vpc:Vpc", "huaweicloud:Vpc/flowLog:FlowLog"},
        "volcengine": {"volcengine:vpc/vpc:Vpc", "volcengine:vpc/flowLog:FlowLog"},
    },
    "network-subnet-no-public-ip-on-launch": {
        "aws": {"aws:ec2/subnet:Subnet"},
    },
    "kms-key-rotation-enabled": {
        "aws": {"aws:kms/key:Key", "aws:kms/externalKey:ExternalKey", "aws:kms/replicaExternalKey:ReplicaExternalKey"},
        "alicloud": {"alicloud:kms/key:Key"},
        "tencentcloud": {"tencentcloud:Kms/key:Key", "tencentcloud:Kms/externalKey:ExternalKey"},
        "huaweicloud": {"huaweicloud:Dew/key:Key"},
        "volcengine": {"volcengine:kms/key:Key"},
    },
    "security-group-no-public-ingress": {
        "aws": {
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "aws:ec2/securityGroupRule:SecurityGroupRule",
            "aws:ec2/securityGroup:SecurityGroup",
            "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
        },
        "alicloud": {"alicloud:ecs/securityGroupRule:SecurityGroupRule"},
        "tencentcloud": {"tencentcloud:Security/groupRule:GroupRule", "tencentcloud:Security/groupRuleSet:GroupRuleSet"},
        "huaweicloud": {"huaweicloud:Vpc/secgroupRule:SecgroupRule"},
        "volcengine": {"volcengine:vpc/securityGroupRule:SecurityGroupRule"},
    },
    "tls-listener-tls13": {
        "aws": {"aws:lb/listener:Listener", "aws:alb/listener:Listener"},
        "alicloud": {"alicloud:alb/listener:Listener", "alicloud:slb/listener:Listener"},
        "tencentcloud": {"tencentcloud:Clb/customizedConfig:CustomizedConfig"},
        "huaweicloud": {"huaweicloud:DedicatedElb/listener:Listener"},
        "volcengine": {"volcengine:alb/customizedCfg:CustomizedCfg", "volcengine:alb/listener:Listener", "volcengine:clb/listener:Listener"},
    },
    "audit-trail-logging": {
        "aws": {"aws:cloudtrail/trail:Trail"},
        "alicloud": {"alicloud:actiontrail/trail:Trail"},
        "tencentcloud": {"tencentcloud:Audit/track:Track"},
        "huaweicloud": {"huaweicloud:Cts/tracker:Tracker"},
    },
    "gpu-nodes-private": NODE_CONFIGURATIONS,
    "gpu-disk-encrypted": {
        "aws": {"aws:ec2/launchTemplate:LaunchTemplate"},
        "alicloud": {"alicloud:ess/scalingConfiguration:ScalingConfiguration"},
        "huaweicloud": {"huaweicloud:As/configuration:Configuration"},
    },
    "pool-multi-zone": SCALING_GROUPS,
    "capacity-headroom": SCALING_GROUPS,
    "health-check-interval": {
        "aws": {"aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"},
        "alicloud": {"alicloud:alb/serverGroup:ServerGroup"},
        "tencentcloud": {"tencentcloud:Clb/listenerRule:ListenerRule", "tencentcloud:Clb/listener:Listener"},
        "huaweicloud": {"huaweicloud:DedicatedElb/monitor:Monitor"},
        "volcengine": {"volcengine:alb/serverGroup:ServerGroup"},
    },
}

#: Rule -> the types in its domain it does not judge (their reasons are checked to be non-empty).
EXCUSED = {
    "network-vpc-flow-logs-enabled": set(),
    "network-subnet-no-public-ip-on-launch": {
        "alicloud:vpc/switch:Switch",
        "tencentcloud:Subnet/instance:Instance",
        "huaweicloud:Vpc/subnet:Subnet",
        "volcengine:vpc/subnet:Subnet",
    },
    "kms-key-rotation-enabled": {
        "aws:kms/alias:Alias",
        "aws:kms/keyPolicy:KeyPolicy",
        "aws:kms/replicaKey:ReplicaKey",
        "volcengine:kms/replicateKey:ReplicateKey",
        "volcengine:kms/keyring:Keyring",
        "volcengine:kms/keyRotation:KeyRotation",
        "alicloud:kms/alias:Alias",
        "alicloud:kms/keyVersion:KeyVersion",
        "huaweicloud:Dew/keypair:Keypair",
        "tencentcloud:Kms/whiteBoxKey:WhiteBoxKey",
    },
    "security-group-no-public-ingress": {
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        "tencentcloud:Security/group:Group",
        "huaweicloud:Vpc/secgroup:Secgroup",
        "volcengine:vpc/securityGroup:SecurityGroup",
        "alicloud:ecs/securityGroup:SecurityGroup",
        "alicloud:alb/loadBalancerSecurityGroupAttachment:LoadBalancerSecurityGroupAttachment",
    },
    "tls-listener-tls13": {"tencentcloud:Clb/listener:Listener"},
    "audit-trail-logging": set(),
    "gpu-nodes-private": set(),
    "gpu-disk-encrypted": {
        "tencentcloud:As/scalingConfig:ScalingConfig",
        "volcengine:autoscaling/scalingConfiguration:ScalingConfiguration",
    },
    "pool-multi-zone": set(),
    "capacity-headroom": set(),
    "health-check-interval": set(),
}


def test_the_rules_in_order() -> None:
    assert [rule.name for rule in RULES] == [
        "network-vpc-flow-logs-enabled",
        "network-subnet-no-public-ip-on-launch",
        "kms-key-rotation-enabled",
        "security-group-no-public-ingress",
        "tls-listener-tls13",
        "audit-trail-logging",
        "gpu-nodes-private",
        "gpu-disk-encrypted",
        "pool-multi-zone",
        "capacity-headroom",
        "health-check-interval",
    ]
    assert RULES_BY_NAME == {rule.name: rule for rule in RULES}


@pytest.mark.parametrize("name", sorted(DESCRIPTIONS))
def test_rule_metadata(name: str) -> None:
    rule = RULES_BY_NAME[name]
    assert rule.description == DESCRIPTIONS[name]
    assert rule.advisory is False
    assert {cloud: set(tokens) for cloud, tokens in rule.types.items()} == TYPES[name]
    assert all(len(set(tokens)) == len(tokens) for tokens in rule.types.values()), rule.types
    assert set(rule.excused) == EXCUSED[name]
    assert all(reason.strip() for reason in rule.excused.values())
    assert not any(rule.covers(token) for token in rule.excused)


def test_the_per_type_maps_behind_the_checks() -> None:
    assert KEY_ROTATION == {
        "aws:kms/key:Key": ("enableKeyRotation", True),
        "aws:kms/externalKey:ExternalKey": None,
        "aws:kms/replicaExternalKey:ReplicaExternalKey": None,
        "alicloud:kms/key:Key": ("automaticRotation", "Enabled"),
        "tencentcloud:Kms/key:Key": ("keyRotationEnabled", True),
        "tencentcloud:Kms/externalKey:ExternalKey": None,
        "huaweicloud:Dew/key:Key": ("rotationEnabled", True),
        "volcengine:kms/key:Key": ("rotateState", "Enable"),
    }
    assert TRAIL_SWITCH == {
        "aws:cloudtrail/trail:Trail": ("enableLogging", False),
        "alicloud:actiontrail/trail:Trail": ("status", "Disable"),
        "tencentcloud:Audit/track:Track": ("status", 0),
        "huaweicloud:Cts/tracker:Tracker": ("enabled", False),
    }
    assert VPC_TYPES == {
        "aws": ("aws:ec2/vpc:Vpc",),
        "alicloud": ("alicloud:vpc/network:Network",),
        "tencentcloud": ("tencentcloud:Vpc/instance:Instance",),
        "huaweicloud": ("huaweicloud:Vpc/vpc:Vpc",),
        "volcengine": ("volcengine:vpc/vpc:Vpc",),
    }
    assert FLOW_LOG_TYPES == {
        "aws:ec2/flowLog:FlowLog": (("vpcId",), None),
        "alicloud:vpc/flowLog:FlowLog": (("resourceId",), ("status", "Inactive")),
        "tencentcloud:Vpc/flowLog:FlowLog": (("resourceId", "vpcId"), None),
        "huaweicloud:Vpc/flowLog:FlowLog": (("resourceId",), ("enabled", False)),
        "volcengine:vpc/flowLog:FlowLog": (("resourceId",), None),
    }
    assert {token: deciding for token, (deciding, _) in READERS.items()} == {
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ("cidrIpv4", "cidrIpv6", "ipProtocol", "fromPort", "toPort"),
        "aws:ec2/securityGroupRule:SecurityGroupRule": ("type", "cidrBlocks", "ipv6CidrBlocks", "protocol", "fromPort", "toPort"),
        "aws:ec2/securityGroup:SecurityGroup": (
            "ingress", "ingress[].cidrBlocks", "ingress[].ipv6CidrBlocks", "ingress[].protocol", "ingress[].fromPort", "ingress[].toPort",
        ),
        "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": (
            "ingress", "ingress[].cidrBlocks", "ingress[].ipv6CidrBlocks", "ingress[].protocol", "ingress[].fromPort", "ingress[].toPort",
        ),
        "alicloud:ecs/securityGroupRule:SecurityGroupRule": ("type", "policy", "cidrIp", "ipv6CidrIp", "ipProtocol", "portRange"),
        "tencentcloud:Security/groupRule:GroupRule": ("type", "policy", "cidrIp", "ipProtocol", "portRange"),
        "tencentcloud:Security/groupRuleSet:GroupRuleSet": (
            "ingresses", "ingresses[].action", "ingresses[].cidrBlock", "ingresses[].ipv6CidrBlock", "ingresses[].protocol", "ingresses[].port",
        ),
        "huaweicloud:Vpc/secgroupRule:SecgroupRule": (
            "direction", "action", "ethertype", "remoteIpPrefix", "remoteGroupId", "remoteAddressGroupId", "protocol", "ports", "portRangeMin", "portRangeMax",
        ),
        "volcengine:vpc/securityGroupRule:SecurityGroupRule": ("direction", "policy", "cidrIp", "protocol", "portStart", "portEnd"),
    }
    assert GROUPS == {
        "aws:autoscaling/group:Group": ("vpcZoneIdentifiers", "desiredCapacity", "maxSize"),
        "alicloud:ess/scalingGroup:ScalingGroup": ("vswitchIds", "desiredCapacity", "maxSize"),
        "tencentcloud:As/scalingGroup:ScalingGroup": ("subnetIds", "desiredCapacity", "maxSize"),
        "huaweicloud:As/group:Group": ("networks", "desireInstanceNumber", "maxInstanceNumber"),
        "volcengine:autoscaling/scalingGroup:ScalingGroup": ("subnetIds", "desireInstanceNumber", "maxInstanceNumber"),
    }
    assert HEALTH_CHECKS == {
        "aws:lb/targetGroup:TargetGroup": HealthCheck("healthCheck", "enabled", False, "interval", 30),
        "aws:alb/targetGroup:TargetGroup": HealthCheck("healthCheck", "enabled", False, "interval", 30),
        "alicloud:alb/serverGroup:ServerGroup": HealthCheck("healthCheckConfig", "healthCheckEnabled", False, "healthCheckInterval", 2),
        "tencentcloud:Clb/listenerRule:ListenerRule": HealthCheck("", "healthCheckSwitch", False, "healthCheckIntervalTime", 5),
        "tencentcloud:Clb/listener:Listener": HealthCheck(
            "", "healthCheckSwitch", False, "healthCheckIntervalTime", 5, frozenset({"TCP", "UDP", "TCP_SSL", "QUIC"})
        ),
        "huaweicloud:DedicatedElb/monitor:Monitor": HealthCheck("", "enabled", False, "interval", 0),
        "volcengine:alb/serverGroup:ServerGroup": HealthCheck("healthCheck", "enabled", "off", "interval", 2),
    }


def test_the_offline_preview_runs_every_rule_by_its_id() -> None:
    assert list(evaluate([])) == sorted(DESCRIPTIONS)


def test_the_offline_preview_fails_only_on_mandatory_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    finding = Finding("urn:k", "violation", "enableKeyRotation must be True: keys rotate automatically")
    results = {name: [finding] for name in DESCRIPTIONS}
    assert failing(results) == [finding] * len(DESCRIPTIONS)
    advisory = replace(RULES_BY_NAME["kms-key-rotation-enabled"], advisory=True)
    monkeypatch.setitem(RULES_BY_NAME, advisory.name, advisory)
    assert failing(results) == [finding] * (len(DESCRIPTIONS) - 1)


def test_the_crossguard_policies_exactly() -> None:
    built = pack.policies()
    assert [(type(p), p.name, p.description, p.enforcement_level) for p in built] == [
        (ResourceValidationPolicy, "network-subnet-no-public-ip-on-launch", DESCRIPTIONS["network-subnet-no-public-ip-on-launch"], EnforcementLevel.MANDATORY),
        (ResourceValidationPolicy, "kms-key-rotation-enabled", DESCRIPTIONS["kms-key-rotation-enabled"], EnforcementLevel.MANDATORY),
        (ResourceValidationPolicy, "security-group-no-public-ingress", DESCRIPTIONS["security-group-no-public-ingress"], EnforcementLevel.MANDATORY),
        (ResourceValidationPolicy, "tls-listener-tls13", DESCRIPTIONS["tls-listener-tls13"], EnforcementLevel.MANDATORY),
        (ResourceValidationPolicy, "audit-trail-logging", DESCRIPTIONS["audit-trail-logging"], EnforcementLevel.MANDATORY),
        (ResourceValidationPolicy, "gpu-nodes-private", DESCRIPTIONS["gpu-nodes-private"], EnforcementLevel.MANDATORY),
        (ResourceValidationPolicy, "gpu-disk-encrypted", DESCRIPTIONS["gpu-disk-encrypted"], EnforcementLevel.MANDATORY),
        (ResourceValidationPolicy, "pool-multi-zone", DESCRIPTIONS["pool-multi-zone"], EnforcementLevel.MANDATORY),
        (ResourceValidationPolicy, "capacity-headroom", DESCRIPTIONS["capacity-headroom"], EnforcementLevel.MANDATORY),
        (ResourceValidationPolicy, "health-check-interval", DESCRIPTIONS["health-check-interval"], EnforcementLevel.MANDATORY),
        (StackValidationPolicy, "network-vpc-flow-logs-enabled", DESCRIPTIONS["network-vpc-flow-logs-enabled"], EnforcementLevel.MANDATORY),
    ]
    schemas = {p.name: vars(p.config_schema) if p.config_schema is not None else None for p in built}
    assert schemas == {name: None for name in DESCRIPTIONS} | {
        "security-group-no-public-ingress": {"properties": {"allowedPublicPorts": {"type": "array", "items": {"type": "integer"}, "default": [443]}}, "required": None},
        "pool-multi-zone": {"properties": {"minZones": {"type": "integer", "minimum": 1, "default": 2}}, "required": None},
        "capacity-headroom": {"properties": {"headroom": {"type": "number", "minimum": 0, "default": 0.3}}, "required": None},
    }


@pytest.mark.parametrize("name", sorted(DESCRIPTIONS))
def test_an_advisory_rule_is_an_advisory_policy(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """No shipped rule is advisory; the pack still maps the flag, for a resource and for the stack policy."""
    constant = next(attribute for attribute, value in vars(pack).items() if value is RULES_BY_NAME[name])
    monkeypatch.setattr(pack, constant, replace(RULES_BY_NAME[name], advisory=True))
    levels = {p.name: p.enforcement_level for p in pack.policies()}
    assert levels == {other: EnforcementLevel.MANDATORY for other in DESCRIPTIONS} | {name: EnforcementLevel.ADVISORY}


def test_the_pack_built_at_import_is_the_one_policies_builds() -> None:
    def shape(built: list) -> list:  # type: ignore[type-arg]
        return [(type(p), p.name, p.description, p.enforcement_level) for p in built]

    assert shape(pack.POLICIES) == shape(pack.policies())


def test_a_rule_judges_only_its_tokens() -> None:
    key = ResourceView("urn:k", "aws:kms/key:Key", {"enableKeyRotation": False})
    assert {name: [f.urn for f in found] for name, found in evaluate([key]).items() if found} == {"kms-key-rotation-enabled": ["urn:k"]}
