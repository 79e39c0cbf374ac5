"""The Statuspage v2 public API (`api/v2/*.json`) as static files.

Monitoring tools, chat bots and exporters already speak Atlassian's API, so every object
here has the keys, key order, JSON types and enum spellings of real responses (the captured
samples in shared/fixtures/statuspage/). Where a field has no counterpart in our data it is
given the neutral value real pages send (`null`, `false`), never left out: strict clients
decode into fixed structs.

All times come from the data (update times, maintenance windows) and `now`, never from the
clock, so the same files and the same `now` give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Any

from ..engine.recency import EPOCH, components_named, earliest_update_at, touches
from ..engine.status import Snapshot, maintenance_window, worst
from ..model import Component, ComponentGroup, Incident, SiteConfig, ids
from ..model.vocabulary import CLOSING_STATUSES, ComponentStatus, IncidentStatus, MaintenanceStatus
from .output import OutputFile
from .urls import absolute, incident_path

ROOT = "api/v2/"
#: Statuspage's list endpoints return the 50 most recent entries.
LIST_LIMIT = 50

Json = dict[str, Any]
#: old and new status of each component an update changed, by catalog id.
Transitions = dict[str, tuple[ComponentStatus, ComponentStatus]]


def api_time(moment: datetime, zone: tzinfo) -> str:
    """`2022-11-25T09:12:29.618Z` or `2020-06-16T14:00:29.031-07:00`: ISO 8601 with
    milliseconds, in the page's time zone, `Z` for a zero offset, as Statuspage writes them."""
    local = moment.astimezone(zone)
    text = local.isoformat(timespec="milliseconds")
    return text[:-6] + "Z" if local.utcoffset() == timedelta(0) else text


