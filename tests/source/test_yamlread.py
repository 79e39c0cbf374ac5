"""The fast front-matter reader agrees with the round-trip one on values and on lines."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from support.front_matter_strategies import documents

from site_builder.source.yamlread import YamlSyntaxError, load_untrusted, load_untrusted_slowly

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "incidents").glob("*.md"))


def front_matter(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n")[1]


def assert_same(fast: Any, slow: Any) -> None:
    """Equal values, and every key and item on the same line and column."""
    assert fast == slow
    if isinstance(slow, dict):
        for key in slow:
            assert fast.lc.key(key) == slow.lc.key(key), key
            assert_same(fast[key], slow[key])
    elif isinstance(slow, list):
        for index, item in enumerate(slow):
            assert fast.lc.item(index) == slow.lc.item(index), index
            assert_same(fast[index], item)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_examples_read_the_same_both_ways(path):
    assert_same(load_untrusted(front_matter(path)), load_untrusted_slowly(front_matter(path)))


@pytest.mark.parametrize("path", EXAMPLES[:3], ids=lambda p: p.name)
def test_windows_line_endings_read_the_same_both_ways(path):
    text = front_matter(path).replace("\n", "\r\n")
    assert_same(load_untrusted(text), load_untrusted_slowly(text))


@settings(max_examples=300)
@given(documents, st.sampled_from([None, True]), st.integers(min_value=2, max_value=4))
def test_random_documents_read_the_same_both_ways(document, flow, indent):
    stream = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    yaml.indent = indent
    yaml.dump(document, stream)
    text = stream.getvalue()
    try:
        slow = load_untrusted_slowly(text)
    except YamlSyntaxError:
        with pytest.raises(YamlSyntaxError):
            load_untrusted(text)
        return
    assert_same(load_untrusted(text), slow)


def test_a_yaml_directive_is_read_as_the_round_trip_reader_reads_it():
    text = "%YAML 1.1\n---\nanswer: yes\n"
    assert_same(load_untrusted(text), load_untrusted_slowly(text))
