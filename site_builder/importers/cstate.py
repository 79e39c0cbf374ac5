"""A cState site (a Hugo status page) read into SourceData.

cState keeps its catalog in the Hugo config (`params.systems`, `params.categories`) and one
Markdown file per issue in `content/issues/`, whose front-matter gives `title`, `date`,
`severity` (`down`, `disrupted`, `notice`), `affected` (system names), `resolved`,
`resolvedWhen` and `informational`. Updates are free text in the body, newest first by
habit, each usually `*Status* - text {{< track "2018-05-25 05:54:00" >}}`. cState asks for
times in UTC, so a time without a zone is read as UTC.

Where the track stamps are there, each stamped paragraph becomes an update with its time
and, from its label, its status; the rest of the text stays the body. Without them, the
issue's date opens the timeline with its first paragraph and the text is the body.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..model.times import TimeFormatError, parse_time
from ..model.vocabulary import ComponentStatus, Impact, IncidentStatus, MaintenanceStatus
from ..source.problems import display_path
from ..source.tree import list_files
from ..source.yamlread import YamlSyntaxError, load_untrusted
from .source import SourceComponent, SourceData, SourceGroup, SourceIncident, SourceUpdate

CONFIG_NAMES = ("config.yml", "config.yaml", "hugo.yml", "hugo.yaml", "config.toml", "hugo.toml")
ISSUES = Path("content") / "issues"
MAX_FILE_BYTES = 1024 * 1024

_TRACK = re.compile(r"\{\{<\s*track\s+\"([^\"]+)\"\s*>\}\}")
_LABEL = re.compile(r"^\s*(\*{1,2}|_)([^*_\n]{1,40})\1\s*[-–—:]?\s*")
#: (impact, component status) by cState severity
_SEVERITY = {
    "down": (Impact.CRITICAL.value, ComponentStatus.MAJOR_OUTAGE.value),
    "disrupted": (Impact.MAJOR.value, ComponentStatus.PARTIAL_OUTAGE.value),
    "notice": (Impact.NONE.value, ComponentStatus.OPERATIONAL.value),
}
_INCIDENT_LABELS = {
    "investigating": IncidentStatus.INVESTIGATING,
    "identified": IncidentStatus.IDENTIFIED,
    "monitoring": IncidentStatus.MONITORING,
    "resolved": IncidentStatus.RESOLVED,
    "fixed": IncidentStatus.RESOLVED,
    "postmortem": IncidentStatus.POSTMORTEM,
}
_MAINTENANCE_LABELS = {
    "scheduled": MaintenanceStatus.SCHEDULED,
    "planned": MaintenanceStatus.SCHEDULED,
    "upcoming": MaintenanceStatus.SCHEDULED,
    "in progress": MaintenanceStatus.IN_PROGRESS,
    "started": MaintenanceStatus.IN_PROGRESS,
    "just began": MaintenanceStatus.IN_PROGRESS,
    "verifying": MaintenanceStatus.VERIFYING,
    "completed": MaintenanceStatus.COMPLETED,
    "complete": MaintenanceStatus.COMPLETED,
    "finished": MaintenanceStatus.COMPLETED,
    "resolved": MaintenanceStatus.COMPLETED,
}
#: Labels that bring news without a change of status: the update keeps the current one.
_NEWS_LABELS = frozenset({"update", "updated", "news"})
RESOLVED_MESSAGE = "This incident has been resolved."
COMPLETED_MESSAGE = "The scheduled maintenance has been completed."


class CStateError(ValueError):
    """A folder that is not a cState site, or a file in it that cannot be read."""


def read_site(root: Path) -> SourceData:
    """The catalog and every issue of the cState site in `root`."""
    if not (root / ISSUES).is_dir():
        raise CStateError(f"{root}: no {ISSUES.as_posix()}/ folder; is this a cState site?")
    params = _params(root)
    data = SourceData()
    for category in params.get("categories") or []:
        if isinstance(category, dict) and isinstance(category.get("name"), str) and not category.get("untitled"):
            data.groups.append(SourceGroup(category["name"], category["name"], _text(category.get("description"))))
    group_keys = {group.key for group in data.groups}
    for system in params.get("systems") or []:
        if isinstance(system, dict) and isinstance(system.get("name"), str):
            category = system.get("category")
            data.components.append(
                SourceComponent(
                    key=system["name"],
                    name=system["name"],
                    description=_text(system.get("description")),
                    group=category if category in group_keys else None,
                )
            )
    known = {component.key for component in data.components}
    # A site to import is someone else's repository: its links are judged like a pull request's
    # (never followed out of it), and a pipe or a device is refused rather than read.
    listing = list_files(root / ISSUES, root)
    problems = [str(problem) for problem in listing.problems]
    for path in listing.files:
        if path.suffix != ".md" or path.name.startswith("_"):
            continue  # _index.md: the section's own page
        try:
            issue = _issue(root, path)
        except CStateError as error:
            problems.append(str(error))
            continue
        if issue is None:
            data.notes.append(f"{path.relative_to(root).as_posix()}: a draft, not imported")
            continue
        for name in issue.components:
            if name not in known:
                data.components.append(SourceComponent(name, name))
                known.add(name)
        data.incidents.append(issue)
    if problems:
        raise CStateError("\n".join(problems))
    data.incidents.sort(key=lambda incident: (incident.updates[0].at, incident.key))
    return data


def _read(root: Path, path: Path) -> str:
    """A file of the site as text: within the site, a regular file, at most MAX_FILE_BYTES."""
    real = path.resolve()
    if real != root.resolve() and root.resolve() not in real.parents:
        raise CStateError(f"{display_path(path)}: a link to a path outside the site; not read")
    try:
        with real.open("rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise CStateError(f"{display_path(path)}: not a regular file; not read")
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise CStateError(f"{display_path(path)}: cannot read it ({error.strerror})") from None
    if len(data) > MAX_FILE_BYTES:
        raise CStateError(f"{display_path(path)}: larger than 1 MB; not a cState file")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise CStateError(f"{display_path(path)}: not UTF-8 (byte {error.start})") from None


def _structured(text: str, toml: bool, path: Path, what: str) -> Any:
    """TOML or YAML, each read with its limits; CStateError naming the file otherwise."""
    try:
        return tomllib.loads(text) if toml else load_untrusted(text)
    except (tomllib.TOMLDecodeError, YamlSyntaxError) as error:
        raise CStateError(f"{display_path(path)}: cannot read {what}: {error}") from None
    except RecursionError:  # tomllib recurses once per nested array or table
        raise CStateError(f"{display_path(path)}: cannot read {what}: it nests too deeply") from None


def _params(root: Path) -> dict[str, Any]:
    for name in CONFIG_NAMES:
        path = root / name
        if not path.is_file():
            continue
        config = _structured(_read(root, path), name.endswith(".toml"), path, "it")
        params = config.get("params") if isinstance(config, dict) else None
        return params if isinstance(params, dict) else {}
    raise CStateError(f"{root}: no Hugo config ({', '.join(CONFIG_NAMES)})")


@dataclass(frozen=True)
class _Stamped:
    at: datetime
    label: str | None
    text: str


def _front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    fence = text.lstrip("\ufeff")[:3]
    if fence not in ("---", "+++"):
        raise CStateError(f"{path}: no front-matter")
    lines = text.lstrip("\ufeff").split("\n")
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == fence), None)
    if closing is None:
        raise CStateError(f"{path}: the front-matter is not closed")
    head, body = "\n".join(lines[1:closing]), "\n".join(lines[closing + 1 :])
    meta = _structured(head, fence == "+++", path, "the front-matter")
    if not isinstance(meta, dict):
        raise CStateError(f"{path}: the front-matter is not a mapping")
    return meta, body


def _when(value: Any, path: Path, key: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):  # TOML reads times itself
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    try:
        return parse_time(str(value), UTC)
    except TimeFormatError:
        raise CStateError(f"{path}: cannot read {key} '{value}'; cState times are like 2018-05-25 04:13:00") from None


def _issue(root: Path, path: Path) -> SourceIncident | None:
    meta, text = _front_matter(path, _read(root, path))
    if meta.get("draft") is True:
        return None
    key = path.relative_to(root / ISSUES).with_suffix("").as_posix()
    date = _when(meta.get("date"), path, "date")
    if date is None:
        raise CStateError(f"{path}: no date")
    resolved_when = _when(meta.get("resolvedWhen"), path, "resolvedWhen")
    severity = str(meta.get("severity") or "notice").strip().lower()
    impact, component_status = _SEVERITY.get(severity, _SEVERITY["notice"])
    affected = [name for name in meta.get("affected") or [] if isinstance(name, str)]
    informational = meta.get("informational") is True
    maintenance = severity == "notice" and not informational and resolved_when is not None and resolved_when > date
    stamped, rest = _stamped(text, path)
    labels = _MAINTENANCE_LABELS if maintenance else _INCIDENT_LABELS
    first = MaintenanceStatus.SCHEDULED if maintenance else IncidentStatus.INVESTIGATING
    updates: list[SourceUpdate] = []
    current = first.value
    for stamp in stamped:
        label = (stamp.label or "").strip().lower()
        mapped = labels.get(label)
        message = stamp.text
        if mapped is not None:
            current = mapped.value
        elif stamp.label and label not in _NEWS_LABELS:
            message = f"{stamp.label.strip()}: {stamp.text}"
        updates.append(SourceUpdate(stamp.at, current, message))
    body = rest
    if not updates:
        opening, _, body = text.strip().partition("\n\n")
        # An informational post announces, it does not open an incident: it is history at once.
        opening_status = IncidentStatus.RESOLVED.value if informational else first.value
        updates.append(SourceUpdate(date, opening_status, opening.strip() or str(meta.get("title") or "")))
    if meta.get("resolved") is True and updates[-1].status not in (IncidentStatus.RESOLVED, MaintenanceStatus.COMPLETED):
        closing_at = max(resolved_when or updates[-1].at, updates[-1].at)
        closing = MaintenanceStatus.COMPLETED if maintenance else IncidentStatus.RESOLVED
        updates.append(SourceUpdate(closing_at, closing.value, COMPLETED_MESSAGE if maintenance else RESOLVED_MESSAGE))
    components = {} if informational else {name: component_status for name in affected}
    return SourceIncident(
        origin="cState",
        key=key,
        title=_text(meta.get("title")) or key,
        maintenance=maintenance,
        impact=Impact.MAINTENANCE.value if maintenance else (Impact.NONE.value if informational else impact),
        updates=tuple(updates),
        components=components,
        scheduled_for=date if maintenance else None,
        scheduled_until=resolved_when if maintenance else None,
        body=body.strip(),
    )


def _stamped(text: str, path: Path) -> tuple[list[_Stamped], str]:
    """Each text ending in a track stamp, with its time and label, oldest first; and the rest
    (text before an update's label, or after the last stamp), which stays the body."""
    stamped: list[_Stamped] = []
    rest: list[str] = []
    start = 0
    for match in _TRACK.finditer(text):
        chunk = text[start : match.start()].strip()
        start = match.end()
        at = _when(match.group(1), path, "the track stamp")
        assert at is not None
        paragraphs = re.split(r"\n\s*\n", chunk)
        labelled = [i for i, paragraph in enumerate(paragraphs) if _LABEL.match(paragraph)]
        first = labelled[-1] if labelled else len(paragraphs) - 1
        rest.extend(p.strip() for p in paragraphs[:first] if p.strip())
        update = "\n\n".join(paragraphs[first:]).strip()
        label_match = _LABEL.match(update)
        label = label_match.group(2) if label_match else None
        message = update[label_match.end() :] if label_match else update
        stamped.append(_Stamped(at, label, message.strip()))
    rest.append(text[start:].strip())
    stamped.sort(key=lambda stamp: stamp.at)
    return stamped, "\n\n".join(part for part in rest if part)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
