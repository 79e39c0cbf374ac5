"""Every time from year 1 to 9999, and every `--now`, either works or gives one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.hostile import balise
from support.site_project import Project, outage, page

FILE = "incidents/2026-11-20-x.md"


def paris_project(tmp_path: Path) -> Project:
    project = Project(tmp_path / "project", timezone="Europe/Paris", site_url="https://status.example.test/")
    project.write_config()
    return project


def maintenance(start: str, end: str) -> str:
    return (
        "---\nkind: maintenance\ntitle: Far away\n"
        f"scheduled_for: {start}\nscheduled_until: {end}\ncomponents: [api]\n"
        "updates:\n  - at: 2026-11-20T09:00:00Z\n    status: scheduled\n    message: Planned.\n---\n"
    )


def run(project: Project, *args: str, env: dict[str, str] | None = None):
    return balise(*args, cwd=project.root, env=env)


def build(project: Project, tmp_path: Path, *args: str, env: dict[str, str] | None = None):
    return run(project, "build", "--site-dir", str(tmp_path / "site"), *args, env=env)


def test_a_time_past_the_last_day_is_refused_at_its_line(tmp_path):
    project = paris_project(tmp_path)
    project.incident("2026-11-20-x.md", outage("9999-12-31T23:59:59Z", None, "major_outage"))
    result = run(project, "check", "--now", "2026-11-22T12:00:00Z")
    assert (result.returncode, result.crashed) == (1, False), result.stderr
    assert result.stdout == (
        f"{FILE}:7: 'at' in update 1: time '9999-12-31T23:59:59Z' is out of range; "
        "Balise reads times from 0001-01-02 to 9999-12-30 UTC\n"
    )


def test_incidents_at_both_ends_of_the_calendar_are_checked_and_built(tmp_path):
    project = paris_project(tmp_path)
    project.incident("0001-01-02-first.md", outage("0001-01-02T00:00:00Z", "0001-01-02T01:00:00Z", "major_outage"))
    project.incident("9999-12-30-last.md", outage("9999-12-30T22:00:00Z", "9999-12-30T23:59:59Z", "major_outage"))
    open_one = outage("2026-11-20T10:00:00Z", None, "partial_outage", title="Promised for later")
    project.incident("2026-11-20-promise.md", open_one.replace("impact: major\n", "impact: major\nnext_update: 9999-12-30T23:59:59Z\n"))
    project.incident("2026-11-21-window.md", maintenance("9999-12-30T20:00:00Z", "9999-12-30T23:59:59Z"))
    checked = run(project, "check", "--now", "2026-11-22T12:00:00Z")
    assert (checked.returncode, checked.crashed) == (0, False), checked.stdout + checked.stderr
    built = build(project, tmp_path, "--now", "2026-11-22T12:00:00Z")
    assert (built.returncode, built.crashed) == (0, False), built.stderr
    assert "Promised for later" in page(tmp_path / "site", "")
    assert (tmp_path / "site" / "history" / "1" / "index.html").is_file()


@pytest.mark.parametrize("now", ["0001-01-02T00:00:00Z", "1969-07-20T20:17:00Z", "2106-02-08T00:00:00Z", "9999-12-30T23:59:59Z"])
def test_check_works_as_of_any_moment_in_the_range(tmp_path, now):
    project = paris_project(tmp_path)
    project.incident("2026-11-20-x.md", outage("2026-11-20T10:00:00Z", None, "major_outage"))
    result = run(project, "check", "--now", now)
    assert (result.returncode, result.crashed) == (0, False), result.stderr


@pytest.mark.parametrize("now", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"])
def test_a_now_past_either_end_is_one_usage_error(tmp_path, now):
    project = paris_project(tmp_path)
    for command in ("check", "build"):
        result = run(project, command, "--now", now)
        assert (result.returncode, result.crashed) == (2, False), result.stderr
        assert result.stderr.splitlines()[-1] == (
            f"Error: Invalid value for '--now': time '{now}' is out of range; "
            "Balise reads times from 0001-01-02 to 9999-12-30 UTC"
        )


@pytest.mark.parametrize("now", ["1969-12-31T23:59:59Z", "2106-02-07T06:28:16Z", "0001-01-02T00:00:00Z"])
def test_a_build_as_of_a_moment_mkdocs_cannot_stamp_is_refused_in_one_line(tmp_path, now):
    project = paris_project(tmp_path)
    result = build(project, tmp_path, "--now", now)
    assert (result.returncode, result.crashed) == (1, False), result.stderr
    assert f"balise: cannot build as of {now}: a site can be built as of 1970-01-01T00:00:00Z to " in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("epoch", ["-1", "99999999999999"])
def test_a_source_date_epoch_out_of_range_is_one_clear_line(tmp_path, epoch):
    project = paris_project(tmp_path)
    for command in ("check", "build"):
        result = run(project, command, env={"SOURCE_DATE_EPOCH": epoch})
        assert result.returncode in (1, 2) and not result.crashed, result.stderr
        assert f"SOURCE_DATE_EPOCH must be between 0 and 253402214399 seconds, not '{epoch}'" in result.stderr


def test_a_build_at_the_last_moment_mkdocs_can_stamp_works(tmp_path):
    project = paris_project(tmp_path)
    project.incident("2026-11-20-x.md", outage("2106-02-07T05:00:00Z", None, "major_outage"))
    result = build(project, tmp_path, env={"SOURCE_DATE_EPOCH": "4294967295"})
    assert (result.returncode, result.crashed) == (0, False), result.stderr


def test_a_zone_less_time_the_clocks_skipped_is_refused_at_its_line(tmp_path):
    project = paris_project(tmp_path)
    project.incident("2026-11-20-x.md", outage("2026-03-29 02:30", None, "major_outage"))
    result = run(project, "check", "--now", "2026-11-22T12:00:00Z")
    assert (result.returncode, result.crashed) == (1, False), result.stderr
    assert result.stdout.startswith(f"{FILE}:7: 'at' in update 1: '2026-03-29 02:30' never happened in Europe/Paris")
