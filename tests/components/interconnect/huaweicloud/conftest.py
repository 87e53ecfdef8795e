"""Fixtures every Huawei Cloud provider test shares."""

from __future__ import annotations

import pytest

from inferline.components.interconnect.huaweicloud import base


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every wait pauses through the shared base's ``sleep``: record the pauses instead of taking them."""
    slept: list[float] = []
    monkeypatch.setattr(base, "sleep", slept.append)
    return slept
