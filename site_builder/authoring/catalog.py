"""Adding groups and components to the catalog in mkdocs.yml, keeping the rest of the file.

The file is read and written with ruamel.yaml's round-trip mode in the indentation the
file already uses, so comments, key order, quoting and tags (`!ENV`, `!!python/name:`)
survive; the new entries go at the end of `groups:` and `components:` (display order).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..model import Component, ComponentGroup
from ..source.yamlread import YamlSyntaxError, load_config
from .edit import EditError

# Wide enough that no description is ever folded onto a second line.
_NO_WRAP = 1_000_000_000


_PLAIN = re.compile(r"^[\w][\w .,:#()/&+'’-]*$")


def reads_back_plain(text: str) -> bool:
    """Whether `text` written unquoted reads back as the same text under YAML 1.1 (MkDocs)
    and 1.2: `Public API` does, `Yes` (true in 1.1), `null` and `a: b` do not."""
    if not _PLAIN.match(text):
        return False
    for version in ((1, 1), (1, 2)):
        yaml = YAML(typ="safe", pure=True)
        yaml.version = version
        try:
            if yaml.load(f"key: {text}\n") != {"key": text}:
                return False
        except YAMLError:
            return False
    return True


#: What JSON leaves as it is but YAML may not hold raw in a quoted scalar: DEL and C1 controls
#: are not YAML characters, NEL, LINE and PARAGRAPH SEPARATOR are line breaks (folded into a
#: space), and a BOM or a lone surrogate is not text. Their `\\uXXXX` escapes mean the same in both.
_YAML_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when that reads back the same, else double-quoted
    (a JSON string, with the characters YAML reads otherwise escaped, reads back as `text`)."""
    if reads_back_plain(text):
        return text
    return _YAML_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", json.dumps(text, ensure_ascii=False))


def _scalar(text: str) -> str:
    return text if reads_back_plain(text) else DoubleQuotedScalarString(text)


def _indentation(text: str) -> tuple[int, int, int]:
    """ruamel's (mapping, sequence, offset) for this file, read from its `plugins:` list."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("plugins:") and index + 1 < len(lines):
            following = lines[index + 1]
            dash = len(following) - len(following.lstrip(" "))
            if following.lstrip(" ").startswith("- "):
                return 2, dash + 2, dash
    return 2, 4, 2


def _balise_block(document: CommentedMap) -> CommentedMap:
    plugins = document.get("plugins")
    entries = plugins if isinstance(plugins, list) else [plugins] if isinstance(plugins, dict) else []
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("balise"), dict):
            return entry["balise"]
    raise EditError("this mkdocs.yml has no 'balise' plugin block with a catalog; add the components by hand")


def add_to_catalog(text: str, groups: Sequence[ComponentGroup], components: Sequence[Component]) -> str:
    """`text` (a mkdocs.yml) with `groups` and `components` appended to its catalog."""
    yaml = YAML(typ="rt")
    yaml.width = _NO_WRAP
    yaml.preserve_quotes = True
    mapping, sequence, offset = _indentation(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    try:
        load_config(text)  # Balise's reader first, so its limits hold before the round-trip reader recurses
        document = yaml.load(text)
    except YamlSyntaxError as error:
        raise EditError(f"mkdocs.yml line {error.line + 1}: {error.message}") from None
    except YAMLError as error:
        raise EditError(f"mkdocs.yml is not valid YAML: {error}") from None
    if not isinstance(document, CommentedMap):
        raise EditError("mkdocs.yml is not a mapping of settings")
    block = _balise_block(document)
    if groups:
        _append(_listed(block, "groups", before="components"), [_entry(group) for group in groups])
    if components:
        _append(_listed(block, "components", before=None), [_entry(component) for component in components])
    stream = io.StringIO()
    yaml.dump(document, stream)
    return stream.getvalue()


def _listed(block: CommentedMap, key: str, before: str | None) -> CommentedSeq:
    existing = block.get(key)
    if isinstance(existing, CommentedSeq):
        return existing
    if existing is not None:
        raise EditError(f"'{key}' in the balise block is not a list; fix it first")
    fresh = CommentedSeq()
    position = list(block).index(before) if before in block else len(block)
    block.insert(position, key, fresh)
    return fresh


def _append(listed: CommentedSeq, items: list[CommentedMap]) -> None:
    """Appends `items`, moving the comment lines that followed the old last entry (they
    introduce the next key, e.g. `components:`) after the new last entry."""
    trailing = _take_trailing_comment(listed[-1]) if listed else None
    listed.extend(items)
    if trailing is not None:
        last = listed[-1]
        last.ca.items[list(last)[-1]] = [None, None, trailing, None]


def _take_trailing_comment(item: object) -> object | None:
    if not isinstance(item, CommentedMap) or not item:
        return None
    tokens = item.ca.items.get(list(item)[-1])
    if not tokens or len(tokens) < 3 or tokens[2] is None:
        return None
    comment, tokens[2] = tokens[2], None
    return comment


def _entry(entry: Component | ComponentGroup) -> CommentedMap:
    """The keys the `balise` block reads; `position` is the list's order, not a key.

    Ids are quoted too when they would not read back as text: `yes`, `off` and `null` are
    valid ids, and YAML 1.1 (MkDocs) reads them plain as a boolean or nothing; `123` as a number."""
    item = CommentedMap([("id", _scalar(entry.id)), ("name", _scalar(entry.name))])
    if isinstance(entry, Component) and entry.group:
        item["group"] = _scalar(entry.group)
    if entry.description:
        item["description"] = _scalar(entry.description)
    return item
