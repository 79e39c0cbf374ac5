"""The common shape of front-matter, read directly: the same values and lines as yamlread's reader.

Nearly every incident file is a block mapping of plain keys holding one-line scalars, `|`
texts, nested mappings and lists of mappings. Going through LibYAML's events and the nodes
built from them costs about 0.2 ms a file, most of a cold build's reading at 10,000
incidents; this reads that shape straight from the lines in a fraction of it.

It is a shortcut, never a second opinion: it reads only what it is sure of, and at the first
thing it is not sure of — a tab, a comment after a quoted value, a quote with escapes, an anchor, a
flow collection, a multi-line plain value, a key that is not a plain word, anything past a
limit, any problem at all — it says NOT_SIMPLE and yamlread's reader reads the text, so every
error and its message come from there. What it does read gives exactly what that reader
gives: the same values through the same typing rules (yamlread's), the same text rule, and
the same line and column for every key, value and item; tests/source/test_yaml_simple.py holds
the two together on generated texts.
"""

from __future__ import annotations

import re
from typing import Any, Final

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .limits import YamlLimits
from .text import TextError, clean

#: Said when the text is not of the shape read here (yamlread's reader reads it instead).
NOT_SIMPLE: Final = object()

#: Characters every text read here is made of: printable, no tab, no carriage return, no BOM
#: and none of the line breaks YAML 1.1 adds (NEL, LS, PS), so that lines are "\n" lines.
_PLAIN_TEXT = re.compile("[\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")
#: `key:` or `key: value`, the key a plain word.
_ENTRY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.-]{0,99}):(?: +|$)")
#: What a plain value may not start with (YAML's indicators) nor hold (`: ` starts a mapping, ` #` a comment).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
#: Deeper than this, the text goes to yamlread's reader (an incident needs four levels).
_DEPTH = 8


def _uncommented(rest: str) -> str:
    """What follows a key or `- `, without a comment (` #` after a plain value or `|`, or `#` alone).

    A quoted value keeps what follows it: a comment there leaves the quote unclosed at the end,
    and the text goes to yamlread's reader.
    """
    if rest.startswith(("'", '"')):
        return rest.rstrip(" ")
    if rest.startswith("#"):
        return ""
    cut = rest.find(" #")
    return (rest if cut < 0 else rest[:cut]).rstrip(" ")


class _NotSimple(Exception):
    """The text leaves the shape read here."""


def read_simple(text: str, limits: YamlLimits, typed: Any) -> Any:
    """The front-matter `text` holds, or NOT_SIMPLE.

    `typed(value)` reads a plain value as yamlread's reader does (its type by YAML 1.2's rules,
    text through the text rule); it raises ValueError when the value is not one it reads plainly.
    """
    if not text.endswith("\n") or not _PLAIN_TEXT.fullmatch(text):
        return NOT_SIMPLE
    try:
        return _Reader(text, limits, typed).document()
    except (_NotSimple, TextError, ValueError, RecursionError):
        return NOT_SIMPLE


