"""The direct reading of simple front-matter gives exactly what the YAML reader gives.

A differential property test: on generated front-matter, hostile lines included, the direct
reading either declines (NOT_SIMPLE) or returns the reader's values, of the same types, with
the same line and column for every key, value and item; where the reader refuses a text, it
declines. Texts of the common shape take it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from site_builder.source import yamlread
from site_builder.source.limits import YAML, YamlLimits
from site_builder.source.yamlread import YamlSyntaxError, load_untrusted, plain_typed
from site_builder.source.yamlsimple import NOT_SIMPLE, read_simple

REPO = Path(__file__).resolve().parents[2]


def by_the_reader(text: str, limits: YamlLimits = YAML) -> Any:
    """The YAML reader's own way, without the direct reading."""
    root = yamlread.compose(text, limits)
    return None if root is None else yamlread._Builder(text, yamlread.YAML_1_2, {}, yamlread._refuse_tag).build(root)


def shape(value: Any) -> Any:
    """A value with its types and every line and column the reader records."""
    if isinstance(value, CommentedMap):
        return ("map", [(shape(k), shape(v), value.lc.data.get(k)) for k, v in value.items()])
    if isinstance(value, CommentedSeq):
        return ("seq", [(shape(v), value.lc.data.get(i)) for i, v in enumerate(value)])
    return (type(value).__name__, value)


def agrees(text: str, limits: YamlLimits = YAML) -> Any:
    """Asserts the direct reading declines or agrees with the reader; returns what it gave."""
    fast = read_simple(text, limits, plain_typed)
    try:
        slow = by_the_reader(text, limits)
    except YamlSyntaxError:
        assert fast is NOT_SIMPLE, f"read {text!r}, which the reader refuses"
        return fast
    if fast is not NOT_SIMPLE:
        assert shape(fast) == shape(slow)
    return fast


KEYS = st.sampled_from(
    ["title", "impact", "at", "status", "message", "svc-0", "a.b", "x_1", "true", "True", "1", "0x1f", "null", "~",
     "yes", "on", "2026-11-22", "k k", "k:", "#k", "-k", "?k", "'q'", '"q"', "&a k", "*a", "!k", "é", "<<", "="]
)  # fmt: skip
SCALARS = st.sampled_from(
    ["We are investigating.", "resolved", "svc-0", "2026-11-22T10:40:00Z", "2026-11-22 10:40", "12", "-1", "+1",
     "0x1f", "0o17", "1_000", "1e3", ".inf", "-.inf", ".nan", "3.5", "true", "False", "TRUE", "yes", "No", "null",
     "Null", "~", "", "a: b", "a:b", "a :b", "ends:", "x #y", "x#y", "# c", "'quoted'", "'it''s'", "'a' b'", "'",
     '"double"', '"with \\" escape"', '"a" b', '"', "[a, b]", "{a: 1}", "&anchor v", "*anchor", "!!str 5", "! x",
     "!!int x", "%x", "@x", "`x`", "|", "|-", "|+", "|2", ">", "- item", "-", "?", ": x", "é ü 日本", "a\tb",
     "a\u0085b", "a\u2028b", "\ufeffa", "a\x7fb", "a\u202eb", "trailing   ", "x | y", "a, b", "a > b", "q'uote", 'q"uote']
)  # fmt: skip
INDENTS = st.sampled_from([0, 0, 2, 2, 4, 4, 6, 1, 3, 8])
BLOCK_LINES = st.lists(
    st.sampled_from(["text", "  more text", "", "   ", "# not a comment", "key: not a key", "- not an item", "\tTab",
                     "trailing  ", "---", "..."]),
    max_size=4,
)  # fmt: skip


