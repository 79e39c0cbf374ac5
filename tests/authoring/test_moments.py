"""Times typed on the command line: relative to now, or absolute in the site's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from site_builder.authoring.moments import format_utc, parse_moment
from site_builder.model.times import TimeFormatError

NOW = datetime(2026, 11, 20, 14, 5, 30, 999999, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")


def at(text: str) -> datetime:
    return parse_moment(text).resolve(NOW, PARIS)


def test_now_is_now_to_the_second():
    assert at("now") == datetime(2026, 11, 20, 14, 5, 30, tzinfo=UTC)


@pytest.mark.parametrize("text", ["30m", "+30m", "30"])
def test_a_duration_counts_from_now(text):
    assert at(text) == at("now") + timedelta(minutes=30)


def test_hours_and_minutes_combine():
    assert at("1h30m") == at("now") + timedelta(hours=1, minutes=30)


def test_a_negative_duration_counts_back_from_now():
    assert at("-15m") == at("now") - timedelta(minutes=15)


def test_a_time_with_z_is_utc():
    assert at("2026-11-20T14:05:00Z") == datetime(2026, 11, 20, 14, 5, tzinfo=UTC)


def test_a_time_with_an_offset_keeps_it():
    assert at("2026-11-20T15:05:00+02:00") == datetime(2026, 11, 20, 13, 5, tzinfo=UTC)


def test_a_time_without_a_zone_is_read_in_the_site_zone_in_winter():
    assert at("2026-11-20T15:05") == datetime(2026, 11, 20, 14, 5, tzinfo=UTC)


def test_a_time_without_a_zone_is_read_in_the_site_zone_in_summer():
    assert at("2026-07-20 15:05") == datetime(2026, 7, 20, 13, 5, tzinfo=UTC)


@pytest.mark.parametrize("text", ["yesterday", "30x", "", "+"])
def test_an_unreadable_time_names_every_accepted_form(text):
    with pytest.raises(TimeFormatError, match="use now, a duration from now .* or ISO 8601"):
        parse_moment(text)


def test_a_date_without_a_time_of_day_says_so():
    with pytest.raises(TimeFormatError, match="has a date but no time of day"):
        parse_moment("2026-11-20")


def test_files_get_utc_with_z_to_the_second():
    assert format_utc(datetime(2026, 11, 20, 15, 5, 7, tzinfo=PARIS)) == "2026-11-20T14:05:07Z"


@pytest.mark.parametrize("text", ["99999999999d", "9999-12-31T23:59:59-01:00"])
def test_a_time_beyond_the_calendar_is_refused_with_a_message(text):
    with pytest.raises(TimeFormatError, match="is too far away|is out of range"):
        parse_moment(text).resolve(NOW, PARIS)


def test_a_local_time_the_clocks_skipped_is_refused():
    with pytest.raises(TimeFormatError, match=r"'2026-03-29 02:30' never happened in Europe/Paris"):
        at("2026-03-29 02:30")


def test_a_local_time_the_clocks_showed_twice_is_refused_with_both_readings():
    with pytest.raises(TimeFormatError) as refused:
        at("2026-10-25 02:30")
    assert "write 2026-10-25T02:30:00+02:00 (00:30 UTC) or 2026-10-25T02:30:00+01:00 (01:30 UTC)" in str(refused.value)


def test_year_one_is_written_with_four_digits():
    # strftime's %Y wrote "1-01-02T00:00:00Z", which no reader reads back.
    assert format_utc(datetime(1, 1, 2, tzinfo=UTC)) == "0001-01-02T00:00:00Z"
