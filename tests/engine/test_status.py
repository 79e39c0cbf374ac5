"""The status engine: status now, the page indicator, maintenance windows and uptime."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from site_builder.engine.status import (
    daily_uptime,
    incident_segments,
    maintenance_status,
    overall,
    snapshot,
    uptime_percentage,
)
from site_builder.model import Component, Incident, SiteConfig, Update
from site_builder.model.vocabulary import ComponentStatus as C
from site_builder.model.vocabulary import Impact, IncidentStatus, Kind, MaintenanceStatus

UTC_CONFIG = SiteConfig(components=(Component("api", "API"), Component("web", "Web")))


def t(day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def incident(ident: str, components: dict, *updates: tuple, **extra) -> Incident:
    return Incident(
        id=ident,
        path=Path(f"{ident}.md"),
        kind=extra.pop("kind", Kind.INCIDENT),
        title=ident,
        impact=extra.pop("impact", Impact.MAJOR),
        components=components,
        updates=tuple(Update(at, status, "m", changes) for at, status, changes in updates),
        **extra,
    )


def maintenance(*updates: tuple, start=t(20, 22), end=t(21, 0)) -> Incident:
    return incident(
        "m", {"api": C.UNDER_MAINTENANCE}, *updates, kind=Kind.MAINTENANCE, impact=Impact.MAINTENANCE,
        scheduled_for=start, scheduled_until=end,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("statuses", "indicator", "description"),
    [
        ([C.OPERATIONAL, C.OPERATIONAL], "none", "All Systems Operational"),
        ([C.DEGRADED_PERFORMANCE, C.OPERATIONAL], "minor", "Partially Degraded Service"),
        ([C.PARTIAL_OUTAGE, C.OPERATIONAL], "minor", "Minor Service Outage"),
        ([C.MAJOR_OUTAGE, C.PARTIAL_OUTAGE], "major", "Partial System Outage"),
        ([C.MAJOR_OUTAGE, C.MAJOR_OUTAGE], "critical", "Major System Outage"),
        ([C.UNDER_MAINTENANCE, C.OPERATIONAL], "maintenance", "Service Under Maintenance"),
        ([C.UNDER_MAINTENANCE, C.DEGRADED_PERFORMANCE], "minor", "Partially Degraded Service"),
    ],
)
def test_the_page_indicator_follows_statuspage(statuses, indicator, description):
    assert (overall(statuses).indicator, overall(statuses).description) == (indicator, description)


def test_a_component_takes_the_worst_status_of_open_incidents():
    first = incident("a", {"api": C.DEGRADED_PERFORMANCE}, (t(20, 10), IncidentStatus.INVESTIGATING, {}))
    second = incident("b", {"api": C.MAJOR_OUTAGE}, (t(20, 11), IncidentStatus.INVESTIGATING, {}))
    state = snapshot(UTC_CONFIG, [first, second], t(20, 12))
    assert state.component_status == {"api": C.MAJOR_OUTAGE, "web": C.OPERATIONAL}


def test_a_resolved_incident_no_longer_affects_status():
    done = incident(
        "a", {"api": C.MAJOR_OUTAGE}, (t(20, 10), IncidentStatus.INVESTIGATING, {}), (t(20, 11), IncidentStatus.RESOLVED, {})
    )
    assert snapshot(UTC_CONFIG, [done], t(20, 12)).component_status["api"] is C.OPERATIONAL


def test_an_update_changes_component_statuses_from_its_time_on():
    changing = incident(
        "a",
        {"api": C.PARTIAL_OUTAGE},
        (t(20, 10), IncidentStatus.INVESTIGATING, {}),
        (t(20, 11), IncidentStatus.IDENTIFIED, {"api": C.MAJOR_OUTAGE, "web": C.DEGRADED_PERFORMANCE}),
        (t(20, 12), IncidentStatus.RESOLVED, {}),
    )
    segments = incident_segments(changing, t(20, 13))
    assert [(s.start.hour, s.end.hour, s.status) for s in segments["api"]] == [(10, 11, C.PARTIAL_OUTAGE), (11, 12, C.MAJOR_OUTAGE)]
    assert [(s.start.hour, s.end.hour, s.status) for s in segments["web"]] == [(11, 12, C.DEGRADED_PERFORMANCE)]


def test_a_scheduled_maintenance_opens_and_closes_on_time():
    planned = maintenance((t(18), MaintenanceStatus.SCHEDULED, {}))
    assert maintenance_status(planned, t(20, 21)) is MaintenanceStatus.SCHEDULED
    assert maintenance_status(planned, t(20, 23)) is MaintenanceStatus.IN_PROGRESS
    assert maintenance_status(planned, t(21, 1)) is MaintenanceStatus.COMPLETED


def test_an_explicit_in_progress_maintenance_stays_open_past_its_window():
    overrun = maintenance((t(18), MaintenanceStatus.SCHEDULED, {}), (t(20, 22), MaintenanceStatus.IN_PROGRESS, {}))
    assert maintenance_status(overrun, t(21, 2)) is MaintenanceStatus.IN_PROGRESS


def test_a_running_maintenance_puts_its_components_under_maintenance():
    planned = maintenance((t(18), MaintenanceStatus.SCHEDULED, {}))
    state = snapshot(UTC_CONFIG, [planned], t(20, 23))
    assert state.component_status["api"] is C.UNDER_MAINTENANCE
    assert state.overall.indicator == "maintenance"
    assert [m.id for m in state.active_maintenances] == ["m"]


def test_uptime_counts_major_outage_fully_and_partial_outage_at_thirty_percent():
    # 2.4 h of major outage and 4 h of partial outage on one day: 2.4 + 0.3 × 4 = 3.6 h down of 24 h = 85 %.
    outage = incident(
        "a",
        {"api": C.MAJOR_OUTAGE},
        (t(10, 0), IncidentStatus.INVESTIGATING, {}),
        (t(10, 2, 24), IncidentStatus.IDENTIFIED, {"api": C.PARTIAL_OUTAGE}),
        (t(10, 6, 24), IncidentStatus.RESOLVED, {}),
    )
    days = snapshot(UTC_CONFIG, [outage], t(20, 12)).uptime("api")
    day = next(d for d in days if d.day == t(10).date())
    assert day.uptime == pytest.approx(85.0)
    assert day.incident_ids == ("a",)


def test_degraded_performance_and_maintenance_count_as_up():
    slow = incident(
        "a", {"api": C.DEGRADED_PERFORMANCE}, (t(10, 0), IncidentStatus.INVESTIGATING, {}), (t(10, 12), IncidentStatus.RESOLVED, {})
    )
    days = snapshot(UTC_CONFIG, [slow], t(20, 12)).uptime("api")
    assert all(d.uptime == 100.0 for d in days)


def test_overlapping_incidents_count_each_moment_once():
    a = incident("a", {"api": C.MAJOR_OUTAGE}, (t(10, 0), IncidentStatus.INVESTIGATING, {}), (t(10, 6), IncidentStatus.RESOLVED, {}))
    b = incident("b", {"api": C.MAJOR_OUTAGE}, (t(10, 3), IncidentStatus.INVESTIGATING, {}), (t(10, 9), IncidentStatus.RESOLVED, {}))
    day = next(d for d in snapshot(UTC_CONFIG, [a, b], t(20)).uptime("api") if d.day == t(10).date())
    assert day.uptime == pytest.approx(100 * (1 - 9 / 24))
    assert day.incident_ids == ("a", "b")


def test_an_outage_across_midnight_is_split_between_days():
    a = incident("a", {"api": C.MAJOR_OUTAGE}, (t(10, 18), IncidentStatus.INVESTIGATING, {}), (t(11, 6), IncidentStatus.RESOLVED, {}))
    days = {d.day.day: d.uptime for d in snapshot(UTC_CONFIG, [a], t(20)).uptime("api") if d.day.month == 11}
    assert days[10] == pytest.approx(75.0) and days[11] == pytest.approx(75.0)


def test_days_are_cut_in_the_site_timezone():
    paris = SiteConfig(timezone=ZoneInfo("Europe/Paris"), components=UTC_CONFIG.components)
    # 23:30–00:30 UTC is 00:30–01:30 in Paris: all on the 11th there.
    a = incident("a", {"api": C.MAJOR_OUTAGE}, (t(10, 23, 30), IncidentStatus.INVESTIGATING, {}), (t(11, 0, 30), IncidentStatus.RESOLVED, {}))
    days = {d.day.day: d.uptime for d in snapshot(paris, [a], t(20)).uptime("api") if d.day.month == 11}
    assert days[10] == 100.0 and days[11] == pytest.approx(100 * (1 - 1 / 24))


def test_an_open_outage_counts_until_now_and_today_counts_only_its_elapsed_part():
    a = incident("a", {"api": C.MAJOR_OUTAGE}, (t(20, 6), IncidentStatus.INVESTIGATING, {}))
    days = snapshot(UTC_CONFIG, [a], t(20, 12)).uptime("api")
    assert days[-1].day.day == 20 and days[-1].uptime == pytest.approx(50.0)


def test_the_window_is_ninety_days_ending_today():
    days = daily_uptime((), UTC, t(20, 12))
    assert len(days) == 90 and days[-1].day == t(20).date() and days[0].day == (t(20) - timedelta(days=89)).date()


def test_the_window_uptime_is_weighted_by_time():
    a = incident("a", {"api": C.MAJOR_OUTAGE}, (t(19, 0), IncidentStatus.INVESTIGATING, {}), (t(19, 12), IncidentStatus.RESOLVED, {}))
    now = t(20, 0)  # 89 full days elapsed and today not begun: 12 h down of 89 days.
    days = snapshot(UTC_CONFIG, [a], now).uptime("api")
    assert uptime_percentage(days, UTC, now) == pytest.approx(100 * (1 - 12 / (89 * 24)))


def test_a_cancelled_maintenance_never_opens_its_window():
    called_off = replace(maintenance((t(18), MaintenanceStatus.SCHEDULED, {})), cancelled=True)
    state = snapshot(UTC_CONFIG, [called_off], t(20, 23))
    assert state.maintenance_status["m"] is MaintenanceStatus.COMPLETED
    assert state.component_status["api"] is C.OPERATIONAL
    assert (state.active_maintenances, state.upcoming_maintenances) == ((), ())


def test_an_incident_affects_every_component_it_names_in_file_order():
    changing = incident(
        "a",
        {"web": C.DEGRADED_PERFORMANCE},
        (t(20, 10), IncidentStatus.INVESTIGATING, {}),
        (t(20, 11), IncidentStatus.IDENTIFIED, {"api": C.MAJOR_OUTAGE, "web": C.PARTIAL_OUTAGE}),
    )
    assert changing.affected == ("web", "api")
