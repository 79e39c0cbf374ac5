"""Problems found in the input, and the one error type the loader lets escape."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

#: What must never reach a terminal or a log as it is: C0 and C1 controls (ESC starts the
#: sequence that clears a screen; a newline lets a value print `::error::`, a workflow command
#: of its own, on the next line), bidirectional controls (they reorder the rest of the line) and
#: lone surrogates (file names that are not UTF-8; printing them crashed).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` with every such character spelled out (`\\x1b`, `\\n`, `\\u202e`); applying it twice changes nothing."""

    def spelled(match: re.Match[str]) -> str:
        character = match.group()
        code = ord(character)
        return _NAMED.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")

    return _UNPRINTABLE.sub(spelled, text)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place: rendered as `path:line: message`.

    Its path and message echo file names and values from files, so both are made printable
    as the problem is made: every output (text, GitHub annotations, JSON, logs) gets them inert.
    """

    path: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", printable(self.path))
        object.__setattr__(self, "message", printable(self.message))

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
