"""Statuspage's JSON, read into SourceData: the public v2 API (`summary.json`, `components.json`,
`incidents.json`, `scheduled-maintenances.json`) and the management API's lists of incidents,
components and component groups.

Statuspage's vocabulary is Balise's (Balise's API speaks it), so statuses, impacts and
component statuses carry over as they are; times keep their milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from ..model.times import TimeFormatError, parse_time
from ..model.vocabulary import ComponentStatus, Impact
from .source import SourceComponent, SourceData, SourceGroup, SourceIncident, SourceUpdate

#: The public API's lists stop at the latest 50 (incidents.json, scheduled-maintenances.json).
PUBLIC_LIMIT = 50
PUBLIC_API_NOTE = (
    "the public Statuspage API lists only the 50 latest incidents and the 50 latest scheduled maintenances; "
    "for the whole history, set STATUSPAGE_API_KEY to a page API key and pass --page-id"
)

_COMPONENT_STATUSES = {status.value for status in ComponentStatus}
_IMPACTS = {impact.value for impact in Impact}
#: When an incident names components but never their statuses, its impact says how bad it was.
_STATUS_FOR_IMPACT = {
    "critical": ComponentStatus.MAJOR_OUTAGE.value,
    "major": ComponentStatus.PARTIAL_OUTAGE.value,
    "minor": ComponentStatus.DEGRADED_PERFORMANCE.value,
    "none": ComponentStatus.DEGRADED_PERFORMANCE.value,
}


class StatuspageFormatError(ValueError):
    """A document that is not Statuspage JSON; the message names it."""


def read_documents(documents: Iterable[tuple[str, Any]]) -> SourceData:
    """SourceData from (name, parsed JSON) pairs, whatever endpoints they came from."""
    reader = _Reader()
    for name, document in documents:
        reader.read(name, document)
    return reader.result()


class _Reader:
    def __init__(self) -> None:
        self.groups: dict[str, SourceGroup] = {}
        self.components: dict[str, SourceComponent] = {}
        self.incidents: dict[str, tuple[Mapping[str, Any], bool]] = {}
        self.public = False
        self.truncated = False

    def read(self, name: str, document: Any) -> None:
        if isinstance(document, list):
            self._read_list(name, document)
            return
        if not isinstance(document, Mapping):
            raise StatuspageFormatError(f"{name}: not a Statuspage API response (expected a JSON object or list)")
        known = False
        if isinstance(document.get("components"), list):
            self._read_components(document["components"])
            known = True
        for key, maintenance in (("incidents", False), ("scheduled_maintenances", True)):
            if isinstance(document.get(key), list):
                self.public = True
                self.truncated = self.truncated or len(document[key]) >= PUBLIC_LIMIT
                for incident in document[key]:
                    self._keep(incident, maintenance)
                known = True
        if not known:
            raise StatuspageFormatError(
                f"{name}: no 'components', 'incidents' or 'scheduled_maintenances' list; is it a Statuspage API response?"
            )

    def _read_list(self, name: str, items: list[Any]) -> None:
        """The management API answers with bare lists: incidents, components or component groups."""
        for item in items:
            if not isinstance(item, Mapping):
                raise StatuspageFormatError(f"{name}: a list of something else than Statuspage objects")
            if "incident_updates" in item:
                self._keep(item, bool(item.get("scheduled_for")))
            elif "status" in item or "group_id" in item:
                self._read_components([item])
            elif isinstance(item.get("components"), list):  # a component group
                self._group(item)
            else:
                raise StatuspageFormatError(f"{name}: an item that is neither an incident, a component nor a group")

    def _read_components(self, items: list[Any]) -> None:
        for item in items:
            if not isinstance(item, Mapping) or not isinstance(item.get("id"), str):
                continue
            if item.get("group") is True:
                self._group(item)
                continue
            self.components.setdefault(
                item["id"],
                SourceComponent(
                    key=item["id"],
                    name=_text(item.get("name")) or item["id"],
                    description=_text(item.get("description")),
                    group=item.get("group_id") if isinstance(item.get("group_id"), str) else None,
                ),
            )

    def _group(self, item: Mapping[str, Any]) -> None:
        key = item.get("id")
        if isinstance(key, str):
            self.groups.setdefault(key, SourceGroup(key, _text(item.get("name")) or key, _text(item.get("description"))))
            for member in item.get("components") or []:
                known = self.components.get(member) if isinstance(member, str) else None
                if known is not None and known.group is None:
                    self.components[member] = SourceComponent(known.key, known.name, known.description, key)

    def _keep(self, incident: Any, maintenance: bool) -> None:
        """The fullest copy of each incident: summary.json and incidents.json may both hold it."""
        if not isinstance(incident, Mapping) or not isinstance(incident.get("id"), str):
            raise StatuspageFormatError("an incident without an id")
        current = self.incidents.get(incident["id"])
        if current is None or len(incident.get("incident_updates") or []) > len(current[0].get("incident_updates") or []):
            self.incidents[incident["id"]] = (incident, maintenance)
        for component in incident.get("components") or []:
            self._read_components([component])
        for update in incident.get("incident_updates") or []:
            for affected in (update.get("affected_components") or []) if isinstance(update, Mapping) else []:
                code = affected.get("code") if isinstance(affected, Mapping) else None
                if isinstance(code, str) and code not in self.components:
                    self.components[code] = SourceComponent(code, _text(affected.get("name")) or code)

    def result(self) -> SourceData:
        notes: list[str] = []
        incidents = [_incident(raw, maintenance, notes) for raw, maintenance in self.incidents.values()]
        incidents.sort(key=lambda incident: (incident.updates[0].at if incident.updates else _EPOCH, incident.key))
        if self.public:
            notes.append(PUBLIC_API_NOTE + (" (this source holds 50: older ones are missing)" if self.truncated else ""))
        return SourceData(list(self.groups.values()), list(self.components.values()), incidents, notes)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parse_time(value, UTC)
    except TimeFormatError:
        return None


def _incident(raw: Mapping[str, Any], maintenance: bool, notes: list[str]) -> SourceIncident:
    """The incident; an update that cannot be read (no time in range, no status) is left out, and said in `notes`."""
    updates = []
    left_out = 0
    for update in raw.get("incident_updates") or []:
        at = _when(update.get("display_at")) or _when(update.get("created_at")) if isinstance(update, Mapping) else None
        status = update.get("status") if isinstance(update, Mapping) else None
        if at is None or not isinstance(status, str):
            left_out += 1
            continue
        changes = {
            affected["code"]: affected["new_status"]
            for affected in update.get("affected_components") or []
            if isinstance(affected, Mapping)
            and isinstance(affected.get("code"), str)
            and affected.get("new_status") in _COMPONENT_STATUSES
        }
        updates.append(SourceUpdate(at, status, _text(update.get("body")), changes))
    updates.sort(key=lambda update: update.at)
    if left_out:
        notes.append(f"Statuspage {raw['id']}: {left_out} update(s) without a readable time or status left out")
    impact = raw.get("impact") if raw.get("impact") in _IMPACTS else "none"
    if not maintenance and impact == Impact.MAINTENANCE.value:
        impact = Impact.NONE.value
    named = [c["id"] for c in raw.get("components") or [] if isinstance(c, Mapping) and isinstance(c.get("id"), str)]
    if maintenance:
        components = dict.fromkeys([*named, *(key for update in updates for key in update.components)], "")
    else:
        components = dict(updates[0].components) if updates else {}
        mentioned = {key for update in updates for key in update.components}
        for key in named:
            if key not in mentioned:
                components[key] = _STATUS_FOR_IMPACT.get(impact, ComponentStatus.DEGRADED_PERFORMANCE.value)
    body = _text(raw.get("postmortem_body"))
    return SourceIncident(
        origin="Statuspage",
        key=str(raw["id"]),
        title=_text(raw.get("name")),
        maintenance=maintenance,
        impact=impact,
        updates=tuple(updates),
        components=components,
        scheduled_for=_when(raw.get("scheduled_for")),
        scheduled_until=_when(raw.get("scheduled_until")),
        body=f"## Postmortem\n\n{body}" if body else "",
        link=raw.get("shortlink") if isinstance(raw.get("shortlink"), str) else None,
    )
