"""The benchmark's baseline: the stack program registering its resources under bare Pulumi mocks.

Runs `stacks/__main__.py` for one stack file the way Pulumi's unit-testing mocks do, and nothing more:
new_resource echoes the inputs back with `<name>_id`, invokes get the few fields the program reads, and
there is no recording, no policy evaluation and no rendering. What `inferline preview` costs over this is
its own overhead. Prints the cloud resources registered (custom resources other than providers), which
must equal the preview's total. Usage: python benchmarks/bare.py STACK_FILE
"""

from __future__ import annotations

import json
import runpy
import sys
import warnings
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
PROGRAM_DIR = ROOT / "stacks"
PROJECT = "inferline"

#: The invokes the program makes and the fields it reads from their results.
INVOKE_ANSWERS: dict[str, dict[str, Any]] = {
    "aws:index/getCallerIdentity:getCallerIdentity": {"accountId": "123456789012"},
    "aws:index/getPartition:getPartition": {"partition": "aws"},
    "alicloud:index/getAccount:getAccount": {"id": "1234567890123456"},
    "tencentcloud:User/getInfo:getInfo": {"appId": "1250000000", "ownerUin": "100000000001"},
}


def stack_name(path: Path) -> str:
    name = path.name
    if name.startswith("Pulumi.") and name.endswith((".yaml", ".yml")):
        return name.removeprefix("Pulumi.").rsplit(".", 1)[0]
    return path.stem


def stack_config(path: Path) -> tuple[dict[str, str], list[str]]:
    """The stack file's config as the Pulumi CLI hands it to a program: strings, structured values as JSON."""
    section = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("config") or {}
    config: dict[str, str] = {}
    secrets: list[str] = []
    for key, value in section.items():
        if isinstance(value, dict) and set(value) == {"secure"}:
            config[key], value = "opaque-secret", None
            secrets.append(key)
        else:
            config[key] = value if isinstance(value, str) else json.dumps(value)
    return config, secrets


def main() -> None:
    stack_file = Path(sys.argv[1]).resolve()
    config, secrets = stack_config(stack_file)
    warnings.simplefilter("ignore", DeprecationWarning)  # provider SDKs warn about their own modules at import
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)

    import pulumi.runtime
    from pulumi.runtime.stack import run_pulumi_func
    from pulumi.runtime.sync_await import _sync_await

    registered: list[str] = []

    class BareMocks(pulumi.runtime.Mocks):
        def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
            if args.custom and not args.typ.startswith("pulumi:providers:"):
                registered.append(args.typ)
            return args.name + "_id", args.inputs

        def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]]]:
            return INVOKE_ANSWERS.get(args.token, {}), []

    def program() -> None:
        sys.path[:0] = [str(PROGRAM_DIR), str(ROOT)]  # as `pulumi` does for the program directory; ROOT for this checkout
        runpy.run_path(str(PROGRAM_DIR), run_name="__main__")

    pulumi.runtime.set_all_config(config, secrets)
    pulumi.runtime.set_mocks(BareMocks(), project=PROJECT, stack=stack_name(stack_file), preview=True)
    _sync_await(run_pulumi_func(program))
    print(f"total {len(registered)}")


if __name__ == "__main__":
    main()
