"""Reading times and durations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from site_builder.model.times import TimeFormatError, format_duration, parse_duration, parse_time

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    "text",
    ["2026-11-20T14:05:00Z", "2026-11-20T14:05Z", "2026-11-20 14:05:00z", "2026-11-20T15:05:00+01:00",
     "2026-11-20 15:05:00 +01:00", "2026-11-20 15:05", "2026-11-20T15:05:00"],
)  # fmt: skip
def test_every_iso_form_gives_the_same_moment(text):
    assert parse_time(text, PARIS) == datetime(2026, 11, 20, 14, 5, tzinfo=UTC)


def test_summer_time_is_applied_to_times_without_a_zone():
    assert parse_time("2026-07-01 12:00", PARIS) == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", ["soon", "2026-13-01T00:00Z", "14:05", ""])
def test_unreadable_times_are_refused(text):
    with pytest.raises(TimeFormatError):
        parse_time(text, PARIS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("30m", timedelta(minutes=30)), ("1h", timedelta(hours=1)), ("1h30m", timedelta(minutes=90)),
     ("2d", timedelta(days=2)), ("45", timedelta(minutes=45)), ("90min", timedelta(minutes=90))],
)  # fmt: skip
def test_durations(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "h", "1x", "-5m"])
def test_unreadable_durations_are_refused(text):
    with pytest.raises(TimeFormatError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("span", "text"),
    [(timedelta(minutes=5), "5m"), (timedelta(hours=2, minutes=15), "2h 15m"), (timedelta(days=3, hours=4, minutes=5), "3d 4h")],
)
def test_durations_are_shown_briefly(span, text):
    assert format_duration(span) == text
