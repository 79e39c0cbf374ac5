"""YAML reading with line numbers kept, for incident front-matter and mkdocs.yml.

Both loaders are ruamel.yaml round-trip loaders: they keep the line of every key and
list item, and they never build arbitrary Python objects. Timestamps stay text so that
`times.parse_time` alone decides how a time without a zone is read.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError


class _TimestampsAsText(RoundTripConstructor):
    """Tolerates unknown tags as inert values (mkdocs.yml has `!!python/name:` tags)."""


_TimestampsAsText.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


class _NoTags(_TimestampsAsText):
    """Refuses tags it does not know: an incident file is untrusted input."""

    def construct_undefined(self, node: Any) -> Any:
        tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
        raise ConstructorError(None, None, f"the YAML tag '{tag}' is not allowed here", node.start_mark)


_NoTags.add_constructor(None, _NoTags.construct_undefined)


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


def _load(yaml: YAML, text: str) -> Any:
    try:
        return yaml.load(text)
    except YAMLError as error:
        raise _describe(error) from None
    except RecursionError:
        raise YamlSyntaxError("YAML error: nesting is too deep", 0) from None


def load_untrusted(text: str) -> Any:
    """Front-matter: standard YAML only, unknown tags refused."""
    return _load(_yaml(_NoTags), text)


def load_config(text: str) -> Any:
    """mkdocs.yml: unknown tags are kept as inert values instead of failing."""
    return _load(_yaml(_TimestampsAsText), text)
