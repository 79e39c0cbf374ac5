"""What a notification says, in the channel's language, before any service's format.

Every channel shows the same facts (DESIGN.md: title, what changed in words, the affected
components and their status, the update's text, the promised next update, and a link to the
incident page); each channel only decides how they look. The words come from the same
catalogs and labels as the page, so a channel never calls a status something the page does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..model import Incident, SiteConfig, Update
from ..model.vocabulary import ComponentStatus, Impact, IncidentStatus, Kind, MaintenanceStatus
from ..outputs.i18n import Localizer
from ..outputs.labels import CANCELLED_LABEL, UPDATE_STATUS_LABELS, component_status_label, impact_label
from ..outputs.urls import absolute, incident_path
from .events import Event, EventKind


@dataclass(frozen=True)
class ComponentLine:
    name: str
    status: str  # its status label after the event
    before: str | None  # its label before, when this event changed it
    severity: int  # to pick a colour or an emoji


@dataclass(frozen=True)
class Announcement:
    """The facts of one event, in words. `title` and `message` are untrusted text (anyone can
    open a pull request): each channel escapes or flattens them for its format."""

    key: str
    thread: str  # the incident's file name: one conversation per incident where a channel threads
    site_name: str
    headline: str  # "New incident", "Maintenance started", …
    title: str
    status: str  # the status label after the event
    change: str | None  # "Investigating → Identified" when the status changed
    impact: str | None  # incidents only
    components: tuple[ComponentLine, ...]
    message: str  # Markdown
    next_update: str | None
    window: str | None  # a maintenance's window, in the site's zone
    url: str | None  # the incident page; None when `site_url` is not configured
    at: datetime
    severity: int  # 0 good news … 4 major outage: colours and priorities follow it
    is_maintenance: bool
    labels: Labels


@dataclass(frozen=True)
class Labels:
    """Field names in the channel's language."""

    status: str
    impact: str
    components: str
    next_update: str
    window: str
    details: str
    footer: str


def labels(localizer: Localizer, site_name: str) -> Labels:
    _ = localizer.gettext
    return Labels(
        status=_("Status"),
        impact=_("Impact"),
        components=_("Affected components"),
        next_update=_("Next update"),
        window=_("Maintenance window"),
        details=_("Details and updates"),
        footer=_("Sent by %(site)s") % {"site": site_name},
    )


def headline(kind: EventKind, localizer: Localizer) -> str:
    _ = localizer.gettext
    return {
        EventKind.NEW_INCIDENT: _("New incident"),
        EventKind.INCIDENT_UPDATE: _("Incident update"),
        EventKind.INCIDENT_RESOLVED: _("Incident resolved"),
        EventKind.POSTMORTEM: _("Postmortem published"),
        EventKind.NEW_MAINTENANCE: _("Maintenance scheduled"),
        EventKind.MAINTENANCE_UPDATE: _("Maintenance update"),
        EventKind.WINDOW_OPENED: _("Maintenance started"),
        EventKind.WINDOW_CLOSED: _("Maintenance completed"),
        EventKind.MAINTENANCE_CANCELLED: _("Maintenance cancelled"),
    }[kind]


def clock_message(kind: EventKind, localizer: Localizer) -> str:
    """The words of an event no person wrote: the window opened or closed on time."""
    _ = localizer.gettext
    if kind is EventKind.WINDOW_OPENED:
        return _("The maintenance window has started as scheduled.")
    return _("The maintenance window has ended as scheduled.")


def test_words(localizer: Localizer, site_name: str) -> tuple[str, str, str]:
    """Headline, title and message of `balise notify --test`."""
    _ = localizer.gettext
    return (
        _("Test message"),
        _("Test notification from %(site)s") % {"site": site_name},
        _("If you can read this, %(site)s can announce incidents here.") % {"site": site_name},
    )


