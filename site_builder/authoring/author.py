"""What `balise new`, `update` and `resolve` write: new incident files and appended updates.

Nothing here touches the disk except to read. Every result goes through the project's own
validator (`project.parse_incident`) before a command may write it, so the CLI can never
produce a file that `balise check` rejects; an edit is also compared with the incident it
started from, so a splice that changed anything but the timeline is caught, not written.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from ..model import Incident, SiteConfig, Update
from ..model.times import format_time
from ..model.vocabulary import IncidentStatus, Kind, MaintenanceStatus
from ..source.load import read_limited
from ..source.problems import display_path
from ..source.project import incident_files, parse_incident
from ..source.suggest import did_you_mean
from ..source.validate import file_name_date, slugify
from . import edit
from .moments import format_utc

#: Long titles make long URLs; the id is cut at a word boundary past this length.
MAX_SLUG = 60

RESOLVED_MESSAGE = "This incident has been resolved."
NO_START_FOR_MAINTENANCE = "--started is for an incident; a maintenance starts when its window opens (--start)"
COMPLETED_MESSAGE = "The scheduled maintenance has been completed."

# What YAML refuses in a document (its printable set, less the line breaks handled apart).
_UNSAFE = re.compile("[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class RequestError(ValueError):
    """A request that cannot be carried out as asked (a usage error); the message says why."""


@dataclass(frozen=True)
class ComponentChange:
    """`api=major_outage` from the command line; a maintenance may give a bare id."""

    id: str
    status: str | None = None


@dataclass(frozen=True)
class NewIncident:
    title: str
    message: str
    at: datetime  # the first update
    impact: str | None = None
    components: tuple[ComponentChange, ...] = ()
    next_update: datetime | None = None
    maintenance: bool = False
    scheduled_for: datetime | None = None
    scheduled_until: datetime | None = None
    started: datetime | None = None  # when the impact began, if before the first update

    @property
    def kind(self) -> Kind:
        return Kind.MAINTENANCE if self.maintenance else Kind.INCIDENT


@dataclass(frozen=True)
class NewUpdate:
    at: datetime
    message: str
    status: str | None = None  # None: the current status (news without a change of status)
    components: tuple[ComponentChange, ...] = ()
    next_update: datetime | None = None  # None: keep the current promise, unless this update fulfils it
    closes: bool = False  # resolving: no promise applies any more
    started: datetime | None = None  # None: keep the incident's `started_at`; else when its impact began


@dataclass(frozen=True)
class Edit:
    """An edited file, validated: `incident` is what the new bytes parse to."""

    path: Path
    data: bytes
    incident: Incident
    dropped_promise: datetime | None = None  # a fulfilled next_update the edit removed


@dataclass(frozen=True)
class Created:
    path: Path
    data: bytes
    incident: Incident


# -- messages and names ------------------------------------------------------------------


def clean_message(text: str) -> str:
    """The message as it will read back from the file.

    Every kind of line break (CRLF, U+2028 pasted from a chat tool…) becomes `\n`, since
    YAML reads some of them as breaks too; characters YAML cannot hold (control codes from
    a terminal paste) are dropped; trailing spaces and blank edges go, as a `|` block
    cannot keep them anyway.
    """
    lines = [_UNSAFE.sub("", line).rstrip() for line in text.splitlines()]
    return "\n".join(lines).strip("\n")


def clean_title(text: str) -> str:
    return " ".join(_UNSAFE.sub("", text).split())


def slug(title: str, fallback: str) -> str:
    """`Elevated API errors (EU)` → `elevated-api-errors-eu`; any script transliterated
    (`Straße` → `strasse`, `Сбой оплаты` → `sboi-oplaty`), cut at a word boundary."""
    return slugify(title, max_length=MAX_SLUG) or fallback


def new_path(directory: Path, spec: NewIncident, zone: tzinfo, taken: Collection[str] = ()) -> Path:
    """`YYYY-MM-DD-slug.md`, made unique with -2, -3…

    Dated in the site's zone by the day the impact began (the first update, unless `started`
    says earlier), or for a maintenance by the day its window opens, as `balise check`
    suggests for a misnamed file. Uniqueness is over the whole folder tree, since the id (the file name) must be unique
    even across sub-folders, and over `taken` (lowercase names of files about to be written).
    A title with nothing to transliterate (only emoji) is named
    after its components: `api-incident` says more than `incident`.
    """
    moment = spec.scheduled_for if spec.maintenance and spec.scheduled_for else (spec.started or spec.at)
    day = moment.astimezone(zone).date().isoformat()
    named_for = "-".join([*(change.id for change in spec.components[:3]), spec.kind.value])
    stem = f"{day}-{slug(spec.title, slug(named_for, spec.kind.value))}"
    taken = {*taken, *({path.name.lower() for path in incident_files(directory)} if directory.is_dir() else set())}
    candidate, number = stem, 1
    while f"{candidate}.md" in taken or (directory / f"{candidate}.md").exists():
        number += 1
        candidate = f"{stem}-{number}"
    return directory / f"{candidate}.md"


def find_incident(reference: str, directory: Path) -> Path:
    """A path to a file, an id (the file name without `.md`), or any unambiguous part of it.

    Under stress people type what they remember of the name, not the date in front of it:
    `api-errors` finds `2026-11-20-elevated-api-errors`. The closest kind of match wins (the
    whole id, then the slug without the date, then a run of whole words, then any part of the
    slug); two
    files matching equally well are listed, never guessed between.
    """
    as_path = Path(reference)
    if len(as_path.parts) > 1 or as_path.is_file():
        if as_path.is_file():
            return as_path
        raise RequestError(f"no such file: {reference}")
    ident = reference.removesuffix(".md")
    if not directory.is_dir():
        raise RequestError(f"incidents folder '{display_path(directory)}' not found; pass --dir or a path to the file")
    files = incident_files(directory)
    for found in _matches(ident, files):
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            newest_first = sorted(found, key=lambda path: path.name, reverse=True)
            listed = "\n".join(f"  {path.name.removesuffix('.md')}  ({display_path(path)})" for path in newest_first)
            raise RequestError(
                f"'{ident}' matches {len(found)} incidents; give more of the name, the full id or the path:\n{listed}"
            )
    ids = [path.name.removesuffix(".md") for path in files]
    raise RequestError(f"no incident '{ident}' in {display_path(directory)}/{did_you_mean(ident, ids)}")


def _matches(reference: str, files: list[Path]) -> Iterator[list[Path]]:
    """The files `reference` names, by kinds of match from the closest to the loosest."""
    ids = [(path, path.name.removesuffix(".md")) for path in files]
    yield [path for path, name in ids if name == reference]
    words = slugify(reference)
    if not words:
        return
    slugs = [(path, name[11:] if file_name_date(f"{name}.md") else name) for path, name in ids]
    yield [path for path, rest in slugs if rest == words]
    yield [path for path, name in ids if f"-{words}-" in f"-{name}-"]
    # Part of a word only within the slug: a mistyped full id must not land on its neighbour.
    yield [path for path, rest in slugs if words in rest]


# -- new files ---------------------------------------------------------------------------


def open_namesake(title: str, incidents: Iterable[Incident]) -> Incident | None:
    """An incident still open under `title` (case and spacing aside): a second `new` for it is
    most often a colleague who did not see the first."""
    wanted = clean_title(title).casefold()
    open_ones = [i for i in incidents if not i.is_maintenance and not i.is_resolved and i.title.casefold() == wanted]
    return max(open_ones, key=lambda incident: incident.last_update_at, default=None)


def create(spec: NewIncident, directory: Path, config: SiteConfig, taken: Collection[str] = ()) -> Created:
    """The new file's path and bytes; raises BaliseError if the validator rejects them.
    `taken`: lowercase names of files about to be written, which the new name must avoid too."""
    title = clean_title(spec.title)
    if not title:
        raise RequestError("the title is empty")
    if not clean_message(spec.message):
        raise RequestError("the message is empty")
    _check_promise(spec.next_update, spec.at)
    if spec.maintenance and spec.started is not None:
        raise RequestError(NO_START_FOR_MAINTENANCE)
    path = new_path(directory, spec, config.timezone, taken)
    data: dict[str, Any] = {}
    if spec.maintenance:
        data["kind"] = Kind.MAINTENANCE.value
    data["title"] = title
    if spec.impact is not None:
        data["impact"] = spec.impact
    if spec.maintenance:
        data["scheduled_for"] = _time(spec.scheduled_for)
        data["scheduled_until"] = _time(spec.scheduled_until)
    if spec.components:
        data["components"] = _components(spec.components, spec.maintenance)
    if spec.next_update is not None:
        data["next_update"] = _time(spec.next_update)
    if spec.started is not None:
        data["started_at"] = _time(spec.started)
    first = MaintenanceStatus.SCHEDULED if spec.maintenance else IncidentStatus.INVESTIGATING
    data["updates"] = [_update(spec.at, first.value, (), spec.message, spec.maintenance)]
    text = f"{edit.FENCE}\n{edit.render(data)}{edit.FENCE}\n"
    encoded = text.encode("utf-8")
    return Created(path, encoded, parse_incident(path, encoded, config))


# -- edits -------------------------------------------------------------------------------


def read(path: Path, config: SiteConfig) -> tuple[bytes, Incident]:
    """A file's bytes and the incident they hold; BaliseError if the file is invalid now."""
    try:
        data = read_limited(path, display_path(path))
    except OSError as error:
        raise RequestError(f"cannot read {path.as_posix()}: {error.strerror}") from None
    return data, parse_incident(path, data, config)


