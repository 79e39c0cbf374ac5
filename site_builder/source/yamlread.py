"""YAML reading with line numbers kept, for incident front-matter and mkdocs.yml.

Both loaders are ruamel.yaml round-trip loaders: they keep the line of every key and
list item, and they never build arbitrary Python objects. Timestamps stay text so that
`times.parse_time` alone decides how a time without a zone is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from _ruamel_yaml import CParser  # LibYAML's parser, from ruamel.yaml.clib
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag


class TimestampsAsText(RoundTripConstructor):
    """Tolerates unknown tags as inert values (mkdocs.yml has `!!python/name:` tags)."""


TimestampsAsText.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


class _NoTags(TimestampsAsText):
    """Refuses tags it does not know: an incident file is untrusted input."""

    def construct_undefined(self, node: Any) -> Any:
        tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
        raise ConstructorError(None, None, f"the YAML tag '{tag}' is not allowed here", node.start_mark)


_NoTags.add_constructor(None, _NoTags.construct_undefined)


class _FastLined(SafeConstructor):
    """The safe constructor, on LibYAML's parser where it is installed, keeping lines as `rt` does.

    Reading front-matter with the round-trip loader costs about 1.6 ms a file, most of a
    large build; this path costs a fifth of that. It only ever accepts: anything it cannot
    read (syntax, tags, duplicates) goes to the round-trip loader, whose messages are the
    ones users see.
    """

    def construct_yaml_map(self, node: Any) -> Iterator[CommentedMap]:
        data = CommentedMap()
        yield data
        data.update(self.construct_mapping(node))
        for key_node, value_node in node.value:
            key = self.construct_object(key_node)
            start, value = key_node.start_mark, value_node.start_mark
            data.lc.add_kv_line_col(key, [start.line, start.column, value.line, value.column])

    def construct_yaml_seq(self, node: Any) -> Iterator[CommentedSeq]:
        data = CommentedSeq()
        yield data
        data.extend(self.construct_sequence(node))
        for index, item in enumerate(node.value):
            data.lc.add_kv_line_col(index, [item.start_mark.line, item.start_mark.column])

    def construct_undefined(self, node: Any) -> Any:
        raise ConstructorError(None, None, f"unknown tag {node.tag}", node.start_mark)


_FastLined.add_constructor("tag:yaml.org,2002:map", _FastLined.construct_yaml_map)
_FastLined.add_constructor("tag:yaml.org,2002:seq", _FastLined.construct_yaml_seq)
_FastLined.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
_FastLined.add_constructor(None, _FastLined.construct_undefined)


_EXOTIC_BREAKS = frozenset("\r\x85\u2028\u2029")


#: YAML 1.2's rules for a plain scalar's type, by its first character (what VersionedResolver
#: looks up at every scalar, computed once).
_RULES = VersionedResolver(version=(1, 2)).versioned_resolver
_ANY_FIRST = _RULES.get(None, [])


class _FastLoader(CParser, _FastLined, VersionedResolver):  # type: ignore[misc]
    """LibYAML's parser and composer, the safe constructor keeping lines: what ruamel.yaml's
    YAML(typ="safe").load puts together at every call, made once. Plain scalars are typed by
    YAML 1.2's rules looked up once (the text holds no %YAML directive: see `_fast_load`)."""

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        self._parser = self._composer = self
        _FastLined.__init__(self, loader=self)
        self.allow_duplicate_keys = False
        VersionedResolver.__init__(self, version=None, loadumper=self)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            for tag, pattern in _RULES.get(value[:1] if value else "", []) + _ANY_FIRST:
                if pattern.match(value):
                    return Tag(suffix=tag)
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


def _fast_load(text: str) -> Any:
    """The safe constructor's reading of `text`, or an exception for anything it does not read."""
    if text.startswith("%") or "\n%" in text:
        # A directive (`%YAML 1.1`) changes how plain scalars read, and LibYAML and the round-trip
        # reader disagree on it: the round-trip reader alone reads such a text.
        raise ValueError("a YAML directive")
    loader = _FastLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _yaml(constructor: type[RoundTripConstructor]) -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = constructor
    return yaml


class YamlSyntaxError(ValueError):
    """A YAML problem with the 0-based line inside the YAML text where it was found."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _describe(error: YAMLError) -> YamlSyntaxError:
    if isinstance(error, MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        if isinstance(error, ConstructorError) and "not allowed" in problem:
            return YamlSyntaxError(problem, mark.line if mark else 0)
        detail = f"YAML syntax error: {problem}"
        if error.context and error.problem and "found duplicate key" in error.problem:
            detail = f"YAML error: {error.problem}"
        return YamlSyntaxError(detail, mark.line if mark else 0)
    line = getattr(error, "line", None)
    if line is None:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line if mark is not None else 0
    text = str(error).splitlines()[0] if str(error) else "invalid YAML"
    return YamlSyntaxError(f"YAML error: {text}", line)


def load_with(yaml: YAML, text: str) -> Any:
    """`text` read by `yaml`, every failure a YamlSyntaxError with its line."""
    try:
        return yaml.load(text)
    except YAMLError as error:
        raise _describe(error) from None
    except RecursionError:
        raise YamlSyntaxError("YAML error: nesting is too deep", 0) from None


def load_untrusted(text: str) -> Any:
    """Front-matter: standard YAML only, unknown tags refused."""
    # LibYAML and ruamel's own reader count exotic line breaks differently; only the
    # careful reader sees those, so every line number comes from one rule.
    if _EXOTIC_BREAKS.isdisjoint(text.replace("\r\n", "\n")):
        try:
            return _fast_load(text)
        except Exception:  # noqa: BLE001 - whatever the fast path cannot read, the careful one explains
            pass
    return load_with(_yaml(_NoTags), text)


def load_untrusted_slowly(text: str) -> Any:
    """The round-trip reading `load_untrusted` must agree with (used by the tests)."""
    return load_with(_yaml(_NoTags), text)


def load_config(text: str) -> Any:
    """mkdocs.yml: unknown tags are kept as inert values instead of failing."""
    return load_with(_yaml(TimestampsAsText), text)
