"""The preview's unsupported list names what a site's planned pools ask of a cloud that cannot give it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest

from inferline.clouds.capabilities import UNSUPPORTED
from inferline.config.serving import OverflowSettings
from inferline.planning.stack import StackPlan, load_stack_file
from inferline.preview.render import render_unsupported, unsupported_features
from tests.components.pool.support import overflow_spec, pool_spec

PROD = Path(__file__).parents[2] / "stacks" / "Pulumi.prod.yaml"


def _with_pools(warm: int, overflow: bool) -> StackPlan:
    plan = load_stack_file(PROD, "prod")
    sites = {}
    for name, site in plan.sites.items():
        zones = tuple(zone.zone for zone in site.network.zones)
        pools = {"primary": pool_spec(zones, warm_nodes=warm)} | ({"overflow": overflow_spec(zones)} if overflow else {})
        sites[name] = replace(site, pools=MappingProxyType(pools))
    # The overflow pool is asked for by the serving settings (bf16 with it on), whether or not a cloud can build it.
    serving = plan.config.serving
    assert serving is not None
    wanted = serving.model_copy(update={"precision": "bf16", "overflow": OverflowSettings(enabled=overflow)})
    return replace(plan, sites=MappingProxyType(sites), config=plan.config.model_copy(update={"serving": wanted}))


def test_no_pools_no_pool_rows() -> None:
    shipped = load_stack_file(PROD, "prod")
    plan = replace(shipped, sites=MappingProxyType({name: replace(site, pools=MappingProxyType({})) for name, site in shipped.sites.items()}))
    assert [row for row in unsupported_features(plan) if row[1].startswith("pool-")] == []


@pytest.mark.parametrize(("warm", "overflow"), [(0, False), (2, False), (0, True), (1, True)])
def test_every_pool_gap_of_each_sites_cloud_is_listed_with_its_reason(warm: int, overflow: bool) -> None:
    plan = _with_pools(warm, overflow)
    rows = [row for row in unsupported_features(plan) if row[1].startswith("pool-")]
    expected = []
    for site in sorted(plan.config.sites, key=lambda site: site.name):
        for feature, reason in UNSUPPORTED.get(site.cloud, {}).items():
            asked = feature in ("pool-request-scaling", "pool-lb-health-replacement", "pool-disk-encryption", "pool-node-identity")
            asked |= feature == "pool-warm-capacity" and warm > 0
            asked |= feature == "pool-overflow-alarm" and overflow and site.role == "active"
            if asked:
                expected.append((site.name, feature, reason))
    assert sorted(rows) == sorted(expected)
    assert rows, "the prod stack has Tencent and Huawei sites, whose pools have gaps"


def test_the_tencent_gap_reads_in_the_preview() -> None:
    text = render_unsupported(_with_pools(0, False))
    assert "pool-disk-encryption: tencentcloud-iac-pulumi 0.2.3 as_.ScalingConfig has no disk encryption or KMS argument" in text


def test_exact_rows_with_warm_nodes_and_an_overflow_pool() -> None:
    rows = {(site, feature) for site, feature, _ in unsupported_features(_with_pools(2, True)) if feature.startswith("pool-")}
    assert rows == {
        ("ali-sh", "pool-overflow-alarm"),
        ("hw-sh", "pool-request-scaling"),
        ("hw-sh", "pool-disk-encryption"),
        ("hw-sh", "pool-warm-capacity"),
        ("hw-sh", "pool-overflow-alarm"),
        ("tc-sh", "pool-request-scaling"),
        ("tc-sh", "pool-disk-encryption"),
        ("tc-sh", "pool-warm-capacity"),
        ("tc-sh", "pool-overflow-alarm"),
    }
