"""One alert group into the incident files: open a draft, move its components, resolve it, or
leave a note when a person already covers those components. Nothing here writes: the result
is the planned bytes, validated like any `balise update` (authoring/), and the outcome to report.

The episode: an alert group (its source and key) from the moment it fires until it is
resolved. Its key is the group's digest and the earliest start of its firing alerts, fixed when
the draft is opened; every later payload of the group joins the open draft, whatever starts
its alerts carry then (the first alert may resolve while a later one fires). The same payload
delivered again finds the draft already saying what it says and changes nothing; a group
firing again after its draft was resolved starts a new episode, with a new key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from ..authoring import author, edit
from ..authoring.moments import format_utc
from ..model import Incident
from ..model.vocabulary import ComponentStatus, Kind
from ..source.problems import BaliseError, display_path
from ..source.project import parse_incident
from .model import AlertGroup, Link
from .rules import Reading, higher, read_group
from .tree import Tree
from .wording import Wording

#: The promise in each drafted update: when the next word is due (a person may change it).
NEXT_UPDATE = timedelta(minutes=30)
OPERATIONAL = ComponentStatus.OPERATIONAL


@dataclass(frozen=True)
class Outcome:
    """What became of one payload, for the report and for the pull-request step."""

    origin: str
    source: str
    #: opened | updated | resolved | unchanged | note | ignored | notice | refused
    action: str
    detail: str
    group: str | None = None
    key: str | None = None
    path: Path | None = None
    title: str | None = None
    statuses: dict[str, ComponentStatus] = field(default_factory=dict)
    unmatched: tuple[str, ...] = ()
    #: The open incidents, written by people, that already cover these components (a note).
    covered_by: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    summary: str | None = None

    @property
    def changed(self) -> bool:
        return self.action in ("opened", "updated", "resolved")


def key_of(group: AlertGroup, start: datetime) -> str:
    stamp = f"{start.year:04d}{start.month:02d}{start.day:02d}t{start.hour:02d}{start.minute:02d}{start.second:02d}z"
    return f"{group.group_id}-{stamp}"


def effective(incident: Incident) -> dict[str, ComponentStatus]:
    """Each component's status after the incident's last update."""
    statuses = dict(incident.components)
    for update in incident.updates:
        statuses.update(update.components)
    return statuses


def draft(group: AlertGroup, tree: Tree, now: datetime) -> Outcome:
    """The outcome of one group, with `tree` holding the planned bytes when it changes a file."""
    config = tree.config
    reading = read_group(group, config)
    base = {
        "origin": group.origin,
        "source": group.source,
        "group": group.group_id,
        "unmatched": tuple(alert.name for alert in reading.unmatched),
        "links": group.links + tuple(link for alert in group.alerts for link in alert.links),
        "summary": group.summary,
    }
    if reading.unknown:
        known = ", ".join(config.component_ids)
        listed = ", ".join(f"'{ident}'" for ident in reading.unknown)
        return Outcome(action="refused", detail=f"unknown component {listed} (known: {known}); nothing written", **base)
    now = now.replace(microsecond=0)
    episodes = [i for i in tree.incidents.values() if i.alert is not None and i.alert.group == group.group_id]
    still_open = [i for i in episodes if not i.is_resolved]
    if still_open:
        target = max(still_open, key=lambda incident: incident.alert.key if incident.alert else "")
        return _follow(group, reading, target, tree, now, base)
    broken = tree.mentions(f"{group.group_id}-")
    if broken:
        shown = ", ".join(display_path(path) for path in broken)
        return Outcome(action="refused", detail=f"the draft of this alert group, {shown}, has problems: fix it first (balise check)", **base)
    if group.is_resolved:
        starts = [alert.starts_at for alert in group.alerts if alert.starts_at is not None]
        key = key_of(group, min(starts).replace(microsecond=0)) if starts else None
        if key and any(incident.alert and incident.alert.key == key for incident in episodes):
            return Outcome(action="unchanged", detail=f"episode {key} was resolved already: nothing to do", key=key, **base)
        return Outcome(action="unchanged", detail="resolved, and no open draft for this alert group: nothing to do", **base)
    # An alert cannot have started after now: a start in the future is a clock's mistake.
    start = min(group.start or now, now).replace(microsecond=0)
    key = key_of(group, start)
    if any(incident.alert and incident.alert.key == key for incident in episodes):
        return Outcome(action="unchanged", detail=f"episode {key} was resolved already: nothing to do", key=key, **base)
    affected = reading.affected
    if not affected:
        return Outcome(action="ignored", detail="no rule of 'alerts:' in mkdocs.yml matches its firing alerts: nothing opened", key=key, **base)
    covering = sorted(
        incident.id
        for incident in tree.incidents.values()
        if incident.kind is Kind.INCIDENT and incident.alert is None and not incident.is_resolved and set(incident.affected) & set(affected)
    )
    if covering:
        return Outcome(
            action="note",
            detail=f"{', '.join(covering)} (opened by a person) already covers these components: no draft, a note instead",
            key=key,
            statuses=affected,
            covered_by=tuple(covering),
            **base,
        )
    return _open(group, reading, key, start, tree, now, base)


def _open(group: AlertGroup, reading: Reading, key: str, start: datetime, tree: Tree, now: datetime, base: dict) -> Outcome:
    config = tree.config
    wording = Wording(config, now)
    affected = reading.affected
    at = max(now, start)
    promise = at + NEXT_UPDATE
    assert reading.impact is not None
    spec = author.NewIncident(
        title=reading.title or wording.title(affected),
        message=wording.opened(affected, start, promise),
        at=at,
        impact=reading.impact.value,
        components=tuple(author.ComponentChange(ident, status.value) for ident, status in affected.items()),
        next_update=promise,
    )
    try:
        created = author.create(spec, tree.directory, config, taken=tree.planned_names)
        document = edit.split(created.data.decode("utf-8"))
        front_matter = document.front_matter
        if start < at:
            front_matter = edit.set_top_level(front_matter, "started_at", edit.Timestamp(format_utc(start)), before="updates")
        front_matter = edit.set_top_level(front_matter, "alert", f"{{source: {group.source}, key: {key}}}", before="updates")
        data = edit.Document(document.head, front_matter, document.tail).text.encode("utf-8")
        incident = parse_incident(created.path, data, config)
    except (author.RequestError, edit.EditError, BaliseError) as error:
        return Outcome(action="refused", detail=f"the draft would not be valid: {_reason(error)}; nothing written", key=key, **base)
    tree.put(created.path, data, incident)
    return Outcome(
        action="opened",
        detail=f"opened {display_path(created.path)}",
        key=key,
        path=created.path,
        title=incident.title,
        statuses=affected,
        **base,
    )


def _follow(group: AlertGroup, reading: Reading, target: Incident, tree: Tree, now: datetime, base: dict) -> Outcome:
    """The next payload of an open episode: components moved, or the suggested resolution."""
    assert target.alert is not None
    config = tree.config
    wording = Wording(config, now)
    path = target.path
    key = target.alert.key
    shown = display_path(path)
    last = target.updates[-1].at
    at = max(now, last)
    common = {"key": key, "path": path, "title": target.title, **base}
    if group.is_resolved:
        # When the group says it ended, but never before the last update nor after now.
        ended = min(max(group.end or now, last), at).replace(microsecond=0)
        request = author.resolution(target, ended, wording.resolved(ended))
        action, detail = "resolved", f"suggested the resolution of {shown}"
        statuses = {ident: OPERATIONAL for ident in reading.statuses}
    else:
        current = effective(target)
        changes = {ident: status for ident, status in reading.statuses.items() if current.get(ident, OPERATIONAL) != status}
        if not changes:
            return Outcome(action="unchanged", detail=f"{shown} already says this: nothing to do", statuses=reading.affected, **common)
        promise = at + NEXT_UPDATE
        recovered = [ident for ident, status in changes.items() if status is OPERATIONAL]
        message = wording.changed(reading.affected, recovered, promise)
        request = author.NewUpdate(
            at=at,
            message=message,
            components=tuple(author.ComponentChange(ident, status.value) for ident, status in changes.items()),
            next_update=promise,
        )
        action = "updated"
        detail = f"updated {shown}: " + ", ".join(f"{ident} {current.get(ident, OPERATIONAL)} → {status}" for ident, status in changes.items())
        statuses = reading.affected
    try:
        data = tree.data(path)
        edited = author.add_update(path, data, target, request, config)
        data, incident = edited.data, edited.incident
        if action == "updated" and reading.impact is not None and higher(reading.impact, incident.impact) != incident.impact:
            document = edit.split(data.decode("utf-8"))
            front_matter = edit.set_top_level(document.front_matter, "impact", reading.impact.value, before="components")
            data = edit.Document(document.head, front_matter, document.tail).text.encode("utf-8")
            incident = parse_incident(path, data, config)
            detail += f"; impact {target.impact} → {reading.impact}"
    except (author.RequestError, edit.EditError, BaliseError, OSError) as error:
        return Outcome(action="refused", detail=f"{shown}: cannot add the update: {_reason(error)}; nothing written", **common)
    tree.put(path, data, incident)
    return Outcome(action=action, detail=detail, statuses=statuses, **common)


def _reason(error: Exception) -> str:
    if isinstance(error, BaliseError):
        return "; ".join(str(problem) for problem in error.problems[:3])
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return str(error)
