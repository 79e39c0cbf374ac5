"""The status engine: what is true at `now`, and what was true on each past day.

Everything is computed from the validated model and a given `now`, never from the clock,
so the same files and the same `now` always give the same answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from ..model import Incident, SiteConfig
from ..model.vocabulary import ComponentStatus, IncidentStatus, MaintenanceStatus

#: Share of a period counted as down, by status (Statuspage's uptime rule).
DOWNTIME_WEIGHT = {
    ComponentStatus.MAJOR_OUTAGE: 1.0,
    ComponentStatus.PARTIAL_OUTAGE: 0.3,
}

UPTIME_DAYS = 90


@dataclass(frozen=True)
class Segment:
    """A component in one status for a while because of one incident; `end` None = still so."""

    start: datetime
    end: datetime | None
    status: ComponentStatus
    incident_id: str

    def covers(self, moment: datetime) -> bool:
        return self.start <= moment and (self.end is None or moment < self.end)


@dataclass(frozen=True)
class Overall:
    """The page-level indicator and its words, as the Statuspage `status` object has them."""

    indicator: str
    description: str


def worst(statuses: Iterable[ComponentStatus]) -> ComponentStatus:
    return max(statuses, key=lambda s: s.severity, default=ComponentStatus.OPERATIONAL)


def overall(statuses: Sequence[ComponentStatus]) -> Overall:
    """Statuspage's indicator: from component statuses, not from incident impact."""
    present = set(statuses)
    if ComponentStatus.MAJOR_OUTAGE in present:
        if present == {ComponentStatus.MAJOR_OUTAGE}:
            return Overall("critical", "Major System Outage")
        return Overall("major", "Partial System Outage")
    if ComponentStatus.PARTIAL_OUTAGE in present:
        return Overall("minor", "Minor Service Outage")
    if ComponentStatus.DEGRADED_PERFORMANCE in present:
        return Overall("minor", "Partially Degraded Service")
    if ComponentStatus.UNDER_MAINTENANCE in present:
        return Overall("maintenance", "Service Under Maintenance")
    return Overall("none", "All Systems Operational")


def maintenance_status(maintenance: Incident, now: datetime) -> MaintenanceStatus:
    """What a maintenance is at `now`: explicit updates win; a window with no news opens and closes on time.

    So a scheduled rebuild shows the window open and closed without a commit; an explicit
    `in_progress` or `verifying` stays until someone posts `completed` (overruns happen).
    """
    statuses = [u.status for u in maintenance.updates]
    # Statuspage's vocabulary has no "cancelled": a called-off maintenance is over.
    if maintenance.cancelled or MaintenanceStatus.COMPLETED in statuses:
        return MaintenanceStatus.COMPLETED
    latest = statuses[-1]
    if latest in (MaintenanceStatus.IN_PROGRESS, MaintenanceStatus.VERIFYING):
        return MaintenanceStatus(latest)
    assert maintenance.scheduled_for is not None and maintenance.scheduled_until is not None
    if now < maintenance.scheduled_for:
        return MaintenanceStatus.SCHEDULED
    if now < maintenance.scheduled_until:
        return MaintenanceStatus.IN_PROGRESS
    return MaintenanceStatus.COMPLETED


def maintenance_window(maintenance: Incident, now: datetime) -> tuple[datetime, datetime | None] | None:
    """When the maintenance actually ran (end None while it runs), or None if it has not started."""
    assert maintenance.scheduled_for is not None and maintenance.scheduled_until is not None
    started = [u.at for u in maintenance.updates if u.status in (MaintenanceStatus.IN_PROGRESS, MaintenanceStatus.VERIFYING)]
    if maintenance.cancelled and not started:
        return None
    start = min(started) if started else maintenance.scheduled_for
    if start > now:
        return None
    completed = [u.at for u in maintenance.updates if u.status is MaintenanceStatus.COMPLETED]
    if completed:
        return start, max(completed[0], start)
    if maintenance.cancelled:
        return start, max(maintenance.last_update_at, start)
    if started and maintenance.updates[-1].status in (MaintenanceStatus.IN_PROGRESS, MaintenanceStatus.VERIFYING):
        return start, None
    return start, maintenance.scheduled_until


