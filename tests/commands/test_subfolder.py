"""Every command finds its project from any sub-folder, looking upward for mkdocs.yml as git does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from support.author_project import CONFIG, OPEN, OPEN_NAME, iso
from support.author_project import NOW as AUTHOR_NOW

from site_builder.cli import main


@pytest.fixture
def deep(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with one open incident; the current folder is two levels below its root."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = tmp_path / "status-page"
    (root / "incidents").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "incidents" / OPEN_NAME).write_text(OPEN, encoding="utf-8")
    below = root / "docs" / "notes"
    below.mkdir(parents=True)
    monkeypatch.chdir(below)
    return root


def balise(*args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--now", iso(AUTHOR_NOW)], catch_exceptions=False)


def test_check_from_a_sub_folder_checks_the_project(deep):
    result = balise("check")
    assert result.exit_code == 0, result.stderr
    assert "1 file" in result.stderr and "0 errors" in result.stderr


def test_check_from_a_sub_folder_reports_problems_in_the_project(deep):
    (deep / "incidents" / "2026-11-20-broken.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = balise("check")
    assert result.exit_code == 1
    assert "2026-11-20-broken.md:1:" in result.stdout


def test_build_from_a_sub_folder_writes_the_site_beside_the_config(deep):
    result = balise("build")
    assert result.exit_code == 0, result.output
    assert (deep / "site" / "index.html").is_file()
    assert (deep / "site" / "api" / "v2" / "summary.json").is_file()
    assert not (Path.cwd() / "site").exists()


def test_new_from_a_sub_folder_writes_into_the_projects_incidents(deep):
    result = balise("new", "Slow dashboard", "-c", "web=degraded_performance", "--impact", "minor", "-m", "Looking.")
    assert result.exit_code == 0, result.stderr
    assert (deep / "incidents" / "2026-11-20-slow-dashboard.md").is_file()
    assert list(Path.cwd().iterdir()) == []


def test_update_and_resolve_from_a_sub_folder_find_the_incident_by_part_of_its_name(deep):
    updated = balise("update", "errors", "-s", "identified", "-m", "Found it.")
    assert updated.exit_code == 0, updated.stderr
    resolved = balise("resolve", "api-errors", "-m", "Fixed.")
    assert resolved.exit_code == 0, resolved.stderr
    text = (deep / "incidents" / OPEN_NAME).read_text(encoding="utf-8")
    assert "status: identified" in text and "status: resolved" in text


def test_schema_from_a_sub_folder_reads_the_projects_components(deep):
    result = CliRunner().invoke(main, ["schema"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert {"enum": ["api", "web", "db"]} in list(_walk(json.loads(result.stdout)))


def _walk(value):
    yield value
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for child in children:
        yield from _walk(child)


def test_outside_any_project_a_command_says_how_to_start_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = balise("check")
    assert result.exit_code == 2
    assert "no mkdocs.yml in this folder or any folder above it; run 'balise init'" in result.stderr
