"""Reading typed values out of a YAML mapping while collecting problems with their lines.

Both the config reader and the incident validator use it, so every "unknown key",
"missing key" and "wrong type" message reads the same wherever it comes from.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from .problems import Problem, Severity
from .suggest import did_you_mean
from .text import one_line


def describe(value: Any) -> str:
    """How a value's type is named in messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return "a tagged value"


def is_mapping(value: Any) -> bool:
    return isinstance(value, dict)


def is_list(value: Any) -> bool:
    return isinstance(value, list)


def _line(container: Any, index: Any, *, key: bool) -> int | None:
    lc = getattr(container, "lc", None)
    if lc is None:
        return None
    try:
        position = lc.key(index) if key else lc.item(index)
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    return position[0] if position else None


class Line(int):
    """A line number that names its file when that is not the sink's own: a key of mkdocs.yml
    that came from a parent config through `INHERIT`."""

    file: str | None

    def __new__(cls, value: int, file: str | None = None) -> Line:
        line = super().__new__(cls, value)
        line.file = file
        return line


def _same_file(container: Any, key: Any) -> str | None:
    return None


@dataclass
class Sink:
    """Where problems of one file go; converts YAML's 0-based lines into file lines."""

    path: str
    offset: int
    problems: list[Problem]
    #: The file a key's line belongs to, when a document was merged from several (None: `path`).
    file_of: Callable[[Any, Any], str | None] = _same_file

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self._file(line), int(line), message))

    def warning(self, line: int, message: str) -> None:
        self.problems.append(Problem(self._file(line), int(line), message, Severity.WARNING))

    def _file(self, line: int) -> str:
        return getattr(line, "file", None) or self.path

    def key_line(self, mapping: Any, key: Any, default: int) -> int:
        found = _line(mapping, key, key=True)
        return default if found is None else Line(found + self.offset, self.file_of(mapping, key))

    def item_line(self, sequence: Any, index: int, default: int) -> int:
        found = _line(sequence, index, key=False)
        return default if found is None else Line(found + self.offset, self.file_of(sequence, index))

    def start_line(self, container: Any, default: int) -> int:
        """The line where a mapping or list starts (its first key or item)."""
        if is_mapping(container) and container:
            return self.key_line(container, next(iter(container)), default)
        if is_list(container) and container:
            return self.item_line(container, 0, default)
        return default


@dataclass
class MappingReader:
    """Typed access to one mapping; each accessor records a problem instead of raising."""

    mapping: dict[Any, Any]
    sink: Sink
    line: int  # where the mapping starts, for problems about missing keys
    context: str = ""  # e.g. "update 2" → "missing key 'at' in update 2"

    def key_line(self, key: str) -> int:
        return self.sink.key_line(self.mapping, key, self.line)

    def where(self) -> str:
        return f" in {self.context}" if self.context else ""

    def check_keys(self, allowed: Collection[str], required: Iterable[str] = ()) -> None:
        for key in self.mapping:
            if not isinstance(key, str) or key not in allowed:
                name = str(key)
                hint = did_you_mean(name, allowed) if isinstance(key, str) else ""
                known = "" if hint else f" (known keys: {', '.join(sorted(allowed))})"
                self.sink.error(self.key_line(key), f"unknown key '{name}'{self.where()}{hint}{known}")
        for key in required:
            if key not in self.mapping:
                self.sink.error(self.line, f"missing required key '{key}'{self.where()}")

    def has(self, key: str) -> bool:
        return key in self.mapping and self.mapping[key] is not None

    def wrong_type(self, key: str, expected: str) -> None:
        value = self.mapping[key]
        self.sink.error(self.key_line(key), f"'{key}'{self.where()} must be {expected}, not {describe(value)}")

    def text(
        self, key: str, *, non_empty: bool = True, max_length: int | None = None, line: bool = False
    ) -> str | None:
        """Text under `key`; `line` for a name or title, whose line breaks become spaces (text.one_line)."""
        if key not in self.mapping:
            return None
        value = self.mapping[key]
        if not isinstance(value, str):
            self.wrong_type(key, "text")
            return None
        if line:
            value = one_line(value)
        if non_empty and not value.strip():
            self.sink.error(self.key_line(key), f"'{key}'{self.where()} is empty")
            return None
        if max_length is not None and len(value) > max_length:
            self.sink.error(
                self.key_line(key), f"'{key}'{self.where()} is {len(value):,} characters; the limit is {max_length:,}"
            )
            return None
        return value

    def choice(self, key: str, choices: Collection[str], what: str, others: dict[str, str] | None = None) -> str | None:
        """A value from a closed vocabulary; `others` explains values that belong elsewhere."""
        value = self.text(key)
        if value is None:
            return None
        if value in choices:
            return value
        if others and value in others:
            self.sink.error(self.key_line(key), others[value])
            return None
        self.sink.error(
            self.key_line(key),
            f"unknown {what} '{value}'{self.where()} (expected {', '.join(choices)}){did_you_mean(value, choices)}",
        )
        return None
