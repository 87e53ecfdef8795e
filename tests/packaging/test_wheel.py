"""The wheel built from this repo installs one import package, `inferline`, and nothing else at top level."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Source folder -> where its modules land in the wheel (pyproject.toml's package-dir mapping).
TREES = {"inferline": "inferline", "components": "inferline/components", "policies": "inferline/policies"}


def python_files(folder: Path) -> set[str]:
    """Every .py under folder, relative to it, not descending into symlinks (inferline/components, inferline/policies)."""
    found: set[str] = set()
    for path in folder.rglob("*.py"):
        relative = path.relative_to(folder)
        if "__pycache__" in relative.parts or any((folder / part).is_symlink() for part in relative.parents if str(part) != "."):
            continue
        found.add(relative.as_posix())
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    # Build from a copy: an in-tree build reuses build/lib, and a stale build/lib/components from an older layout
    # would end up in the wheel.
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for folder in TREES:
        shutil.copytree(ROOT / folder, source / folder, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(out), str(source)],
        check=True,
    )
    (built,) = out.glob("inferline-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_has_no_top_level_package_but_inferline(wheel: zipfile.ZipFile) -> None:
    top = {name.split("/", 1)[0] for name in wheel.namelist()}
    dist_info = {name for name in top if name.endswith(".dist-info")}
    assert top - dist_info == {"inferline"}
    (info,) = dist_info
    assert wheel.read(f"{info}/top_level.txt").decode().split() == ["inferline"]


def test_the_wheel_holds_every_module_of_the_three_folders(wheel: zipfile.ZipFile) -> None:
    shipped = {name for name in wheel.namelist() if name.endswith(".py")}
    expected = {f"{prefix}/{module}" for folder, prefix in TREES.items() for module in python_files(ROOT / folder)}
    assert shipped == expected


def test_the_wheel_ships_the_node_bootstrap_template(wheel: zipfile.ZipFile) -> None:
    template = ROOT / "inferline" / "planning" / "templates" / "cloud-init.yaml.tmpl"
    assert wheel.read("inferline/planning/templates/cloud-init.yaml.tmpl") == template.read_bytes()


def test_the_wheel_carries_the_catalog_data(wheel: zipfile.ZipFile) -> None:
    shipped = {name for name in wheel.namelist() if name.startswith("inferline/catalog/data/")}
    expected = {f"inferline/catalog/data/{path.name}" for path in (ROOT / "inferline" / "catalog" / "data").glob("*.csv")}
    assert expected and shipped == expected
