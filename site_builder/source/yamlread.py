"""The one YAML reader: incident front-matter (for `check`, the build and the authoring
commands alike) and mkdocs.yml, with line numbers kept and limits on what a file may ask for.

Anyone can open a pull request, so a YAML text is hostile until read. LibYAML's parser
(ruamel.yaml.clib) turns the text into events, which never recurse however deep the text
nests; the nodes are built here from those events, one at a time, and the reading stops at
the first event past a limit, before anything large or deep exists:

- nesting deeper than `Limits.depth` lists and mappings (LibYAML's own composer recurses in C
  and crashes the process at about 30,000 levels; the validator needs five);
- more than `Limits.aliases` uses of an alias (`*name`), and a document whose text, once every
  alias is expanded, exceeds `Limits.expanded` characters (a 1 KB "billion laughs" file, or one
  long message repeated by a thousand aliases, which the pages would then render a thousand times);
- an alias to a collection that contains it (a value that would contain itself);
- keys that are lists or mappings, duplicate keys, and (in incident files) tags outside YAML's
  core schema (`!!python/…`).

Lines are the file's lines as editors and GitHub count them (only "\\n" ends a line), computed
from each node's character offset, so every consumer reports the same line for the same node.
Times stay text so that `times.parse_time` alone decides how a time without a zone is read.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from _ruamel_yaml import CParser  # LibYAML's parser, from ruamel.yaml.clib
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
)
from ruamel.yaml.nodes import ScalarNode as RuamelScalar
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver

from .limits import YAML as LIMITS
from .limits import YamlLimits as Limits
from .text import TextError, clean
from .yamlsimple import NOT_SIMPLE, read_simple

CORE = "tag:yaml.org,2002:"
STR, SEQ, MAP, NULL, BOOL = (CORE + name for name in ("str", "seq", "map", "null", "bool"))
#: Nulls, booleans and numbers, read by ruamel.yaml's constructor (`0x1f`, `1_000`, `.inf`).
_TYPED = frozenset(CORE + name for name in ("null", "bool", "int", "float"))
#: Read as the text they are: times (parse_time reads them), and the merge (`<<`), value (`=`)
#: and `!`/`&`/`*` plain words, which YAML 1.2 gives no meaning.
_AS_TEXT = frozenset(CORE + name for name in ("timestamp", "merge", "value", "yaml"))
#: Incident files are YAML 1.2; mkdocs.yml is read with YAML 1.1's types, as MkDocs (PyYAML) reads it.
Version = tuple[int, int]
YAML_1_2: Version = (1, 2)
#: Each version's rules for reading a plain scalar's type, by its first character.
_IMPLICIT = {version: VersionedResolver(version=version).versioned_resolver for version in ((1, 1), YAML_1_2)}


class YamlSyntaxError(ValueError):
    """A YAML problem with the 0-based line inside the YAML text where it was found."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Mark:
    """A place in the text: offset in characters, 0-based line (only "\\n" ends one) and column."""

    index: int
    line: int
    column: int


@dataclass(eq=False)
class Node:
    """A value as written: its tag, where it starts and ends, and how it was written."""

    tag: str
    value: Any
    start_mark: Mark
    end_mark: Mark | None


@dataclass(eq=False)
class ScalarNode(Node):
    style: str | None = None  # None (plain), "'", '"', "|" or ">"


@dataclass(eq=False)
class SequenceNode(Node):
    flow_style: bool = False  # [a, b] rather than one "- " item per line


@dataclass(eq=False)
class MappingNode(Node):
    flow_style: bool = False  # {a: 1} rather than one key per line


def _implicit_tag(value: str, version: Version = YAML_1_2) -> str:
    rules = _IMPLICIT[version]
    for tag, pattern in rules.get(value[:1], []) + rules.get(None, []):
        if pattern.match(value):
            return tag
    return STR


