"""An incident or maintenance and its timeline, as read from one file.

Everything here is validated already: times are aware and in UTC, statuses are in the
Statuspage vocabulary, component ids exist. Objects are immutable so stages cannot
change what an earlier stage produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

from .alerting import AlertOrigin
from .vocabulary import CLOSING_STATUSES, ComponentStatus, Impact, IncidentStatus, Kind, MaintenanceStatus


@dataclass(frozen=True)
class Update:
    """One entry of a timeline; `components` are the statuses from this update on."""

    at: datetime
    status: IncidentStatus | MaintenanceStatus
    message: str
    components: dict[str, ComponentStatus] = field(default_factory=dict)
    line: int = 0
    message_line: int = 0  # where `message:` is, for problems about the text


@dataclass(frozen=True)
class Incident:
    """An incident or a maintenance (`kind`), read from one file.

    `lines` maps front-matter keys to their line in the file, so later checks can point at them.
    """

    id: str
    path: Path
    kind: Kind
    title: str
    impact: Impact
    components: dict[str, ComponentStatus]
    updates: tuple[Update, ...]
    body: str = ""
    body_line: int = 1
    next_update: datetime | None = None
    scheduled_for: datetime | None = None
    scheduled_until: datetime | None = None
    cancelled: bool = False  # a maintenance called off: its window never opens
    #: When the impact began, if before the first update (the file's `started_at`).
    impact_started_at: datetime | None = None
    #: When the team expects the incident to be resolved (the file's `estimated_resolution`).
    estimated_resolution: datetime | None = None
    #: The alert episode `balise alert` drafted this incident for (the file's `alert:`); never published.
    alert: AlertOrigin | None = None
    lines: dict[str, int] = field(default_factory=dict)

    @cached_property
    def affected(self) -> tuple[str, ...]:
        """Every component the incident names, at the start or in an update, in the file's order."""
        seen = dict.fromkeys(self.components)
        for update in self.updates:
            seen.update(dict.fromkeys(update.components))
        return tuple(seen)

    @property
    def is_maintenance(self) -> bool:
        return self.kind is Kind.MAINTENANCE

    @property
    def status(self) -> IncidentStatus | MaintenanceStatus:
        """The status of the latest update."""
        return self.updates[-1].status

    @property
    def started_at(self) -> datetime:
        """When the impact began: the file's `started_at` when given, else the first update."""
        return self.impact_started_at or self.updates[0].at

    @property
    def first_posted_at(self) -> datetime:
        """When readers were first told: the first update."""
        return self.updates[0].at

    @property
    def has_postmortem(self) -> bool:
        return any(u.status is IncidentStatus.POSTMORTEM for u in self.updates)

    @property
    def last_update_at(self) -> datetime:
        return self.updates[-1].at

    @property
    def resolved_at(self) -> datetime | None:
        """When the timeline closed (resolved or completed), or None while it is open."""
        for update in self.updates:
            if update.status in CLOSING_STATUSES:
                return update.at
        return None

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None
