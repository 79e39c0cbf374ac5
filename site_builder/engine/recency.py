"""When the data last changed: the times machine outputs stamp themselves with.

Outputs never stamp the build time: rebuilding the same files at another moment must give
the same bytes, and a feed reader or cache must not see a change where there is none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from ..model import Incident

#: The stamp of a site that has no incident yet; fixed so that even an empty site is reproducible.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def latest_update_at(incidents: Iterable[Incident], default: datetime = EPOCH) -> datetime:
    """The time of the newest update of any of `incidents`."""
    return max((i.last_update_at for i in incidents), default=default)


def earliest_update_at(incidents: Iterable[Incident], default: datetime = EPOCH) -> datetime:
    return min((i.started_at for i in incidents), default=default)


def by_latest_activity(incidents: Iterable[Incident]) -> list[Incident]:
    """Newest activity first; the id breaks ties so the order never depends on input order."""
    return sorted(incidents, key=lambda i: (i.last_update_at, i.id), reverse=True)


def touches(incident: Incident, component_id: str) -> bool:
    """Whether the incident names the component, at the start or in any update."""
    return component_id in incident.affected


def components_named(incident: Incident, catalog: Sequence[str]) -> list[str]:
    """The components an incident names, in catalog order."""
    return [c for c in catalog if touches(incident, c)]


def changed_at(incident: Incident, now: datetime) -> datetime:
    """When what readers see of `incident` last changed: its latest update, or a maintenance
    window that opened or closed on time since."""
    moments = [incident.last_update_at]
    if incident.is_maintenance and not incident.cancelled:
        moments += [m for m in (incident.scheduled_for, incident.scheduled_until) if m is not None and m <= now]
    return max(moments)


def latest_change_at(incidents: Iterable[Incident], now: datetime) -> datetime | None:
    """The newest change among `incidents`, or None when there are none."""
    return max((changed_at(i, now) for i in incidents), default=None)
