"""Changes to an incident file's front-matter that keep every other byte as it was.

A full ruamel.yaml round trip (load, change, dump) re-spaces flow mappings (`{ a: 1 }` →
`{a: 1}`), aligns `key:   value`, joins plain scalars written over several lines and uses
one indentation for the whole document. In a pull request that is noise around the one
line that matters, and it rewrites what reviewers did not ask to change. So the file is
*read* with ruamel.yaml (the composed node tree gives every key's and value's position),
the new text is *rendered* with ruamel.yaml in round-trip mode, in the indentation the
file already uses, and the two are spliced: only the appended update and the
`next_update` line differ from the original.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import LiteralScalarString

from ..source.yamlread import MappingNode, Node, ScalarNode, SequenceNode, YamlSyntaxError, compose

FENCE = "---"
_CLOSING_FENCES = ("---", "...")
_BLOCK_STYLES = ("|", ">")
_QUOTES = ("'", '"')
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# Wide enough that no line is ever folded: a re-wrapped message is a diff nobody asked for.
_NO_WRAP = 1_000_000_000


class EditError(ValueError):
    """A file laid out in a way this editor cannot change without touching other lines."""


class Timestamp(str):
    """A time already spelled as files spell it (`2026-11-20T14:05:00Z`), written plain.

    A plain `str` that looks like a time is quoted by the dumper so that it stays a
    string; tagging it as a timestamp is what keeps it bare, as people write it.
    """


class _Representer(RoundTripRepresenter):
    """Our own subclass, so registering Timestamp never changes other YAML instances."""


_Representer.add_representer(Timestamp, lambda self, value: self.represent_scalar(_TIMESTAMP_TAG, str(value)))


@dataclass(frozen=True)
class Indent:
    """ruamel.yaml's three indentation numbers, relative to the parent key's column."""

    mapping: int = 2  # a nested key, and a block scalar's text, under its key
    sequence: int = 4  # an item's content (`at:` in `  - at:`)
    offset: int = 2  # an item's dash


#: How new files are laid out: the shape of the example incidents.
HOUSE_STYLE = Indent()


@dataclass(frozen=True)
class Document:
    """An incident file cut in three; joining the parts gives back the exact text."""

    head: str  # the opening fence line, with a byte-order mark if the file has one
    front_matter: str  # the YAML between the fences: the only part ever edited
    tail: str  # the closing fence and the Markdown body, carried through untouched

    @property
    def text(self) -> str:
        return self.head + self.front_matter + self.tail


def split(text: str) -> Document:
    """Cuts a file where the loader does (load.read_source): only `\\n` ends a line."""
    lines = [line for line in re.split(r"(?<=\n)", text) if line]
    if not lines or lines[0].removeprefix("\ufeff").strip() != FENCE:
        raise EditError("the file does not start with a '---' line")
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _CLOSING_FENCES), None)
    if closing is None:
        raise EditError("the front-matter has no closing '---' line")
    return Document(lines[0], "".join(lines[1:closing]), "".join(lines[closing:]))


def render(data: Mapping[str, Any], indent: Indent = HOUSE_STYLE) -> str:
    """YAML for new content: multi-line text as a literal block (`|`), Timestamps bare."""
    stream = io.StringIO()
    _dumper(indent).dump(_to_yaml(data), stream)
    return stream.getvalue()


def append_update(front_matter: str, update: Mapping[str, Any]) -> str:
    """The front-matter with `update` appended to `updates:`, laid out like the last update."""
    root, newline = _root(front_matter), _newline(front_matter)
    found = _entry(root, "updates")
    if found is None:
        raise EditError("there is no 'updates' list to append to")
    key, sequence = found
    if not isinstance(sequence, SequenceNode) or sequence.flow_style or not sequence.value:
        raise EditError(
            "'updates' is not a list written one item per line ('- at: …'); balise can only append to that"
        )
    last = sequence.value[-1]
    at = _insertion_point(front_matter, last)
    indent = Indent(
        mapping=_mapping_indent(front_matter, root, last),
        sequence=last.start_mark.column - key.start_mark.column,
        offset=sequence.start_mark.column - key.start_mark.column,
    )
    if indent.sequence < indent.offset + 2:
        raise EditError("the last update's layout is not '- key: value'; balise can only append after such an item")
    block = render({"updates": [update]}, indent).split("\n", 1)[1]  # drop the `updates:` line
    block = _shift(block, key.start_mark.column)
    if not block.lstrip(" ").startswith("-"):
        raise EditError("could not lay out the new update like the others")
    return front_matter[:at] + block.replace("\n", newline) + front_matter[at:]


def set_top_level(front_matter: str, key: str, value: str | None, *, before: str) -> str:
    """Sets (or with None, removes) a one-line top-level value, written as given (a Timestamp,
    a plain word, a flow mapping); a new key goes before `before`.

    An existing value keeps its quotes and its line's comment, so only the value changes.
    """
    root, newline = _root(front_matter), _newline(front_matter)
    found = _entry(root, key)
    if found is None:
        return front_matter if value is None else _insert_before(front_matter, root, before, f"{key}: {value}{newline}")
    name, node = found
    line_start = _line_start(front_matter, name.start_mark.index)
    line_end = _line_end(front_matter, _last_index(front_matter, node))
    if value is None:
        return front_matter[:line_start] + front_matter[line_end:]
    if _is_one_line_scalar(node, name):
        quote = node.style if node.style in _QUOTES else ""
        start, end = node.start_mark.index, node.end_mark.index
        return front_matter[:start] + f"{quote}{value}{quote}" + front_matter[end:]
    indentation = " " * name.start_mark.column
    return front_matter[:line_start] + f"{indentation}{key}: {value}{newline}" + front_matter[line_end:]


# -- reading positions -------------------------------------------------------------------


def _root(front_matter: str) -> MappingNode:
    # The reader `balise check` uses, so an edit accepts exactly the files check accepts.
    try:
        root = compose(front_matter)
    except YamlSyntaxError as error:
        raise EditError(f"the front-matter is not valid YAML: {error.message}") from None
    if not isinstance(root, MappingNode) or root.flow_style:
        raise EditError("the front-matter is not written one key per line; balise can only edit that layout")
    return root


def _entry(mapping: MappingNode, key: str) -> tuple[Node, Node] | None:
    for name, value in mapping.value:
        if isinstance(name, ScalarNode) and name.value == key:
            return name, value
    return None


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """The start of the line after the one holding `index` (or `index` itself if a line starts there)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _last_index(text: str, node: Node) -> int:
    """Where a value's own text ends: after its last scalar, not after what follows it.

    A block collection's end mark is where the *next* token starts, past blank lines and
    comments that belong to what comes next, so the end is found through its last child.
    """
    if isinstance(node, ScalarNode):
        return _block_scalar_end(text, node) if node.style in _BLOCK_STYLES else node.end_mark.index
    if node.flow_style or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    return _last_index(text, last[1] if isinstance(node, MappingNode) else last)


