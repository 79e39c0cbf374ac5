"""The `alert:` key of a drafted incident: validated like every key, in the schema, incident only."""

from __future__ import annotations

import jsonschema
import pytest
from support.alert_project import STEPS, alert_project  # noqa: F401

from site_builder.source.config import read_config
from site_builder.source.load import read_source
from site_builder.source.problems import BaliseError
from site_builder.source.project import parse_incident
from site_builder.source.schema import front_matter_schema


def test_the_schema_accepts_a_draft_and_refuses_a_bad_key(alert_project):
    alert_project.replay(*STEPS[0])
    path = alert_project.files()[0]
    front_matter = read_source(path, path.read_bytes(), path.name).front_matter
    schema = front_matter_schema(read_config(alert_project.root / "mkdocs.yml"))
    jsonschema.validate(front_matter, schema)
    front_matter["alert"] = {"source": "alertmanager", "key": "whatever"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(front_matter, schema)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("{source: alertmanager, key: whatever}", "'key' in 'alert' must be an episode key as balise alert writes it"),
        ("{source: pagerduty, key: x}", "unknown alert source 'pagerduty' in 'alert'"),
        ("{source: grafana, key: alertmanager-0123456789ab-20200206t001758z}", "'key' in 'alert' must start with its source, 'grafana-'"),
        ("yes", "'alert' must be a mapping with 'source' and 'key', as balise alert writes it"),
    ],
)
def test_a_bad_alert_key_is_refused_at_its_line(alert_project, value, expected):
    alert_project.replay(*STEPS[0])
    path = alert_project.files()[0]
    text = path.read_text()
    start = text.index("alert: ")
    text = text[:start] + f"alert: {value}\n" + text[text.index("\n", start) + 1 :]
    with pytest.raises(BaliseError) as raised:
        parse_incident(path, text.encode(), read_config(alert_project.root / "mkdocs.yml"))
    line = text[: text.index("alert: ")].count("\n") + 1
    assert any(problem.line == line and expected in problem.message for problem in raised.value.problems), raised.value


def test_a_maintenance_has_no_alert_key(alert_project):
    text = """---
kind: maintenance
title: Upgrade
scheduled_for: 2026-11-25T22:00:00Z
scheduled_until: 2026-11-26T00:00:00Z
alert: {source: generic, key: generic-0123456789ab-20261125t220000z}
updates:
  - at: 2026-11-20T09:00:00Z
    status: scheduled
    message: We will upgrade.
---
"""
    path = alert_project.incidents / "2026-11-20-upgrade.md"
    with pytest.raises(BaliseError, match="'alert' is only for an incident drafted from a monitoring alert"):
        parse_incident(path, text.encode(), read_config(alert_project.root / "mkdocs.yml"))