@st.composite
def hostile_lines(draw: st.DrawFn) -> str:
    """Lines of keys, items, values, texts, comments and blanks at random indents."""
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        indent = " " * draw(INDENTS)
        kind = draw(st.sampled_from(["key", "key", "key value", "key value", "item", "item key", "comment", "blank", "text"]))
        if kind == "key":
            lines.append(f"{indent}{draw(KEYS)}:{draw(st.sampled_from(['', ' ', '   # note', '  ']))}")
        elif kind == "key value":
            value = draw(SCALARS)
            lines.append(f"{indent}{draw(KEYS)}:{draw(st.sampled_from([' ', '  ']))}{value}{draw(st.sampled_from(['', ' # note', '  ']))}")
            if value.startswith(("|", ">")):
                block_indent = " " * draw(st.integers(0, 10))
                lines.extend(f"{block_indent}{line}" if line else "" for line in draw(BLOCK_LINES))
        elif kind == "item":
            lines.append(f"{indent}{draw(st.sampled_from(['- ', '-  ', '-']))}{draw(SCALARS)}")
        elif kind == "item key":
            lines.append(f"{indent}- {draw(KEYS)}: {draw(SCALARS)}")
        elif kind == "comment":
            lines.append(f"{indent}# a comment: with - things")
        elif kind == "blank":
            lines.append(indent)
        else:
            lines.append(f"{indent}{draw(SCALARS)}")
    return "\n".join(lines) + draw(st.sampled_from(["\n", "\n", ""]))


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz éàü日本-,.;()/", min_size=1, max_size=30).filter(
    lambda s: s[0] not in " -" and s[-1] != " "
)
KEY_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_-", min_size=1, max_size=12).filter(lambda s: s[0] != "-")


@st.composite
def values(draw: st.DrawFn, depth: int = 0) -> Any:
    kinds = ["text", "text", "number", "moment", "lines"] + (["map", "list"] if depth < 4 else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "text":
        return draw(WORDS)
    if kind == "number":
        return draw(st.sampled_from(["1", "42", "3.5", "true", "false", "null", "0x10"]))
    if kind == "moment":
        return draw(st.sampled_from(["2026-11-22T10:40:00Z", "2026-11-22 10:40", "2026-11-22T10:40:00+01:00"]))
    if kind == "lines":
        return ("|", draw(st.lists(st.sampled_from(["Some text.", "", "  indented", "key: value # not a comment"]), min_size=1, max_size=5)))
    if kind == "map":
        keys = draw(st.lists(KEY_WORDS, min_size=1, max_size=4, unique=True))
        return {key: draw(values(depth + 1)) for key in keys}
    return [draw(values(depth + 1)) for _ in range(draw(st.integers(1, 3)))]


def written(draw: st.DrawFn, value: Any, indent: int, step: int, out: list[str], lead: str) -> None:
    """`value` in block style after `lead` (a `key:` or `- ` already on the line)."""
    if isinstance(value, dict):
        if lead.endswith("- "):  # the first key on the item's line
            column = len(lead)
            first = True
            for key, item in value.items():
                prefix = lead if first else " " * column
                first = False
                written(draw, item, column, step, out, f"{prefix}{key}:")
            return
        out.append(lead)
        for key, item in value.items():
            written(draw, item, indent + step, step, out, f"{' ' * (indent + step)}{key}:")
        return
    if isinstance(value, list):
        out.append(lead)
        column = indent + (0 if lead.rstrip().endswith(":") and draw(st.booleans()) else step)
        for item in value:
            written(draw, item, column, step, out, f"{' ' * column}- ")
        return
    if isinstance(value, tuple):
        out.append(f"{lead}{'' if lead.endswith(' ') else ' '}|")
        content = " " * (indent + step + draw(st.integers(0, 2)))
        out.extend(f"{content}{line}" if line else "" for line in value[1])
        return
    text = value
    quote = draw(st.sampled_from(["", "", "'", '"']))
    if quote == "'":
        text = "'" + text.replace("'", "''") + "'"
    elif quote == '"':
        text = '"' + text + '"'
    comment = draw(st.sampled_from(["", "", "  # a note"])) if not quote else ""
    out.append(f"{lead}{'' if lead.endswith(' ') else ' '}{text}{comment}")


@st.composite
def simple_front_matter(draw: st.DrawFn) -> str:
    step = draw(st.sampled_from([2, 2, 3, 4]))
    keys = draw(st.lists(KEY_WORDS, min_size=1, max_size=5, unique=True))
    out: list[str] = []
    for key in keys:
        written(draw, draw(values()), 0, step, out, f"{key}:")
        if draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(["", "# a comment", "   "])))
    return "\n".join(out) + "\n"


