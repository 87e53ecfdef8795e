"""The configuration reference's type column."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from inferline.config.reference import _type_name


def test_constrained_types_read_as_their_base_type_inside_containers() -> None:
    constrained = Annotated[str, Field(min_length=1, max_length=60)]
    assert _type_name(dict[str, constrained]) == "map string → string"
    assert _type_name(constrained | None) == "string (optional)"
    assert _type_name(list[Annotated[int, Field(ge=1)]]) == "list of integer"
    assert _type_name(Literal["a", "b"]) == "`a` \\| `b`"
