"""Where the Pulumi project and its stack files are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from inferline.errors import ConfigError, Problem


@dataclass(frozen=True)
class PulumiProject:
    root: Path
    name: str
    program_dir: Path
    stack_config_dir: Path

    def stack_file(self, stack: str) -> Path:
        return self.stack_config_dir / f"Pulumi.{stack}.yaml"

    def stacks(self) -> list[str]:
        return sorted(path.name.removeprefix("Pulumi.").removesuffix(".yaml") for path in self.stack_config_dir.glob("Pulumi.*.yaml"))


def find_project(start: Path) -> PulumiProject:
    """The nearest directory at or above ``start`` holding a Pulumi.yaml, read as `pulumi` reads it."""
    for directory in (start, *start.parents):
        project_file = directory / "Pulumi.yaml"
        if project_file.is_file():
            document = yaml.safe_load(project_file.read_text(encoding="utf-8")) or {}
            return PulumiProject(
                root=directory,
                name=str(document.get("name", directory.name)),
                program_dir=(directory / str(document.get("main", "."))).resolve(),
                stack_config_dir=(directory / str(document.get("stackConfigDir", "."))).resolve(),
            )
    raise ConfigError([Problem("", f"no Pulumi.yaml in {start} or any directory above it")])


def stack_name_from_file(path: Path) -> str:
    """`Pulumi.prod.yaml` -> `prod`; any other file name is its stem."""
    name = path.name
    if name.startswith("Pulumi.") and name.endswith((".yaml", ".yml")):
        return name.removeprefix("Pulumi.").rsplit(".", 1)[0]
    return path.stem
