"""`balise new`, `balise update` and `balise resolve`, as the engineer on call runs them."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import click
import pytest
from support.author_project import MAINTENANCE, MAINTENANCE_NAME, NOW, OPEN, OPEN_NAME, iso, project  # noqa: F401

from site_builder.model.vocabulary import ComponentStatus, Impact, IncidentStatus, Kind, MaintenanceStatus

NEW_NAME = "2026-11-20-elevated-api-errors.md"
LATER = NOW + timedelta(minutes=35)


@pytest.fixture
def terminal(monkeypatch):
    """A person at a terminal, where $EDITOR can open (CliRunner's input is not one)."""
    monkeypatch.setattr("site_builder.commands.authoring.on_a_terminal", lambda: True)


def start(project, *extra: str, now: datetime = NOW):
    return project.run(
        "new", "Elevated API errors", "--component", "api=partial_outage", "--impact", "major",
        "--message", "We are investigating.", *extra, now=now,
    )


# -- balise new --------------------------------------------------------------------------


def test_new_writes_a_dated_file_named_after_the_title_and_prints_its_path(project):
    result = start(project)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"incidents/{NEW_NAME}\n"
    assert project.files() == [NEW_NAME]
    project.assert_check_is_clean()


def test_new_starts_the_timeline_with_an_investigating_update(project):
    start(project)
    incident = project.incident(NEW_NAME)
    assert (incident.kind, incident.title, incident.impact) == (Kind.INCIDENT, "Elevated API errors", Impact.MAJOR)
    assert incident.components == {"api": ComponentStatus.PARTIAL_OUTAGE}
    [first] = incident.updates
    assert (first.at, first.status, first.message) == (NOW, IncidentStatus.INVESTIGATING, "We are investigating.")


def test_new_writes_the_front_matter_in_the_documented_order_and_layout(project):
    start(project, "--next-update", "30m")
    assert project.text(NEW_NAME) == (
        "---\n"
        "title: Elevated API errors\n"
        "impact: major\n"
        "components:\n"
        "  api: partial_outage\n"
        "next_update: 2026-11-20T14:35:00Z\n"
        "updates:\n"
        "  - at: 2026-11-20T14:05:00Z\n"
        "    status: investigating\n"
        "    message: We are investigating.\n"
        "---\n"
    )


def test_new_promises_a_relative_next_update_counted_from_now(project):
    start(project, "--next-update", "1h30m")
    assert project.incident(NEW_NAME).next_update == NOW + timedelta(hours=1, minutes=30)
    project.assert_check_is_clean()


def test_new_writes_a_multi_line_message_as_a_literal_block(project):
    message = "Pages are slow.\n\nSince 14:00."
    project.run("new", "Slow web", "-c", "web=degraded_performance", "--impact", "minor", "-m", message)
    text = project.text("2026-11-20-slow-web.md")
    assert "    message: |\n      Pages are slow.\n\n      Since 14:00.\n---\n" in text
    assert project.incident("2026-11-20-slow-web.md").updates[0].message == "Pages are slow.\n\nSince 14:00.\n"


def test_new_quotes_a_title_that_yaml_would_misread(project):
    result = project.run("new", "API: 50% errors # EU", "-c", "api=major_outage", "--impact", "critical", "-m", "x")
    assert result.exit_code == 0, result.stderr
    assert project.incident("2026-11-20-api-50-errors-eu.md").title == "API: 50% errors # EU"


def test_new_appends_a_number_when_the_file_name_is_taken(project):
    names = [start(project, *(["--force"] if taken else [])).stdout.strip() for taken in range(3)]
    assert names == [
        "incidents/2026-11-20-elevated-api-errors.md",
        "incidents/2026-11-20-elevated-api-errors-2.md",
        "incidents/2026-11-20-elevated-api-errors-3.md",
    ]
    project.assert_check_is_clean()


def test_new_dates_the_file_by_the_first_update_in_the_site_time_zone(project):
    # 23:30 UTC on the 20th is already the 21st in Paris.
    start(project, "--at", "2026-11-20T23:30:00Z")
    assert project.files() == ["2026-11-21-elevated-api-errors.md"]


def test_new_reads_a_time_without_a_zone_in_the_site_time_zone(project):
    start(project, "--at", "2026-11-20T15:05")
    assert project.incident(NEW_NAME).updates[0].at == datetime(2026, 11, 20, 14, 5, tzinfo=UTC)


def test_new_keeps_the_zone_of_a_time_that_has_one(project):
    start(project, "--at", "2026-11-20T15:05:00+02:00")
    assert project.incident(NEW_NAME).updates[0].at == datetime(2026, 11, 20, 13, 5, tzinfo=UTC)


def test_new_counts_a_negative_duration_back_from_now(project):
    start(project, "--at", "-15m")
    assert project.incident(NEW_NAME).updates[0].at == NOW - timedelta(minutes=15)


def test_new_takes_now_from_source_date_epoch(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
    result = project.run("new", "Pinned", "-c", "db=major_outage", "--impact", "major", "-m", "x", now=None)
    assert result.exit_code == 0, result.stderr
    assert project.incident("2026-11-20-pinned.md").updates[0].at == NOW


def test_new_writes_times_in_utc_to_the_second(project):
    start(project, now=NOW + timedelta(seconds=7, microseconds=123456))
    assert "  - at: 2026-11-20T14:05:07Z\n" in project.text(NEW_NAME)


def test_new_opens_the_editor_on_a_template_and_drops_comment_lines(project, monkeypatch, terminal):
    shown = []

    def edit(text, **options):
        shown.append(text)
        return "# my own note\nThe API fails for EU customers since 14:00 UTC.\n" + text

    monkeypatch.setattr(click, "edit", edit)
    result = project.run("new", "Elevated API errors", "-c", "api=partial_outage", "--impact", "major")
    assert result.exit_code == 0, result.stderr
    assert "what is affected, and since when" in shown[0]
    assert "when the next update comes" in shown[0]
    assert project.incident(NEW_NAME).updates[0].message == "The API fails for EU customers since 14:00 UTC."


def test_new_with_an_empty_editor_message_aborts_and_writes_nothing(project, monkeypatch, terminal):
    monkeypatch.setattr(click, "edit", lambda text, **options: text)  # saved with only the template's comments
    result = project.run("new", "Elevated API errors", "-c", "api=partial_outage", "--impact", "major")
    assert result.exit_code == 1
    assert "the message is empty" in result.stderr
    assert project.files() == []


def test_new_checks_components_before_opening_the_editor(project, monkeypatch):
    monkeypatch.setattr(click, "edit", lambda text, **options: pytest.fail("the editor must not open"))
    result = project.run("new", "Elevated API errors", "-c", "apii=partial_outage", "--impact", "major")
    assert result.exit_code == 1


def test_new_maintenance_writes_kind_schedule_components_list_and_a_scheduled_update(project):
    result = project.run(
        "new", "--maintenance", "Database upgrade", "--start", "2026-11-25T23:00", "--end", "2026-11-26T01:00",
        "--component", "db", "--component", "api", "--message", "We will upgrade the database.",
    )
    assert result.exit_code == 0, result.stderr
    assert project.text("2026-11-25-database-upgrade.md") == (
        "---\n"
        "kind: maintenance\n"
        "title: Database upgrade\n"
        "scheduled_for: 2026-11-25T22:00:00Z\n"
        "scheduled_until: 2026-11-26T00:00:00Z\n"
        "components:\n"
        "  - db\n"
        "  - api\n"
        "updates:\n"
        "  - at: 2026-11-20T14:05:00Z\n"
        "    status: scheduled\n"
        "    message: We will upgrade the database.\n"
        "---\n"
    )
    assert project.incident("2026-11-25-database-upgrade.md").status is MaintenanceStatus.SCHEDULED
    project.assert_check_is_clean()


def test_new_maintenance_reads_a_duration_for_end_as_the_window_length(project):
    result = project.run(
        "new", "--maintenance", "Database upgrade", "--start", "2026-11-25T23:00", "--end", "2h30m",
        "--component", "db", "--message", "We will upgrade the database.",
    )
    assert result.exit_code == 0, result.stderr
    maintenance = project.incident("2026-11-25-database-upgrade.md")
    assert maintenance.scheduled_until - maintenance.scheduled_for == timedelta(hours=2, minutes=30)


def test_new_maintenance_needs_start_and_end(project):
    result = project.run("new", "--maintenance", "Upgrade", "-c", "db", "-m", "x", "--start", "1h")
    assert result.exit_code == 2
    assert "needs --start and --end" in result.stderr


def test_new_incident_needs_an_impact(project):
    result = project.run("new", "Errors", "-c", "api=partial_outage", "-m", "x")
    assert result.exit_code == 2
    assert "--impact is required" in result.stderr
    assert project.files() == []


def test_new_refuses_an_unknown_component_and_writes_nothing(project):
    result = project.run("new", "Errors", "-c", "apii=partial_outage", "--impact", "major", "-m", "x")
    assert result.exit_code == 1
    assert "unknown component 'apii' (known: api, web, db); did you mean 'api'?" in result.stderr
    assert "nothing was written" in result.stderr
    assert project.files() == []


def test_new_refuses_a_component_without_a_status_for_an_incident(project):
    result = project.run("new", "Errors", "-c", "api", "--impact", "major", "-m", "x")
    assert result.exit_code == 2
    assert "give component 'api' a status, e.g. api=partial_outage" in result.stderr


def test_new_refuses_a_next_update_that_is_not_after_the_update(project):
    result = start(project, "--next-update", "-5m")
    assert result.exit_code == 2
    assert "must come after this update" in result.stderr
    assert project.files() == []


def test_new_reports_an_unreadable_time_as_a_usage_error(project):
    result = start(project, "--at", "yesterday at noon")
    assert result.exit_code == 2
    assert "cannot read time 'yesterday at noon'" in result.stderr
    assert "Traceback" not in result.stderr


# -- balise update -----------------------------------------------------------------------


def test_update_appends_an_update_with_a_new_status(project):
    project.write(OPEN_NAME, OPEN)
    message = "A deploy is being rolled back."
    result = project.run("update", "2026-11-20-api-errors", "--status", "identified", "-m", message, now=LATER)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"incidents/{OPEN_NAME}\n"
    latest = project.incident(OPEN_NAME).updates[-1]
    assert (latest.at, latest.status, latest.message) == (LATER, IncidentStatus.IDENTIFIED, message)
    project.assert_check_is_clean(LATER)


def test_update_without_a_status_keeps_the_current_one(project):
    project.write(OPEN_NAME, OPEN)
    project.run("update", "2026-11-20-api-errors", "-m", "Still investigating.", now=LATER)
    updates = project.incident(OPEN_NAME).updates
    assert [u.status for u in updates] == [IncidentStatus.INVESTIGATING, IncidentStatus.INVESTIGATING]
    project.assert_check_is_clean(LATER)


def test_update_changes_component_statuses_from_this_update_on(project):
    project.write(OPEN_NAME, OPEN)
    project.run(
        "update", OPEN_NAME, "-s", "identified", "-c", "api=major_outage", "-c", "web=degraded_performance",
        "-m", "Worse.", now=LATER,
    )
    incident = project.incident(OPEN_NAME)
    assert incident.updates[-1].components == {
        "api": ComponentStatus.MAJOR_OUTAGE,
        "web": ComponentStatus.DEGRADED_PERFORMANCE,
    }
    assert incident.components == {"api": ComponentStatus.PARTIAL_OUTAGE}  # the start is history, not rewritten
    project.assert_check_is_clean(LATER)


def test_update_replaces_next_update_with_the_new_promise(project):
    project.write(OPEN_NAME, OPEN)
    project.run("update", "2026-11-20-api-errors", "-m", "Rolling back.", "--next-update", "1h", now=LATER)
    assert project.incident(OPEN_NAME).next_update == LATER + timedelta(hours=1)
    assert project.text(OPEN_NAME).count("next_update:") == 1
    project.assert_check_is_clean(LATER)


def test_update_adds_next_update_to_an_incident_without_one(project):
    project.write(OPEN_NAME, OPEN.replace("next_update: 2026-11-20T14:35:00Z\n", ""))
    project.run("update", OPEN_NAME, "-m", "Rolling back.", "--next-update", "2026-11-20T16:00", now=LATER)
    assert project.incident(OPEN_NAME).next_update == datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def test_update_removes_the_next_update_it_fulfils(project):
    project.write(OPEN_NAME, OPEN)  # promised for 14:35
    result = project.run("update", "2026-11-20-api-errors", "-m", "Rolling back.", now=LATER)  # posted at 14:40
    assert project.incident(OPEN_NAME).next_update is None
    assert "removed next_update (2026-11-20T14:35:00Z), which this update fulfils" in result.stderr
    project.assert_check_is_clean(LATER)


def test_update_keeps_a_next_update_still_in_the_future(project):
    project.write(OPEN_NAME, OPEN)
    project.run("update", "2026-11-20-api-errors", "-m", "Quick note.", now=NOW + timedelta(minutes=10))
    assert project.incident(OPEN_NAME).next_update == datetime(2026, 11, 20, 14, 35, tzinfo=UTC)


def test_update_accepts_a_path_to_the_file(project):
    project.write(OPEN_NAME, OPEN)
    result = project.run("update", f"incidents/{OPEN_NAME}", "-m", "Still on it.", now=LATER)
    assert result.exit_code == 0, result.stderr
    assert len(project.incident(OPEN_NAME).updates) == 2


def test_update_finds_an_incident_by_its_name_without_the_date(project):
    project.write(OPEN_NAME, OPEN)
    result = project.run("update", "api-errors", "-m", "Still on it.", now=LATER)
    assert result.exit_code == 0, result.stderr
    assert len(project.incident(OPEN_NAME).updates) == 2


def test_update_of_an_unknown_id_is_a_usage_error_naming_the_closest_id(project):
    project.write(OPEN_NAME, OPEN)
    result = project.run("update", "2026-11-20-api-error", "-m", "x", now=LATER)
    assert result.exit_code == 2
    assert "no incident '2026-11-20-api-error' in incidents/; did you mean '2026-11-20-api-errors'?" in result.stderr


def test_update_after_resolved_is_refused_and_leaves_the_file_unchanged(project):
    path = project.write(OPEN_NAME, OPEN)
    project.run("resolve", "2026-11-20-api-errors", now=LATER)
    before = path.read_bytes()
    result = project.run("update", OPEN_NAME, "-s", "monitoring", "-m", "x", now=LATER + timedelta(minutes=5))
    assert result.exit_code == 1
    # Lines are those of the refused result: resolving removed the next_update line.
    assert f"incidents/{OPEN_NAME}:14: update after the incident was resolved (line 10)" in result.stderr
    assert "nothing was written" in result.stderr
    assert path.read_bytes() == before


def test_update_with_an_unknown_status_is_refused_with_a_suggestion(project):
    path = project.write(OPEN_NAME, OPEN)
    before = path.read_bytes()
    result = project.run("update", "2026-11-20-api-errors", "-s", "identifed", "-m", "x", now=LATER)
    assert result.exit_code == 1
    assert "unknown status 'identifed'" in result.stderr
    assert "did you mean 'identified'?" in result.stderr
    assert path.read_bytes() == before


def test_update_with_an_unknown_component_is_refused(project):
    path = project.write(OPEN_NAME, OPEN)
    before = path.read_bytes()
    result = project.run("update", "2026-11-20-api-errors", "-c", "cdn=major_outage", "-m", "x", now=LATER)
    assert result.exit_code == 1
    assert "unknown component 'cdn' (known: api, web, db)" in result.stderr
    assert path.read_bytes() == before


def test_update_of_a_file_that_is_already_invalid_is_refused(project):
    path = project.write(OPEN_NAME, OPEN.replace("impact: major", "impact: huge"))
    before = path.read_bytes()
    result = project.run("update", "2026-11-20-api-errors", "-m", "x", now=LATER)
    assert result.exit_code == 1
    assert "unknown impact 'huge'" in result.stderr
    assert "fix them before adding an update" in result.stderr
    assert path.read_bytes() == before


def test_update_opens_the_editor_showing_the_last_update(project, monkeypatch, terminal):
    project.write(OPEN_NAME, OPEN)
    shown = []

    def edit(text, **options):
        shown.append(text)
        return "Found it: a bad deploy.\n" + text

    monkeypatch.setattr(click, "edit", edit)
    result = project.run("update", "2026-11-20-api-errors", "-s", "identified", now=LATER)
    assert result.exit_code == 0, result.stderr
    assert "#   We are investigating." in shown[0]
    assert project.incident(OPEN_NAME).updates[-1].message == "Found it: a bad deploy."


def test_update_checks_the_status_before_opening_the_editor(project, monkeypatch):
    project.write(OPEN_NAME, OPEN)
    monkeypatch.setattr(click, "edit", lambda text, **options: pytest.fail("the editor must not open"))
    result = project.run("update", OPEN_NAME, "-s", "fixed", now=LATER)
    assert result.exit_code == 1
    assert "unknown status 'fixed'" in result.stderr


def test_update_keeps_the_file_permissions(project):
    path = project.write(OPEN_NAME, OPEN)
    path.chmod(0o640)
    project.run("update", "2026-11-20-api-errors", "-m", "x", now=LATER)
    assert path.stat().st_mode & 0o777 == 0o640


# -- balise resolve ----------------------------------------------------------------------


def test_resolve_appends_a_resolved_update_and_removes_next_update(project):
    project.write(OPEN_NAME, OPEN.replace("14:35:00Z", "15:00:00Z"))
    result = project.run("resolve", "2026-11-20-api-errors", now=LATER)
    assert result.exit_code == 0, result.stderr
    incident = project.incident(OPEN_NAME)
    assert (incident.status, incident.resolved_at, incident.next_update) == (IncidentStatus.RESOLVED, LATER, None)
    assert incident.updates[-1].message == "This incident has been resolved."
    assert "next_update" not in project.text(OPEN_NAME)
    project.assert_check_is_clean(LATER)


def test_resolve_posts_the_given_message(project):
    project.write(OPEN_NAME, OPEN)
    project.run("resolve", "2026-11-20-api-errors", "-m", "Error rates are back to normal.", now=LATER)
    assert project.incident(OPEN_NAME).updates[-1].message == "Error rates are back to normal."


def test_resolving_twice_is_refused(project):
    path = project.write(OPEN_NAME, OPEN)
    project.run("resolve", "2026-11-20-api-errors", now=LATER)
    before = path.read_bytes()
    result = project.run("resolve", "2026-11-20-api-errors", now=LATER)
    assert result.exit_code == 1
    assert path.read_bytes() == before


# -- maintenance -------------------------------------------------------------------------


def test_a_maintenance_update_moves_it_to_in_progress(project):
    project.write(MAINTENANCE_NAME, MAINTENANCE)
    start_at = datetime(2026, 11, 25, 22, 0, tzinfo=UTC)
    result = project.run("update", "2026-11-20-database-upgrade", "-s", "in_progress", "-m", "Started.", now=start_at)
    assert result.exit_code == 0, result.stderr
    assert project.incident(MAINTENANCE_NAME).status is MaintenanceStatus.IN_PROGRESS
    project.assert_check_is_clean(start_at)


def test_a_maintenance_refuses_an_incident_status(project):
    path = project.write(MAINTENANCE_NAME, MAINTENANCE)
    before = path.read_bytes()
    result = project.run("update", "2026-11-20-database-upgrade", "-s", "identified", "-m", "x")
    assert result.exit_code == 1
    assert "'identified' is an incident status; a maintenance update uses" in result.stderr
    assert path.read_bytes() == before


def test_resolving_a_maintenance_marks_it_completed(project):
    project.write(MAINTENANCE_NAME, MAINTENANCE)
    end_at = datetime(2026, 11, 26, 0, 0, tzinfo=UTC)
    project.run("resolve", "2026-11-20-database-upgrade", now=end_at)
    incident = project.incident(MAINTENANCE_NAME)
    assert incident.status is MaintenanceStatus.COMPLETED
    assert incident.updates[-1].message == "The scheduled maintenance has been completed."
    project.assert_check_is_clean(end_at)


# -- the whole story ---------------------------------------------------------------------


def test_a_new_user_can_start_update_and_resolve_an_incident(project):
    started = project.run(
        "new", "Checkout payments failing", "-c", "api=major_outage", "-c", "web=partial_outage",
        "--impact", "critical", "-m", "Payments fail at checkout since 14:00 UTC.", "--next-update", "30m",
    )
    assert started.exit_code == 0, started.stderr
    ident = os.path.basename(started.stdout.strip()).removesuffix(".md")
    project.assert_check_is_clean()

    later = NOW + timedelta(minutes=25)
    updated = project.run(
        "update", ident, "-s", "identified", "-c", "web=operational", "-m", "A bad certificate; replacing it.",
        "--next-update", "30m", now=later,
    )
    assert updated.exit_code == 0, updated.stderr
    project.assert_check_is_clean(later)

    done = later + timedelta(minutes=20)
    resolved = project.run("resolve", ident, "-m", "Payments work again.", now=done)
    assert resolved.exit_code == 0, resolved.stderr
    project.assert_check_is_clean(done)

    incident = project.incident(f"{ident}.md")
    assert incident.is_resolved and incident.resolved_at == done and incident.next_update is None
    assert [u.status for u in incident.updates] == [
        IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.RESOLVED,
    ]
    assert incident.updates[1].components == {"web": ComponentStatus.OPERATIONAL}
    assert iso(incident.started_at) == "2026-11-20T14:05:00Z"


def test_the_balise_command_line_offers_new_update_and_resolve():
    import click

    from site_builder.cli import main

    context = click.Context(main)
    assert {"new", "update", "resolve"} <= set(main.list_commands(context))
    assert all(main.get_command(context, name) is not None for name in ("new", "update", "resolve"))