class _Lines:
    """Offsets → lines and columns, by the one rule the whole project uses."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def mark(self, index: int) -> Mark:
        line = bisect.bisect_right(self.starts, index) - 1
        return Mark(index, line, index - self.starts[line])


@dataclass
class _Open:
    """A collection whose end event has not come yet."""

    node: SequenceNode | MappingNode
    items: list[Node]
    expanded_at_start: int
    anchor: str | None


class _Composer:
    """Nodes from LibYAML's events, refusing at the first event past a limit."""

    def __init__(self, text: str, limits: Limits, version: Version) -> None:
        self.text = text
        self.limits = limits
        self.version = version
        self.lines = _Lines(text)
        self.anchors: dict[str, Node] = {}
        #: Expanded size of every finished collection, so an alias to it costs what it stands for.
        self.sizes: dict[int, int] = {}
        self.open: list[_Open] = []
        self.expanded = 0
        self.aliases = 0
        self.documents = 0
        self.root: Node | None = None

    def compose(self, events: Iterable[Event]) -> Node | None:
        for event in events:
            self.take(event)
        return self.root

    def fail(self, message: str, index: int) -> YamlSyntaxError:
        return YamlSyntaxError(message, self.lines.mark(index).line)

    def take(self, event: Event) -> None:
        if isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.fail("the front-matter holds more than one YAML document ('---' inside it)", event.start_mark.index)
        elif isinstance(event, ScalarEvent):
            self.scalar(event)
        elif isinstance(event, SequenceStartEvent | MappingStartEvent):
            self.start(event)
        elif isinstance(event, CollectionEndEvent):
            self.end(event)
        elif isinstance(event, AliasEvent):
            self.alias(event)

    def grow(self, size: int, index: int) -> None:
        self.expanded += size
        if self.expanded > self.limits.expanded:
            raise self.fail(
                f"the YAML is larger than {self.limits.expanded:,} characters once its aliases (*name) are "
                "expanded; write each text out once",
                index,
            )

    def add(self, node: Node, anchor: str | None) -> None:
        if anchor is not None:
            self.anchors[anchor] = node
        if self.open:
            self.open[-1].items.append(node)
        else:
            self.root = node

    def scalar(self, event: ScalarEvent) -> None:
        start = event.start_mark.index
        self.grow(len(event.value) + 1, start)
        if event.tag in (None, "!"):
            tag = _implicit_tag(event.value, self.version) if event.tag is None and event.implicit[0] else STR
        else:
            tag = event.tag
        end = self.lines.mark(event.end_mark.index)
        node = ScalarNode(tag, event.value, self.lines.mark(start), end, style=event.style or None)
        self.add(node, event.anchor)

    def start(self, event: SequenceStartEvent | MappingStartEvent) -> None:
        start = event.start_mark.index
        if len(self.open) >= self.limits.depth:
            raise self.fail(f"the YAML nests lists and mappings more than {self.limits.depth} levels deep", start)
        self.grow(1, start)
        sequence = isinstance(event, SequenceStartEvent)
        default = SEQ if sequence else MAP
        tag = default if event.tag in (None, "!") else event.tag
        kind = SequenceNode if sequence else MappingNode
        node = kind(tag, [], self.lines.mark(start), None, flow_style=bool(event.flow_style))
        self.add(node, None)  # its anchor is usable once it is complete
        self.open.append(_Open(node, [], self.expanded - 1, event.anchor))

    def end(self, event: CollectionEndEvent) -> None:
        done = self.open.pop()
        node = done.node
        if isinstance(node, MappingNode):
            node.value = list(zip(done.items[::2], done.items[1::2], strict=True))
        else:
            node.value = done.items
        node.end_mark = self.lines.mark(event.end_mark.index)
        self.sizes[id(node)] = self.expanded - done.expanded_at_start
        if done.anchor is not None:
            self.anchors[done.anchor] = node

    def alias(self, event: AliasEvent) -> None:
        start = event.start_mark.index
        if any(item.anchor == event.anchor for item in self.open):
            raise self.fail(f"the alias *{event.anchor} is inside the value it names", start)
        target = self.anchors.get(event.anchor)
        if target is None:
            raise self.fail(f"the alias *{event.anchor} names no anchor (&{event.anchor}) before it", start)
        self.aliases += 1
        if self.aliases > self.limits.aliases:
            raise self.fail(f"the YAML uses aliases (*name) more than {self.limits.aliases} times", start)
        size = len(target.value) + 1 if isinstance(target, ScalarNode) else self.sizes[id(target)]
        self.grow(size, start)
        self.add(target, None)


@dataclass(frozen=True)
class Tagged:
    """A value under a tag the reader does not construct (mkdocs.yml's `!!python/name:…`, `!ENV`): kept inert."""

    tag: str
    value: Any


