"""What a draft says and when there is none: people first, tests and unknown alerts ignored,
hostile labels never on the page, the alert key never published."""

from __future__ import annotations

import json

from click.testing import CliRunner
from support.alert_project import DATA, SEQUENCE, STEPS, alert_project  # noqa: F401

from site_builder.cli import main

HUMAN = """\
---
title: API errors
impact: major
components:
  api: partial_outage
updates:
  - at: 2020-02-06T00:10:00Z
    status: investigating
    message: We are looking into API errors.
---
"""


def test_an_open_incident_written_by_a_person_gets_a_note_not_a_second_incident(alert_project):
    (alert_project.incidents / "2020-02-06-api-errors.md").write_text(HUMAN, encoding="utf-8")
    before = alert_project.snapshot()
    result = alert_project.alert(str(SEQUENCE / STEPS[0][0]), "--json", now=STEPS[0][1])
    assert result.exit_code == 0, result.output
    (group,) = json.loads(result.output)["groups"]
    assert group["action"] == "note"
    assert group["covered_by"] == ["2020-02-06-api-errors"]
    assert group["components"] == {"api": "degraded_performance"}
    assert alert_project.snapshot() == before


def test_a_resolved_human_incident_does_not_stop_a_draft(alert_project):
    resolved = HUMAN.replace("---\n", "", 1).rsplit("---", 1)[0]
    text = "---\n" + resolved + "  - at: 2020-02-06T00:15:00Z\n    status: resolved\n    message: Fixed.\n---\n"
    (alert_project.incidents / "2020-02-06-api-errors.md").write_text(text, encoding="utf-8")
    alert_project.replay(*STEPS[0])
    assert len(alert_project.files()) == 2


def test_grafanas_test_notification_opens_nothing(alert_project):
    for name in ("alert_new.json", "alert_v8.json"):
        result = alert_project.alert(str(DATA / "grafana" / name), now="2022-08-31T06:00:00Z")
        assert result.exit_code == 0, result.output
        assert "Grafana's test notification: nothing opened" in result.output
    assert alert_project.files() == []


def test_uptime_kumas_test_notification_opens_nothing(alert_project):
    result = alert_project.alert(str(DATA / "uptime-kuma" / "test.json"), now="2026-11-20T14:00:00Z")
    assert result.exit_code == 0 and "test notification" in result.output
    assert alert_project.files() == []


def test_an_alert_no_rule_matches_is_reported_and_ignored(alert_project):
    result = alert_project.alert(str(DATA / "grafana" / "alert-9-resolved.json"), now="2022-06-17T01:00:00Z")
    assert result.exit_code == 0
    assert "matched no rule and were ignored: Test alert" in result.output
    firing = json.loads((DATA / "grafana" / "alert-9-resolved.json").read_text())
    firing["status"] = "firing"
    firing["alerts"][0]["status"] = "firing"
    result = alert_project.alert(str(alert_project.payload("firing.json", firing)), now="2022-06-17T01:00:00Z")
    assert "no rule of 'alerts:' in mkdocs.yml matches its firing alerts: nothing opened" in result.output
    assert alert_project.files() == []


def test_two_groups_firing_in_the_same_second_get_two_incidents(alert_project):
    first = json.loads((SEQUENCE / "1-firing.json").read_text())
    second = json.loads(json.dumps(first))
    second["groupKey"] = '{}/{}:{host="cobalt"}'
    paths = [str(alert_project.payload(name, data)) for name, data in (("a.json", first), ("b.json", second))]
    result = alert_project.alert(*paths, now="2020-02-06T00:20:00Z")
    assert result.exit_code == 0, result.output
    names = [path.name for path in alert_project.files()]
    assert names == ["2020-02-06-service-disruption-public-api-2.md", "2020-02-06-service-disruption-public-api.md"]
    keys = {path.read_text().split("key: ", 1)[1].split("}", 1)[0] for path in alert_project.files()}
    assert len(keys) == 2 and all(key.endswith("-20200206t001758z") for key in keys)
    assert result.output.count("opened incidents/") == 2


