"""`balise check`: exit codes, output formats, --strict and --now."""

from __future__ import annotations

import json

from click.testing import CliRunner
from support.checked_project import VALID, project  # noqa: F401

from site_builder.cli import main

OPEN = VALID.replace(
    "  - at: 2026-11-20T14:40:00Z\n    status: resolved\n    message: Fixed.\n", ""
).replace("impact: major", "impact: major\nnext_update: 2026-11-20T15:00:00Z")
BROKEN = VALID.replace("impact: major", "impact: majr")


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, ["check", *args], env={"GITHUB_ACTIONS": "", **(env or {})})


def test_a_clean_folder_exits_zero_and_says_so(project):
    project.write("2026-11-20-api-errors.md", VALID)
    result = run("--now", "2026-11-20T16:00:00Z")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "balise check: 0 errors, 0 warnings in 1 file\n"


def test_an_error_exits_one_with_one_line_per_problem(project):
    project.write("2026-11-20-api-errors.md", BROKEN)
    project.write("2026-11-21-empty.md", b"")
    result = run("--now", "2026-11-21T16:00:00Z")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "incidents/2026-11-20-api-errors.md:3: unknown impact 'majr' (expected none, minor, major, critical); "
        "did you mean 'major'?",
        "incidents/2026-11-21-empty.md:1: empty file: an incident file starts with '---' front-matter",
    ]
    assert "Traceback" not in result.output


def test_warnings_alone_exit_zero(project):
    project.write("2026-11-20-api-errors.md", OPEN)
    result = run("--now", "2026-11-20T15:10:00Z")
    assert result.exit_code == 0
    assert result.stdout.startswith("incidents/2026-11-20-api-errors.md:4: warning: the next update was promised")


def test_strict_makes_warnings_errors(project):
    project.write("2026-11-20-api-errors.md", OPEN)
    result = run("--strict", "--now", "2026-11-20T15:10:00Z")
    assert result.exit_code == 1
    assert result.stdout.startswith("incidents/2026-11-20-api-errors.md:4: the next update was promised")


def test_now_sets_the_clock_for_time_warnings(project):
    project.write("2026-11-20-api-errors.md", OPEN)
    assert run("--now", "2026-11-20T14:50:00Z").stdout == ""


def test_source_date_epoch_sets_the_clock_when_now_is_absent(project):
    project.write("2026-11-20-api-errors.md", OPEN)
    epoch = "1795188000"  # 2026-11-20T15:20:00Z
    assert "20m ago" in run(env={"SOURCE_DATE_EPOCH": epoch}).stdout


def test_github_format_prints_workflow_annotations(project):
    project.write("2026-11-20-api-errors.md", BROKEN)
    result = run("--format", "github", "--now", "2026-11-20T16:00:00Z")
    assert result.stdout == (
        "::error file=incidents/2026-11-20-api-errors.md,line=3,title=balise check::unknown impact 'majr' "
        "(expected none, minor, major, critical); did you mean 'major'?\n"
    )


def test_github_format_is_the_default_under_github_actions(project):
    project.write("2026-11-20-api-errors.md", OPEN)
    result = run("--now", "2026-11-20T15:10:00Z", env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::warning file=incidents/2026-11-20-api-errors.md,line=4,")


def test_json_format_lists_problems_for_tools(project):
    project.write("2026-11-20-api-errors.md", BROKEN)
    document = json.loads(run("--format", "json", "--now", "2026-11-20T16:00:00Z").stdout)
    assert document["errors"] == 1 and document["files"] == 1
    assert document["problems"][0] == {
        "path": "incidents/2026-11-20-api-errors.md",
        "line": 3,
        "severity": "error",
        "message": "unknown impact 'majr' (expected none, minor, major, critical); did you mean 'major'?",
    }


def test_a_missing_incidents_folder_is_a_usage_error(project):
    assert run("nowhere").exit_code == 2


def test_a_missing_config_is_a_usage_error(project):
    project.config_path.unlink()
    result = run()
    assert result.exit_code == 2
    assert "no mkdocs.yml in this folder or any folder above it; run 'balise init'" in result.stderr


def test_a_config_given_but_missing_is_a_usage_error(project):
    result = run("--config", "elsewhere.yml")
    assert result.exit_code == 2
    assert "config file 'elsewhere.yml' not found" in result.stderr


def test_an_unreadable_now_is_a_usage_error(project):
    assert run("--now", "yesterday").exit_code == 2


def test_config_problems_are_reported_with_their_line(project):
    project.config_path.write_text(project.config_path.read_text().replace("group: core", "group: cor", 1))
    result = run()
    assert result.exit_code == 1
    assert result.stdout.startswith("mkdocs.yml:17: unknown group 'cor'")


def test_the_incidents_folder_can_be_given_with_the_config_beside_it(project, tmp_path, monkeypatch):
    project.write("2026-11-20-api-errors.md", BROKEN)
    monkeypatch.chdir("/")
    result = run(str(project.incidents), "--now", "2026-11-20T16:00:00Z")
    assert result.exit_code == 1
    assert "2026-11-20-api-errors.md:3: unknown impact 'majr'" in result.stdout


def test_version_is_printed():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("balise, version ")