@st.composite
def mutated_front_matter(draw: st.DrawFn) -> str:
    """Well-formed front-matter with a few lines changed: a value, an indent, a line put in or cut."""
    lines = draw(simple_front_matter()).split("\n")[:-1]
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        change = draw(st.sampled_from(["value", "value", "indent", "insert", "cut", "comment"]))
        if change == "value" and ":" in line:
            lines[at] = line[: line.index(":") + 1] + draw(st.sampled_from([" ", "  ", ""])) + draw(SCALARS)
        elif change == "indent":
            lines[at] = " " * draw(st.integers(0, 3)) + line if draw(st.booleans()) else line[draw(st.integers(1, 3)) :]
        elif change == "insert":
            lines.insert(at, draw(hostile_lines()).rstrip("\n").split("\n")[0])
        elif change == "cut" and len(lines) > 1:
            del lines[at]
        elif change == "comment":
            lines[at] = line + draw(st.sampled_from([" # c", "# c", "  #", " #: x"]))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "\n", ""]))


@settings(max_examples=3000, deadline=None)
@given(mutated_front_matter())
def test_the_direct_reading_declines_or_agrees_with_the_reader_on_changed_front_matter(text):
    agrees(text)


@settings(max_examples=3000, deadline=None)
@given(hostile_lines())
def test_the_direct_reading_declines_or_agrees_with_the_reader_on_hostile_lines(text):
    agrees(text)


@settings(max_examples=1500, deadline=None)
@given(simple_front_matter())
def test_the_direct_reading_declines_or_agrees_with_the_reader_on_well_formed_front_matter(text):
    agrees(text)


@settings(max_examples=300, deadline=None)
@given(simple_front_matter(), st.integers(0, 6), st.integers(0, 400))
def test_the_direct_reading_keeps_the_readers_limits(text, depth, expanded):
    agrees(text, YamlLimits(depth=depth, aliases=100, expanded=expanded))


TYPICAL = """\
title: Card payments failing for some customers
impact: major
components:
  payments-api: partial_outage
  checkout: degraded_performance   # the widget
next_update: 2026-11-22T12:30:00Z  # a promise
updates:
  - at: 2026-11-22T10:40:00Z
    status: investigating
    message: We are investigating reports of errors.
  - at: 2026-11-22T11:05:00Z
    status: identified
    components:
      payments-api: major_outage
    message: |
      We found the cause: a certificate expired.

      Next update in thirty minutes.
  - at: '2026-11-22T12:00:00Z'
    status: "resolved"
    message: It's fixed.
"""


def test_front_matter_of_the_common_shape_is_read_directly_and_as_the_reader_reads_it():
    fast = agrees(TYPICAL)
    assert fast is not NOT_SIMPLE
    assert fast["updates"][1]["message"] == "We found the cause: a certificate expired.\n\nNext update in thirty minutes.\n"
    assert fast.lc.data["components"] == [2, 0, 3, 2]


def test_the_example_incidents_read_the_same_either_way():
    for path in sorted((REPO / "incidents").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        agrees("\n".join(lines[1 : lines.index("---", 1)]) + "\n")


@pytest.mark.parametrize(
    "text",
    [
        "title: a\ntitle: b\n",  # a duplicate key: the reader's message
        "title: a\n  more\n",  # a value going on in the next line
        "title: [a, b]\n",
        "title: &t a\nother: *t\n",
        "title: \"a \\u00e9\"\n",
        "title: a\tb\n",
        "title:\n",
        "list:\n- a\n-\n",
        "text: |\n\n  after a blank line\n",
    ],
)
def test_what_the_direct_reading_is_not_sure_of_goes_to_the_reader(text):
    assert read_simple(text, YAML, plain_typed) is NOT_SIMPLE
    try:
        expected = shape(by_the_reader(text))
    except YamlSyntaxError as error:
        with pytest.raises(YamlSyntaxError) as raised:
            load_untrusted(text)
        assert (raised.value.message, raised.value.line) == (error.message, error.line)
    else:
        assert shape(load_untrusted(text)) == expected
