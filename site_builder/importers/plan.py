"""From another page's data to Balise's files: catalog entries for mkdocs.yml and one incident
file per incident, each checked by the project's own validator before anything is written.

Nothing imported ever replaces a file. Each file names its source in a comment
(`# Imported from Statuspage incident 69sb0f8lydp4`), so importing again skips what is
already there and adds only what is new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..authoring import edit
from ..authoring.atomic import create_file, replace_file
from ..authoring.author import clean_message, clean_title, slug
from ..authoring.catalog import add_to_catalog
from ..authoring.edit import EditError
from ..authoring.locking import locked
from ..model import Component, ComponentGroup, SiteConfig
from ..model.vocabulary import CLOSING_STATUSES, IncidentStatus
from ..source.config import read_config_checked
from ..source.problems import BaliseError, Problem, display_path
from ..source.project import incident_files, parse_incident
from ..source.validate import slugify
from .source import SourceData, SourceIncident, SourceUpdate

_MARKER = re.compile(r"^# Imported from (\S+) (?:incident|maintenance|issue) (\S+)", re.MULTILINE)
_SAFE_KEY = re.compile(r"[\w.@:/-]{1,200}")
_SAFE_LINK = re.compile(r"https?://[^\s\"'<>]{1,300}")
#: Only the head of a file is read for the marker: it is the first line of the front-matter.
_MARKER_SPAN = 4096


@dataclass(frozen=True)
class PlannedFile:
    source: SourceIncident
    path: Path
    data: bytes


@dataclass
class ImportPlan:
    config_path: Path
    config_text: str | None  # the new mkdocs.yml; None when the catalog already has everything
    #: mkdocs.yml as the plan read it: the catalog edit is written only over these bytes
    config_read: bytes = b""
    groups_added: list[ComponentGroup] = field(default_factory=list)
    components_added: list[Component] = field(default_factory=list)
    files: list[PlannedFile] = field(default_factory=list)
    already_imported: list[tuple[SourceIncident, Path]] = field(default_factory=list)
    #: incidents that could not be made into a valid file, one line each; they are not written
    refused: list[str] = field(default_factory=list)
    #: what changed on the way (folded updates, empty messages), one line each
    notes: list[str] = field(default_factory=list)


def make_plan(data: SourceData, config_path: Path, incidents_dir: Path) -> ImportPlan:
    """Everything an import would write, validated; BaliseError if the config itself is invalid
    or cannot take the new catalog entries."""
    config, _ = read_config_checked(config_path)  # first: it says why a file is unreadable, at its line
    read = config_path.read_bytes()
    plan = ImportPlan(config_path, None, config_read=read, notes=list(data.notes))
    component_ids = _map_catalog(data, config, plan)
    if plan.groups_added or plan.components_added:
        try:
            plan.config_text = add_to_catalog(read.decode("utf-8"), plan.groups_added, plan.components_added)
        except EditError as error:
            raise BaliseError([Problem(display_path(config_path), 1, f"cannot add the new components: {error}")]) from None
        config, _ = read_config_checked(config_path, text=plan.config_text)
    existing = _imported_so_far(incidents_dir)
    taken = {path.name.lower() for path in incident_files(incidents_dir)} if incidents_dir.is_dir() else set()
    for incident in data.incidents:
        already = existing.get((incident.origin.lower(), incident.key))
        if already is not None:
            plan.already_imported.append((incident, already))
            continue
        planned = _planned_file(incident, component_ids, config, incidents_dir, taken, plan)
        if planned is not None:
            taken.add(planned.path.name.lower())
            plan.files.append(planned)
    return plan


class ConfigChanged(Exception):
    """mkdocs.yml changed between the plan and its writing; nothing was written."""


def apply(plan: ImportPlan) -> list[Path]:
    """Writes the catalog, then each new file (never over an existing one); the paths written.

    The catalog is replaced under the file's edit lock, and only if mkdocs.yml still holds the
    bytes the plan was made from: an edit saved meanwhile is never lost (ConfigChanged)."""
    written = []
    if plan.config_text is not None:
        with locked(plan.config_path):
            if plan.config_path.read_bytes() != plan.config_read:
                raise ConfigChanged(display_path(plan.config_path))
            replace_file(plan.config_path, plan.config_text.encode("utf-8"))
        written.append(plan.config_path)
    for planned in plan.files:
        planned.path.parent.mkdir(parents=True, exist_ok=True)
        create_file(planned.path, planned.data)
        written.append(planned.path)
    return written


# -- the catalog -------------------------------------------------------------------------


def _unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _map_catalog(data: SourceData, config: SiteConfig, plan: ImportPlan) -> dict[str, str]:
    """Source keys → catalog ids. A source entry whose id is already in the catalog is that
    entry (importing into a page made by `balise init` with an `api` component reuses it)."""
    existing_groups = {group.id for group in config.groups}
    used_groups: set[str] = set()
    group_ids: dict[str, str] = {}
    grouped = {component.group for component in data.components if component.group}
    for group in data.groups:
        if group.key not in grouped:
            continue  # the page shows no empty group either
        base = slugify(group.name, max_length=40) or "group"
        if base in existing_groups and base not in used_groups:
            ident = base
        else:
            ident = _unique(base, existing_groups | used_groups)
            plan.groups_added.append(ComponentGroup(ident, clean_title(group.name) or ident, clean_message(group.description)))
        used_groups.add(ident)
        group_ids[group.key] = ident
    existing = set(config.component_ids)
    used: set[str] = set()
    component_ids: dict[str, str] = {}
    for component in data.components:
        base = slugify(component.name, max_length=40) or "component"
        if base in existing and base not in used:
            ident = base
        else:
            ident = _unique(base, existing | used)
            group = group_ids.get(component.group) if component.group else None
            plan.components_added.append(
                Component(ident, clean_title(component.name) or ident, group, clean_message(component.description))
            )
        used.add(ident)
        component_ids[component.key] = ident
    return component_ids


# -- incident files ----------------------------------------------------------------------


def _imported_so_far(incidents_dir: Path) -> dict[tuple[str, str], Path]:
    found: dict[tuple[str, str], Path] = {}
    if not incidents_dir.is_dir():
        return found
    for path in incident_files(incidents_dir):
        try:
            with path.open("r", encoding="utf-8", errors="replace") as handle:
                head = handle.read(_MARKER_SPAN)
        except OSError:
            continue
        for origin, key in _MARKER.findall(head):
            found[(origin.lower(), key)] = path
    return found


def _time(moment: datetime) -> edit.Timestamp:
    """A time as files spell it, keeping the source's milliseconds: an import keeps times exactly."""
    utc = moment.astimezone(UTC)
    if utc.microsecond:
        return edit.Timestamp(utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z")
    return edit.Timestamp(utc.strftime("%Y-%m-%dT%H:%M:%SZ"))


def _comment(incident: SourceIncident) -> str:
    kind = "maintenance" if incident.maintenance else ("issue" if incident.origin == "cState" else "incident")
    key = incident.key if _SAFE_KEY.fullmatch(incident.key) else slugify(incident.key) or "unknown"
    link = f" ({incident.link})" if incident.link and _SAFE_LINK.fullmatch(incident.link) else ""
    return f"# Imported from {incident.origin} {kind} {key}{link}\n"


def _timeline(incident: SourceIncident, plan: ImportPlan) -> tuple[list[SourceUpdate], list[SourceUpdate]]:
    """The updates a valid file can hold, oldest first, and those after the close that it cannot
    (a second 'resolved'): the latter go into the body rather than being lost."""
    ordered = sorted(incident.updates, key=lambda update: update.at)
    kept: list[SourceUpdate] = []
    later: list[SourceUpdate] = []
    closed = False
    for update in ordered:
        if closed and update.status != IncidentStatus.POSTMORTEM.value:
            later.append(update)
            continue
        kept.append(update)
        closed = closed or update.status in CLOSING_STATUSES
    if later:
        plan.notes.append(
            f"{incident.origin} {incident.key}: {len(later)} update(s) after the close moved into the file's body"
        )
    return kept, later


def _message(update: SourceUpdate, incident: SourceIncident, plan: ImportPlan) -> str:
    text = clean_message(update.message)
    if text:
        return text
    plan.notes.append(f"{incident.origin} {incident.key}: an update without a message at {_time(update.at)} says its status")
    return f"Status: {update.status.replace('_', ' ')}."


def _statuses(changes: dict[str, str], component_ids: dict[str, str]) -> dict[str, str]:
    return {component_ids[key]: status for key, status in changes.items() if key in component_ids}


def _front_matter(
    incident: SourceIncident, component_ids: dict[str, str], kept: list[SourceUpdate], plan: ImportPlan
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if incident.maintenance:
        data["kind"] = "maintenance"
    data["title"] = clean_title(incident.title) or "Untitled incident"
    data["impact"] = incident.impact
    if incident.maintenance:
        data["scheduled_for"] = _time(incident.scheduled_for) if incident.scheduled_for else None
        data["scheduled_until"] = _time(incident.scheduled_until) if incident.scheduled_until else None
        listed = [component_ids[key] for key in incident.components if key in component_ids]
        if listed:
            data["components"] = list(dict.fromkeys(listed))
    else:
        statuses = _statuses(incident.components, component_ids)
        if statuses:
            data["components"] = statuses
    updates = []
    for update in kept:
        entry: dict[str, Any] = {"at": _time(update.at), "status": update.status}
        changes = _statuses(update.components, component_ids)
        if changes and not incident.maintenance:
            entry["components"] = changes
        entry["message"] = _message(update, incident, plan)
        updates.append(entry)
    data["updates"] = updates
    return data


def _body(incident: SourceIncident, later: list[SourceUpdate]) -> str:
    parts = [clean_message(incident.body)] if clean_message(incident.body) else []
    if later:
        lines = ["## Later updates", ""]
        for update in later:
            lines += [f"**{_time(update.at)}** ({update.status.replace('_', ' ')})", "", clean_message(update.message), ""]
        parts.append("\n".join(lines).rstrip())
    return "\n\n".join(parts)


def _planned_file(
    incident: SourceIncident,
    component_ids: dict[str, str],
    config: SiteConfig,
    incidents_dir: Path,
    taken: set[str],
    plan: ImportPlan,
) -> PlannedFile | None:
    kept, later = _timeline(incident, plan)
    if not kept:
        plan.refused.append(f"{incident.origin} {incident.key} '{incident.title}': it has no update to import")
        return None
    # Dated like `balise new` names a file: the day of the first update, in the site's zone.
    day = kept[0].at.astimezone(config.timezone).date().isoformat()
    stem = _unique_stem(f"{day}-{slug(incident.title, 'maintenance' if incident.maintenance else 'incident')}", taken)
    path = incidents_dir / f"{stem}.md"
    front_matter = edit.render(_front_matter(incident, component_ids, kept, plan))
    body = _body(incident, later)
    text = f"{edit.FENCE}\n{_comment(incident)}{front_matter}{edit.FENCE}\n" + (f"{body}\n" if body else "")
    data = text.encode("utf-8")
    try:
        parse_incident(path, data, config)
    except BaliseError as error:
        reasons = "; ".join(problem.message for problem in error.problems)
        plan.refused.append(f"{incident.origin} {incident.key} '{incident.title}': {reasons}")
        return None
    return PlannedFile(incident, path, data)


def _unique_stem(stem: str, taken: set[str]) -> str:
    candidate, number = stem, 1
    while f"{candidate}.md" in taken:
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def describe(plan: ImportPlan) -> list[str]:
    """What the plan does, one line each, for the command to print."""
    lines = []
    if plan.groups_added or plan.components_added:
        added = [f"group {g.id}" for g in plan.groups_added] + [f"component {c.id}" for c in plan.components_added]
        lines.append(f"{display_path(plan.config_path)}: adds {', '.join(added)}")
    for incident, path in plan.already_imported:
        lines.append(f"skipped {incident.origin} {incident.key}: already imported as {display_path(path)}")
    return lines
