"""The real payloads replayed in order, each twice: one incident whose components follow the worst
firing status at each step, resolved only at the end; a payload delivered again changes nothing."""

from __future__ import annotations

import json

from click.testing import CliRunner
from support.alert_project import DATA, SEQUENCE, STEPS, alert_project, current_statuses  # noqa: F401

from site_builder.cli import main

EXPECTED = (
    {"api": "degraded_performance"},  # the warning fires
    {"api": "major_outage", "web": "partial_outage"},  # the critical one joins: the worst wins
    {"api": "degraded_performance", "web": "operational"},  # the critical one resolved: web recovers
)


def test_the_sequence_gives_one_incident_that_follows_the_worst_firing_status(alert_project):
    for (name, now), expected in zip(STEPS, EXPECTED, strict=False):
        alert_project.replay(name, now)
        incident = alert_project.only()
        assert current_statuses(incident) == expected, name
        assert not incident.is_resolved, name
    alert_project.replay(*STEPS[3])
    incident = alert_project.only()
    assert incident.is_resolved
    assert [update.status.value for update in incident.updates] == ["investigating"] * 3 + ["resolved"]


def test_every_payload_replayed_changes_nothing(alert_project):
    for name, now in STEPS:
        alert_project.replay(name, now)
        before = alert_project.snapshot()
        later = now.replace(":00Z", ":30Z")  # a retry a moment later
        result = alert_project.replay(name, later)
        assert alert_project.snapshot() == before, name
        assert "nothing to do" in result.output


def test_the_draft_opens_with_the_episodes_start_and_the_impact_of_its_worst_status(alert_project):
    alert_project.replay(*STEPS[0])
    incident = alert_project.only()
    assert incident.started_at.isoformat() == "2020-02-06T00:17:58+00:00"  # the alert's startsAt, to the second
    assert incident.first_posted_at.isoformat() == "2020-02-06T00:20:00+00:00"
    assert incident.impact.value == "minor"
    assert incident.next_update.isoformat() == "2020-02-06T00:50:00+00:00"
    alert_project.replay(*STEPS[1])
    assert alert_project.only().impact.value == "critical"  # raised with the worst status, never lowered
    alert_project.replay(*STEPS[2])
    assert alert_project.only().impact.value == "critical"


def test_the_episode_key_is_kept_when_the_earliest_alert_resolves_first(alert_project):
    alert_project.replay(*STEPS[0])
    key = alert_project.only().alert.key
    assert key.startswith("alertmanager-") and key.endswith("-20200206t001758z")
    for step in STEPS[1:]:
        alert_project.replay(*step)
        assert alert_project.only().alert.key == key


def test_the_same_group_firing_again_after_the_resolution_is_a_new_incident(alert_project):
    for step in STEPS:
        alert_project.replay(*step)
    next_week = json.loads((SEQUENCE / "1-firing.json").read_text())
    next_week["alerts"][0]["startsAt"] = "2020-02-13T09:00:00Z"
    path = alert_project.payload("next-week.json", next_week)
    result = alert_project.alert(str(path), now="2020-02-13T09:05:00Z")
    assert result.exit_code == 0, result.output
    _first, second = alert_project.files()
    assert second.name.startswith("2020-02-13-")
    assert "20200213t090000z" in second.read_text()


def test_a_stale_firing_payload_of_a_resolved_episode_opens_nothing(alert_project):
    for step in STEPS:
        alert_project.replay(*step)
    before = alert_project.snapshot()
    result = alert_project.replay("2-more-alerts.json", "2020-02-06T01:30:00Z")
    assert "was resolved already" in result.output
    assert alert_project.snapshot() == before


def test_the_whole_sequence_in_one_run_gives_the_same_incident(alert_project, tmp_path):
    names = [str(SEQUENCE / name) for name, _ in STEPS]
    result = CliRunner().invoke(main, ["alert", *names, "--now", "2020-02-06T00:50:00Z"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    incident = alert_project.only()
    assert incident.is_resolved
    assert len(incident.updates) == 4


def test_the_resolved_draft_passes_check_and_builds(alert_project, tmp_path):
    for step in STEPS:
        alert_project.replay(*step)
    runner = CliRunner()
    checked = runner.invoke(main, ["check", "--now", "2020-02-06T01:00:00Z", "--format", "text"], catch_exceptions=False)
    assert checked.exit_code == 0, checked.output
    assert "0 errors, 0 warnings" in checked.output
    built = runner.invoke(main, ["build", "--now", "2020-02-06T01:00:00Z", "--site-dir", str(tmp_path / "site")])
    assert built.exit_code == 0, built.output
    page = next((tmp_path / "site" / "incidents").glob("*/index.html")).read_text(encoding="utf-8")
    assert "We are investigating a problem affecting Public API (degraded performance) since 12:17" in page


def test_grafana_firing_then_resolved_opens_and_resolves_one_incident(alert_project):
    alert_project.replay("alert_values_v11.json", "2024-03-01T02:10:00Z", folder=DATA / "grafana")
    incident = alert_project.only()
    assert incident.title == "Slow pages on the website"  # the rule's own title
    assert current_statuses(incident) == {"web": "degraded_performance"}
    alert_project.replay("grafana-resolved.json", "2024-03-01T02:45:00Z")
    incident = alert_project.only()
    assert incident.is_resolved
    assert incident.resolved_at.isoformat() == "2024-03-01T02:39:00+00:00"  # the alert's endsAt


def test_uptime_kuma_down_then_up_opens_and_resolves_one_incident(alert_project):
    alert_project.replay("down.json", "2026-11-20T14:03:00Z", folder=DATA / "uptime-kuma")
    incident = alert_project.only()
    assert current_statuses(incident) == {"api": "partial_outage"}
    assert incident.started_at.isoformat() == "2026-11-20T14:02:11+00:00"
    alert_project.replay("up.json", "2026-11-20T14:35:00Z", folder=DATA / "uptime-kuma")
    assert alert_project.only().resolved_at.isoformat() == "2026-11-20T14:31:40+00:00"
