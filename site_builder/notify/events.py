"""What there is to announce at `now`: one event per published update, plus what the clock does.

Each event has a key that never changes (the incident's file name and the update's place in
its timeline, which only grows), so the ledger can record "sent to channel X" against it and
a re-run finds nothing new. A maintenance window that opens or closes on time has no update
to carry it; the status engine says when that happened, and the event is keyed by it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from ..engine.status import maintenance_status
from ..model import Incident, Update
from ..model.vocabulary import ComponentStatus, IncidentStatus, MaintenanceStatus
from ..outputs.api import Transitions, incident_transitions, maintenance_transitions

RUNNING = (MaintenanceStatus.IN_PROGRESS, MaintenanceStatus.VERIFYING)


class EventKind(StrEnum):
    NEW_INCIDENT = "new_incident"
    INCIDENT_UPDATE = "incident_update"
    INCIDENT_RESOLVED = "incident_resolved"
    POSTMORTEM = "postmortem"
    NEW_MAINTENANCE = "new_maintenance"
    MAINTENANCE_UPDATE = "maintenance_update"
    WINDOW_OPENED = "window_opened"
    WINDOW_CLOSED = "window_closed"
    MAINTENANCE_CANCELLED = "maintenance_cancelled"


@dataclass(frozen=True)
class Event:
    """One thing to announce. `incident` is the incident as it stood then: its updates up to this one."""

    key: str
    kind: EventKind
    incident: Incident
    at: datetime
    #: The update this event announces (its place in the timeline), None for what the clock did.
    index: int | None
    #: Components whose status this event changed: old and new status.
    changes: Transitions = field(default_factory=dict)
    #: Every affected component's status once this event happened.
    statuses: dict[str, ComponentStatus] = field(default_factory=dict)
    #: Keys of other events this one says everything of: sent together, they make one message.
    covers: tuple[str, ...] = ()

    @property
    def update(self) -> Update | None:
        return None if self.index is None else self.incident.updates[self.index]

    @property
    def previous_status(self) -> IncidentStatus | MaintenanceStatus | None:
        if self.index is None or self.index == 0:
            return None
        return self.incident.updates[self.index - 1].status


def update_key(incident_id: str, index: int) -> str:
    return f"{incident_id}#{index}"


def events(incidents: Iterable[Incident], now: datetime) -> list[Event]:
    """Every event of every incident up to `now`, oldest first (the key breaks ties)."""
    found: list[Event] = []
    for incident in incidents:
        found.extend(maintenance_events(incident, now) if incident.is_maintenance else incident_events(incident, now))
    return sorted((e for e in found if e.at <= now), key=lambda e: (e.at, e.key))


def incident_events(incident: Incident, now: datetime) -> list[Event]:
    transitions = incident_transitions(incident)
    result = []
    statuses: dict[str, ComponentStatus] = {}
    for index, update in enumerate(incident.updates):
        for component, (_, new) in transitions[index].items():
            statuses[component] = new
        if index == 0:
            kind = EventKind.NEW_INCIDENT
        elif update.status is IncidentStatus.POSTMORTEM:
            kind = EventKind.POSTMORTEM
        elif update.status is IncidentStatus.RESOLVED:
            kind = EventKind.INCIDENT_RESOLVED
        else:
            kind = EventKind.INCIDENT_UPDATE
        result.append(
            Event(
                key=update_key(incident.id, index),
                kind=kind,
                incident=as_of(incident, index),
                at=update.at,
                index=index,
                changes=transitions[index],
                statuses=dict(statuses),
            )
        )
    return result


def maintenance_events(maintenance: Incident, now: datetime) -> list[Event]:
    transitions = maintenance_transitions(maintenance)
    idle = {component: ComponentStatus.OPERATIONAL for component in maintenance.components}
    statuses = dict(idle)
    result = []
    for index, update in enumerate(maintenance.updates):
        for component, (_, new) in transitions[index].items():
            statuses[component] = new
        result.append(
            Event(
                key=update_key(maintenance.id, index),
                kind=EventKind.NEW_MAINTENANCE if index == 0 else EventKind.MAINTENANCE_UPDATE,
                incident=as_of(maintenance, index),
                at=update.at,
                index=index,
                changes=transitions[index],
                statuses=dict(statuses),
            )
        )
    result.extend(_clock_events(maintenance, now))
    if maintenance.cancelled:
        last = len(maintenance.updates) - 1
        result.append(
            Event(
                key=f"{maintenance.id}#cancelled",
                kind=EventKind.MAINTENANCE_CANCELLED,
                incident=maintenance,
                at=maintenance.last_update_at,
                index=last,
                statuses=dict(idle),
                covers=(update_key(maintenance.id, last),),
            )
        )
    return result


def _clock_events(maintenance: Incident, now: datetime) -> list[Event]:
    """The window opening and closing on time, as the status engine reads it at `now`.

    An opening is announced only while the window is still open: after it closed, saying it
    started would be news from the past. An explicit `in_progress` or `completed` update is
    announced as itself, so the clock says nothing where a person already did.
    """
    if maintenance.cancelled:
        return []
    assert maintenance.scheduled_for is not None and maintenance.scheduled_until is not None
    status = maintenance_status(maintenance, now)
    explicit = {u.status for u in maintenance.updates}
    components = maintenance.components
    result = []
    if status is MaintenanceStatus.IN_PROGRESS and not explicit & set(RUNNING):
        opened = {c: (ComponentStatus.OPERATIONAL, s) for c, s in components.items()}
        result.append(_clock_event(maintenance, EventKind.WINDOW_OPENED, maintenance.scheduled_for, opened))
    if status is MaintenanceStatus.COMPLETED and not explicit & {*RUNNING, MaintenanceStatus.COMPLETED}:
        closed = {c: (s, ComponentStatus.OPERATIONAL) for c, s in components.items()}
        result.append(_clock_event(maintenance, EventKind.WINDOW_CLOSED, maintenance.scheduled_until, closed))
    return result


def _clock_event(maintenance: Incident, kind: EventKind, moment: datetime, changes: Transitions) -> Event:
    suffix = "opened" if kind is EventKind.WINDOW_OPENED else "closed"
    return Event(
        key=f"{maintenance.id}#{suffix}",
        kind=kind,
        incident=_updates_until(maintenance, moment),
        at=moment,
        index=None,
        changes=changes,
        statuses={c: new for c, (_, new) in changes.items()},
    )


def as_of(incident: Incident, index: int) -> Incident:
    """The incident as readers saw it right after update `index`: a promise of a next update
    belongs to the latest update only."""
    last = index == len(incident.updates) - 1
    return replace(
        incident,
        updates=incident.updates[: index + 1],
        next_update=incident.next_update if last else None,
    )


def _updates_until(incident: Incident, moment: datetime) -> Incident:
    kept = tuple(u for u in incident.updates if u.at <= moment) or incident.updates[:1]
    return replace(incident, updates=kept, next_update=incident.next_update if len(kept) == len(incident.updates) else None)
