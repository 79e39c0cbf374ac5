"""What `balise new` and `update` refuse or ask for, so that a command typed under stress never
waits for an editor nobody sees, duplicates an incident, or writes a date or a link readers
would be misled by."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
import pytest
from support.author_project import MAINTENANCE, MAINTENANCE_NAME, NOW, OPEN, OPEN_NAME, project  # noqa: F401

LATER = NOW + timedelta(minutes=35)


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr("site_builder.commands.authoring.on_a_terminal", lambda: True)


@pytest.fixture
def no_editor(monkeypatch):
    monkeypatch.setattr(click, "edit", lambda text, **options: pytest.fail("no editor may open"))


def start(project, title: str = "Elevated API errors", *extra: str, now: datetime = NOW):
    return project.run("new", title, "-c", "api=partial_outage", "--impact", "major", "-m", "Investigating.", *extra,
                       now=now)  # fmt: skip


# -- no terminal, no editor --------------------------------------------------------------


def test_new_without_a_message_and_without_a_terminal_says_pass_m(project, no_editor):
    result = project.run("new", "Elevated API errors", "-c", "api=partial_outage", "--impact", "major")
    assert result.exit_code == 2
    assert "no terminal to open an editor on: pass the message with -m" in result.stderr
    assert project.files() == []


def test_update_without_a_message_and_without_a_terminal_says_pass_m(project, no_editor):
    project.write(OPEN_NAME, OPEN)
    result = project.run("update", "api-errors", "-s", "identified", now=LATER)
    assert result.exit_code == 2
    assert "pass the message with -m" in result.stderr
    assert project.text(OPEN_NAME) == OPEN


def test_a_typo_is_still_reported_before_the_missing_message(project, no_editor):
    result = project.run("new", "Errors", "-c", "apii=partial_outage", "--impact", "major")
    assert result.exit_code == 1
    assert "unknown component 'apii'" in result.stderr


def test_in_a_real_process_without_a_terminal_the_editor_never_starts(project, tmp_path):
    marker = tmp_path / "editor-ran"
    editor = tmp_path / "editor"
    editor.write_text(f"#!/bin/sh\ntouch {marker}\nsleep 60\n", encoding="utf-8")
    editor.chmod(0o755)
    env = {**os.environ, "EDITOR": str(editor), "VISUAL": str(editor)}
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", "new", "API down", "-c", "api=major_outage", "--impact", "critical"],
        cwd=project.root, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "pass the message with -m" in result.stderr
    assert not marker.exists()
    assert project.files() == []


# -- when the impact began ---------------------------------------------------------------


def test_new_started_sets_started_at_apart_from_the_first_update(project):
    result = start(project, "Elevated API errors", "--started", "-20m")
    assert result.exit_code == 0, result.stderr
    incident = project.incident("2026-11-20-elevated-api-errors.md")
    assert incident.impact_started_at == NOW - timedelta(minutes=20)
    assert incident.updates[0].at == NOW
    assert "started_at: 2026-11-20T13:45:00Z\nupdates:\n" in project.text("2026-11-20-elevated-api-errors.md")
    project.assert_check_is_clean()


def test_new_names_the_file_after_the_day_the_impact_began(project):
    # 22:30 UTC on the 19th is the 19th in Paris too; the first update is posted on the 20th.
    result = start(project, "Elevated API errors", "--started", "2026-11-19T22:30:00Z")
    assert result.exit_code == 0, result.stderr
    assert project.files() == ["2026-11-19-elevated-api-errors.md"]


def test_new_started_after_the_first_update_is_refused_at_its_line(project):
    result = start(project, "Elevated API errors", "--started", "+10m")
    assert result.exit_code == 1
    assert "incidents/2026-11-20-elevated-api-errors.md:6: started_at (2026-11-20 14:15 UTC) is after the first update" in (
        result.stderr
    )
    assert project.files() == []


def test_update_started_sets_started_at_and_changes_no_other_line(project):
    project.write(OPEN_NAME, OPEN)
    soon = NOW + timedelta(minutes=10)  # before the promised update: next_update stays
    result = project.run("update", "api-errors", "-m", "Still investigating.", "--started", "2026-11-20T14:50", now=soon)
    assert result.exit_code == 0, result.stderr
    head, timeline = OPEN.removesuffix("---\n").split("updates:\n")
    assert project.text(OPEN_NAME).startswith(f"{head}started_at: 2026-11-20T13:50:00Z\nupdates:\n{timeline}")
    assert project.incident(OPEN_NAME).impact_started_at == datetime(2026, 11, 20, 13, 50, tzinfo=UTC)


def test_update_started_replaces_an_earlier_started_at(project):
    project.write(OPEN_NAME, OPEN.replace("updates:\n", "started_at: 2026-11-20T14:00:00Z\nupdates:\n"))
    result = project.run("update", "api-errors", "-m", "Earlier than we thought.", "--started", "-1h", now=LATER)
    assert result.exit_code == 0, result.stderr
    assert project.text(OPEN_NAME).count("started_at:") == 1
    assert project.incident(OPEN_NAME).impact_started_at == LATER - timedelta(hours=1)


@pytest.mark.parametrize(
    "args",
    [
        ["new", "--maintenance", "Upgrade", "-c", "db", "-m", "x", "--start", "1d", "--end", "2h", "--started", "-1h"],
        ["update", MAINTENANCE_NAME, "-m", "x", "--started", "-1h"],
    ],
    ids=["new", "update"],
)
def test_started_is_for_incidents_only(project, args):
    project.write(MAINTENANCE_NAME, MAINTENANCE)
    result = project.run(*args)
    assert result.exit_code == 2
    assert "--started is for an incident; a maintenance starts when its window opens (--start)" in result.stderr


def test_the_editor_template_asks_since_when_and_its_answer_sets_started_at(project, monkeypatch, terminal):
    shown = []

    def edit(text, **options):
        shown.append(text)
        return text.replace("Started: \n", "Started: -30m\nThe API fails for some customers.\n", 1)

    monkeypatch.setattr(click, "edit", edit)
    result = project.run("new", "Elevated API errors", "-c", "api=partial_outage", "--impact", "major")
    assert result.exit_code == 0, result.stderr
    assert shown[0].startswith("Started: \n")
    assert "since when customers are affected" in shown[0] and "(Europe/Paris)" in shown[0]
    incident = project.incident("2026-11-20-elevated-api-errors.md")
    assert incident.impact_started_at == NOW - timedelta(minutes=30)
    assert incident.updates[0].message == "The API fails for some customers."


def test_the_template_shows_started_when_given_and_an_empty_line_keeps_none(project, monkeypatch, terminal):
    shown = []

    def edit(text, **options):
        shown.append(text)
        return "Started:\nThe API fails.\n"

    monkeypatch.setattr(click, "edit", edit)
    result = project.run("new", "Errors", "-c", "api=partial_outage", "--impact", "major", "--started", "-5m")
    assert result.exit_code == 0, result.stderr
    assert shown[0].startswith("Started: 2026-11-20T14:00:00Z\n")
    assert project.incident("2026-11-20-errors.md").impact_started_at is None


def test_an_unreadable_started_line_reopens_the_editor_with_the_reason_and_the_message(project, monkeypatch, terminal):
    answers = iter(["Started: half past two\nThe API fails.\n", None])
    shown = []

    def edit(text, **options):
        shown.append(text)
        answer = next(answers)
        return answer if answer is not None else text.replace("Started: half past two", "Started: -10m")

    monkeypatch.setattr(click, "edit", edit)
    result = project.run("new", "Errors", "-c", "api=partial_outage", "--impact", "major")
    assert result.exit_code == 0, result.stderr
    assert shown[1].startswith("# Started: cannot read time 'half past two'")
    assert "The API fails." in shown[1]
    incident = project.incident("2026-11-20-errors.md")
    assert (incident.impact_started_at, incident.updates[0].message) == (NOW - timedelta(minutes=10), "The API fails.")


def test_a_started_line_that_stays_unreadable_stops_and_prints_the_message(project, monkeypatch, terminal):
    monkeypatch.setattr(click, "edit", lambda text, **options: "Started: +1h\nThe API fails.\n")
    result = project.run("new", "Errors", "-c", "api=partial_outage", "--impact", "major")
    assert result.exit_code == 2
    assert "is after this update" in result.stderr and "The API fails." in result.stderr
    assert project.files() == []


# -- the same incident twice -------------------------------------------------------------


def test_new_with_the_title_of_an_open_incident_refuses_and_names_it(project):
    project.write(OPEN_NAME, OPEN)
    result = start(project, "elevated error rates  on the API")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"incidents/{OPEN_NAME}: 'Elevated error rates on the API' is still open (investigating); post to it with "
        "balise update 2026-11-20-api-errors"
    )
    assert "--force" in result.stderr
    assert project.files() == [OPEN_NAME]


def test_force_starts_a_second_incident_with_the_same_title(project):
    project.write(OPEN_NAME, OPEN)
    result = start(project, "Elevated error rates on the API", "--force")
    assert result.exit_code == 0, result.stderr
    assert project.files() == [OPEN_NAME, "2026-11-20-elevated-error-rates-on-the-api.md"]


def test_the_title_of_a_resolved_incident_can_be_used_again(project):
    resolved(project)
    result = start(project, "Elevated error rates on the API", now=LATER)
    assert result.exit_code == 0, result.stderr


def test_a_maintenance_may_share_the_title_of_one_still_scheduled(project):
    project.write(MAINTENANCE_NAME, MAINTENANCE)
    result = project.run("new", "--maintenance", "Database upgrade", "-c", "db", "-m", "Next week's.",
                         "--start", "2026-12-02T22:00:00Z", "--end", "2h")  # fmt: skip
    assert result.exit_code == 0, result.stderr


# -- maintenance windows -----------------------------------------------------------------


def test_a_maintenance_is_named_after_the_day_its_window_opens(project):
    # Announced on the 20th for the night of the 25th to the 26th, Paris time.
    result = project.run("new", "--maintenance", "Database upgrade", "-c", "db", "-m", "We will upgrade it.",
                         "--start", "2026-11-25T23:30", "--end", "2h")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert project.files() == ["2026-11-25-database-upgrade.md"]
    project.assert_check_is_clean()


def test_a_maintenance_whose_window_has_ended_is_refused(project):
    result = project.run("new", "--maintenance", "Database upgrade", "-c", "db", "-m", "Done.",
                         "--start", "2026-11-18T22:00", "--end", "2h")  # fmt: skip
    assert result.exit_code == 1
    assert "the maintenance window 2026-11-18T21:00:00Z to 2026-11-18T23:00:00Z has already ended" in result.stderr
    assert "--force" in result.stderr
    assert project.files() == []


def test_force_records_a_past_maintenance_named_after_its_window(project):
    result = project.run("new", "--maintenance", "Database upgrade", "-c", "db", "-m", "Done.",
                         "--start", "2026-11-18T22:00", "--end", "2h", "--force")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert project.files() == ["2026-11-18-database-upgrade.md"]


# -- impact ------------------------------------------------------------------------------


def test_impact_offers_only_what_an_incident_takes(project):
    result = project.run("new", "Errors", "-c", "api=partial_outage", "--impact", "maintenance", "-m", "x")
    assert result.exit_code == 2
    assert "'maintenance' is not one of 'none', 'minor', 'major', 'critical'" in result.stderr
    assert "[none|minor|major|critical]" in project.run("new", "--help").stdout


# -- postmortem ----------------------------------------------------------------------------


def resolved(project) -> Path:
    text = OPEN.replace("next_update: 2026-11-20T14:35:00Z\n", "").replace(
        "    message: We are investigating.\n---\n",
        "    message: We are investigating.\n  - at: 2026-11-20T14:30:00Z\n    status: resolved\n    message: Fixed.\n---\n",
    )
    return project.write(OPEN_NAME, text)


def test_a_postmortem_on_an_incident_without_a_body_is_refused_where_check_reports_it(project):
    path = resolved(project)
    before = path.read_text(encoding="utf-8")
    result = project.run("update", "api-errors", "-s", "postmortem", "-m", "Read what happened.", now=LATER)
    assert result.exit_code == 1
    problem = next(line for line in result.stderr.splitlines() if "postmortem" in line)
    assert problem.startswith(f"incidents/{OPEN_NAME}:14: a 'postmortem' update sends readers to the postmortem")
    assert path.read_text(encoding="utf-8") == before
    # The file the update would have written, checked: the same problem at the same line.
    path.write_text(before.removesuffix("---\n")
                    + "  - at: 2026-11-20T14:40:00Z\n    status: postmortem\n    message: Read.\n---\n", encoding="utf-8")  # fmt: skip
    checked = project.run("check", "incidents", now=LATER)
    assert checked.exit_code == 1
    assert problem.split(": a ")[0] in checked.stdout + checked.stderr


def test_a_postmortem_is_posted_once_the_body_holds_it(project):
    path = resolved(project)
    path.write_text(path.read_text(encoding="utf-8") + "\n## What happened\n\nA bad deploy.\n", encoding="utf-8")
    result = project.run("update", "api-errors", "-s", "postmortem", "-m", "Read what happened.", now=LATER)
    assert result.exit_code == 0, result.stderr
