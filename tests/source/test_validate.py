"""Validating front-matter: keys, types, vocabulary, components, times and the timeline."""

from __future__ import annotations

from datetime import UTC, datetime

from support.checked_project import NOW, VALID

from site_builder.model.vocabulary import ComponentStatus, Impact, Kind
from site_builder.source.project import load_project

NAME = "2026-11-20-api-errors.md"
WHERE = f"incidents/{NAME}"

MAINTENANCE = """\
---
kind: maintenance
title: Database upgrade
scheduled_for: 2026-11-25T22:00:00Z
scheduled_until: 2026-11-26T00:00:00Z
components: [api, db]
updates:
  - at: 2026-11-20T09:00:00Z
    status: scheduled
    message: We will upgrade the database.
---
"""


def problems_of(project, text: str, name: str = NAME) -> list[str]:
    project.write(name, text)
    return project.problems()


def only(project) -> object:
    return load_project(project.incidents, project.config_path, NOW).incidents[0]


def test_an_unknown_key_gets_the_closest_known_one(project):
    text = VALID.replace("impact: major", "imapct: major")
    assert problems_of(project, text) == [
        f"{WHERE}:1: missing required key 'impact'",
        f"{WHERE}:3: unknown key 'imapct'; did you mean 'impact'?",
    ]


def test_an_unknown_key_with_no_close_match_lists_the_known_keys(project):
    text = VALID.replace("impact: major", "impact: major\nseverity: high")
    assert problems_of(project, text) == [
        f"{WHERE}:4: unknown key 'severity' (known keys: alert, cancelled, components, estimated_resolution, impact, kind, next_update, "
        "scheduled_for, scheduled_until, started_at, title, updates)"
    ]


def test_a_missing_title_is_reported_at_the_opening_fence(project):
    text = VALID.replace("title: Elevated error rates on the API\n", "")
    assert problems_of(project, text) == [f"{WHERE}:1: missing required key 'title'"]


def test_a_missing_key_in_an_update_names_the_update_and_its_line(project):
    text = VALID.replace("    message: Fixed.\n", "")
    assert problems_of(project, text) == [f"{WHERE}:10: missing required key 'message' in update 2"]


def test_a_title_of_the_wrong_type_is_reported(project):
    text = VALID.replace("title: Elevated error rates on the API", "title: [a, b]")
    assert problems_of(project, text) == [f"{WHERE}:2: 'title' must be text, not a list"]


def test_an_empty_message_is_reported(project):
    text = VALID.replace("message: Fixed.", 'message: ""')
    assert problems_of(project, text) == [f"{WHERE}:12: 'message' in update 2 is empty"]


def test_updates_that_are_not_a_list_are_reported(project):
    text = "---\ntitle: t\nimpact: minor\nupdates: soon\n---\n"
    assert problems_of(project, text) == [f"{WHERE}:4: 'updates' must be a list of updates, not text"]


def test_an_empty_timeline_is_reported(project):
    text = "---\ntitle: t\nimpact: minor\nupdates: []\n---\n"
    assert problems_of(project, text) == [
        f"{WHERE}:4: 'updates' is empty: add the first update (at, status, message)"
    ]


def test_an_update_that_is_not_a_mapping_is_reported(project):
    text = VALID.replace("  - at: 2026-11-20T14:40:00Z\n    status: resolved\n    message: Fixed.\n", "  - resolved\n")
    assert problems_of(project, text) == [f"{WHERE}:10: update 2 must be a mapping with at, status and message"]


def test_an_unknown_component_lists_the_known_ones_and_the_closest(project):
    text = VALID.replace("  api: partial_outage", "  apii: partial_outage")
    assert problems_of(project, text) == [
        f"{WHERE}:5: unknown component 'apii' (known: api, web, db); did you mean 'api'?"
    ]


def test_an_unknown_component_in_an_update_is_reported_at_its_line(project):
    text = VALID.replace("    status: resolved\n", "    status: resolved\n    components: {wbe: operational}\n")
    assert problems_of(project, text) == [
        f"{WHERE}:12: unknown component 'wbe' (known: api, web, db); did you mean 'web'?"
    ]


def test_an_unknown_component_status_gets_the_closest(project):
    text = VALID.replace("api: partial_outage", "api: partial_outtage")
    assert problems_of(project, text) == [
        f"{WHERE}:5: unknown component status 'partial_outtage' for 'api' (expected operational, "
        "degraded_performance, partial_outage, major_outage, under_maintenance); did you mean 'partial_outage'?"
    ]


