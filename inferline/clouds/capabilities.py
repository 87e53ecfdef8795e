"""What a cloud's Pulumi SDK cannot express, with the reason: capabilities are data, never silently skipped."""

from __future__ import annotations

from typing import Literal

Feature = Literal[
    "audit-trail",
    "flow-log-encryption",
    "tls13-clb",
    "tls13-nlb",
    "secret-container",
    "pool-warm-capacity",
    "pool-overflow-alarm",
    "pool-request-scaling",
    "pool-lb-health-replacement",
    "pool-disk-encryption",
    "pool-node-identity",
]

#: Why a cloud's serving-token secret is not created by inferline: its SDK creates a secret only together with
#: its first value, which would put the token in the program and the state. The user creates it under the
#: planned name (README, "Node bootstrap and artifacts"); the node identity may read exactly that name.
_SECRET_WITH_VALUE = "{resource} requires {argument}: creating the secret would put the serving token in the program and its state"

#: What an overflow pool's alarm needs and only AWS's SDK has: an alarm on one group's metric that scales another.
_NO_CROSS_GROUP_ALARM = "alarm-based scaling policies watch the scaling group's own instances only"

#: cloud -> feature -> why the installed SDK cannot build it.
#: flow-log-encryption: the flow-log store encrypted with the site's KMS key (AWS: CloudWatch Logs kms_key_id,
#: Alibaba: SLS logstore encrypt_conf, Volcano Engine: TLS topic encrypt_conf).
UNSUPPORTED: dict[str, dict[Feature, str]] = {
    "alicloud": {
        "secret-container": _SECRET_WITH_VALUE.format(resource="pulumi_alicloud kms.Secret", argument="secret_data and version_id"),
        # ess.Alarm measures the group's own instances (CPU, memory, traffic, per-server ALB QPS); there is no
        # metric of another group's in-service count (ESS CreateAlarm, MetricName).
        "pool-overflow-alarm": f"Alibaba Cloud ESS {_NO_CROSS_GROUP_ALARM} (no metric of the primary group's size)",
    },
    "tencentcloud": {
        "flow-log-encryption": "tencentcloud-iac-pulumi 0.2.3 cls.Topic and cls.Logset take no encryption or KMS key argument: "
        "the flow-log topic cannot be encrypted with the site key",
        # as_.ScalingPolicy metric_name / predefined_metric_type: CPU, memory and LAN/WAN traffic only.
        "pool-request-scaling": "Tencent Cloud AS policies track CPU, memory or traffic only, no CLB request metric: the pool tracks average CPU",
        "pool-overflow-alarm": f"Tencent Cloud AS {_NO_CROSS_GROUP_ALARM}",
        # as_.ScalingConfig has no encryption or KMS argument for the system or data disks.
        "pool-disk-encryption": "tencentcloud-iac-pulumi 0.2.3 as_.ScalingConfig has no disk encryption or KMS argument",
        "pool-warm-capacity": "Tencent Cloud AS keeps no pool of prepared nodes; WAKE_UP_STOPPED_SCALING only restarts nodes stopped by hand",
    },
    "huaweicloud": {
        "flow-log-encryption": "pulumi-huaweicloud 0.0.12 lts.Group and lts.Stream take no encryption or KMS key argument: "
        "the flow-log stream cannot be encrypted with the site key",
        "secret-container": _SECRET_WITH_VALUE.format(
            resource="pulumi_huaweicloud dew.Secret", argument="its first version's value (secret_text or secret_binary)"
        ),
        # as_.Policy of type ALARM needs a Cloud Eye alarm id, and pulumi-huaweicloud 0.0.12 has no ces module.
        "pool-request-scaling": "pulumi-huaweicloud 0.0.12 has no Cloud Eye (ces) alarm, which every AS alarm policy needs: the pool stays at its desired size",
        "pool-overflow-alarm": "pulumi-huaweicloud 0.0.12 has no Cloud Eye (ces) alarm, which every AS alarm policy needs",
        # instance_config.disks[].kms_id is documented for DATA disks only.
        "pool-disk-encryption": "pulumi-huaweicloud 0.0.12 encrypts only data disks of an AS configuration (kms_id); the system disk holds only the image",
        "pool-warm-capacity": "Huawei Cloud AS has no warm pool or standby instances in pulumi-huaweicloud 0.0.12",
    },
    "volcengine": {
        "secret-container": _SECRET_WITH_VALUE.format(resource="pulumi_volcengine kms.Secret", argument="secret_value"),
        "tls13-clb": "Volcengine CLB listeners stop at tls_cipher_policy_1_2_strict: no TLS 1.3 policy exists",
        "tls13-nlb": (
            "Volcengine NLB listeners take no TLS arguments in pulumi-volcengine 0.0.47 (pulumi-volcenginecc 0.0.64's "
            "clb.NlbListener has a TLS 1.3 policy but takes certificate-center certificates only)"
        ),
        # autoscaling.ScalingPolicy alarm metrics: CpuTotal, MemoryUsedUtilization, Instance_CpuBusy only.
        "pool-request-scaling": "Volcengine AS alarm policies watch CPU and memory only, no ALB request metric: the pool scales on average CPU",
        "pool-overflow-alarm": f"Volcengine AS {_NO_CROSS_GROUP_ALARM}",
        # autoscaling.ScalingGroup.health_check_type is an output only.
        "pool-lb-health-replacement": "pulumi-volcengine 0.0.47 ScalingGroup.health_check_type is output-only: nodes failing the ALB health check are not replaced",
        # autoscaling.ScalingConfiguration volumes take size, type and delete_with_instance only.
        "pool-disk-encryption": "pulumi-volcengine 0.0.47 ScalingConfiguration volumes have no encryption or KMS argument",
        # autoscaling.ScalingConfiguration has no instance role argument.
        "pool-node-identity": "pulumi-volcengine 0.0.47 ScalingConfiguration has no instance role argument",
        "pool-warm-capacity": "Volcengine AS has no warm pool or standby instances in pulumi-volcengine 0.0.47",
    },
}


def unsupported_reason(cloud: str, feature: Feature) -> str | None:
    return UNSUPPORTED.get(cloud, {}).get(feature)


#: Clouds whose keys rotate on one fixed period only: cloud -> (days, why).
FIXED_KEY_ROTATION_DAYS: dict[str, tuple[int, str]] = {
    # Keys created without a KMS instance are "default keys" (pulumi-alicloud kms.Key docstring of
    # rotation_interval: default keys support only a fixed period of 365 days).
    "alicloud": (365, "Alibaba Cloud KMS default keys rotate every 365 days only; other periods need a paid KMS instance"),
}

#: Seconds a pool's model-load grace may take per cloud, where the SDK documents a bound: the capacity planner checks
#: ``PoolSpec.health_check_grace_s`` against these so no adapter ever cuts it short.
POOL_GRACE_LIMITS_S: dict[str, tuple[int, int]] = {
    # ESS lifecycle hook HeartbeatTimeout: 30-21,600 s (ESS CreateLifecycleHook).
    "alicloud": (30, 21_600),
    # as_.ScalingGroup.lb_health_check_grace_period: "Valid range: 0-7200, in seconds" (SDK docstring).
    "tencentcloud": (0, 7_200),
    # as_.Group.health_periodic_audit_grace_period: 0-86,400 s (SDK docstring).
    "huaweicloud": (0, 86_400),
}
