"""What each bridged provider's own check refuses in the values inferline sets, before any API is called.

A bridged Pulumi provider runs its Terraform provider's schema validation in ``Check``, during `pulumi preview`:
``ValidateFunc`` (``StringInSlice``, ``IntBetween``, ``StringMatch``, ``StringLenBetween``, ``IsCIDR``...),
``ConflictsWith`` and ``MinItems``/``MaxItems``. A value outside them fails the preview, so the offline preview
checks the same values (``inferline.preview.schema.check_provider_values``).

Each cloud's table (``aws.py``, ``alicloud.py``...) maps a type token to the rules of the inputs inferline sets,
by path in the recorded inputs (wire names: ``requestTimeout``; ``a.b`` for a nested object's field, ``a[]`` for
each element of a list, ``a[].b`` for a field of each element). Every rule names its source: the Terraform
resource file and the validator it copies, for the provider release the installed Pulumi SDK bridges.

What the tables hold is what inferline sets; a rule for an input inferline never sets checks nothing.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class OneOf:
    """``StringInSlice`` / ``IntInSlice``: the value is one of these (case-insensitive where the validator is)."""

    values: tuple[str | int, ...]
    source: str
    ignore_case: bool = False

    def refuses(self, value: object) -> str | None:
        if self.ignore_case and isinstance(value, str):
            allowed = {str(item).lower() for item in self.values}
            return None if value.lower() in allowed else f"{value!r} is not one of {list(self.values)}"
        return None if value in self.values else f"{value!r} is not one of {list(self.values)}"


@dataclass(frozen=True)
class Between:
    """``IntBetween`` / ``FloatBetween`` / ``IntAtLeast`` / ``IntAtMost``: inclusive bounds, None for open."""

    low: int | float | None
    high: int | float | None
    source: str

    def refuses(self, value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{value!r} is not a number"
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            low = "" if self.low is None else self.low
            high = "" if self.high is None else self.high
            return f"{value} is outside {low}..{high}"
        return None


@dataclass(frozen=True)
class Matches:
    """``StringMatch`` / ``ValidateRegexp``: Go's ``regexp.MatchString``, a search unless the pattern is anchored."""

    pattern: str
    source: str

    def refuses(self, value: object) -> str | None:
        if isinstance(value, str) and re.search(self.pattern, value):
            return None
        return f"{value!r} does not match {self.pattern!r}"


@dataclass(frozen=True)
class LengthBetween:
    """``StringLenBetween``: inclusive bounds on the length in characters."""

    low: int
    high: int
    source: str

    def refuses(self, value: object) -> str | None:
        if isinstance(value, str) and self.low <= len(value) <= self.high:
            return None
        return f"{value!r} is not {self.low}-{self.high} characters long"


@dataclass(frozen=True)
class Cidr:
    """``IsCIDR`` / ``IsCIDRNetwork``: an IPv4 or IPv6 network in CIDR notation (host bits zero if ``strict``)."""

    source: str
    strict: bool = True

    def refuses(self, value: object) -> str | None:
        try:
            ipaddress.ip_network(str(value), strict=self.strict)
        except ValueError:
            return f"{value!r} is not a network in CIDR notation"
        return None if "/" in str(value) else f"{value!r} has no prefix length"


@dataclass(frozen=True)
class IpAddress:
    """``IsIPAddress`` / ``IsIPv4Address``: an address (IPv4 only where ``version`` is 4)."""

    source: str
    version: int | None = None

    def refuses(self, value: object) -> str | None:
        try:
            address = ipaddress.ip_address(str(value))
        except ValueError:
            return f"{value!r} is not an IP address"
        return None if self.version in (None, address.version) else f"{value!r} is not an IPv{self.version} address"


@dataclass(frozen=True)
class Items:
    """``MinItems`` / ``MaxItems`` of a list (or set) input: inclusive bounds, None for open."""

    low: int | None
    high: int | None
    source: str

    def refuses(self, value: object) -> str | None:
        if not isinstance(value, list):
            return None  # a single object given for a MaxItems-1 block is the SDK's spelling of one item
        if (self.low is not None and len(value) < self.low) or (self.high is not None and len(value) > self.high):
            return f"has {len(value)} items; the provider takes {self.low or 0}..{'' if self.high is None else self.high}"
        return None


@dataclass(frozen=True)
class ConflictsWith:
    """``ConflictsWith``: the input may not be set together with these others (paths from the resource's root).
    As in Terraform's check, it is judged only when the input is wholly known, and an unknown other does not count:
    a row whose input is always unknown at preview (an id) would check nothing, so there is none."""

    others: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class AtLeastOneOf:
    """``AtLeastOneOf`` (and the "one is set" half of ``ExactlyOneOf``): one of these top-level inputs is set, known or
    not. Terraform checks it whether or not the input carrying it is set (``helper/schema/schema.go`` validate runs
    validateAtLeastOneAttribute before it returns for an absent key), so it is judged once per resource."""

    inputs: tuple[str, ...]
    source: str


#: Rules on the value at a path (each has ``refuses``).
ValueRule = OneOf | Between | Matches | LengthBetween | Cidr | IpAddress | Items
Rule = ValueRule | ConflictsWith | AtLeastOneOf
#: Type token -> input path -> the rules its value must pass.
Table = Mapping[str, Mapping[str, tuple[Rule, ...]]]


def _tables() -> dict[str, Table]:
    from inferline.clouds.provider_checks import alicloud, aws, huaweicloud, tencentcloud, volcengine

    return {
        "aws": aws.RULES,
        "alicloud": alicloud.RULES,
        "tencentcloud": tencentcloud.RULES,
        "huaweicloud": huaweicloud.RULES,
        "volcengine": volcengine.RULES,
    }


#: Every cloud's table, by the package of the type token.
TABLES: dict[str, Table] = _tables()


def rules_for(type_token: str) -> Mapping[str, tuple[Rule, ...]]:
    """The rules of one resource type; empty for a type no table names."""
    return TABLES.get(type_token.split(":", 1)[0], {}).get(type_token, {})


__all__ = [
    "TABLES",
    "AtLeastOneOf",
    "Between",
    "Cidr",
    "ConflictsWith",
    "IpAddress",
    "Items",
    "LengthBetween",
    "Matches",
    "OneOf",
    "Rule",
    "Table",
    "ValueRule",
    "rules_for",
]
