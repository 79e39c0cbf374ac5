"""The words readers see for statuses and updates, in English; pass a gettext to translate them.

Kept in one place so the pages, the feeds and the badges never disagree on a label.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Incident, Update
from ..model.vocabulary import ComponentStatus, Impact, IncidentStatus, MaintenanceStatus

Gettext = Callable[[str], str]


def _identity(text: str) -> str:
    return text


UPDATE_STATUS_LABELS: dict[str, str] = {
    IncidentStatus.INVESTIGATING: "Investigating",
    IncidentStatus.IDENTIFIED: "Identified",
    IncidentStatus.MONITORING: "Monitoring",
    IncidentStatus.RESOLVED: "Resolved",
    IncidentStatus.POSTMORTEM: "Postmortem",
    MaintenanceStatus.SCHEDULED: "Scheduled",
    MaintenanceStatus.IN_PROGRESS: "In progress",
    MaintenanceStatus.VERIFYING: "Verifying",
    MaintenanceStatus.COMPLETED: "Completed",
}

#: A called-off maintenance, which Statuspage's vocabulary has no status for.
CANCELLED_LABEL = "Cancelled"

#: An update that does not change the status is labelled "Update", as Statuspage does.
SAME_STATUS_LABEL = "Update"

COMPONENT_STATUS_LABELS: dict[str, str] = {
    ComponentStatus.OPERATIONAL: "Operational",
    ComponentStatus.DEGRADED_PERFORMANCE: "Degraded performance",
    ComponentStatus.PARTIAL_OUTAGE: "Partial outage",
    ComponentStatus.MAJOR_OUTAGE: "Major outage",
    ComponentStatus.UNDER_MAINTENANCE: "Under maintenance",
}

#: What Material's light/dark toggle says it does, by the scheme it switches to (slate is dark).
DARK_TOGGLE_LABEL = "Switch to dark mode"
LIGHT_TOGGLE_LABEL = "Switch to light mode"

#: The left half of the site's badge, as shields.io badges name what they show.
BADGE_LABEL = "status"


def palette_toggle_label(next_scheme: str | None, _: Gettext = _identity) -> str:
    return _(DARK_TOGGLE_LABEL if next_scheme == "slate" else LIGHT_TOGGLE_LABEL)


IMPACT_LABELS: dict[str, str] = {
    Impact.NONE: "No impact",
    Impact.MINOR: "Minor",
    Impact.MAJOR: "Major",
    Impact.CRITICAL: "Critical",
    Impact.MAINTENANCE: "Maintenance",
}


def update_labels(incident: Incident, _: Gettext = _identity) -> list[tuple[Update, str]]:
    """Each update with its label, oldest first: the status name, or "Update" when unchanged."""
    labelled = []
    previous = None
    for update in incident.updates:
        label = SAME_STATUS_LABEL if update.status == previous else UPDATE_STATUS_LABELS[update.status]
        labelled.append((update, _(label)))
        previous = update.status
    return labelled


def progress_label(incident: Incident, status: IncidentStatus | MaintenanceStatus, _: Gettext = _identity) -> str:
    """Where an incident or maintenance stands, given its status now (see status.Snapshot.status_of)."""
    return _(CANCELLED_LABEL) if incident.cancelled else _(UPDATE_STATUS_LABELS[status])


def component_status_label(status: ComponentStatus, _: Gettext = _identity) -> str:
    return _(COMPONENT_STATUS_LABELS[status])


def impact_label(impact: Impact, _: Gettext = _identity) -> str:
    return _(IMPACT_LABELS[impact])
