"""Adding to the catalog in mkdocs.yml: new entries at the end, every other line as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.authoring.catalog import add_to_catalog
from site_builder.model import Component, ComponentGroup
from site_builder.authoring.edit import EditError
from site_builder.source.config import read_config

REPO = Path(__file__).resolve().parents[2]


def added_lines(before: str, after: str) -> list[str]:
    """`after`'s lines that are not `before`'s, requiring `before`'s lines in order within `after`."""
    remaining = iter(after.splitlines())
    extra: list[str] = []
    for line in before.splitlines():
        for other in remaining:
            if other == line:
                break
            extra.append(other)
        else:
            raise AssertionError(f"line lost or changed: {line!r}")
    return extra + list(remaining)


def test_the_repositorys_config_keeps_every_line_tags_and_comments_included():
    before = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    after = add_to_catalog(before, [ComponentGroup("other", "Other")], [Component("db", "Database", group="other")])
    assert added_lines(before, after) == [
        "        - id: other",
        "          name: Other",
        "        - id: db",
        "          name: Database",
        "          group: other",
    ]


def test_a_new_group_goes_before_the_components_it_holds(tmp_path):
    text = "site_name: A\nplugins:\n  - balise:\n      components:\n        - id: api\n          name: API\n"
    after = add_to_catalog(text, [ComponentGroup("core", "Core")], [Component("db", "Database", group="core")])
    assert after.index("groups:") < after.index("components:")
    path = tmp_path / "mkdocs.yml"
    path.write_text(after, encoding="utf-8")
    config = read_config(path)
    assert [(c.id, c.group) for c in config.components] == [("api", None), ("db", "core")]


@pytest.mark.parametrize("name", ["Yes", "no", "null", "a: b", "3.5", "~", "#hash", "'quoted'"])
def test_names_yaml_would_misread_are_quoted(tmp_path, name):
    text = "site_name: A\nplugins:\n  - balise:\n      components:\n        - id: api\n          name: API\n"
    path = tmp_path / "mkdocs.yml"
    path.write_text(add_to_catalog(text, [], [Component("x", name, description=name)]), encoding="utf-8")
    (component,) = [c for c in read_config(path).components if c.id == "x"]
    assert (component.name, component.description) == (name, name)


def test_a_config_without_a_balise_block_is_refused():
    with pytest.raises(EditError, match="no 'balise' plugin block"):
        add_to_catalog("site_name: A\nplugins:\n  - search\n", [], [Component("x", "X")])


def test_a_config_past_the_readers_limits_is_refused_before_it_is_edited():
    # The round-trip editor recursed into 30,000 levels of nesting; Balise's reader refuses them first.
    text = "site_name: A\nextra: " + "[" * 30_000 + "]" * 30_000 + "\nplugins:\n  - balise:\n      components: []\n"
    with pytest.raises(EditError, match=r"mkdocs.yml line 2: the YAML nests lists and mappings more than 64 levels deep"):
        add_to_catalog(text, [], [Component("x", "X")])