#: What a tag the reader has no rule for becomes: given its node and the function that builds
#: a node (for a tag over a list, such as `!ENV [A, B, default]`).
TagHandler = Callable[[Node, Callable[[Node], Any]], Any]


class _Builder:
    """Python values from nodes: mappings and lists carry each key's and item's line (ruamel's `lc`)."""

    def __init__(
        self, text: str, version: Version, tags: Mapping[str, TagHandler], unknown_tag: TagHandler
    ) -> None:
        self.text = text
        self.version = version
        self.tags = tags
        self.unknown_tag = unknown_tag
        self.built: dict[int, Any] = {}

    def other(self, node: Node) -> Any:
        return self.tags.get(str(node.tag), self.unknown_tag)(node, self.build)

    def build(self, node: Node) -> Any:
        if id(node) in self.built:  # an alias: the same value, as YAML means
            return self.built[id(node)]
        if isinstance(node, ScalarNode):
            value = self.scalar(node)
        elif node.tag not in (SEQ, MAP):  # e.g. !!omap, !!set, !ENV [A, B]
            value = self.other(node)
        elif isinstance(node, SequenceNode):
            value = self.sequence(node)
        else:
            value = self.mapping(node)
        self.built[id(node)] = value
        return value

    def scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == STR or tag in _AS_TEXT:
            return self.text_of(node)
        if tag in _TYPED:
            if _implicit_tag(value, self.version) in (tag, STR if tag == NULL else tag):
                return typed_value(tag, value, self.version)
            raise YamlSyntaxError(f"'{value}' is not {tag.replace(CORE, '!!')}", node.start_mark.line)  # `!!int abc`
        return self.other(node)

    def text_of(self, node: ScalarNode) -> str:
        """The text rule (source/text.py), refusing at the line of the character when it is written as is."""
        try:
            return clean(node.value)
        except TextError as error:
            assert node.end_mark is not None
            written = self.text.find(node.value[error.index], node.start_mark.index, node.end_mark.index)
            line = node.start_mark.line if written < 0 else _Lines(self.text).mark(written).line
            raise YamlSyntaxError(error.message, line) from None

    def sequence(self, node: SequenceNode) -> CommentedSeq:
        data = CommentedSeq()
        self.built[id(node)] = data
        for index, item in enumerate(node.value):
            data.append(self.build(item))
            data.lc.add_kv_line_col(index, [item.start_mark.line, item.start_mark.column])
        return data

    def mapping(self, node: MappingNode) -> CommentedMap:
        data = CommentedMap()
        self.built[id(node)] = data
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlSyntaxError(
                    "a key must be a single value, not a list or a mapping ('? ' starts a complex key)",
                    key_node.start_mark.line,
                )
            key = self.build(key_node)
            if not _hashable(key):
                raise YamlSyntaxError(f"the key '{key_node.value}' cannot be used as a key", key_node.start_mark.line)
            if key in data:
                raise YamlSyntaxError(
                    f'YAML error: found duplicate key "{key_node.value}" with value "{_shown(value_node)}" '
                    f'(original value: "{_shown(_value_node(node, key_node))}")',
                    key_node.start_mark.line,
                )
            data[key] = self.build(value_node)
            start, value = key_node.start_mark, value_node.start_mark
            data.lc.add_kv_line_col(key, [start.line, start.column, value.line, value.column])
        return data


def _value_node(mapping: MappingNode, key: ScalarNode) -> Node:
    """The value of the first key in `mapping` equal to `key` (for the duplicate-key message)."""
    return next(value for name, value in mapping.value if isinstance(name, ScalarNode) and name.value == key.value)


def _shown(node: Node) -> str:
    return node.value if isinstance(node, ScalarNode) else "…"


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def typed_value(tag: str, value: str, version: Version = YAML_1_2) -> Any:
    """A null, boolean or number as `version` reads it (YAML 1.1: `yes` is true, `0755` octal)."""
    if tag == NULL:
        return None
    if tag == BOOL and version == YAML_1_2:
        return value.lower() == "true"
    yaml = YAML(typ="safe", pure=True)
    yaml.version = version
    try:
        return yaml.constructor.construct_object(RuamelScalar(tag, value, None, None))
    except ValueError:  # resolved as a number by a loose pattern (`-_`: digits may be underscores), yet none
        return value


def plain_value(text: str, version: Version = YAML_1_2) -> Any:
    """`text` as it would read written plainly in YAML (`8000` a number, `true` a boolean)."""
    tag = _implicit_tag(text, version)
    return typed_value(tag, text, version) if tag in _TYPED else text


