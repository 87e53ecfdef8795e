"""What the offline preview records about each resource, and how wire values become plain JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from google.protobuf import json_format, struct_pb2

#: Placeholders in recorded inputs. A real preview shows unknowns as "[computed]" and hides secrets.
COMPUTED = "<computed>"
SECRET = "<secret>"

# Wire-format markers, as the Pulumi SDK serialises them (pulumi/runtime/rpc.py).
_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
_SIG_KEY = "4dabf18193072939515e22adb298388d"
_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
_RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e"
_OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4"


class PreviewError(RuntimeError):
    """The offline preview found what `pulumi preview` would refuse; the message says what and where."""


@dataclass
class ResourceRecord:
    urn: str
    type: str
    name: str
    custom: bool
    parent: str | None
    provider: str | None
    inputs: dict[str, Any]
    dependencies: list[str] = field(default_factory=list)
    property_dependencies: dict[str, list[str]] = field(default_factory=dict)
    protect: bool = False
    retain_on_delete: bool = False
    ignore_changes: list[str] = field(default_factory=list)
    aliases: list[dict[str, Any]] = field(default_factory=list)
    id: str | None = None

    @property
    def cloud(self) -> str:
        """Package of the type token: ``aws`` for ``aws:ec2/vpc:Vpc``, ``inferline`` for components."""
        package = self.type.split(":", 1)[0]
        if package == "pulumi" and self.type.startswith("pulumi:providers:"):
            return self.type.removeprefix("pulumi:providers:")
        if package == "pulumi-python" and self.type.startswith("pulumi-python:dynamic/"):
            # inferline's dynamic providers name their cloud as the module: pulumi-python:dynamic/huaweicloud:VpnGateway
            return self.type.split("/", 1)[1].split(":", 1)[0]
        return package

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def plain_value(value: Any) -> Any:
    """A deserialised wire value with unknowns, secrets and resource references made readable."""
    if isinstance(value, str):
        return COMPUTED if value == _UNKNOWN else value
    if isinstance(value, list):
        return [plain_value(item) for item in value]
    if isinstance(value, dict):
        signature = value.get(_SIG_KEY)
        if signature == _SECRET_SIG:
            return SECRET
        if signature == _RESOURCE_SIG:
            return value.get("urn", COMPUTED)
        if signature == _OUTPUT_SIG:
            if value.get("secret"):
                return SECRET
            return plain_value(value["value"]) if "value" in value else COMPUTED
        return {key: plain_value(item) for key, item in sorted(value.items())}
    if isinstance(value, float) and value.is_integer():
        return int(value)  # the wire has only doubles; 20.0 was the integer 20 in the program
    return value


def plain_struct(struct: struct_pb2.Struct) -> dict[str, Any]:
    converted = plain_value(json_format.MessageToDict(struct))
    assert isinstance(converted, dict)
    return converted


def provider_urn(reference: str) -> str | None:
    """Provider references are ``<urn>::<id>``; the default provider is ``""``."""
    return reference.rsplit("::", 1)[0] if reference else None
