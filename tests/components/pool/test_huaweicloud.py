"""Huawei Cloud pools: whole inputs of the AS configuration (encrypted data disk, agency) and the ELB-audited group."""

from __future__ import annotations

import pytest

from inferline.preview.runner import ProgramRun
from tests.components.pool.support import USER_DATA, build_pools, overflow_spec, pool_children, pool_spec
from tests.support import named

REGION = "cn-east-3"
ZONES = ("cn-east-3a", "cn-east-3b")
LOAD_BALANCER: dict[str, str | None] = {"load_balancer_id": "elb-0a1b2c3d", "backend_group_id": "pool-4e5f6a7b"}
TAGS = {"inferline-site": "site-a"}


def _build(identity: str | None = "inferline-node") -> ProgramRun:
    return build_pools("huaweicloud", REGION, ZONES, [pool_spec(ZONES)], load_balancer=LOAD_BALANCER, identity=identity)


def test_pool_declares_configuration_and_group_only() -> None:
    assert {name: record.type for name, record in pool_children(_build()).items()} == {
        "site-a-gpu-primary-configuration": "huaweicloud:As/configuration:Configuration",
        "site-a-gpu-primary": "huaweicloud:As/group:Group",
    }


@pytest.mark.parametrize("identity", ["inferline-node", None])
def test_configuration_has_no_eip_and_encrypts_the_data_disk_with_the_site_key(identity: str | None) -> None:
    run = _build(identity)
    config = {
        "flavor": "p5e.48xlarge",
        "image": "img-test",
        "securityGroupIds": [named(run, "site-a-gpu-sg").id],
        "disks": [
            {"diskType": "SYS", "size": 100, "volumeType": "GPSSD"},
            {"diskType": "DATA", "size": 500, "volumeType": "GPSSD", "kmsId": named(run, "site-a-kms").id},
        ],
        # The provider base64-encodes user data itself (it sends it as bytes).
        "userData": USER_DATA,
    }
    if identity is not None:
        config["metadata"] = {"agency_name": identity}
    assert pool_children(run)["site-a-gpu-primary-configuration"].inputs == {
        "scalingConfigurationName": "inferline-test-site-a-gpu-primary-configuration",
        "instanceConfig": config,
    }


def test_group_audits_health_through_the_elb_after_the_grace() -> None:
    run = _build()
    children = pool_children(run)
    group = children["site-a-gpu-primary"]
    assert group.inputs == {
        "scalingGroupName": "inferline-test-site-a-gpu-primary",
        "scalingConfigurationId": children["site-a-gpu-primary-configuration"].id,
        "vpcId": named(run, "site-a-vpc").id,
        "networks": [{"id": named(run, f"site-a-private-{zone}").id} for zone in ZONES],
        "availabilityZones": list(ZONES),
        "multiAzScalingPolicy": "EQUILIBRIUM_DISTRIBUTE",
        "minInstanceNumber": 2,
        "maxInstanceNumber": 10,
        "desireInstanceNumber": 4,
        "lbaasListeners": [{"poolId": "pool-4e5f6a7b", "protocolPort": 8000, "weight": 1}],
        "healthPeriodicAuditMethod": "ELB_AUDIT",
        "healthPeriodicAuditTime": 1,
        "healthPeriodicAuditGracePeriod": 900,
        "instanceTerminatePolicy": "OLD_CONFIG_OLD_INSTANCE",
        "deletePublicip": True,
        "deleteVolume": True,
        "enable": True,
        "tags": TAGS,
    }
    # Nothing scales this group, so a new planned size must reach it on the next `pulumi up`.
    assert group.ignore_changes == []


def test_an_overflow_pool_is_refused_with_the_reason() -> None:
    with pytest.raises(Exception, match=r"pulumi-huaweicloud 0.0.12 has no Cloud Eye \(ces\) alarm"):
        build_pools("huaweicloud", REGION, ZONES, [pool_spec(ZONES), overflow_spec(ZONES)], load_balancer=LOAD_BALANCER)