def _refuse_tag(node: Node, build: Callable[[Node], Any]) -> Any:
    tag = str(node.tag).replace(CORE, "!!")
    raise YamlSyntaxError(f"the YAML tag '{tag}' is not allowed here", node.start_mark.line)


def _inert_tag(node: Node, build: Callable[[Node], Any]) -> Tagged:
    return Tagged(str(node.tag), node.value if isinstance(node, ScalarNode) else None)


def _describe(error: Exception, text: str) -> YamlSyntaxError:
    """LibYAML's complaint as one line, at the line of the character it stopped at."""
    lines = _Lines(text)
    if isinstance(error, ReaderError):
        # The position is a byte offset into the UTF-8 text LibYAML was given.
        index = len(text.encode("utf-8")[: error.position].decode("utf-8", "ignore"))
        return YamlSyntaxError(f"character {error.character!r} is not allowed in YAML; remove it", lines.mark(index).line)
    if isinstance(error, MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        if "\\t" in problem or "tab" in problem:
            problem += "; indent and separate with spaces, not tabs"
        index = mark.index if mark is not None else 0
        return YamlSyntaxError(f"YAML syntax error: {problem}", lines.mark(min(index, len(text))).line)
    return YamlSyntaxError(f"YAML error: {str(error).splitlines()[0] if str(error) else 'invalid YAML'}", 0)


def _events(text: str, *, libyaml: bool) -> Iterator[Event]:
    """LibYAML's events, or ruamel.yaml's pure-Python parser's; neither ever recurses."""
    if not libyaml:
        yield from YAML(typ="safe", pure=True).parse(text)
        return
    parser = CParser(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def compose(text: str, limits: Limits = LIMITS, version: Version = YAML_1_2) -> Node | None:
    """The node tree of one YAML document, each node marked with its offset, line and column.

    LibYAML reads YAML 1.1 and ruamel.yaml's parser YAML 1.2; each refuses a few texts the other
    reads (a tab after a value; a time inside `{…}`). A text either of them reads is read, by
    LibYAML first, so every command accepts the same texts and reads them the same way; when
    both refuse, ruamel.yaml's message is the clearer one.
    """
    try:
        return _Composer(text, limits, version).compose(_events(text, libyaml=True))
    except YAMLError as error:
        refusal = error
    except UnicodeEncodeError as error:  # a lone surrogate in text that did not come from a file
        raise YamlSyntaxError("the text holds a lone surrogate, which is not Unicode", _Lines(text).mark(error.start).line) from None
    try:
        return _Composer(text, limits, version).compose(_events(text, libyaml=False))
    except YamlSyntaxError:
        raise
    except YAMLError as error:
        raise _describe(error, text) from None
    except Exception:  # noqa: BLE001 - the pure parser's own faults (an escape past U+10FFFF): LibYAML explained
        raise _describe(refusal, text) from None


@lru_cache(maxsize=4096)
def plain_typed(text: str) -> Any:
    """A plain scalar of front-matter as the reader reads it; ValueError for one it reads otherwise.

    Kept for the texts that come back in every file (keys, statuses, component ids); every
    value it gives is immutable."""
    tag = _implicit_tag(text)
    if tag == STR or tag in _AS_TEXT:
        return clean(text)
    if tag in _TYPED:
        return typed_value(tag, text)
    raise ValueError(f"a plain {tag}")


def load_untrusted(text: str, limits: Limits = LIMITS) -> Any:
    """Front-matter: YAML 1.2's core schema only, every other tag refused.

    Front-matter of the common shape is read directly (yamlsimple.py), with the same result.
    """
    simple = read_simple(text, limits, plain_typed)
    if simple is not NOT_SIMPLE:
        return simple
    root = compose(text, limits)
    return None if root is None else _Builder(text, YAML_1_2, {}, _refuse_tag).build(root)


def load_config(
    text: str, *, version: Version = YAML_1_2, tags: Mapping[str, TagHandler] | None = None, limits: Limits = LIMITS
) -> Any:
    """mkdocs.yml: `tags` say what a tag such as `!ENV` stands for; others (`!!python/name:…`) are kept inert."""
    root = compose(text, limits, version)
    return None if root is None else _Builder(text, version, tags or {}, _inert_tag).build(root)
