"""Facts about one incident that several pages show, derived once from the model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ...model import Incident
from ...model.vocabulary import ComponentStatus, Impact, IncidentStatus, MaintenanceStatus


def latest_statuses(incident: Incident) -> dict[str, ComponentStatus]:
    """Each affected component's status as the incident's latest update leaves it."""
    statuses = dict(incident.components)
    for update in incident.updates:
        statuses.update(update.components)
    return statuses


def placed_at(incident: Incident) -> datetime:
    """Where the incident sits in history: a maintenance when it is scheduled, an incident when it started."""
    if incident.is_maintenance and incident.scheduled_for is not None:
        return incident.scheduled_for
    return incident.started_at


@dataclass(frozen=True)
class Promise:
    """The `next_update` an open incident promised, and whether the build time is past it."""

    at: datetime
    overdue: bool


def promise(incident: Incident, now: datetime) -> Promise | None:
    if incident.is_resolved or incident.next_update is None:
        return None
    return Promise(incident.next_update, incident.next_update < now)


def duration(incident: Incident, now: datetime) -> tuple[timedelta, bool]:
    """How long it lasted, or has lasted so far at `now`; the flag says it is still going."""
    end = incident.resolved_at
    if end is None:
        return max(timedelta(0), now - incident.started_at), True
    return end - incident.started_at, False


def severity(incident: Incident) -> str:
    """The colour class of an incident's impact: minor, major and critical differ; maintenance is its own."""
    if incident.is_maintenance:
        return "maintenance"
    return incident.impact.value if incident.impact is not Impact.MAINTENANCE else "maintenance"


def state(incident: Incident, status: IncidentStatus | MaintenanceStatus) -> str:
    """The colour class of where an incident stands now: its impact while open, resolved once closed."""
    if incident.cancelled:
        return "cancelled"
    if status in (IncidentStatus.RESOLVED, IncidentStatus.POSTMORTEM, MaintenanceStatus.COMPLETED):
        return "resolved"
    if status is MaintenanceStatus.SCHEDULED:
        return "scheduled"
    return severity(incident)