def announce(event: Event, config: SiteConfig, localizer: Localizer) -> Announcement:
    incident = event.incident
    _ = localizer.gettext
    status_now = _status(event)
    status = _(CANCELLED_LABEL) if event.kind is EventKind.MAINTENANCE_CANCELLED else _(UPDATE_STATUS_LABELS[status_now])
    before = event.previous_status
    change = None
    if before is not None and before != status_now and event.kind is not EventKind.MAINTENANCE_CANCELLED:
        change = f"{_(UPDATE_STATUS_LABELS[before])} → {status}"
    update = event.update
    written = update is not None and event.kind not in (EventKind.WINDOW_OPENED, EventKind.WINDOW_CLOSED)
    return Announcement(
        key=event.key,
        thread=incident.id,
        site_name=config.site_name,
        headline=headline(event.kind, localizer),
        title=incident.title,
        status=status,
        change=change,
        impact=None if incident.is_maintenance else impact_label(incident.impact, _),
        components=_components(event, config, localizer),
        message=update.message.strip() if written and update is not None else clock_message(event.kind, localizer),
        next_update=_next_update(incident, update, localizer),
        window=_window(incident, localizer),
        url=absolute(config, incident_path(incident.id)),
        at=event.at,
        severity=_severity(event),
        is_maintenance=incident.is_maintenance,
        labels=labels(localizer, config.site_name),
    )


def test_announcement(config: SiteConfig, localizer: Localizer, now: datetime) -> Announcement:
    head, title, message = test_words(localizer, config.site_name)
    return Announcement(
        key="test",
        thread="test",
        site_name=config.site_name,
        headline=head,
        title=title,
        status=component_status_label(ComponentStatus.OPERATIONAL, localizer.gettext),
        change=None,
        impact=None,
        components=(),
        message=message,
        next_update=None,
        window=None,
        url=absolute(config, ""),
        at=now,
        severity=0,
        is_maintenance=False,
        labels=labels(localizer, config.site_name),
    )


def _status(event: Event) -> IncidentStatus | MaintenanceStatus:
    if event.kind is EventKind.WINDOW_OPENED:
        return MaintenanceStatus.IN_PROGRESS
    if event.kind is EventKind.WINDOW_CLOSED:
        return MaintenanceStatus.COMPLETED
    return event.incident.updates[event.index if event.index is not None else -1].status


def _components(event: Event, config: SiteConfig, localizer: Localizer) -> tuple[ComponentLine, ...]:
    lines = []
    for component in config.components:
        if component.id not in event.statuses:
            continue
        status = event.statuses[component.id]
        old = event.changes.get(component.id, (None, None))[0]
        lines.append(
            ComponentLine(
                name=component.name,
                status=component_status_label(status, localizer.gettext),
                before=component_status_label(old, localizer.gettext) if old is not None else None,
                severity=status.severity,
            )
        )
    return tuple(lines)


def _next_update(incident: Incident, update: Update | None, localizer: Localizer) -> str | None:
    if incident.next_update is None or incident.is_resolved or update is not incident.updates[-1]:
        return None
    return localizer.datetime_text(incident.next_update)


def _window(incident: Incident, localizer: Localizer) -> str | None:
    if incident.kind is not Kind.MAINTENANCE or incident.scheduled_for is None or incident.scheduled_until is None:
        return None
    return f"{localizer.datetime_text(incident.scheduled_for)} – {localizer.datetime_text(incident.scheduled_until)}"


def _severity(event: Event) -> int:
    """How alarming the event is: the worst component status it leaves, none once it is over."""
    if event.kind in (EventKind.INCIDENT_RESOLVED, EventKind.WINDOW_CLOSED, EventKind.MAINTENANCE_CANCELLED):
        return 0
    if event.kind is EventKind.POSTMORTEM:
        return 0
    if event.incident.is_maintenance:
        return ComponentStatus.UNDER_MAINTENANCE.severity
    worst = max((s.severity for s in event.statuses.values()), default=0)
    return max(worst, {Impact.CRITICAL: 4, Impact.MAJOR: 3, Impact.MINOR: 2}.get(event.incident.impact, 0))

