"""What a provider would refuse at `pulumi preview`: input names and primitive types the SDK does not declare,
and a dynamic provider's own ``check``.

A bridged provider checks every input against its schema before anything else; the SDK's generated
``<Resource>Args`` class carries the same names (camelCase, as on the wire) and Python type hints. The index
from a type token to its ``Args`` class is built lazily, only for the tokens a run records, from the resource
modules each provider package registers with the Pulumi runtime on import.
"""

from __future__ import annotations

import base64
import collections.abc
import functools
import importlib
import sys
import threading
import typing
from dataclasses import dataclass
from typing import Any

import pulumi
from pulumi import _types
from pulumi.runtime import rpc

from inferline.preview.record import COMPUTED, SECRET, PreviewError, ResourceRecord

#: Inputs every resource may carry that no ``Args`` class declares.
_ENGINE_INPUTS = frozenset({"__defaults"})
#: The input in which a dynamic resource records its serialised provider.
PROVIDER_KEY = "__provider"


@dataclass(frozen=True, order=True)
class InputProblem:
    """One input a provider would refuse: which resource, which property, why."""

    urn: str
    property: str
    message: str

    def __str__(self) -> str:
        return f"{self.urn}: {self.property}: {self.message}"


class InputCheckError(PreviewError):
    """Raised once with every refused input, so a program is fixed in one pass."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = sorted(set(problems))
        count = len(self.problems)
        lines = [f"{count} {'input' if count == 1 else 'inputs'} a provider would refuse:"]
        lines += [f"  - {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class InputSchema:
    """Declared inputs of one resource type: wire name -> Python type hint (unwrapped from Input/Optional)."""

    types: dict[str, Any]


@functools.cache
def input_schema(type_token: str) -> InputSchema | None:
    """The ``Args`` class's inputs for ``type_token``; None for a type no installed SDK declares."""
    try:
        package, module_name, class_name = type_token.split(":")
    except ValueError:
        return None
    registered = rpc.get_resource_module(package, module_name, "")
    mod_info = getattr(registered, "mod_info", None)
    if not isinstance(mod_info, dict) or class_name != mod_info.get("classes", {}).get(type_token):
        return None
    resource_cls = getattr(importlib.import_module(mod_info["fqn"]), class_name, None)
    if resource_cls is None:
        return None
    # The resource's own Args class is defined beside it; a nested type may hold the name ``<Class>Args``
    # (star-imported from ``_inputs``), and then the resource's is ``<Class>InitArgs``.
    module = sys.modules[resource_cls.__module__]
    candidates = (getattr(module, f"{class_name}{suffix}", None) for suffix in ("InitArgs", "Args"))
    args_cls = next(
        (cls for cls in candidates if cls is not None and cls.__module__ == module.__name__ and _types.is_input_type(cls)),
        None,
    )
    if args_cls is None:
        return None
    # Keyed by wire (camelCase) name, hints already unwrapped from Input[...] and Optional[...].
    return InputSchema(types=dict(_types.input_type_types(args_cls)))


def _primitive(hint: Any) -> type | None:
    """The wire kind a hint demands (str, int, float, bool, list, dict), or None when it is not that simple."""
    if hint in (str, int, float, bool):
        return typing.cast(type, hint)
    origin = typing.get_origin(hint)
    if origin in (list, collections.abc.Sequence):
        return list
    if origin in (dict, collections.abc.Mapping):
        return dict
    return None


def _kind_matches(kind: type, value: Any) -> bool:
    if kind is bool:
        return isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, kind)


def check_declared_inputs(record: ResourceRecord) -> list[InputProblem]:
    """Unknown input names and primitive type mismatches, as the provider's schema check reports them.

    Nested objects whose SDK type is an input type (``...Args``) are checked the same way, by their path.
    """
    if not record.custom or record.type.startswith(("pulumi:", "pulumi-python:")):
        return []
    schema = input_schema(record.type)
    if schema is None:
        return []
    problems: list[InputProblem] = []
    _check_object(record, record.inputs, schema.types, "", problems)
    return problems


@functools.cache
def _nested_types(input_cls: type) -> dict[str, Any]:
    return dict(_types.input_type_types(input_cls))


def _check_object(
    record: ResourceRecord, values: dict[str, Any], types: dict[str, Any], path: str, problems: list[InputProblem]
) -> None:
    for name, value in values.items():
        where = f"{path}{name}"
        if not path and name in _ENGINE_INPUTS:
            continue
        if name not in types:
            problems.append(InputProblem(record.urn, where, f"is not an input of {record.type}"))
            continue
        _check_value(record, value, types[name], where, problems)


def _check_value(record: ResourceRecord, value: Any, hint: Any, where: str, problems: list[InputProblem]) -> None:
    if value is None or (isinstance(value, str) and value in (COMPUTED, SECRET)):
        return
    kind = _primitive(hint)
    if kind is not None and not _kind_matches(kind, value):
        problems.append(InputProblem(record.urn, where, f"expected {kind.__name__}, got {type(value).__name__} {value!r}"))
        return
    if isinstance(hint, type) and _types.is_input_type(hint) and isinstance(value, dict):
        _check_object(record, value, _nested_types(hint), f"{where}.", problems)
    elif kind is list and isinstance(value, list):
        (item_hint,) = typing.get_args(hint)[:1] or (Any,)
        item_hint = _types.unwrap_type(item_hint)
        for index, item in enumerate(value):
            _check_value(record, item, item_hint, f"{where}[{index}]", problems)


_PROVIDERS: dict[str, Any] = {}
_PROVIDERS_LOCK = threading.Lock()


def _dynamic_provider(serialized: str) -> Any:
    """The provider a dynamic resource recorded, deserialised as the engine's dynamic provider host does."""
    with _PROVIDERS_LOCK:
        provider = _PROVIDERS.get(serialized)
        if provider is None:
            import dill  # type: ignore[import-untyped]  # pulumi's own dependency for dynamic providers

            provider = dill.loads(base64.b64decode(serialized))
            _PROVIDERS[serialized] = provider
        return provider


def _engine_unknowns(value: Any) -> Any:
    """In the program's process unknowns deserialise as ``Unknown``; a provider sees the wire sentinel."""
    if isinstance(value, pulumi.output.Unknown):
        return rpc.UNKNOWN
    if isinstance(value, list):
        return [_engine_unknowns(item) for item in value]
    if isinstance(value, dict):
        return {key: _engine_unknowns(item) for key, item in value.items()}
    return value


def check_dynamic(urn: str, struct: Any) -> list[InputProblem]:
    """Run a dynamic resource's provider ``check`` over its inputs, as the engine does before a preview's diff."""
    news, _ = rpc.deserialize_properties_unwrap_secrets(struct, keep_unknowns=True)
    news = _engine_unknowns(news)
    serialized = news.get(PROVIDER_KEY)
    if not isinstance(serialized, str) or serialized == rpc.UNKNOWN:
        return [InputProblem(urn, PROVIDER_KEY, "a dynamic resource without its serialised provider")]
    try:
        provider = _dynamic_provider(serialized)
    except Exception as error:  # the engine reports any failure to load the provider
        return [InputProblem(urn, PROVIDER_KEY, f"cannot deserialise the dynamic provider: {error}")]
    result = provider.check({}, news)
    return [InputProblem(urn, failure.property, failure.reason) for failure in (result.failures or [])]
