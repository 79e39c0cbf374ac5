"""Reading times and durations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from site_builder.model.times import TimeFormatError, TimeRangeError, format_duration, parse_duration, parse_time

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


def test_a_local_time_in_the_spring_forward_gap_is_refused():
    # 02:30 never happened in Paris on 29 March 2026: the clocks went from 02:00 to 03:00.
    with pytest.raises(TimeFormatError) as refused:
        parse_time("2026-03-29 02:30", PARIS)
    assert str(refused.value) == (
        "'2026-03-29 02:30' never happened in Europe/Paris: the clocks skipped that hour; "
        "give the offset, e.g. 2026-03-29T03:30:00+02:00"
    )


def test_a_local_time_in_the_autumn_overlap_is_refused_with_both_readings():
    # 02:30 happened twice in Paris on 25 October 2026: at 00:30 UTC in summer time, then at 01:30 UTC.
    with pytest.raises(TimeFormatError) as refused:
        parse_time("2026-10-25 02:30", PARIS)
    assert str(refused.value) == (
        "'2026-10-25 02:30' happened twice in Europe/Paris (the clocks went back an hour): "
        "write 2026-10-25T02:30:00+02:00 (00:30 UTC) or 2026-10-25T02:30:00+01:00 (01:30 UTC)"
    )


def test_the_same_times_with_an_offset_are_read():
    assert parse_time("2026-10-25T02:30:00+01:00", PARIS) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert parse_time("2026-03-29T03:30:00+02:00", PARIS) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_the_hours_around_a_change_of_clocks_are_read():
    assert parse_time("2026-03-29 01:59", PARIS) == datetime(2026, 3, 29, 0, 59, tzinfo=UTC)
    assert parse_time("2026-03-29 03:00", PARIS) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert parse_time("2026-10-25 03:00", PARIS) == datetime(2026, 10, 25, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", ["0001-01-01T00:00:00Z", "0001-01-01 12:00", "9999-12-31T23:59:59Z", "9999-12-31T00:00:00-01:00"])
def test_times_within_a_day_of_the_calendars_ends_are_refused_as_out_of_range(text):
    # Shown in a zone a day away they would fall off the calendar Python can represent.
    with pytest.raises(TimeRangeError) as refused:
        parse_time(text, PARIS)
    assert "out of range; Balise reads times from 0001-01-02 to 9999-12-30 UTC" in str(refused.value)


@pytest.mark.parametrize("text", ["0001-01-02T00:00:00Z", "9999-12-30T23:59:59Z"])
def test_times_at_the_ends_of_the_range_are_read(text):
    assert parse_time(text, PARIS) == datetime.fromisoformat(text)