def test_components_given_as_a_list_on_an_incident_are_reported(project):
    text = VALID.replace("components:\n  api: partial_outage", "components: [api]")
    assert problems_of(project, text) == [
        f"{WHERE}:4: 'components' must be a mapping of component: status, not a list"
    ]


def test_an_unknown_impact_gets_the_closest(project):
    text = VALID.replace("impact: major", "impact: majr")
    assert problems_of(project, text) == [
        f"{WHERE}:3: unknown impact 'majr' (expected none, minor, major, critical); did you mean 'major'?"
    ]


def test_the_maintenance_impact_on_an_incident_is_explained(project):
    text = VALID.replace("impact: major", "impact: maintenance")
    assert problems_of(project, text) == [
        f"{WHERE}:3: impact 'maintenance' is only for a maintenance; an incident's impact is none, minor, major or critical"
    ]


def test_an_unknown_update_status_gets_the_closest(project):
    text = VALID.replace("status: resolved", "status: resolvd")
    assert problems_of(project, text) == [
        f"{WHERE}:11: unknown status 'resolvd' in update 2 (expected investigating, identified, monitoring, "
        "resolved, postmortem); did you mean 'resolved'?"
    ]


def test_a_maintenance_status_on_an_incident_is_explained(project):
    text = VALID.replace("status: resolved", "status: completed")
    assert problems_of(project, text) == [
        f"{WHERE}:11: 'completed' is a maintenance status; an incident update uses investigating, identified, "
        "monitoring, resolved, postmortem (or add 'kind: maintenance')"
    ]


def test_an_incident_status_on_a_maintenance_is_explained(project):
    text = MAINTENANCE.replace("status: scheduled", "status: investigating")
    assert problems_of(project, text) == [
        f"{WHERE}:9: 'investigating' is an incident status; a maintenance update uses scheduled, in_progress, "
        "verifying, completed"
    ]


def test_maintenance_keys_on_an_incident_ask_for_the_maintenance_kind(project):
    text = VALID.replace("impact: major", "impact: major\nscheduled_for: 2026-11-21T10:00:00Z")
    assert problems_of(project, text) == [
        f"{WHERE}:4: 'scheduled_for' is only for a maintenance; add 'kind: maintenance'"
    ]


def test_a_maintenance_needs_its_window(project):
    text = MAINTENANCE.replace("scheduled_until: 2026-11-26T00:00:00Z\n", "")
    assert problems_of(project, text) == [f"{WHERE}:1: missing required key 'scheduled_until'"]


def test_a_maintenance_ending_before_it_starts_is_reported(project):
    text = MAINTENANCE.replace("scheduled_until: 2026-11-26T00:00:00Z", "scheduled_until: 2026-11-25T21:00:00Z")
    assert problems_of(project, text) == [
        f"{WHERE}:5: scheduled_until (2026-11-25 21:00 UTC) must be after scheduled_for (2026-11-25 22:00 UTC)"
    ]


def test_an_unreadable_time_is_reported_with_an_example(project):
    text = VALID.replace("at: 2026-11-20T14:40:00Z", "at: tomorrow at noon")
    assert problems_of(project, text) == [
        f"{WHERE}:10: 'at' in update 2: cannot read time 'tomorrow at noon'; use ISO 8601, e.g. 2026-11-20T14:05:00Z"
    ]


def test_a_date_without_a_time_of_day_is_reported(project):
    text = VALID.replace("at: 2026-11-20T14:40:00Z", "at: 2026-11-20")
    assert problems_of(project, text) == [
        f"{WHERE}:10: 'at' in update 2: '2026-11-20' has a date but no time of day; write e.g. 2026-11-20T14:05:00Z"
    ]


def test_a_time_without_a_zone_is_read_in_the_configured_timezone(project):
    project.write(NAME, VALID.replace("at: 2026-11-20T14:05:00Z", "at: 2026-11-20 15:05"))
    # Europe/Paris is UTC+1 in November.
    assert only(project).updates[0].at == datetime(2026, 11, 20, 14, 5, tzinfo=UTC)


def test_a_time_with_an_offset_is_converted_to_utc(project):
    project.write(NAME, VALID.replace("at: 2026-11-20T14:05:00Z", "at: 2026-11-20T09:05:00-05:00"))
    assert only(project).updates[0].at == datetime(2026, 11, 20, 14, 5, tzinfo=UTC)


