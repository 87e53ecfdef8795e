"""The neutral GpuPool: its name and type, the overflow trigger, and the wiring it refuses."""

from __future__ import annotations

from typing import cast

import pulumi
import pytest
from hypothesis import given
from hypothesis import strategies as st

from inferline.components.pool import GPU_POOL_TYPE, PoolOutputs, overflow_trigger
from tests.components.pool.support import build_pools, overflow_spec, pool_spec

ZONES = ("ap-southeast-1a", "ap-southeast-1b")
LOAD_BALANCER: dict[str, str | None] = {
    "load_balancer_id": "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:loadbalancer/app/a/1",
    "backend_group_id": "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:targetgroup/a/2",
}


def test_pools_are_named_after_the_site_and_role_under_the_serving_type() -> None:
    run = build_pools("aws", "ap-southeast-1", ZONES, [pool_spec(ZONES), overflow_spec(ZONES)], load_balancer=LOAD_BALANCER)
    assert sorted((r.name, r.type) for r in run.resources if r.type == GPU_POOL_TYPE) == [
        ("site-a-overflow", "inferline:serving:GpuPool"),
        ("site-a-primary", "inferline:serving:GpuPool"),
    ]


@pytest.mark.parametrize(("above", "max_nodes", "threshold"), [(0.85, 10, 8.5), (0.85, 3, 2.55), (0.5, 7, 3.5), (1.0, 4, 4.0)])
def test_overflow_threshold_is_the_share_of_the_primarys_maximum(above: float, max_nodes: int, threshold: float) -> None:
    outputs = PoolOutputs(*(cast("pulumi.Output[str]", f"id-{part}") for part in range(3)))
    trigger = overflow_trigger(pool_spec(ZONES, max_nodes=max_nodes), outputs, overflow_spec(ZONES, overflow_above=above))
    assert trigger.threshold_nodes == threshold
    assert trigger.primary is outputs


def test_an_overflow_spec_without_a_threshold_is_a_wiring_error() -> None:
    outputs = PoolOutputs(*(cast("pulumi.Output[str]", f"id-{part}") for part in range(3)))
    with pytest.raises(ValueError, match="overflow pool of deepseek-r1 has no overflow_above"):
        overflow_trigger(pool_spec(ZONES), outputs, overflow_spec(ZONES, overflow_above=None))


@given(above=st.floats(min_value=0.05, max_value=1.0), higher=st.floats(min_value=0.0, max_value=0.5), max_nodes=st.integers(min_value=1, max_value=500))
def test_the_overflow_line_sits_within_the_primary_and_rises_with_overflow_above(above: float, higher: float, max_nodes: int) -> None:
    outputs = PoolOutputs(*(cast("pulumi.Output[str]", f"id-{part}") for part in range(3)))
    primary = pool_spec(ZONES, max_nodes=max_nodes)
    low = overflow_trigger(primary, outputs, overflow_spec(ZONES, overflow_above=above)).threshold_nodes
    high = overflow_trigger(primary, outputs, overflow_spec(ZONES, overflow_above=min(1.0, above + higher))).threshold_nodes
    assert 0 < low <= high <= max_nodes
