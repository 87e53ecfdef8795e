"""What every rule works on and returns: plain resource views and findings (no Pulumi imports)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

#: What a check concludes about one resource. "unknown" means a value it needs is not known yet
#: (a computed output during preview): reported as "could not be checked", never passed silently.
Outcome = Literal["violation", "unknown"]

#: Placeholder the preview record uses for values not known until apply.
UNKNOWN_MARKERS = frozenset({"<computed>"})


@dataclass(frozen=True)
class ResourceView:
    """The parts of a resource the rules read: the same shape from the policy engine and from the preview record."""

    urn: str
    type: str
    props: Mapping[str, Any]
    property_dependencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    urn: str
    outcome: Outcome
    message: str


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    # Resource types the rule reads, by cloud.
    types: Mapping[str, tuple[str, ...]]


def is_unknown(value: Any) -> bool:
    return isinstance(value, str) and value in UNKNOWN_MARKERS
