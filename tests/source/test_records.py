"""Parsed incidents stored as JSON records read back as the same incidents, and nothing else."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.site_project import REPO

from site_builder.model.vocabulary import IncidentStatus, MaintenanceStatus
from site_builder.source.project import load_project
from site_builder.source.records import RecordError, incident_from_record, incident_record

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
EXAMPLES = load_project(REPO / "incidents", REPO / "mkdocs.yml", NOW).incidents


@pytest.mark.parametrize("incident", EXAMPLES, ids=lambda i: i.id)
def test_an_example_incident_reads_back_equal_with_the_same_types(incident):
    again = incident_from_record(incident_record(incident))
    assert again == incident
    assert [type(u.status) for u in again.updates] == [type(u.status) for u in incident.updates]
    assert all(u.at.utcoffset() is not None for u in again.updates)


def test_statuses_read_back_as_the_members_the_kind_uses():
    kinds = {type(u.status) for incident in EXAMPLES for u in incident_from_record(incident_record(incident)).updates}
    assert kinds == {IncidentStatus, MaintenanceStatus}


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r.update(title=12),  # wrong type
        lambda r: r.update(kind="outage"),  # not in the vocabulary
        lambda r: r.update(surprise=1),  # a field the model does not have
        lambda r: r.pop("title"),  # a required field missing
        lambda r: r["updates"][0].update(at="2026-11-20T14:05:00"),  # a time without a zone
        lambda r: r["updates"][0].update(status="operational"),  # a status of neither kind
        lambda r: r.update(updates={"not": "a list"}),
        lambda r: r.update(body_line=True),  # a boolean is not a line number
    ],
)
def test_a_record_that_does_not_match_the_model_is_refused(change):
    record = json.loads(incident_record(EXAMPLES[0]))
    change(record)
    with pytest.raises((RecordError, ValueError)):
        incident_from_record(json.dumps(record))


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=20))
def test_any_json_is_read_as_an_incident_or_refused_with_record_error(data):
    try:
        incident_from_record(json.dumps(data))
    except (RecordError, ValueError):
        pass


def test_text_that_is_not_json_is_refused():
    with pytest.raises(RecordError):
        incident_from_record("{not json")