def test_hostile_labels_never_reach_the_draft_or_the_page(alert_project, tmp_path):
    hostile = json.loads((SEQUENCE / "1-firing.json").read_text())
    evil = '<script>alert(1)</script>\x1b[2J\u202e"><img src=x onerror=alert(2)>'
    hostile["alerts"][0]["labels"]["host"] = evil
    hostile["alerts"][0]["annotations"] = {"summary": evil, "description": "db-7.internal.example"}
    hostile["commonAnnotations"] = {"summary": evil}
    result = alert_project.alert(str(alert_project.payload("hostile.json", hostile)), now=STEPS[0][1])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output
    draft = alert_project.files()[0].read_text(encoding="utf-8")
    assert "script" not in draft and "onerror" not in draft and "internal" not in draft
    built = CliRunner().invoke(main, ["build", "--now", "2020-02-06T00:30:00Z", "--site-dir", str(tmp_path / "site")])
    assert built.exit_code == 0, built.output
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text and "onerror=alert" not in text and "internal.example" not in text


def test_the_alert_key_is_never_published(alert_project, tmp_path):
    alert_project.replay(*STEPS[0])
    key = alert_project.only().alert.key
    built = CliRunner().invoke(main, ["build", "--now", "2020-02-06T00:30:00Z", "--site-dir", str(tmp_path / "site")])
    assert built.exit_code == 0, built.output
    published = [path for path in (tmp_path / "site").rglob("*") if path.is_file() and key.encode() in path.read_bytes()]
    assert published == []
    digest = key.split("-")[1]
    assert not [path for path in (tmp_path / "site").rglob("*") if path.is_file() and digest.encode() in path.read_bytes()]


def test_the_draft_speaks_the_sites_language(alert_project):
    config = alert_project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("theme:\n  name: material\n", "theme:\n  name: material\n  language: fr\n"))
    alert_project.replay(*STEPS[0])
    incident = alert_project.only()
    assert incident.title == "Perturbation du service : Public API"
    assert incident.updates[0].message.startswith("Nous analysons un problème qui touche Public API (performances dégradées) depuis 00:17 UTC.")


def test_a_generic_payload_names_its_components(alert_project):
    firing = {"key": "checkout-latency", "status": "firing", "components": {"web": "partial_outage"},
              "summary": "p99 over 2 s", "started_at": "2026-11-20T14:02:00Z"}  # fmt: skip
    alert_project.alert(str(alert_project.payload("g.json", firing)), now="2026-11-20T14:05:00Z")
    assert alert_project.only().components == {"web": "partial_outage"}
    resolved = {"key": "checkout-latency", "status": "resolved"}
    alert_project.alert(str(alert_project.payload("r.json", resolved)), now="2026-11-20T14:45:00Z")
    assert alert_project.only().is_resolved


def test_a_generic_payload_naming_an_unknown_component_is_refused(alert_project):
    firing = {"key": "x", "status": "firing", "components": {"apii": "partial_outage"}}
    result = alert_project.alert(str(alert_project.payload("g.json", firing)), now="2026-11-20T14:05:00Z")
    assert result.exit_code == 1
    assert "unknown component 'apii' (known: api, web); nothing written" in result.output
    assert alert_project.files() == []


def test_a_person_resolving_the_draft_is_respected(alert_project):
    alert_project.replay(*STEPS[0])
    result = CliRunner().invoke(
        main, ["resolve", alert_project.files()[0].stem, "-m", "Fixed by hand.", "--now", "2020-02-06T00:30:00Z"]
    )
    assert result.exit_code == 0, result.output
    before = alert_project.snapshot()
    alert_project.replay(*STEPS[1])  # the episode's draft is resolved: its later payloads change nothing
    assert alert_project.snapshot() == before