def resolution(current: Incident, at: datetime, message: str | None) -> NewUpdate:
    """The update that closes a timeline: `resolved`, or `completed` for a maintenance."""
    if current.is_maintenance:
        return NewUpdate(at, message or COMPLETED_MESSAGE, MaintenanceStatus.COMPLETED.value, closes=True)
    return NewUpdate(at, message or RESOLVED_MESSAGE, IncidentStatus.RESOLVED.value, closes=True)


def add_update(path: Path, data: bytes, current: Incident, request: NewUpdate, config: SiteConfig) -> Edit:
    """The file with `request` appended; BaliseError if the result is invalid, EditError if
    the file's layout cannot be edited without touching other lines."""
    if not clean_message(request.message):
        raise RequestError("the message is empty")
    _check_promise(request.next_update, request.at)
    if current.is_maintenance and request.started is not None:
        raise RequestError(NO_START_FOR_MAINTENANCE)
    status = request.status if request.status is not None else current.status.value
    update = _update(request.at, status, request.components, request.message, current.is_maintenance)
    promise, dropped = _promise_after(current, request)
    document = edit.split(data.decode("utf-8"))
    front_matter = edit.append_update(document.front_matter, update)
    started = current.impact_started_at if request.started is None else request.started
    if started != current.impact_started_at:
        front_matter = edit.set_top_level(front_matter, "started_at", _time(started), before="updates")
    if promise != current.next_update:
        front_matter = edit.set_top_level(
            front_matter, "next_update", _time(promise) if promise else None, before="updates"
        )
    new_data = edit.Document(document.head, front_matter, document.tail).text.encode("utf-8")
    incident = parse_incident(path, new_data, config)
    _check_only_appended(current, incident, (request.at, status, update["message"]), promise, started)
    return Edit(path, new_data, incident, dropped)


