"""Writing the planned drafts: all or none, and never over an edit made since they were planned."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from support.alert_project import SEQUENCE, STEPS, alert_project  # noqa: F401

from site_builder.alerts.ingest import AlertError, plan, read_payloads, write
from site_builder.source.config import read_config


def planned(alert_project, name: str, now: datetime):
    groups = read_payloads([(name, (SEQUENCE / name).read_bytes())])
    return plan(groups, read_config(alert_project.root / "mkdocs.yml"), alert_project.incidents, now)


def test_a_file_edited_after_planning_is_not_overwritten(alert_project):
    alert_project.replay(*STEPS[0])
    (path,) = alert_project.files()
    run = planned(alert_project, STEPS[1][0], datetime(2020, 2, 6, 0, 25, tzinfo=UTC))
    edited = path.read_text() + "A postmortem a person wrote meanwhile.\n"
    path.write_text(edited)
    with pytest.raises(AlertError, match="changed while balise alert ran; nothing was written"):
        write(run)
    assert path.read_text() == edited
    assert [p.name for p in alert_project.incidents.iterdir() if p.name.startswith(".")] == []  # no lock or temporary left


def test_a_new_draft_whose_name_was_taken_meanwhile_is_not_written(alert_project):
    run = planned(alert_project, STEPS[0][0], datetime(2020, 2, 6, 0, 20, tzinfo=UTC))
    (target,) = run.writes
    target.write_text("someone else's file\n")
    with pytest.raises(AlertError):
        write(run)
    assert target.read_text() == "someone else's file\n"
