"""Component tests identify wiring by id (a subnet's ``vpcId`` is *that* VPC's id), so they run as the preview
of an update to an existing stack, where ids are known. The first preview of a new stack, where every id is
unknown, is covered by the stack and CLI tests, which run the whole program."""

from __future__ import annotations

import pytest

from inferline.preview import runner


@pytest.fixture(autouse=True)
def _known_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "FIRST_PREVIEW", False)
