"""Errors that carry every problem found, each with the configuration path it concerns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the configuration: where (``sites[2].zones``) and what must hold."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ConfigError(ValueError):
    """Raised once with all problems, so a user fixes a stack file in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=_problem_order)
        super().__init__(self.render())

    def render(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"Invalid inferline configuration ({count} {noun}):"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def _problem_order(problem: Problem) -> tuple[list[tuple[int, str]], str]:
    # Sort "sites[10]" after "sites[2]": compare index segments as numbers.
    parts: list[tuple[int, str]] = []
    for piece in problem.path.replace("[", ".[").split("."):
        if piece.startswith("[") and piece.endswith("]") and piece[1:-1].isdigit():
            parts.append((int(piece[1:-1]), ""))
        else:
            parts.append((-1, piece))
    return parts, problem.message


def format_location(location: tuple[int | str, ...]) -> str:
    """Render a pydantic error location as a config path: ``('sites', 2, 'zones')`` -> ``sites[2].zones``."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path
