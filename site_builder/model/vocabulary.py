"""The Statuspage vocabulary, spelled exactly as the Statuspage v2 API spells it.

Real API clients reject any other spelling, so these strings are part of the contract.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    INCIDENT = "incident"
    MAINTENANCE = "maintenance"


class ComponentStatus(StrEnum):
    OPERATIONAL = "operational"
    DEGRADED_PERFORMANCE = "degraded_performance"
    PARTIAL_OUTAGE = "partial_outage"
    MAJOR_OUTAGE = "major_outage"
    UNDER_MAINTENANCE = "under_maintenance"

    @property
    def severity(self) -> int:
        """Rank used to pick the worst status (DESIGN.md, status rules)."""
        return _COMPONENT_SEVERITY[self]


_COMPONENT_SEVERITY = {
    ComponentStatus.OPERATIONAL: 0,
    ComponentStatus.UNDER_MAINTENANCE: 1,
    ComponentStatus.DEGRADED_PERFORMANCE: 2,
    ComponentStatus.PARTIAL_OUTAGE: 3,
    ComponentStatus.MAJOR_OUTAGE: 4,
}


class IncidentStatus(StrEnum):
    INVESTIGATING = "investigating"
    IDENTIFIED = "identified"
    MONITORING = "monitoring"
    RESOLVED = "resolved"
    POSTMORTEM = "postmortem"


class MaintenanceStatus(StrEnum):
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    VERIFYING = "verifying"
    COMPLETED = "completed"


class Impact(StrEnum):
    NONE = "none"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"
    MAINTENANCE = "maintenance"


INCIDENT_IMPACTS: tuple[Impact, ...] = (Impact.NONE, Impact.MINOR, Impact.MAJOR, Impact.CRITICAL)
MAINTENANCE_IMPACTS: tuple[Impact, ...] = (Impact.MAINTENANCE, *INCIDENT_IMPACTS)

#: Statuses that close a timeline: after them, only a postmortem may follow (incidents).
CLOSING_STATUSES: frozenset[str] = frozenset({IncidentStatus.RESOLVED, MaintenanceStatus.COMPLETED})