def incident_segments(incident: Incident, now: datetime) -> dict[str, list[Segment]]:
    """Each affected component's statuses over the incident's life (operational stretches left out)."""
    result: dict[str, list[Segment]] = defaultdict(list)
    if incident.is_maintenance:
        window = maintenance_window(incident, now)
        if window is not None:
            for component, status in incident.components.items():
                result[component].append(Segment(window[0], window[1], status, incident.id))
        return dict(result)
    end = incident.resolved_at
    current = dict(incident.components)
    since = {component: incident.started_at for component in current}
    for update in incident.updates:
        if end is not None and update.at >= end:
            break
        for component, status in update.components.items():
            if component in current and current[component] != status:
                _close(result, component, since[component], update.at, current[component], incident.id)
            if component not in current or current[component] != status:
                since[component] = update.at
            current[component] = status
    for component, status in current.items():
        _close(result, component, since[component], end, status, incident.id)
    return dict(result)


def _close(
    result: dict[str, list[Segment]],
    component: str,
    start: datetime,
    end: datetime | None,
    status: ComponentStatus,
    incident_id: str,
) -> None:
    if status is not ComponentStatus.OPERATIONAL and (end is None or end > start):
        result[component].append(Segment(start, end, status, incident_id))


@dataclass(frozen=True)
class DayUptime:
    """One bar of the uptime chart."""

    day: date
    uptime: float | None  # percentage; None where there is no data (before the first day shown)
    worst: ComponentStatus
    outage_seconds: dict[ComponentStatus, float]
    incident_ids: tuple[str, ...]


