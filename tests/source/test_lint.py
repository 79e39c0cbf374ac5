"""Warnings: problems that depend on `now`, or that readers would notice, without being invalid."""

from __future__ import annotations

from datetime import UTC, datetime

from support.checked_project import VALID

WHERE = "incidents/2026-11-20-api-errors.md"

OPEN = """\
---
title: Login failures
impact: major
components:
  web: major_outage
next_update: 2026-11-20T15:00:00Z
updates:
  - at: 2026-11-20T14:05:00Z
    status: investigating
    message: We are investigating.
  - at: 2026-11-20T14:30:00Z
    status: identified
    message: Found it.
---
"""


def at(hour: int, minute: int = 0, day: int = 20) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def test_an_overdue_next_update_on_an_open_incident_is_a_warning(project):
    project.write("2026-11-20-api-errors.md", OPEN)
    assert project.problems(now=at(15, 20)) == [
        f"{WHERE}:6: warning: the next update was promised for 2026-11-20 15:00 UTC, 20m ago; "
        "post an update or move 'next_update'"
    ]


def test_a_next_update_still_ahead_is_no_warning_even_after_a_long_silence(project):
    project.write("2026-11-20-api-errors.md", OPEN.replace("next_update: 2026-11-20T15:00:00Z", "next_update: 2026-11-20T18:00:00Z"))
    assert project.problems(now=at(17)) == []


def test_an_open_incident_silent_longer_than_the_threshold_is_a_warning(project):
    project.write("2026-11-20-api-errors.md", OPEN.replace("next_update: 2026-11-20T15:00:00Z\n", ""))
    assert project.problems(now=at(16, 45)) == [
        f"{WHERE}:10: warning: no update for 2h 15m on an unresolved incident (threshold 1h); "
        "post an update, even to say nothing changed"
    ]


def test_the_silence_threshold_comes_from_the_config(project):
    config = project.config_path.read_text().replace("      timezone: Europe/Paris\n", "      timezone: Europe/Paris\n      thresholds:\n        stale_update: 3h\n")
    project.config_path.write_text(config)
    project.write("2026-11-20-api-errors.md", OPEN.replace("next_update: 2026-11-20T15:00:00Z\n", ""))
    assert project.problems(now=at(16, 45)) == []


def test_a_resolved_incident_never_gets_time_warnings(project):
    project.write("2026-11-20-api-errors.md", VALID.replace("impact: major", "impact: major\nnext_update: 2026-11-20T14:30:00Z"))
    assert project.problems(now=at(23)) == []


def test_a_file_date_far_from_the_first_update_is_a_warning(project):
    project.write("2026-11-01-api-errors.md", VALID)
    assert project.problems() == [
        "incidents/2026-11-01-api-errors.md:1: warning: the file name's date (2026-11-01) is 19 days from the first "
        "update (2026-11-20); name the file after the day the incident started"
    ]


def test_a_file_date_a_day_off_is_fine(project):
    project.write("2026-11-19-api-errors.md", VALID)
    assert project.problems() == []


def test_an_update_dated_in_the_future_is_a_warning(project):
    project.write("2026-11-20-api-errors.md", VALID)
    assert project.problems(now=at(14, 20)) == [
        f"{WHERE}:10: warning: update dated in the future (2026-11-20 14:40 UTC); check its time zone"
    ]


def test_a_past_next_update_that_an_update_followed_asks_for_a_new_promise(project):
    project.write("2026-11-20-api-errors.md", OPEN.replace("next_update: 2026-11-20T15:00:00Z", "next_update: 2026-11-20T14:20:00Z"))
    assert project.problems(now=at(14, 50)) == [
        f"{WHERE}:6: warning: 'next_update' (2026-11-20 14:20 UTC) is in the past although an update followed it; "
        "set the next promise or remove the key"
    ]