def _promise_after(current: Incident, request: NewUpdate) -> tuple[datetime | None, datetime | None]:
    """The `next_update` after this update, and the old one if this update fulfilled it.

    A promise this update keeps is removed rather than left in the past, where the page
    would show an overdue promise and `balise check` would warn about it.
    """
    if request.closes:
        return None, None
    if request.next_update is not None:
        return request.next_update, None
    if current.next_update is not None and current.next_update <= request.at:
        return None, current.next_update
    return current.next_update, None


def _check_only_appended(
    before: Incident,
    after: Incident,
    appended: tuple[datetime, str, str],
    promise: datetime | None,
    started: datetime | None,
) -> None:
    """The splice must add the update asked for, set the promise and the start, and change nothing else."""

    def same(update: Update) -> tuple[Any, ...]:
        return update.at, update.status, update.message, update.components

    latest = after.updates[-1]
    unchanged = (
        len(after.updates) == len(before.updates) + 1
        and [same(u) for u in before.updates] == [same(u) for u in after.updates[:-1]]
        and (latest.at, latest.status.value, latest.message.rstrip("\n")) == appended
        and after.next_update == promise
        and after.impact_started_at == started
        and (before.kind, before.title, before.impact, before.components, before.body)
        == (after.kind, after.title, after.impact, after.components, after.body)
        and (before.scheduled_for, before.scheduled_until) == (after.scheduled_for, after.scheduled_until)
    )
    if not unchanged:
        raise edit.EditError("the edit would have changed more than the new update")


# -- shared ------------------------------------------------------------------------------


def _time(moment: datetime | None) -> edit.Timestamp | None:
    return None if moment is None else edit.Timestamp(format_utc(moment))


def _check_promise(promise: datetime | None, at: datetime) -> None:
    if promise is not None and promise <= at:
        raise RequestError(
            f"the next update ({format_time(promise)}) must come after this update ({format_time(at)})"
        )


def _components(changes: tuple[ComponentChange, ...], maintenance: bool) -> list[str] | dict[str, str]:
    """A mapping of statuses, or for a maintenance a list of ids (all under maintenance)."""
    ids = [change.id for change in changes]
    repeated = sorted({ident for ident in ids if ids.count(ident) > 1})
    if repeated:
        raise RequestError(f"component '{repeated[0]}' is given more than once")
    bare = [change.id for change in changes if change.status is None]
    if not bare:
        return {change.id: change.status for change in changes if change.status is not None}
    if not maintenance:
        raise RequestError(f"give component '{bare[0]}' a status, e.g. {bare[0]}=partial_outage")
    if len(bare) != len(changes):
        raise RequestError("give every component a status (api=degraded_performance) or none (api)")
    return bare


def _update(
    at: datetime, status: str, changes: tuple[ComponentChange, ...], message: str, maintenance: bool
) -> dict[str, Any]:
    update: dict[str, Any] = {"at": _time(at), "status": status}
    if changes:
        update["components"] = _components(changes, maintenance)
    update["message"] = clean_message(message)
    return update