def test_updates_out_of_time_order_are_reported_at_the_later_one(project):
    text = VALID.replace("at: 2026-11-20T14:40:00Z", "at: 2026-11-20T13:40:00Z")
    assert problems_of(project, text) == [
        f"{WHERE}:10: update 2 (2026-11-20 13:40 UTC) is earlier than the update before it "
        "(2026-11-20 14:05 UTC, line 7); updates go oldest first"
    ]


def test_an_update_after_resolution_is_reported(project):
    text = VALID.replace("---\nBody", "  - at: 2026-11-20T15:00:00Z\n    status: monitoring\n    message: Again.\n---\nBody")
    assert problems_of(project, text) == [
        f"{WHERE}:14: update after the incident was resolved (line 10); only a 'postmortem' update may follow"
    ]


def test_a_postmortem_after_resolution_is_allowed(project):
    text = VALID.replace("---\nBody", "  - at: 2026-11-20T15:30:00Z\n    status: postmortem\n    message: Report.\n---\nBody")
    assert problems_of(project, text) == []


def test_a_postmortem_update_with_an_empty_body_is_reported_at_its_status_line(project):
    text = VALID.replace("---\nBody.\n", "  - at: 2026-11-20T15:30:00Z\n    status: postmortem\n    message: Report.\n---\n\n")
    assert problems_of(project, text) == [
        f"{WHERE}:14: a 'postmortem' update sends readers to the postmortem, but the file's Markdown body is "
        "empty: write the postmortem below the front-matter's closing '---' first"
    ]


def test_a_postmortem_before_resolution_is_reported(project):
    text = VALID.replace("status: resolved", "status: postmortem")
    assert problems_of(project, text) == [f"{WHERE}:11: a 'postmortem' update comes after the 'resolved' one"]


def test_an_update_after_a_completed_maintenance_is_reported(project):
    closing = MAINTENANCE.rindex("---")
    text = MAINTENANCE[:closing] + (
        "  - at: 2026-11-26T00:00:00Z\n    status: completed\n    message: Done.\n"
        "  - at: 2026-11-26T00:10:00Z\n    status: verifying\n    message: Checking.\n---\n"
    )
    later = datetime(2026, 11, 27, tzinfo=UTC)
    project.write(NAME, text)
    assert project.problems(now=later) == [f"{WHERE}:15: update after the maintenance was completed (line 11)"]


def test_every_problem_in_a_file_is_reported_at_once(project):
    text = (
        VALID.replace("impact: major", "impact: majr")
        .replace("api: partial_outage", "apii: partial_outage")
        .replace("at: 2026-11-20T14:40:00Z", "at: 2026-11-20T13:00:00Z")
        .replace("status: resolved", "status: resolvd")
    )
    assert [p.split(":")[1] for p in problems_of(project, text)] == ["3", "5", "10", "11"]


def test_a_valid_incident_becomes_the_model(project):
    project.write(NAME, VALID)
    incident = only(project)
    assert (incident.kind, incident.title, incident.impact) == (Kind.INCIDENT, "Elevated error rates on the API", Impact.MAJOR)
    assert incident.components == {"api": ComponentStatus.PARTIAL_OUTAGE}
    assert incident.resolved_at == datetime(2026, 11, 20, 14, 40, tzinfo=UTC)


def test_a_maintenance_lists_its_components_as_under_maintenance(project):
    project.write(NAME, MAINTENANCE)
    maintenance = only(project)
    assert (maintenance.kind, maintenance.impact) == (Kind.MAINTENANCE, Impact.MAINTENANCE)
    assert maintenance.components == {"api": ComponentStatus.UNDER_MAINTENANCE, "db": ComponentStatus.UNDER_MAINTENANCE}


def test_a_time_past_the_last_representable_moment_is_reported(project):
    text = VALID.replace("at: 2026-11-20T14:40:00Z", "at: 9999-12-31T23:59:59-01:00")
    assert problems_of(project, text) == [
        f"{WHERE}:10: 'at' in update 2: time '9999-12-31T23:59:59-01:00' is out of range; "
        "Balise reads times from 0001-01-02 to 9999-12-30 UTC"
    ]


def test_a_maintenance_can_be_cancelled(project):
    project.write(NAME, MAINTENANCE.replace("kind: maintenance\n", "kind: maintenance\ncancelled: true\n"))
    assert only(project).cancelled is True


