"""Whatever bytes or YAML a pull request contains, the loader answers with problems, never a crash."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from support.front_matter_strategies import documents

from site_builder.model import Component, SiteConfig
from site_builder.source.problems import BaliseError
from site_builder.source.project import parse_incident

CONFIG = SiteConfig(components=(Component("api", "API"), Component("web", "Website")))
PATH = Path("incidents/2026-11-20-fuzz.md")


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