def _block_scalar_end(text: str, node: ScalarNode) -> int:
    """After a `|` or `>` block's last line of text; trailing blank lines are not its content
    unless it keeps them (`|+`)."""
    header = text[node.start_mark.index : _line_end(text, node.start_mark.index)].split("#", 1)[0]
    if "+" in header:
        return node.end_mark.index
    last_character = len(text[: node.end_mark.index].rstrip(" \t\r\n"))
    return _line_end(text, last_character)


def _insertion_point(text: str, item: Node) -> int:
    end = _last_index(text, item)
    if end < item.start_mark.index:  # an alias points back into another part of the file
        raise EditError("the last update ends with an alias (*name); balise cannot tell where it ends")
    return _line_end(text, end)


def _insert_before(text: str, root: MappingNode, before: str, line: str) -> str:
    anchor = _entry(root, before)
    if anchor is None:
        return text + line
    column = anchor[0].start_mark.column
    at = _above_comments(text, _line_start(text, anchor[0].start_mark.index), column)
    return text[:at] + " " * column + line + text[at:]


def _above_comments(text: str, line_start: int, column: int) -> int:
    """Moves up over whole-line comments right above a key: they describe that key.

    Only comments no deeper than the key count: a deeper `#` line may be the last line of
    the previous key's `|` text, which must stay where it is.
    """
    while line_start > 0:
        previous = _line_start(text, line_start - 1)
        line = text[previous:line_start]
        if not line.lstrip(" ").startswith("#") or len(line) - len(line.lstrip(" ")) > column:
            break
        line_start = previous
    return line_start


def _is_one_line_scalar(node: Node, name: Node) -> bool:
    return (
        isinstance(node, ScalarNode)
        and node.style not in _BLOCK_STYLES
        and node.start_mark.line == node.end_mark.line == name.start_mark.line
        and node.end_mark.index > node.start_mark.index
    )


def _mapping_indent(text: str, root: MappingNode, item: Node) -> int:
    """How far this file indents under a key: from the last update's message or nested
    mapping, else from the top-level `components` mapping, else the house style."""
    candidates = list(item.value) if isinstance(item, MappingNode) else []
    components = _entry(root, "components")
    if components:
        candidates.append(components)
    for name, value in candidates:
        if isinstance(value, MappingNode) and not value.flow_style and value.value:
            return value.value[0][0].start_mark.column - name.start_mark.column
        if isinstance(value, ScalarNode) and value.style in _BLOCK_STYLES:
            column = _block_text_column(text, value)
            if column is not None:
                return column - name.start_mark.column
    return HOUSE_STYLE.mapping


def _block_text_column(text: str, node: ScalarNode) -> int | None:
    body = text[node.start_mark.index : node.end_mark.index].split("\n")[1:]
    indents = [len(line) - len(line.lstrip(" ")) for line in body if line.strip()]
    return indents[0] if indents else None


# -- writing -----------------------------------------------------------------------------


def _dumper(indent: Indent) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.width = _NO_WRAP
    yaml.indent(mapping=indent.mapping, sequence=indent.sequence, offset=indent.offset)
    return yaml


def _to_yaml(value: Any) -> Any:
    if isinstance(value, Mapping):
        return CommentedMap((key, _to_yaml(item)) for key, item in value.items())
    if isinstance(value, list | tuple):
        return CommentedSeq(_to_yaml(item) for item in value)
    if isinstance(value, str) and not isinstance(value, Timestamp) and "\n" in value.rstrip("\n"):
        return LiteralScalarString(value.rstrip("\n") + "\n")
    return value


def _shift(block: str, columns: int) -> str:
    if not columns:
        return block
    pad = " " * columns
    return "\n".join(pad + line if line else line for line in block.split("\n"))