class _Reader:
    def __init__(self, text: str, limits: YamlLimits, typed: Any) -> None:
        self.lines = text.split("\n")[:-1]
        self.limits = limits
        self.typed = typed
        #: What yamlread's composer counts against `limits.expanded`: each value's length plus one, one per collection.
        self.expanded = 0

    # -- lines ------------------------------------------------------------------------------

    def significant(self, index: int) -> int:
        """The first line from `index` that is neither blank nor a comment (len(lines) at the end)."""
        lines = self.lines
        while index < len(lines):
            content = lines[index].lstrip(" ")
            if content and not content.startswith("#"):
                return index
            index += 1
        return index

    def indent(self, index: int) -> int:
        line = self.lines[index]
        return len(line) - len(line.lstrip(" "))

    def grow(self, size: int) -> None:
        self.expanded += size
        if self.expanded > self.limits.expanded:
            raise _NotSimple

    # -- structure --------------------------------------------------------------------------

    def document(self) -> CommentedMap:
        first = self.significant(0)
        if first == len(self.lines) or self.indent(first) != 0:
            raise _NotSimple
        value, after = self.mapping(first, 0, 0)
        if after != len(self.lines):
            raise _NotSimple
        return value

    def mapping(self, index: int, column: int, depth: int) -> tuple[CommentedMap, int]:
        """The block mapping whose first key is at (`index`, `column`); its keys all start at `column`.

        Returns it and the next significant line after it.
        """
        if depth >= min(self.limits.depth, _DEPTH):
            raise _NotSimple
        self.grow(1)
        data = CommentedMap()
        while True:
            line = self.lines[index]
            entry = _ENTRY.match(line, column)
            if entry is None:
                raise _NotSimple
            key = entry.group(1)
            if key in data or self.typed(key) != key:  # a duplicate, or a key such as `true` or `1`
                raise _NotSimple
            self.grow(len(key) + 1)
            rest_at = entry.end()
            rest = _uncommented(line[rest_at:])
            if rest:
                data[key], value_line, value_column, after = self.inline_value(index, rest_at, rest, column)
            else:
                data[key], value_line, value_column, after = self.nested_value(index, column, depth)
            data.lc.add_kv_line_col(key, [index, column, value_line, value_column])
            if after == len(self.lines):
                return data, after
            indent = self.indent(after)
            if indent < column:
                return data, after
            if indent > column:
                raise _NotSimple  # a value going on in the next line, or a mistake yamlread explains
            if self.lines[after].startswith("- ", indent):
                return data, after  # the rest of an indentless list, or a mistake: the caller decides
            index = after

    def nested_value(self, index: int, column: int, depth: int) -> tuple[Any, int, int, int]:
        """The value of a `key:` that ends its line: a mapping or a list on the lines below."""
        below = self.significant(index + 1)
        if below == len(self.lines):
            raise _NotSimple  # an empty value: left to yamlread
        indent = self.indent(below)
        item = self.lines[below].startswith("- ", indent)
        if indent > column and item or indent == column and item:
            value, after = self.sequence(below, indent, depth + 1)
        elif indent > column:
            value, after = self.mapping(below, indent, depth + 1)
        else:
            raise _NotSimple
        return value, below, indent, after

    def sequence(self, index: int, column: int, depth: int) -> tuple[CommentedSeq, int]:
        """The block list whose `- ` items start at `column`, the first on line `index`."""
        if depth >= min(self.limits.depth, _DEPTH):
            raise _NotSimple
        self.grow(1)
        data = CommentedSeq()
        while True:
            line = self.lines[index]
            start = column + 2
            while line.startswith(" ", start):
                start += 1
            rest = _uncommented(line[start:])
            if not rest or rest.startswith("- ") or rest == "-":
                raise _NotSimple
            if _ENTRY.match(line, start):
                value, after = self.mapping(index, start, depth + 1)
            else:
                value, _, _, after = self.inline_value(index, start, rest, column)
            data.append(value)
            data.lc.add_kv_line_col(len(data) - 1, [index, start])
            if after == len(self.lines):
                return data, after
            indent = self.indent(after)
            if indent > column:
                raise _NotSimple
            if indent < column or not self.lines[after].startswith("- ", indent):
                return data, after
            index = after

    # -- scalars ----------------------------------------------------------------------------

    def inline_value(self, index: int, at: int, rest: str, parent: int) -> tuple[Any, int, int, int]:
        """A value that starts on its key's (or its item's) line at column `at`: a plain or quoted
        one-line scalar, or a `|` text on the lines below. `parent` is the column of its key or `- `."""
        if rest == "|":
            value, after = self.literal(index, parent)
            return value, index, at, after
        if rest[0] == "'":
            value = self.single_quoted(rest)
        elif rest[0] == '"':
            value = self.double_quoted(rest)
        elif rest[0] in _INDICATORS or ": " in rest or rest.endswith(":"):
            raise _NotSimple
        else:
            self.grow(len(rest) + 1)
            return self.typed(rest), index, at, self.significant(index + 1)
        self.grow(len(value) + 1)
        return clean(value), index, at, self.significant(index + 1)

    @staticmethod
    def single_quoted(rest: str) -> str:
        inner = rest[1:-1]
        if len(rest) < 2 or rest[-1] != "'" or "'" in inner.replace("''", ""):
            raise _NotSimple
        return inner.replace("''", "'")

    @staticmethod
    def double_quoted(rest: str) -> str:
        inner = rest[1:-1]
        if len(rest) < 2 or rest[-1] != '"' or '"' in inner or "\\" in inner:
            raise _NotSimple
        return inner

    def literal(self, index: int, parent: int) -> tuple[str, int]:
        """A `|` text (clipped: one final line break): its lines below, indented past `parent`."""
        lines = self.lines
        first = index + 1
        if first == len(lines) or not lines[first].strip(" "):
            raise _NotSimple  # leading blank lines, or nothing: left to yamlread
        indent = self.indent(first)
        if indent <= parent:
            raise _NotSimple
        kept: list[str] = []
        end = first
        while end < len(lines):
            line = lines[end]
            if not line:
                kept.append("")
            elif not line.strip(" "):
                raise _NotSimple  # a line of spaces: how much of it is text is yamlread's call
            elif line.startswith(" " * indent):
                kept.append(line[indent:])
            else:
                break
            end += 1
        while kept and not kept[-1]:
            kept.pop()
        value = "\n".join(kept) + "\n"
        self.grow(len(value) + 1)
        return clean(value), self.significant(end)