def test_cancelled_must_be_true_or_false(project):
    text = MAINTENANCE.replace("kind: maintenance\n", "kind: maintenance\ncancelled: maybe\n")
    assert problems_of(project, text) == [f"{WHERE}:3: 'cancelled' must be true or false, not text"]


def test_cancelled_is_only_for_a_maintenance(project):
    text = VALID.replace("impact: major", "impact: major\ncancelled: true")
    assert problems_of(project, text) == [f"{WHERE}:4: 'cancelled' is only for a maintenance; add 'kind: maintenance'"]


def test_an_incident_may_say_when_its_impact_began_and_when_it_should_end(project):
    text = VALID.replace("impact: major", "impact: major\nstarted_at: 2026-11-20T13:50:00Z\nestimated_resolution: 2026-11-20T16:00:00Z")
    project.write(NAME, text)
    incident = only(project)
    assert incident.started_at == datetime(2026, 11, 20, 13, 50, tzinfo=UTC)
    assert incident.first_posted_at == datetime(2026, 11, 20, 14, 5, tzinfo=UTC)
    assert incident.estimated_resolution == datetime(2026, 11, 20, 16, tzinfo=UTC)


def test_an_impact_that_began_after_the_first_post_is_reported_at_its_line(project):
    text = VALID.replace("impact: major", "impact: major\nstarted_at: 2026-11-20T14:30:00Z")
    assert problems_of(project, text) == [
        f"{WHERE}:4: started_at (2026-11-20 14:30 UTC) is after the first update (2026-11-20 14:05 UTC, line 8); "
        "it says when the impact began, before or when it was first posted"
    ]


def test_an_estimated_resolution_before_the_start_is_reported_at_its_line(project):
    text = VALID.replace("impact: major", "impact: major\nestimated_resolution: 2026-11-20T14:00:00Z")
    assert problems_of(project, text) == [
        f"{WHERE}:4: estimated_resolution (2026-11-20 14:00 UTC) must be after the first update (2026-11-20 14:05 UTC)"
    ]


def test_an_unreadable_impact_start_is_reported_at_its_line(project):
    text = VALID.replace("impact: major", "impact: major\nstarted_at: yesterday")
    assert len(problems := problems_of(project, text)) == 1 and problems[0].startswith(f"{WHERE}:4: 'started_at'")


def test_impact_times_are_for_incidents_only(project):
    text = MAINTENANCE.replace("kind: maintenance", "kind: maintenance\nstarted_at: 2026-11-25T21:00:00Z")
    assert problems_of(project, text) == [f"{WHERE}:3: 'started_at' is only for an incident; a maintenance uses 'scheduled_for'"]


def test_an_update_with_an_empty_time_is_reported_not_dropped(project):
    text = VALID.replace("  - at: 2026-11-20T14:40:00Z\n", "  - at:\n")
    assert problems_of(project, text) == [
        f"{WHERE}:10: 'at' in update 2 is empty; write a time such as 2026-11-20T14:05:00Z"
    ]


def test_a_resolution_written_at_null_is_reported_instead_of_leaving_the_incident_open(project):
    text = VALID.replace("  - at: 2026-11-20T14:40:00Z\n", "  - at: ~\n")
    assert problems_of(project, text) == [
        f"{WHERE}:10: 'at' in update 2 is empty; write a time such as 2026-11-20T14:05:00Z"
    ]


def test_the_only_update_with_an_empty_time_is_reported(project):
    text = VALID.replace("  - at: 2026-11-20T14:40:00Z\n    status: resolved\n    message: Fixed.\n", "").replace(
        "at: 2026-11-20T14:05:00Z", "at:"
    )
    assert problems_of(project, text) == [
        f"{WHERE}:7: 'at' in update 1 is empty; write a time such as 2026-11-20T14:05:00Z"
    ]


def test_an_empty_maintenance_window_is_reported(project):
    text = MAINTENANCE.replace("scheduled_for: 2026-11-25T22:00:00Z", "scheduled_for:")
    assert problems_of(project, text) == [
        f"{WHERE}:4: 'scheduled_for' is empty; write a time such as 2026-11-20T14:05:00Z"
    ]


def test_an_empty_next_update_is_reported(project):
    text = VALID.replace("impact: major", "impact: major\nnext_update: ''")
    assert problems_of(project, text) == [
        f"{WHERE}:4: 'next_update' is empty; write a time such as 2026-11-20T14:05:00Z or remove the line"
    ]