def encode(document: Json) -> bytes:
    """Compact UTF-8 JSON in the order the dicts were built: the samples' key order."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def api_outputs(snapshot: Snapshot) -> list[OutputFile]:
    api = StatuspageApi(snapshot)
    documents = {
        "summary.json": api.summary(),
        "status.json": api.status_document(),
        "components.json": api.components_document(),
        "incidents.json": api.incidents_document(),
        "incidents/unresolved.json": api.unresolved_document(),
        "scheduled-maintenances.json": api.maintenances_document(),
        "scheduled-maintenances/upcoming.json": api.upcoming_document(),
        "scheduled-maintenances/active.json": api.active_document(),
    }
    return [OutputFile(ROOT + name, encode(document)) for name, document in documents.items()]


def maintenance_transitions(incident: Incident) -> list[Transitions]:
    """What each update of a maintenance did to its components.

    Components go under maintenance when an update says it started (in progress or
    verifying) and come back when it is completed; a window the clock opened has no update
    to carry that change.
    """
    result: list[Transitions] = []
    running = False
    for update in incident.updates:
        changes: Transitions = {}
        if update.status in (MaintenanceStatus.IN_PROGRESS, MaintenanceStatus.VERIFYING) and not running:
            running = True
            changes = {c: (ComponentStatus.OPERATIONAL, s) for c, s in incident.components.items()}
        elif update.status is MaintenanceStatus.COMPLETED:
            before = incident.components if running else {}
            changes = {c: (s, ComponentStatus.OPERATIONAL) for c, s in before.items()}
            running = False
        result.append(changes)
    return result


def incident_transitions(incident: Incident) -> list[Transitions]:
    """What each update of an incident did to its components, as the status engine reads it.

    The first update carries the starting statuses; the resolving update brings every
    component back to operational (the engine ignores component changes on or after it).
    Unchanged components are left out, unlike GitHub's repeated old == new entries.
    """
    result: list[Transitions] = []
    current: dict[str, ComponentStatus] = {}
    closed = False
    for index, update in enumerate(incident.updates):
        if closed:
            result.append({})
            continue
        if update.status in CLOSING_STATUSES:
            closed = True
            wanted = {c: ComponentStatus.OPERATIONAL for c in current}
        elif index == 0:
            wanted = {**incident.components, **update.components}
        else:
            wanted = dict(update.components)
        changes: Transitions = {}
        for component, status in wanted.items():
            old = current.get(component, ComponentStatus.OPERATIONAL)
            if old is not status:
                changes[component] = (old, status)
            current[component] = status
        result.append(changes)
    return result


class StatuspageApi:
    """Builds the API's objects for one snapshot; each component object is built once and
    shared by every endpoint, so they never disagree."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.config: SiteConfig = snapshot.config
        self.zone = self.config.timezone
        self.page_id = ids.page_id(self.config)
        self._components = self._build_components()
        self._page = self._build_page()

    # -- documents -------------------------------------------------------------------------

    def summary(self) -> Json:
        return {
            "page": self.page(),
            "components": self.components(),
            "incidents": [self.incident(i) for i in self._unresolved()],
            "scheduled_maintenances": [self.incident(i) for i in self._upcoming_and_active()],
            "status": self.status(),
        }

    def status_document(self) -> Json:
        return {"page": self.page(), "status": self.status()}

    def components_document(self) -> Json:
        return {"page": self.page(), "components": self.components()}

    def incidents_document(self) -> Json:
        recent = _newest_first(self._incidents(), key=lambda i: i.started_at)[:LIST_LIMIT]
        return {"page": self.page(), "incidents": [self.incident(i) for i in recent]}

    def unresolved_document(self) -> Json:
        return {"page": self.page(), "incidents": [self.incident(i) for i in self._unresolved()]}

    def maintenances_document(self) -> Json:
        recent = _newest_first(self._maintenances(), key=_scheduled_for)[:LIST_LIMIT]
        return {"page": self.page(), "scheduled_maintenances": [self.incident(i) for i in recent]}

    def upcoming_document(self) -> Json:
        upcoming = self.snapshot.upcoming_maintenances
        return {"page": self.page(), "scheduled_maintenances": [self.incident(i) for i in upcoming]}

    def active_document(self) -> Json:
        active = sorted(self.snapshot.active_maintenances, key=lambda i: (_scheduled_for(i), i.id))
        return {"page": self.page(), "scheduled_maintenances": [self.incident(i) for i in active]}

    # -- objects ---------------------------------------------------------------------------

    def page(self) -> Json:
        return self._page

    def _build_page(self) -> Json:
        return {
            "id": self.page_id,
            "name": self.config.site_name,
            "url": (self.config.site_url or "").rstrip("/"),
            "time_zone": self.config.timezone.key,
            "updated_at": self.time(self.page_updated_at()),
        }

    def status(self) -> Json:
        overall = self.snapshot.overall
        return {"indicator": overall.indicator, "description": overall.description}

    def components(self) -> list[Json]:
        return list(self._components.values())

    def incident(self, incident: Incident) -> Json:
        maintenance = incident.is_maintenance
        transitions = maintenance_transitions(incident) if maintenance else incident_transitions(incident)
        public = ids.incident_id(incident.id)
        updates = [self.update(incident, public, i, transitions[i]) for i in range(len(incident.updates))]
        resolved_at = self.resolved_at(incident)
        result: Json = {
            "id": public,
            "name": incident.title,
            "status": self.snapshot.status_of(incident).value,
            "created_at": self.time(incident.first_posted_at),
            "updated_at": self.time(self.changed_at(incident)),
            "monitoring_at": self.optional_time(self.monitoring_at(incident)),
            "resolved_at": self.optional_time(resolved_at),
            "impact": incident.impact.value,
            "shortlink": absolute(self.config, incident_path(incident.id)) or incident_path(incident.id),
            "started_at": self.time(incident.started_at),
            "page_id": self.page_id,
            "incident_updates": list(reversed(updates)),
            "components": [
                self._components[("component", c)] for c in components_named(incident, self.config.component_ids)
            ],
        }
        if maintenance:
            assert incident.scheduled_for is not None and incident.scheduled_until is not None
            result["scheduled_for"] = self.time(incident.scheduled_for)
            result["scheduled_until"] = self.time(incident.scheduled_until)
        else:
            result["reminder_intervals"] = None
        return result

    def update(self, incident: Incident, public_incident_id: str, index: int, changes: Transitions) -> Json:
        update = incident.updates[index]
        at = self.time(update.at)
        affected = [
            {
                "code": ids.component_id(component),
                "name": self.config.component(component).name,
                "old_status": old.value,
                "new_status": new.value,
            }
            for component, (old, new) in _in_catalog_order(changes, self.config.component_ids)
        ]
        return {
            "id": ids.update_id(incident.id, index),
            "status": update.status.value,
            # Plain text, as Statuspage sends it: the message as written, never rendered HTML.
            "body": update.message.strip(),
            "incident_id": public_incident_id,
            "created_at": at,
            "updated_at": at,
            "display_at": at,
            "affected_components": affected or None,
            "deliver_notifications": True,
            "custom_tweet": None,
            "tweet_id": None,
        }

    # -- times -----------------------------------------------------------------------------

    def time(self, moment: datetime) -> str:
        return api_time(moment, self.zone)

    def optional_time(self, moment: datetime | None) -> str | None:
        return None if moment is None else self.time(moment)

    def monitoring_at(self, incident: Incident) -> datetime | None:
        """When watching began: `monitoring` for an incident, `verifying` for a maintenance
        (as Discord's sample shows)."""
        watching = MaintenanceStatus.VERIFYING if incident.is_maintenance else IncidentStatus.MONITORING
        return next((u.at for u in incident.updates if u.status == watching), None)

    def resolved_at(self, incident: Incident) -> datetime | None:
        """The closing update's time; a maintenance the clock closed ends with its window."""
        if incident.resolved_at is not None:
            return incident.resolved_at
        if incident.cancelled:
            return incident.last_update_at
        if incident.is_maintenance and self.snapshot.maintenance_status[incident.id] is MaintenanceStatus.COMPLETED:
            return incident.scheduled_until
        return None

    def changed_at(self, incident: Incident) -> datetime:
        """The last update, or later when the clock opened or closed a maintenance window:
        clients that cache on `updated_at` must see that change too."""
        moments = [incident.last_update_at]
        if incident.is_maintenance:
            window = maintenance_window(incident, self.snapshot.now)
            if window is not None:
                moments.append(window[0])
            resolved = self.resolved_at(incident)
            if resolved is not None:
                moments.append(resolved)
        return max(moments)

    def page_updated_at(self) -> datetime:
        return max((self.changed_at(i) for i in self.snapshot.incidents), default=EPOCH)

    def component_times(self, component_id: str) -> tuple[datetime, datetime]:
        """created_at: the first update of the first incident naming it (else the data's
        first update); updated_at: its last status change up to `now`."""
        incidents = self.snapshot.incidents
        touching = [i for i in incidents if touches(i, component_id)]
        created = earliest_update_at(touching, default=earliest_update_at(incidents))
        now = self.snapshot.now
        changes = [created]
        for segment in self.snapshot.segments.get(component_id, ()):
            changes.extend(m for m in (segment.start, segment.end) if m is not None and m <= now)
        return created, max(changes)

    # -- selections ------------------------------------------------------------------------

    def _incidents(self) -> list[Incident]:
        return [i for i in self.snapshot.incidents if not i.is_maintenance]

    def _maintenances(self) -> list[Incident]:
        return [i for i in self.snapshot.incidents if i.is_maintenance]

    def _unresolved(self) -> list[Incident]:
        return _newest_first([i for i in self._incidents() if not i.is_resolved], key=lambda i: i.started_at)

    def _upcoming_and_active(self) -> list[Incident]:
        """Summary's maintenances: scheduled or running, soonest window first (as Twilio's sample)."""
        chosen = list(self.snapshot.upcoming_maintenances) + list(self.snapshot.active_maintenances)
        return sorted(chosen, key=lambda i: (_scheduled_for(i), i.id))

    # -- components ------------------------------------------------------------------------

    def _build_components(self) -> dict[tuple[str, str], Json]:
        """Every component and group, keyed ("component" | "group", catalog id), in the page's
        order: each group that has members, then its members, then components without a group.

        `position` counts from 1 among top-level entries, and within each group, as on Statuspage.
        """
        built: dict[tuple[str, str], Json] = {}
        ordered = sorted(self.config.components, key=lambda c: c.position)
        top_level = 0
        for group in sorted(self.config.groups, key=lambda g: g.position):
            members = [c for c in ordered if c.group == group.id]
            if not members:
                continue  # the page shows no empty group either
            top_level += 1
            children = [
                self._component(c, position, ids.group_id(group.id)) for position, c in enumerate(members, start=1)
            ]
            built[("group", group.id)] = self._group(group, top_level, members, children)
            for component, child in zip(members, children, strict=True):
                built[("component", component.id)] = child
        for component in ordered:
            if ("component", component.id) not in built:
                top_level += 1
                built[("component", component.id)] = self._component(component, top_level, None)
        return built

    def _component(self, component: Component, position: int, group_public_id: str | None) -> Json:
        created, updated = self.component_times(component.id)
        return {
            "id": ids.component_id(component.id),
            "name": component.name,
            "status": self.snapshot.component_status[component.id].value,
            "created_at": self.time(created),
            "updated_at": self.time(updated),
            "position": position,
            "description": component.description or None,
            # Showcase = the page shows the component's uptime bars, which ours does for all.
            "showcase": True,
            "start_date": None,
            "group_id": group_public_id,
            "page_id": self.page_id,
            "group": False,
            "only_show_if_degraded": False,
        }

    def _group(
        self, group: ComponentGroup, position: int, members: Sequence[Component], children: Sequence[Json]
    ) -> Json:
        """A group is a component with `group: true`, its members' ids and their worst status."""
        times = [self.component_times(c.id) for c in members]
        return {
            "id": ids.group_id(group.id),
            "name": group.name,
            "status": worst(self.snapshot.component_status[c.id] for c in members).value,
            "created_at": self.time(min(created for created, _ in times)),
            "updated_at": self.time(max(updated for _, updated in times)),
            "position": position,
            "description": group.description or None,
            "showcase": False,
            "start_date": None,
            "group_id": None,
            "page_id": self.page_id,
            "group": True,
            "only_show_if_degraded": False,
            "components": [c["id"] for c in children],
        }


def _newest_first(incidents: Sequence[Incident], key: Callable[[Incident], datetime]) -> list[Incident]:
    return sorted(incidents, key=lambda i: (key(i), i.id), reverse=True)


def _scheduled_for(incident: Incident) -> datetime:
    assert incident.scheduled_for is not None
    return incident.scheduled_for


def _in_catalog_order(
    changes: Transitions, catalog: Sequence[str]
) -> list[tuple[str, tuple[ComponentStatus, ComponentStatus]]]:
    return [(c, changes[c]) for c in catalog if c in changes]
