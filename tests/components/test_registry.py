"""One registry of adapters: a row per cloud, a field per capability, and adapters that keep nothing."""

from __future__ import annotations

import dataclasses

import pytest

from inferline.clouds import CLOUDS
from inferline.components.registry import REGISTRY, CloudAdapters, adapters


def test_every_cloud_has_every_capability() -> None:
    assert set(REGISTRY) == set(CLOUDS)
    for cloud, row in REGISTRY.items():
        for capability in dataclasses.fields(CloudAdapters):
            assert getattr(row, capability.name).cloud == cloud


def test_an_unknown_cloud_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"Cloud 'gcp' is not one of \['aws', 'alicloud', 'tencentcloud', 'huaweicloud', 'volcengine'\]"):
        adapters("gcp")


@pytest.mark.parametrize(
    ("cloud", "capability"), [(cloud, field.name) for cloud in CLOUDS for field in dataclasses.fields(CloudAdapters)]
)
def test_adapters_hold_no_state(cloud: str, capability: str) -> None:
    adapter = getattr(REGISTRY[cloud], capability)  # type: ignore[index]
    assert vars(adapter) == {}, f"{cloud} {capability} adapter keeps {sorted(vars(adapter))}"
