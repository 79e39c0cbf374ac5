"""Look-ups every page needs, computed once per build.

Pages must not scan every incident: with 10,000 incidents and one page per incident and
per component, a scan per page would make the build quadratic.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ...engine.status import Snapshot
from ...model import Incident
from .facts import placed_at


@dataclass(frozen=True)
class SiteIndex:
    by_id: dict[str, Incident]
    #: Every incident and maintenance, newest first by where it sits in history.
    newest_first: tuple[Incident, ...]
    affected: dict[str, tuple[str, ...]]
    #: Incidents and maintenances per component id, newest first.
    by_component: dict[str, tuple[Incident, ...]]
    #: Incidents and maintenances per year (in the site's zone), newest first.
    by_year: dict[int, tuple[Incident, ...]]


def build_index(snapshot: Snapshot) -> SiteIndex:
    zone = snapshot.config.timezone
    newest_first = sorted(snapshot.incidents, key=lambda i: (placed_at(i), i.id), reverse=True)
    affected = {i.id: i.affected for i in newest_first}
    by_component: dict[str, list[Incident]] = defaultdict(list)
    by_year: dict[int, list[Incident]] = defaultdict(list)
    for incident in newest_first:
        for component in affected[incident.id]:
            by_component[component].append(incident)
        by_year[placed_at(incident).astimezone(zone).year].append(incident)
    return SiteIndex(
        by_id={i.id: i for i in newest_first},
        newest_first=tuple(newest_first),
        affected=affected,
        by_component={c: tuple(found) for c, found in by_component.items()},
        by_year={y: tuple(found) for y, found in by_year.items()},
    )
