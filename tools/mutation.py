"""Summarise a mutmut run (`make mutation`): the share of mutants killed per area, and the survivors.

Reads ``mutmut results --all true`` in the repository root after ``mutmut run``. A mutant counts as
killed when a test failed, timed out or the type check caught it; everything else (survived, no tests,
suspicious, not checked) counts against the score and is listed.

A run on one area only (``mutmut run "inferline.policies*"``) leaves every mutant of the other area "not
checked": such an area is reported as not run, not as 0 %. An area run only in part (an interrupted run)
still counts its unchecked mutants against it.
"""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

AREAS = {"inferline.planning.": "inferline/planning", "inferline.policies.": "policies"}
KILLED = {"killed", "timeout", "caught by type check"}
NOT_CHECKED = "not checked"


def check_the_mutants_are_imported(root: Path) -> None:
    """The tests import ``inferline.planning`` and ``inferline.policies`` from mutants/: make sure those are mutated."""
    for package in ("inferline/planning", "inferline/policies/rules"):
        folder = root / "mutants" / package
        if folder.is_symlink() or not any("mutmut" in path.read_text() for path in folder.glob("*.py")):
            sys.exit(f"mutants/{package} holds no mutated code: the tests would check the originals")


def summarise(results_output: str) -> list[str]:
    """The report's lines from the output of ``mutmut results --all true`` (one ``name: status`` a line)."""
    statuses: dict[str, dict[str, str]] = defaultdict(dict)
    for line in results_output.splitlines():
        name, _, status = line.strip().rpartition(": ")
        area = next((area for prefix, area in AREAS.items() if name.startswith(prefix)), None)
        if area is not None:
            statuses[area][name] = status
    lines = []
    for area in AREAS.values():
        results = statuses.get(area, {})
        if all(status == NOT_CHECKED for status in results.values()):
            lines.append(f"{area}: not run ({len(results)} mutants, none checked)")
            continue
        killed = sum(status in KILLED for status in results.values())
        lines.append(f"{area}: killed {killed} of {len(results)} ({100 * killed / len(results):.1f} %)")
        lines.extend(f"    {status}: {name}" for name, status in sorted(results.items()) if status not in KILLED)
    return lines


def main() -> int:
    root = Path(__file__).resolve().parents[1]
    check_the_mutants_are_imported(root)
    mutmut = Path(sys.executable).with_name("mutmut")
    command = [str(mutmut)] if mutmut.exists() else [sys.executable, "-m", "mutmut"]
    output = subprocess.run([*command, "results", "--all", "true"], cwd=root, check=True, capture_output=True, text=True).stdout
    print("\n".join(summarise(output)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
