"""Unknown values anywhere in a value, and what the rules share."""

from __future__ import annotations

from typing import Any

import pytest

from inferline.policies.rules.base import any_unknown, is_unknown


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param(("<computed>",), True, id="computed"),
        pytest.param(("<secret>",), True, id="secret"),
        pytest.param(("a", None, 443), False, id="known-leaves"),
        pytest.param(({"port": {"from": "<computed>"}},), True, id="inside-nested-mappings"),
        pytest.param((["443", ["<secret>"]],), True, id="inside-nested-lists"),
        pytest.param(((1, {"a": ["<computed>"]}),), True, id="inside-a-tuple"),
        pytest.param(({"<computed>": "known"},), False, id="a-key-is-not-a-value"),
        pytest.param(({"a": ["x", {"b": "y"}]}, "z"), False, id="known-all-the-way-down"),
        pytest.param((), False, id="nothing"),
    ],
)
def test_any_unknown_looks_through_mappings_and_lists(values: tuple[Any, ...], expected: bool) -> None:
    assert any_unknown(*values) is expected


@pytest.mark.parametrize(("value", "expected"), [("<computed>", True), ("<secret>", True), ("<COMPUTED>", False), ("computed", False), (None, False), (["<computed>"], False)])
def test_is_unknown_is_one_marker_exactly(value: Any, expected: bool) -> None:
    assert is_unknown(value) is expected
