"""`maintenance.ics`, as a calendar app subscribed to it reads it (parsed back with icalendar)."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta

from icalendar import Calendar
from support.machine_site import EXAMPLE_NOW, Site, U, config_text, example_snapshot, maintenance_text, outputs

NOW = datetime(2026, 11, 19, 12, 0, tzinfo=UTC)


@functools.cache
def example_calendar() -> Calendar:
    return Calendar.from_ical(outputs(example_snapshot())["maintenance.ics"])


def events(calendar: Calendar) -> dict[str, object]:
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_calendar_is_a_published_icalendar_2_0_with_a_product_id_and_a_name():
    calendar = example_calendar()
    assert calendar["version"] == "2.0"
    assert calendar["method"] == "PUBLISH"
    assert calendar["prodid"] == "-//Balise//Status page maintenance//EN"
    assert calendar["x-wr-calname"] == "Northwind Status — maintenance"


def test_there_is_one_event_per_maintenance_and_none_for_incidents():
    assert sorted(events(example_calendar())) == [
        "Card network connection upgrade",
        "Database upgrade for the API, dashboard and invoicing",
        "File storage migration",
    ]


def test_event_spans_the_scheduled_window():
    event = events(example_calendar())["Database upgrade for the API, dashboard and invoicing"]
    assert event.decoded("dtstart") == datetime(2026, 11, 26, 22, 0, tzinfo=UTC)
    assert event.decoded("dtend") == datetime(2026, 11, 27, 0, 0, tzinfo=UTC)


def test_event_uid_is_the_incident_id_at_the_site_host():
    event = events(example_calendar())["Card network connection upgrade"]
    assert event["uid"] == "2026-10-05-card-network-maintenance@status.northwind.example"


def test_event_dtstamp_is_the_latest_update_not_the_build_time():
    event = events(example_calendar())["Card network connection upgrade"]
    assert event.decoded("dtstamp") == datetime(2026, 10, 8, 1, 52, tzinfo=UTC)


def test_event_description_is_the_latest_update_as_plain_text():
    event = events(example_calendar())["Card network connection upgrade"]
    assert str(event["description"]).startswith("The maintenance is complete, eight minutes early.")
    assert "<p>" not in str(event["description"])


def test_event_links_to_the_maintenance_page():
    event = events(example_calendar())["File storage migration"]
    assert event["url"] == "https://status.northwind.example/incidents/2026-08-17-file-storage-migration/"


def test_events_are_confirmed_and_do_not_block_the_subscriber_s_time():
    for event in events(example_calendar()).values():
        assert event["status"] == "CONFIRMED"
        assert event["transp"] == "TRANSPARENT"


def test_calendar_asks_subscribers_to_refresh_hourly():
    assert example_calendar().decoded("refresh-interval") == timedelta(hours=1)


def only_event(content: bytes):
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    return event


def maintenance(updates: list[U]) -> str:
    return maintenance_text("Database upgrade", "2026-11-20T22:00:00Z", "2026-11-20T23:00:00Z", updates)


def test_an_update_keeps_the_uid_and_raises_the_sequence(tmp_path):
    site = Site.create(tmp_path)
    site.add("2026-11-18-db.md", maintenance([U("2026-11-18T10:00:00Z", "scheduled", "Planned.")]))
    before = only_event(site.outputs(NOW)["maintenance.ics"])
    site.add(
        "2026-11-18-db.md",
        maintenance(
            [
                U("2026-11-18T10:00:00Z", "scheduled", "Planned."),
                U("2026-11-19T09:00:00Z", "scheduled", "Still planned, now with details."),
            ]
        ),
    )
    after = only_event(site.outputs(NOW)["maintenance.ics"])
    assert after["uid"] == before["uid"]
    assert (before["sequence"], after["sequence"]) == (0, 1)
    assert str(after["description"]) == "Still planned, now with details."


def test_without_site_url_the_uid_uses_a_reserved_host_and_there_is_no_url(tmp_path):
    site = Site.create(tmp_path, config_text(site_url=None))
    site.add("2026-11-18-db.md", maintenance([U("2026-11-18T10:00:00Z", "scheduled")]))
    event = only_event(site.outputs(NOW)["maintenance.ics"])
    assert event["uid"] == "2026-11-18-db@test-status.invalid"
    assert "url" not in event


def test_a_site_without_maintenance_still_publishes_a_calendar(tmp_path):
    calendar = Calendar.from_ical(Site.create(tmp_path).outputs(EXAMPLE_NOW)["maintenance.ics"])
    assert calendar["version"] == "2.0"
    assert list(calendar.walk("VEVENT")) == []


def test_calendar_lines_end_with_crlf_as_the_standard_requires():
    raw = outputs(example_snapshot())["maintenance.ics"]
    assert raw.count(b"\r\n") == raw.count(b"\n")


def test_a_cancelled_maintenance_is_a_cancelled_event(tmp_path):
    site = Site.create(tmp_path)
    text = maintenance([U("2026-11-18T10:00:00Z", "scheduled", "Planned."), U("2026-11-19T09:00:00Z", "completed", "Called off.")])
    site.add("2026-11-18-db.md", text.replace("kind: maintenance\n", "kind: maintenance\ncancelled: true\n"))
    assert only_event(site.outputs(NOW)["maintenance.ics"])["status"] == "CANCELLED"


def test_a_calendar_name_with_a_line_break_stays_one_property(tmp_path):
    # A site name that is not one line (config.read_config makes it one) must not break the calendar either.
    from dataclasses import replace

    from site_builder.outputs.ical import maintenance_calendar

    state = example_snapshot()
    state = replace(state, config=replace(state.config, site_name="Two\nlines"))
    data = maintenance_calendar(state).to_ical()
    assert "X-WR-CALNAME:Two\\nlines — maintenance\r\n".encode() in data  # TEXT escaping
    assert Calendar.from_ical(data).walk("VEVENT")


def test_a_title_with_a_bidi_override_is_isolated_so_it_cannot_reorder_the_calendars_line(tmp_path):
    site = Site.create(tmp_path)
    window = ("2026-11-20T22:00:00Z", "2026-11-20T23:00:00Z")
    text = maintenance_text("\u202eedargpu esabatad", *window, [U("2026-11-18T10:00:00Z", "scheduled")])
    site.add("2026-11-18-db.md", text)
    summary = str(only_event(site.outputs(NOW)["maintenance.ics"])["summary"])
    assert summary == "\u2068\u202eedargpu esabatad\u2069"  # first strong isolate … pop directional isolate


def test_a_right_to_left_title_without_controls_is_written_as_it_is(tmp_path):
    site = Site.create(tmp_path)
    window = ("2026-11-20T22:00:00Z", "2026-11-20T23:00:00Z")
    text = maintenance_text("תחזוקה מתוכננת", *window, [U("2026-11-18T10:00:00Z", "scheduled")])
    site.add("2026-11-18-db.md", text)
    assert str(only_event(site.outputs(NOW)["maintenance.ics"])["summary"]) == "תחזוקה מתוכננת"
