"""The values a bridged provider's own check refuses (``inferline.clouds.provider_checks``), over a run's record.

A real `pulumi preview` stops at the first resource whose inputs its provider's ``Check`` refuses; the offline
preview reports every such input at once, beside the declared-input problems of ``schema.py``. An unknown or
secret value is not judged: the provider cannot see it either until it is known.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from inferline.clouds.provider_checks import AtLeastOneOf, ConflictsWith, ValueRule, rules_for
from inferline.preview.record import COMPUTED, SECRET, ResourceRecord
from inferline.preview.schema import InputProblem


def check_provider_values(record: ResourceRecord) -> list[InputProblem]:
    """Every input of ``record`` that a rule of its type refuses, by its concrete path (``rules[1].port``)."""
    if not record.custom:
        return []
    problems = []
    for path, rules in rules_for(record.type).items():
        for rule in rules:
            if isinstance(rule, AtLeastOneOf):
                if not any(record.inputs.get(name) is not None for name in rule.inputs):
                    problems.append(InputProblem(record.urn, path, f"one of {', '.join(rule.inputs)} must be set ({rule.source})"))
                continue
            for where, value in values_at(record.inputs, path):
                message = _refusal(rule, record.inputs, value)
                if message is not None:
                    problems.append(InputProblem(record.urn, where, f"{message} ({rule.source})"))
    return problems


def values_at(inputs: dict[str, Any], path: str) -> Iterator[tuple[str, Any]]:
    """(concrete path, value) of every value set at ``path``; ``a[]`` walks a list's elements, and an object
    given where the provider takes a one-element list counts as that element."""
    found: list[tuple[str, Any]] = [("", inputs)]
    for segment in path.split("."):
        name, each = (segment[:-2], True) if segment.endswith("[]") else (segment, False)
        reached = []
        for where, value in found:
            if not isinstance(value, dict) or value.get(name) is None:
                continue
            child, child_where = value[name], f"{where}.{name}" if where else name
            if not each:
                reached.append((child_where, child))
            elif isinstance(child, list):
                reached += [(f"{child_where}[{index}]", item) for index, item in enumerate(child) if item is not None]
            else:
                reached.append((child_where, child))
        found = reached
    yield from found


def _refusal(rule: ValueRule | ConflictsWith, inputs: dict[str, Any], value: Any) -> str | None:
    if isinstance(rule, ConflictsWith):
        # As the Terraform SDK's schema check does (helper/schema/schema.go, validate): a value not wholly known is
        # not checked, and a conflicting one that is unknown does not count (validateConflictingAttributes).
        if not _wholly_known(value):
            return None
        present = [other for other in rule.others if any(_wholly_known(found) for _, found in values_at(inputs, other))]
        return f"is set together with {', '.join(present)}" if present else None
    if isinstance(value, str) and value in (COMPUTED, SECRET):
        return None
    return rule.refuses(value)


def _wholly_known(value: Any) -> bool:
    """No unknown anywhere inside (a secret is known to the provider, only hidden from the record)."""
    if isinstance(value, list):
        return all(_wholly_known(item) for item in value)
    if isinstance(value, dict):
        return all(_wholly_known(item) for item in value.values())
    return value != COMPUTED


__all__ = ["check_provider_values", "values_at"]
