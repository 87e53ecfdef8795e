"""What every rule works on and returns: plain resource views and findings (no Pulumi imports)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

#: What a check concludes about one resource. "unknown" means a value it needs is not known yet (a computed
#: output during preview, or a secret): "could not be checked", which fails a mandatory rule, never a pass.
Outcome = Literal["violation", "unknown"]

#: Placeholders the preview record uses for values not known until apply ("<computed>") and for secrets
#: ("<secret>"); the CrossGuard adapter turns pulumi-policy's unknown sentinels into "<computed>" too.
COMPUTED = "<computed>"
SECRET = "<secret>"
UNKNOWN_MARKERS = frozenset({COMPUTED, SECRET})


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
    #: The exact type tokens the rule judges, by cloud.
    types: Mapping[str, tuple[str, ...]]
    #: Types in the rule's domain it deliberately does not judge, with the reason (checked by a test).
    excused: Mapping[str, str] = field(default_factory=dict)
    #: Advisory rules report but never fail a preview, not even when they could not check a value.
    advisory: bool = False

    def covers(self, type_: str) -> bool:
        return any(type_ in tokens for tokens in self.types.values())


def is_unknown(value: Any) -> bool:
    return isinstance(value, str) and value in UNKNOWN_MARKERS


def any_unknown(*values: Any) -> bool:
    """Whether any leaf of the values (through dicts and lists) is unknown."""
    return any(is_unknown(leaf) for value in values for leaf in _leaves(value))


def _leaves(value: Any) -> Iterable[Any]:
    if isinstance(value, Mapping):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def entries(value: Any) -> list[Any]:
    """A list property's entries: absent, none; computed as a whole (or a lone value), one entry."""
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def value_at(value: Any, *path: str) -> Any:
    """The value at ``path`` inside nested blocks: an unknown block leaves it unknown, a missing one None."""
    for key in path:
        if is_unknown(value):
            return value
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def unknown(resource: ResourceView, what: str) -> Finding:
    return Finding(resource.urn, "unknown", f"{what} is not known during preview (computed or secret); could not be checked")

