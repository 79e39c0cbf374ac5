"""Whatever bytes or YAML a pull request contains, the loader answers with problems, never a crash."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from site_builder.model import Component, SiteConfig
from site_builder.problems import BaliseError
from site_builder.project import parse_incident

CONFIG = SiteConfig(components=(Component("api", "API"), Component("web", "Website")))
PATH = Path("incidents/2026-11-20-fuzz.md")
KEYS = ["title", "impact", "kind", "components", "updates", "next_update", "scheduled_for", "scheduled_until",
        "at", "status", "message", "api", "web"]  # fmt: skip
WORDS = ["major", "investigating", "9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00", "resolved", "maintenance", "partial_outage", "2026-11-20T14:05:00Z",
         "2026-11-20 14:05", "2026-11-20", "api", "", "~", "yes"]  # fmt: skip

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20), st.sampled_from(WORDS)
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=5),
    ),
    max_leaves=25,
)
documents = st.dictionaries(st.sampled_from(KEYS), values, max_size=8)


def assert_only_located_problems(data: bytes) -> None:
    try:
        parse_incident(PATH, data, CONFIG)
    except BaliseError as error:
        for problem in error.problems:
            assert problem.path.endswith("2026-11-20-fuzz.md")
            assert problem.line >= 1
            assert problem.message


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_give_located_problems_only(data):
    assert_only_located_problems(data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_bytes_inside_front_matter_give_located_problems_only(data):
    assert_only_located_problems(b"---\n" + data + b"\n---\nbody\n")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_random_yaml_documents_give_located_problems_only(document):
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(document, stream)
    assert_only_located_problems(f"---\n{stream.getvalue()}---\n".encode())


@settings(max_examples=100)
@given(st.text(alphabet="-:[]{}!&*#|>'\"%@`\n\t ab", max_size=120))
def test_yaml_punctuation_soup_gives_located_problems_only(text):
    assert_only_located_problems(f"---\n{text}\n---\n".encode())
