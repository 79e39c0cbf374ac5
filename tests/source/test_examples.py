"""The shipped example incidents are what new users learn from: they must be clean and complete."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from site_builder.engine.status import snapshot
from site_builder.model.vocabulary import INCIDENT_IMPACTS, IncidentStatus
from site_builder.source.project import load_project

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def examples():
    return load_project(ROOT / "incidents", ROOT / "mkdocs.yml", NOW)


def test_the_examples_have_no_error_and_no_warning(examples):
    assert [str(p) for p in examples.problems] == []


def test_the_examples_cover_every_impact_level(examples):
    impacts = {i.impact for i in examples.incidents if not i.is_maintenance}
    assert impacts >= set(INCIDENT_IMPACTS)


def test_the_examples_have_an_ongoing_incident_with_a_promised_next_update(examples):
    ongoing = [i for i in examples.incidents if not i.is_maintenance and not i.is_resolved]
    assert ongoing and all(len(i.updates) >= 3 and i.next_update and i.next_update > NOW for i in ongoing)


def test_the_examples_have_a_resolved_incident_with_a_postmortem(examples):
    assert any(i.status is IncidentStatus.POSTMORTEM and len(i.body) > 500 for i in examples.incidents)


def test_the_examples_have_an_upcoming_and_a_completed_maintenance(examples):
    state = snapshot(examples.config, examples.incidents, NOW)
    statuses = {state.maintenance_status[i.id] for i in examples.incidents if i.is_maintenance}
    assert {"scheduled", "completed"} <= statuses


def test_the_examples_span_enough_history_for_uptime_bars(examples):
    recent = [i for i in examples.incidents if i.started_at >= NOW - timedelta(days=120)]
    assert len(recent) >= 12
    assert len(examples.config.groups) >= 2 and len(examples.config.components) >= 6
