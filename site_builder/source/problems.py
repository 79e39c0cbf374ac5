"""Problems found in the input, and the one error type the loader lets escape."""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place: rendered as `path:line: message`."""

    path: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class BaliseError(Exception):
    """Input that cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("BaliseError needs at least one problem")
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path, base: Path | None = None) -> str:
    """The path as people and GitHub annotations want it: relative to `base` (cwd) when inside it."""
    cwd = os.getcwd()
    base = _resolved(str(base or cwd), cwd)
    if path.name in ("", ".", "..") or os.path.islink(path):
        resolved = path.resolve()
    else:  # what resolve() gives for a path that is not a link, with its folder resolved once for all its files
        resolved = _resolved(str(path.parent), cwd) / path.name
    try:
        return resolved.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=256)
def _resolved(folder: str, cwd: str) -> Path:
    """`folder` resolved from `cwd`: an incident folder is resolved once, not once per file."""
    return (Path(cwd) / folder).resolve()
