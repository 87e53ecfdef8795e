"""Volcano Engine tags: a list of per-resource ``*TagArgs(key, value)``, not a map, for every adapter.

The provider holds each list as a set (terraform-provider-volcengine ``common.TagsSchema``: ``TypeSet`` hashed
on ``key#value``), so the order of a stack file's tags never shows as a change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

_TagArgs = TypeVar("_TagArgs")


def tag_list(factory: Callable[..., _TagArgs], tags: Mapping[str, str]) -> list[_TagArgs]:
    """``tags`` as the resource's own tag arguments (``volcengine.vpc.VpcTagArgs``, ...), in the stack file's order."""
    return [factory(key=key, value=value) for key, value in tags.items()]