@dataclass(frozen=True)
class Snapshot:
    """Everything the outputs need to know about `now`, computed once per build."""

    now: datetime
    config: SiteConfig
    incidents: tuple[Incident, ...]
    segments: dict[str, tuple[Segment, ...]]
    component_status: dict[str, ComponentStatus]
    maintenance_status: dict[str, MaintenanceStatus]
    #: Each incident's own segments, by incident id: what a later snapshot at the same `now` may reuse.
    incident_segments: dict[str, dict[str, list[Segment]]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def overall(self) -> Overall:
        return overall([self.component_status[c.id] for c in self.config.components])

    def is_active(self, incident: Incident) -> bool:
        """Open incidents and running maintenance: what readers must see first."""
        if incident.is_maintenance:
            return self.maintenance_status[incident.id] in (MaintenanceStatus.IN_PROGRESS, MaintenanceStatus.VERIFYING)
        return not incident.is_resolved

    @property
    def active_incidents(self) -> tuple[Incident, ...]:
        return tuple(i for i in self.incidents if not i.is_maintenance and self.is_active(i))

    @property
    def active_maintenances(self) -> tuple[Incident, ...]:
        return tuple(i for i in self.incidents if i.is_maintenance and self.is_active(i))

    @property
    def upcoming_maintenances(self) -> tuple[Incident, ...]:
        upcoming = [
            i for i in self.incidents if i.is_maintenance and self.maintenance_status[i.id] is MaintenanceStatus.SCHEDULED
        ]
        return tuple(sorted(upcoming, key=lambda i: (i.scheduled_for, i.id)))

    def status_of(self, incident: Incident) -> IncidentStatus | MaintenanceStatus:
        if incident.is_maintenance:
            return self.maintenance_status[incident.id]
        return incident.status

    def uptime(self, component_id: str, days: int = UPTIME_DAYS) -> tuple[DayUptime, ...]:
        return daily_uptime(self.segments.get(component_id, ()), self.config.timezone, self.now, days)


def snapshot(
    config: SiteConfig, incidents: Sequence[Incident], now: datetime, previous: Snapshot | None = None
) -> Snapshot:
    """The status at `now`. With `previous` (a snapshot at the same `now`), the segments of the
    incidents it holds unchanged (the same objects) are reused: `balise serve` after one edit."""
    reusable: dict[str, Incident] = {}
    if previous is not None and previous.now == now:
        reusable = {incident.id: incident for incident in previous.incidents}
    segments: dict[str, list[Segment]] = defaultdict(list)
    per_incident: dict[str, dict[str, list[Segment]]] = {}
    for incident in incidents:
        if previous is not None and reusable.get(incident.id) is incident:
            own = previous.incident_segments[incident.id]
        else:
            own = incident_segments(incident, now)
        per_incident[incident.id] = own
        for component, found in own.items():
            segments[component].extend(found)
    ordered = {c: tuple(sorted(s, key=lambda g: (g.start, g.incident_id))) for c, s in segments.items()}
    status_now = {
        c.id: worst(s.status for s in ordered.get(c.id, ()) if s.covers(now)) for c in config.components
    }
    maintenance = {i.id: maintenance_status(i, now) for i in incidents if i.is_maintenance}
    return Snapshot(now, config, tuple(incidents), ordered, status_now, maintenance, per_incident)


def _day_bounds(day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(), zone)
    end = datetime.combine(day + timedelta(days=1), time(), zone)
    return start, end


def daily_uptime(segments: Sequence[Segment], zone: tzinfo, now: datetime, days: int = UPTIME_DAYS) -> tuple[DayUptime, ...]:
    """Uptime per day for the `days` days ending today (in the site's zone), oldest first.

    Where incidents overlap, each moment counts once, at the worst status of that moment.
    Today counts only the part that has passed.
    """
    today = now.astimezone(zone).date()
    first = today - timedelta(days=days - 1)
    window_start, _ = _day_bounds(first, zone)
    relevant = [s for s in segments if (s.end is None or s.end > window_start) and s.start < now]
    per_day: dict[date, dict[ComponentStatus, float]] = defaultdict(lambda: defaultdict(float))
    ids_per_day: dict[date, set[str]] = defaultdict(set)
    for start, end, status in _worst_intervals(relevant, now):
        cursor = max(start, window_start)
        while cursor < end:
            day = cursor.astimezone(zone).date()
            _, day_end = _day_bounds(day, zone)
            stop = min(end, day_end)
            per_day[day][status] += (stop - cursor).total_seconds()
            cursor = stop
    for segment in relevant:
        day = max(segment.start, window_start).astimezone(zone).date()
        last = min(segment.end or now, now).astimezone(zone).date()
        while day <= last:
            ids_per_day[day].add(segment.incident_id)
            day += timedelta(days=1)
    result = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        start, end = _day_bounds(day, zone)
        elapsed = (min(end, now) - start).total_seconds()
        seconds = dict(per_day.get(day, {}))
        down = sum(DOWNTIME_WEIGHT.get(status, 0.0) * s for status, s in seconds.items())
        uptime = 100.0 * (1 - down / elapsed) if elapsed > 0 else None
        result.append(
            DayUptime(day, uptime, worst(seconds), seconds, tuple(sorted(ids_per_day.get(day, ()))))
        )
    return tuple(result)


def uptime_percentage(days: Sequence[DayUptime], zone: tzinfo, now: datetime) -> float:
    """Uptime over the whole window, weighted by the time each day covers."""
    total = down = 0.0
    for bar in days:
        start, end = _day_bounds(bar.day, zone)
        elapsed = max(0.0, (min(end, now) - start).total_seconds())
        total += elapsed
        down += sum(DOWNTIME_WEIGHT.get(status, 0.0) * s for status, s in bar.outage_seconds.items())
    return 100.0 if total == 0 else 100.0 * (1 - down / total)


def _worst_intervals(segments: Sequence[Segment], now: datetime) -> list[tuple[datetime, datetime, ComponentStatus]]:
    """Flatten overlapping segments into disjoint intervals at the worst status of each moment."""
    events: list[tuple[datetime, int, ComponentStatus]] = []
    for segment in segments:
        end = min(segment.end or now, now)
        if end > segment.start:
            events.append((segment.start, 1, segment.status))
            events.append((end, -1, segment.status))
    events.sort(key=lambda e: (e[0], e[1]))
    active: dict[ComponentStatus, int] = defaultdict(int)
    intervals: list[tuple[datetime, datetime, ComponentStatus]] = []
    previous: datetime | None = None
    for moment, delta, status in events:
        if previous is not None and moment > previous:
            current = worst(s for s, n in active.items() if n > 0)
            if current is not ComponentStatus.OPERATIONAL:
                intervals.append((previous, moment, current))
        active[status] += delta
        previous = moment
    return intervals
