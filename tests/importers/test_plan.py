"""Another page's data made into Balise's files when that data is hostile: names and ids that
need quoting or that slugify to nothing, line breaks where a comment line is written, markup
in bodies, and a mkdocs.yml that changes, cannot be read, or keeps its catalog elsewhere.

Whatever the source holds, what is written passes `balise check`, lands in `incidents/`, and
what is printed is inert on a terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support.imported_project import TeamProject

from site_builder.importers import plan
from site_builder.importers.source import SourceComponent, SourceData
from site_builder.source.config import read_config


@pytest.fixture
def team(tmp_path) -> TeamProject:
    return TeamProject.init(tmp_path / "status")


def incident(key: str, name: str, body: str = "We are looking into it.", **extra: Any) -> dict[str, Any]:
    return {
        "id": key,
        "name": name,
        "status": "resolved",
        "impact": "minor",
        "incident_updates": [
            {"status": "investigating", "body": body, "display_at": "2024-03-01T10:00:00Z"},
            {"status": "resolved", "body": "Fixed.", "display_at": "2024-03-01T11:00:00Z"},
        ],
        **extra,
    }


def saved(tmp_path: Path, document: dict[str, Any]) -> str:
    path = tmp_path / "saved.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("name", ["Yes", "No", "On", "Off", "Null", "True", "123", "0x1F", "1e3", "~"])
def test_a_component_named_like_a_yaml_word_keeps_an_id_that_reads_as_text(team, tmp_path, name):
    document = {"components": [{"id": "c1", "name": name, "status": "operational"}]}
    result = team.balise("import", "statuspage", saved(tmp_path, document))
    assert result.exit_code == 0, result.output
    check = team.balise("check")
    assert check.exit_code == 0, check.output
    assert all(isinstance(ident, str) for ident in read_config(team.config).component_ids)


def test_titles_that_are_paths_or_nothing_become_files_inside_incidents(team, tmp_path):
    titles = ["../../../../tmp/escaped", "/etc/passwd", "README", "index", "", "...", "\x00\x01", "😀" * 5, "a" * 280]
    document = {"incidents": [incident(f"id{index}", title) for index, title in enumerate(titles)]}
    result = team.balise("import", "statuspage", saved(tmp_path, document))
    assert result.exit_code == 0, result.output
    written = sorted(team.incidents.rglob("*.md"))
    assert len(written) == len(titles) + 1  # and the folder's README
    assert all(path.parent == team.incidents for path in written)
    assert all(path.name == "README.md" or path.name.startswith("2024-03-01-") for path in written)
    assert team.balise("check").exit_code == 0


def test_an_id_or_a_link_ending_in_a_line_break_cannot_break_the_front_matter(team, tmp_path):
    document = {"incidents": [incident("abc123\n", "Slow API", shortlink="https://stspg.io/abc\n")]}
    result = team.balise("import", "statuspage", saved(tmp_path, document))
    assert result.exit_code == 0, result.output
    (text,) = team.files().values()
    assert text.startswith(b"---\n# Imported from Statuspage incident abc123\ntitle: Slow API\n")
    assert team.balise("check").exit_code == 0


def test_markup_in_a_body_is_imported_as_text_and_never_runs_on_the_page(team, tmp_path):
    body = '<script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3))'
    result = team.balise("import", "statuspage", saved(tmp_path, {"incidents": [incident("k1", "Markup", body)]}))
    assert result.exit_code == 0, result.output
    site = team.build("2024-03-02T00:00:00Z")
    (page,) = (site / "incidents").glob("*/index.html")
    html = page.read_text(encoding="utf-8")
    assert "alert(1)</script>" not in html and "onerror" not in html and "javascript:" not in html


def test_names_and_ids_from_the_source_reach_the_terminal_spelled_out(team, tmp_path):
    document = {"incidents": [incident("k\x1b]0;pwned\x07", "\x1b[2J" + "x" * 400)]}
    result = team.balise("import", "statuspage", saved(tmp_path, document))
    assert result.exit_code == 1  # a title past 300 characters is not imported
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "not imported: Statuspage k\\x1b]0;pwned\\x07 '\\x1b[2J" in result.stderr


def test_a_config_that_is_not_utf8_is_one_line(team, tmp_path):
    team.config.write_bytes(team.config.read_bytes() + b"# caf\xe9\n")
    result = team.balise("import", "statuspage", saved(tmp_path, {"components": [{"id": "c", "name": "Billing"}]}))
    assert result.exit_code == 1
    assert "mkdocs.yml:1: config file is not valid UTF-8" in result.stderr and "Traceback" not in result.output


def test_a_catalog_kept_in_an_inherited_file_is_reported_not_crashed_on(team, tmp_path):
    (team.root / "base.yml").write_bytes(team.config.read_bytes())
    team.config.write_text("INHERIT: base.yml\nsite_name: Child Status\n", encoding="utf-8")
    result = team.balise("import", "statuspage", saved(tmp_path, {"components": [{"id": "c", "name": "Billing"}]}))
    assert result.exit_code == 1
    assert "mkdocs.yml:1: cannot add the new components: this mkdocs.yml has no 'balise' plugin block" in result.stderr


def test_a_catalog_edit_saved_meanwhile_is_never_lost(team):
    data = SourceData(components=[SourceComponent("c1", "Billing")])
    planned = plan.make_plan(data, team.config, team.incidents)
    edited = team.config.read_bytes() + b"# edited by someone else meanwhile\n"
    team.config.write_bytes(edited)
    with pytest.raises(plan.ConfigChanged):
        plan.apply(planned)
    assert team.config.read_bytes() == edited


def test_an_update_whose_time_cannot_be_read_is_left_out_and_said(team, tmp_path):
    document = {"incidents": [incident("k1", "Odd times")]}
    document["incidents"][0]["incident_updates"].insert(
        1, {"status": "identified", "body": "Found.", "display_at": "0001-01-01T00:00:00Z"}
    )
    document["incidents"][0]["incident_updates"].insert(1, {"status": "monitoring", "display_at": "2024-13-45T00:00:00Z"})
    result = team.balise("import", "statuspage", saved(tmp_path, document))
    assert result.exit_code == 0, result.output
    assert "note: Statuspage k1: 2 update(s) without a readable time or status left out" in result.stderr
    assert team.balise("check").exit_code == 0
