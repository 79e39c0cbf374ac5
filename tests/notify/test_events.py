"""What there is to announce at `now`: each update once, and what the clock does to maintenance."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from site_builder.model import Incident, Update
from site_builder.model.vocabulary import ComponentStatus, Impact, IncidentStatus, Kind, MaintenanceStatus
from site_builder.notify.events import EventKind, events

API = {"api": ComponentStatus.PARTIAL_OUTAGE}


def at(hour: int, minute: int = 0, day: int = 20) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def incident(*updates: Update, ident: str = "2026-11-20-api-errors") -> Incident:
    return Incident(ident, Path(f"{ident}.md"), Kind.INCIDENT, "API errors", Impact.MAJOR, dict(API), tuple(updates))


def maintenance(*updates: Update, cancelled: bool = False) -> Incident:
    return Incident(
        "2026-11-20-db-upgrade", Path("m.md"), Kind.MAINTENANCE, "DB upgrade", Impact.MAINTENANCE,
        {"db": ComponentStatus.UNDER_MAINTENANCE}, tuple(updates),
        scheduled_for=at(22), scheduled_until=at(23), cancelled=cancelled,
    )  # fmt: skip


SCHEDULED = Update(at(9), MaintenanceStatus.SCHEDULED, "We will upgrade the database.")
OUTAGE = incident(
    Update(at(14, 5), IncidentStatus.INVESTIGATING, "Looking."),
    Update(at(14, 40), IncidentStatus.IDENTIFIED, "Found it.", {"api": ComponentStatus.MAJOR_OUTAGE}),
    Update(at(15, 0), IncidentStatus.IDENTIFIED, "Still fixing."),
    Update(at(15, 20), IncidentStatus.RESOLVED, "Fixed."),
    Update(at(16, 0), IncidentStatus.POSTMORTEM, "What happened."),
)


def kinds(found) -> list[tuple[str, EventKind]]:
    return [(e.key, e.kind) for e in found]


def test_each_update_is_one_event_keyed_by_its_file_and_its_place():
    assert kinds(events([OUTAGE], at(17))) == [
        ("2026-11-20-api-errors#0", EventKind.NEW_INCIDENT),
        ("2026-11-20-api-errors#1", EventKind.INCIDENT_UPDATE),
        ("2026-11-20-api-errors#2", EventKind.INCIDENT_UPDATE),
        ("2026-11-20-api-errors#3", EventKind.INCIDENT_RESOLVED),
        ("2026-11-20-api-errors#4", EventKind.POSTMORTEM),
    ]


def test_an_event_sees_the_incident_as_it_stood_then():
    update = events([OUTAGE], at(17))[1]
    assert len(update.incident.updates) == 2 and update.incident.status is IncidentStatus.IDENTIFIED


def test_an_event_knows_which_components_it_changed():
    found = events([OUTAGE], at(17))
    assert found[1].changes == {"api": (ComponentStatus.PARTIAL_OUTAGE, ComponentStatus.MAJOR_OUTAGE)}
    assert found[2].changes == {} and found[2].statuses == {"api": ComponentStatus.MAJOR_OUTAGE}
    assert found[3].changes == {"api": (ComponentStatus.MAJOR_OUTAGE, ComponentStatus.OPERATIONAL)}


def test_an_update_dated_after_now_waits_until_its_time():
    assert [e.key for e in events([OUTAGE], at(14, 50))] == ["2026-11-20-api-errors#0", "2026-11-20-api-errors#1"]


def test_a_new_maintenance_is_announced_when_posted():
    assert kinds(events([maintenance(SCHEDULED)], at(10))) == [("2026-11-20-db-upgrade#0", EventKind.NEW_MAINTENANCE)]


def test_a_window_opening_on_time_is_an_event_while_it_is_open():
    found = events([maintenance(SCHEDULED)], at(22, 5))
    assert kinds(found)[-1] == ("2026-11-20-db-upgrade#opened", EventKind.WINDOW_OPENED)
    assert found[-1].at == at(22) and found[-1].changes == {"db": (ComponentStatus.OPERATIONAL, ComponentStatus.UNDER_MAINTENANCE)}


def test_a_window_closing_on_time_is_an_event_and_its_opening_is_old_news():
    assert kinds(events([maintenance(SCHEDULED)], at(23, 30))) == [
        ("2026-11-20-db-upgrade#0", EventKind.NEW_MAINTENANCE),
        ("2026-11-20-db-upgrade#closed", EventKind.WINDOW_CLOSED),
    ]


def test_an_explicit_start_is_announced_as_itself_and_the_clock_stays_silent():
    started = maintenance(SCHEDULED, Update(at(22, 2), MaintenanceStatus.IN_PROGRESS, "Started."))
    assert kinds(events([started], at(23, 30))) == [
        ("2026-11-20-db-upgrade#0", EventKind.NEW_MAINTENANCE),
        ("2026-11-20-db-upgrade#1", EventKind.MAINTENANCE_UPDATE),
    ]


def test_a_cancelled_maintenance_is_announced_and_says_its_last_update():
    cancelled = maintenance(SCHEDULED, Update(at(12), MaintenanceStatus.SCHEDULED, "Called off."), cancelled=True)
    found = events([cancelled], at(22, 30))
    assert kinds(found)[-1] == ("2026-11-20-db-upgrade#cancelled", EventKind.MAINTENANCE_CANCELLED)
    assert found[-1].covers == ("2026-11-20-db-upgrade#1",)
    assert "2026-11-20-db-upgrade#opened" not in [e.key for e in found]


def test_events_of_several_incidents_are_in_time_order():
    other = incident(Update(at(14, 30), IncidentStatus.INVESTIGATING, "Web."), ident="2026-11-20-web")
    assert [e.key for e in events([OUTAGE, other], at(14, 45))] == [
        "2026-11-20-api-errors#0", "2026-11-20-web#0", "2026-11-20-api-errors#1",
    ]  # fmt: skip
