"""Rewrite a stack's recorded dynamic providers from the old top-level module paths to ``inferline.*``.

Before 0.2 the Huawei VPN and Direct Connect providers lived in ``components.interconnect.huaweicloud`` (a
top-level package). Pulumi's Python dynamic providers store the provider in the state as a dill pickle that
names its class by import path, and the engine unpickles the *recorded* one for refresh (Read) and destroy
(Delete), so stacks created before the rename cannot refresh or destroy those resources once ``components`` is
gone. This rewrites the recorded pickles, once, from a ``pulumi stack export --show-secrets`` file:

    pulumi stack export --show-secrets --file state.json
    python -m inferline.state_migration state.json
    pulumi stack import --file state.json

The rewrite maps the module names only inside this process: nothing is installed under a top-level name.
"""

from __future__ import annotations

import base64
import io
import json
import sys
from pathlib import Path
from typing import Any

import dill  # type: ignore[import-untyped]
from pulumi.dynamic.dynamic import serialize_provider

PROVIDER_KEY = "__provider"
OLD_TOP_LEVEL = ("components", "policies")
#: How an exported deployment marks a secret (``plaintext`` with --show-secrets, else ``ciphertext``).
SECRET_SIG = "4dabf18193072939515e22adb298388d"


class _RenamingUnpickler(dill.Unpickler):
    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self.renamed = False

    def find_class(self, module: str, name: str) -> Any:
        if module.split(".", 1)[0] in OLD_TOP_LEVEL:
            module, self.renamed = f"inferline.{module}", True
        return super().find_class(module, name)


def migrate_blob(blob: str) -> str | None:
    """The provider re-recorded under ``inferline.*``, or None when it names no old module."""
    unpickler = _RenamingUnpickler(base64.b64decode(blob))
    provider = unpickler.load()
    return str(serialize_provider(provider)) if unpickler.renamed else None


def _migrate_value(value: Any, where: str) -> tuple[Any, bool]:
    if isinstance(value, str):
        new = migrate_blob(value)
        return (value, False) if new is None else (new, True)
    if isinstance(value, dict) and SECRET_SIG in value:
        if "plaintext" not in value:
            raise SystemExit(f"{where}: the provider is encrypted; export with `pulumi stack export --show-secrets`")
        new = migrate_blob(json.loads(value["plaintext"]))
        return (value, False) if new is None else ({**value, "plaintext": json.dumps(new)}, True)
    return value, False


def migrate_deployment(exported: dict[str, Any]) -> list[str]:
    """Rewrite, in place, every old provider of an exported deployment; returns the URNs it changed."""
    deployment = exported["deployment"]
    resources = list(deployment.get("resources") or [])
    resources += [op["resource"] for op in deployment.get("pending_operations") or [] if "resource" in op]
    changed = []
    for resource in resources:
        if not str(resource.get("type", "")).startswith("pulumi-python:dynamic"):
            continue
        touched = False
        for part in ("inputs", "outputs"):
            props = resource.get(part) or {}
            if PROVIDER_KEY in props:
                props[PROVIDER_KEY], did = _migrate_value(props[PROVIDER_KEY], f"{resource['urn']} {part}")
                touched = touched or did
        if touched:
            changed.append(resource["urn"])
    return changed


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m inferline.state_migration STATE.json  (from pulumi stack export --show-secrets)", file=sys.stderr)
        return 2
    path = Path(args[0])
    exported = json.loads(path.read_text())
    changed = migrate_deployment(exported)
    path.write_text(json.dumps(exported, indent=4) + "\n")
    for urn in changed:
        print(f"rewrote {urn}")
    print(f"{len(changed)} resource(s) rewritten; now run: pulumi stack import --file {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
