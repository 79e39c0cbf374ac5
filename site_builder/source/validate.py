"""Turns a parsed file into a model Incident, or reports every problem in it."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from slugify import slugify as python_slugify
from text_unidecode import unidecode

from ..model import Incident, SiteConfig, Update
from ..model.alerting import ALERT_SOURCES, KEY_PATTERN, AlertOrigin
from ..model.times import EXAMPLE_TIME, TimeFormatError, format_time, parse_time
from ..model.vocabulary import (
    CLOSING_STATUSES,
    INCIDENT_IMPACTS,
    MAINTENANCE_IMPACTS,
    ComponentStatus,
    Impact,
    IncidentStatus,
    Kind,
    MaintenanceStatus,
)
from . import markdown_cost
from .fields import MappingReader, Sink, is_list, is_mapping
from .limits import BODY_CHARACTERS, MESSAGE_CHARACTERS, TITLE_CHARACTERS
from .load import Source
from .problems import BaliseError, Problem
from .suggest import did_you_mean

FILE_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")

COMMON_KEYS = ("title", "kind", "impact", "components", "next_update", "updates")
MAINTENANCE_ONLY_KEYS = ("scheduled_for", "scheduled_until", "cancelled")
#: An incident's impact can begin before anyone posts, and the team may promise an end;
#: `alert` names the alert episode `balise alert` drafted it for.
INCIDENT_ONLY_KEYS = ("started_at", "estimated_resolution", "alert")
ALERT_KEYS = ("source", "key")
UPDATE_KEYS = ("at", "status", "message", "components")

_INCIDENT_STATUSES = tuple(IncidentStatus)
_MAINTENANCE_STATUSES = tuple(MaintenanceStatus)
_COMPONENT_STATUSES = tuple(ComponentStatus)


def slugify(text: str, max_length: int = 0) -> str:
    """Lowercase ASCII words joined by hyphens, any script transliterated (`Straße` → `strasse`),
    cut at a word boundary past `max_length` (0: no limit).

    Transliterated by text-unidecode here rather than by whichever library python-slugify
    finds installed, so the same title gives the same file name on every machine.
    """
    return python_slugify(unidecode(text), max_length=max_length, word_boundary=True)


def file_name_date(name: str) -> date | None:
    match = FILE_NAME.match(name)
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def file_name_problem(path: Path, shown: str, day: date | None = None) -> Problem | None:
    """The id is the file name, so it must be stable, sortable and safe in a URL.

    `day` is when the incident started (or its maintenance window opens), when the file could
    be read: the suggested name then carries it and can be used as it is.
    """
    name = path.name
    if FILE_NAME.match(name) and file_name_date(name) is not None:
        return None
    hint = ""
    if suggestion := suggested_file_name(name, day):
        hint = f"; e.g. '{suggestion}'" + ("" if suggestion[0].isdigit() else ", dated the day it started")
    if FILE_NAME.match(name):
        return Problem(shown, 1, f"file name '{name}' starts with an impossible date{hint}")
    return Problem(shown, 1, f"file name '{name}' must be YYYY-MM-DD-slug.md (lowercase letters, digits, hyphens){hint}")


#: A name's leading date, possible or not, however it is written (`2026-13-45-`, `2026_11_20 `).
_LEADING_DATE = re.compile(r"^\d{4}[-_ .]?\d{1,2}[-_ .]?\d{1,2}(?:[-_ .]+|$)")


def suggested_file_name(name: str, day: date | None) -> str | None:
    """A valid name for a misnamed file: its words as a slug, after its own date if that one is
    possible, else `day`; `YYYY-MM-DD` stands for a date nobody knows yet."""
    stem = name[:-3] if name.lower().endswith(".md") else name
    words = slugify(_LEADING_DATE.sub("", stem))
    if not words:
        return None
    own = file_name_date(f"{slugify(stem)}.md")
    chosen = own or day
    return f"{chosen.isoformat() if chosen else 'YYYY-MM-DD'}-{words}.md"


def validate(source: Source, config: SiteConfig) -> Incident:
    """The Incident a source describes; raises BaliseError listing every problem in the file."""
    problems: list[Problem] = []
    sink = Sink(source.shown, source.offset, problems)
    reader = MappingReader(source.front_matter, sink, 1)
    kind = _kind(reader)
    maintenance = kind is Kind.MAINTENANCE
    _check_top_keys(reader, maintenance)
    title = reader.text("title", max_length=TITLE_CHARACTERS, line=True)
    impact = _impact(reader, maintenance)
    times = _Times(config)
    components = _components(reader, config, maintenance)
    next_update = times.read(reader, "next_update")
    scheduled_for = times.read(reader, "scheduled_for") if maintenance else None
    scheduled_until = times.read(reader, "scheduled_until") if maintenance else None
    if scheduled_for and scheduled_until and scheduled_until <= scheduled_for:
        sink.error(
            reader.key_line("scheduled_until"),
            f"scheduled_until ({format_time(scheduled_until)}) must be after scheduled_for ({format_time(scheduled_for)})",
        )
    updates = _updates(reader, config, times, maintenance, not source.body.strip())
    cancelled = _flag(reader, "cancelled") if maintenance else False
    impact_started_at = None if maintenance else times.read(reader, "started_at")
    estimated_resolution = None if maintenance else times.read(reader, "estimated_resolution")
    _check_impact_times(reader, updates, impact_started_at, estimated_resolution)
    alert = None if maintenance else _alert_origin(reader)
    _check_markdown(sink, updates, source)
    if problems:
        raise BaliseError(problems)
    assert title is not None and impact is not None  # guaranteed when no problem was found
    return Incident(
        id=source.id,
        path=source.path,
        kind=kind,
        title=title,
        impact=impact,
        components=components,
        updates=tuple(updates),
        body=source.body,
        body_line=source.body_line,
        next_update=next_update,
        scheduled_for=scheduled_for,
        scheduled_until=scheduled_until,
        cancelled=cancelled,
        impact_started_at=impact_started_at,
        estimated_resolution=estimated_resolution,
        alert=alert,
        lines={str(key): reader.key_line(str(key)) for key in source.front_matter},
    )


def _check_impact_times(
    reader: MappingReader, updates: list[Update], started: datetime | None, estimate: datetime | None
) -> None:
    """The impact starts no later than the first post; the estimate comes after the start."""
    sink = reader.sink
    if started is not None and updates and started > updates[0].at:
        sink.error(
            reader.key_line("started_at"),
            f"started_at ({format_time(started)}) is after the first update ({format_time(updates[0].at)}, "
            f"line {updates[0].line}); it says when the impact began, before or when it was first posted",
        )
    begin = started or (updates[0].at if updates else None)
    if estimate is not None and begin is not None and estimate <= begin:
        what = "started_at" if started is not None else "the first update"
        sink.error(
            reader.key_line("estimated_resolution"),
            f"estimated_resolution ({format_time(estimate)}) must be after {what} ({format_time(begin)})",
        )


def _alert_origin(reader: MappingReader) -> AlertOrigin | None:
    """`alert: {source: …, key: …}`, which `balise alert` writes to find its draft again."""
    if "alert" not in reader.mapping:
        return None
    value = reader.mapping["alert"]
    if not is_mapping(value):
        reader.wrong_type("alert", "a mapping with 'source' and 'key', as balise alert writes it")
        return None
    sub = MappingReader(value, reader.sink, reader.key_line("alert"), "'alert'")
    sub.check_keys(ALERT_KEYS, required=ALERT_KEYS)
    source = sub.choice("source", ALERT_SOURCES, "alert source")
    key = sub.text("key")
    if key is not None and not KEY_PATTERN.match(key):
        reader.sink.error(
            sub.key_line("key"),
            f"'key' in 'alert' must be an episode key as balise alert writes it "
            f"(e.g. alertmanager-4b1c9d2e0f3a-20200206t001758z), not '{key[:80]}'",
        )
        return None
    if source is None or key is None:
        return None
    if not key.startswith(f"{source}-"):
        reader.sink.error(sub.key_line("key"), f"'key' in 'alert' must start with its source, '{source}-'")
        return None
    return AlertOrigin(source=source, key=key)


def _flag(reader: MappingReader, key: str) -> bool:
    if key not in reader.mapping:
        return False
    value = reader.mapping[key]
    if not isinstance(value, bool):
        reader.wrong_type(key, "true or false")
        return False
    return value


def _kind(reader: MappingReader) -> Kind:
    value = reader.choice("kind", tuple(Kind), "kind")
    return Kind(value) if value else Kind.INCIDENT


def _check_top_keys(reader: MappingReader, maintenance: bool) -> None:
    allowed = COMMON_KEYS + MAINTENANCE_ONLY_KEYS + INCIDENT_ONLY_KEYS
    required = ("title", "updates") + (("scheduled_for", "scheduled_until") if maintenance else ("impact",))
    reader.check_keys(allowed, required)
    if maintenance:
        for key in INCIDENT_ONLY_KEYS:
            if key in reader.mapping and key == "alert":
                reader.sink.error(reader.key_line(key), "'alert' is only for an incident drafted from a monitoring alert")
            elif key in reader.mapping:
                what = "scheduled_for" if key == "started_at" else "scheduled_until"
                reader.sink.error(reader.key_line(key), f"'{key}' is only for an incident; a maintenance uses '{what}'")
    else:
        for key in MAINTENANCE_ONLY_KEYS:
            if key in reader.mapping:
                reader.sink.error(reader.key_line(key), f"'{key}' is only for a maintenance; add 'kind: maintenance'")


def _impact(reader: MappingReader, maintenance: bool) -> Impact | None:
    if maintenance:
        if "impact" not in reader.mapping:
            return Impact.MAINTENANCE
        value = reader.choice("impact", MAINTENANCE_IMPACTS, "impact")
        return Impact(value) if value else None
    others = {
        Impact.MAINTENANCE.value: "impact 'maintenance' is only for a maintenance; "
        "an incident's impact is none, minor, major or critical"
    }
    value = reader.choice("impact", INCIDENT_IMPACTS, "impact", others)
    return Impact(value) if value else None


class _Times:
    """Reads times in the site's zone, so a time without a zone means local time there."""

    def __init__(self, config: SiteConfig) -> None:
        self.zone = config.timezone

    def read(self, reader: MappingReader, key: str) -> datetime | None:
        if key not in reader.mapping:
            return None
        value = reader.mapping[key]
        if value is None or (isinstance(value, str) and not value.strip()):
            # An empty time is a mistake, never "no time": an update without one was dropped, and a
            # resolution written `at: ~` left the incident open on the page.
            optional = key in ("next_update", "started_at", "estimated_resolution")
            remedy = "; write a time such as " + EXAMPLE_TIME + (" or remove the line" if optional else "")
            reader.sink.error(reader.key_line(key), f"'{key}'{reader.where()} is empty{remedy}")
            return None
        if not isinstance(value, str):
            reader.wrong_type(key, "a time such as 2026-11-20T14:05:00Z")
            return None
        try:
            return parse_time(value, self.zone)
        except TimeFormatError as error:
            reader.sink.error(reader.key_line(key), f"'{key}'{reader.where()}: {error}")
            return None


def _status_map(
    reader: MappingReader, key: str, config: SiteConfig, *, allow_list: bool
) -> dict[str, ComponentStatus]:
    """`{component: status}`; a maintenance may give a list of ids, all under maintenance."""
    if not reader.has(key):
        return {}
    value = reader.mapping[key]
    sink = reader.sink
    known = config.component_ids
    result: dict[str, ComponentStatus] = {}

    def component_ok(ident: Any, line: int) -> bool:
        if isinstance(ident, str) and ident in known:
            return True
        sink.error(line, f"unknown component '{ident}' (known: {', '.join(known)}){did_you_mean(str(ident), known)}")
        return False

    if allow_list and is_list(value):
        for index, ident in enumerate(value):
            line = sink.item_line(value, index, reader.key_line(key))
            if component_ok(ident, line):
                result[ident] = ComponentStatus.UNDER_MAINTENANCE
        return result
    if not is_mapping(value):
        expected = "a list of component ids or a mapping" if allow_list else "a mapping of component: status"
        reader.wrong_type(key, expected)
        return {}
    for ident, status in value.items():
        line = sink.key_line(value, ident, reader.key_line(key))
        if not component_ok(ident, line):
            continue
        if isinstance(status, str) and status in _COMPONENT_STATUSES:
            result[ident] = ComponentStatus(status)
        else:
            shown = status if isinstance(status, str) else f"{status!r}"
            sink.error(
                line,
                f"unknown component status '{shown}' for '{ident}' (expected {', '.join(_COMPONENT_STATUSES)})"
                f"{did_you_mean(str(status), _COMPONENT_STATUSES)}",
            )
    return result


def _components(reader: MappingReader, config: SiteConfig, maintenance: bool) -> dict[str, ComponentStatus]:
    return _status_map(reader, "components", config, allow_list=maintenance)


def _update_status(update: MappingReader, maintenance: bool) -> IncidentStatus | MaintenanceStatus | None:
    if maintenance:
        others = {
            s: f"'{s}' is an incident status; a maintenance update uses {', '.join(_MAINTENANCE_STATUSES)}"
            for s in _INCIDENT_STATUSES
        }
        value = update.choice("status", _MAINTENANCE_STATUSES, "status", others)
        return MaintenanceStatus(value) if value else None
    others = {
        s: f"'{s}' is a maintenance status; an incident update uses {', '.join(_INCIDENT_STATUSES)}"
        " (or add 'kind: maintenance')"
        for s in _MAINTENANCE_STATUSES
    }
    value = update.choice("status", _INCIDENT_STATUSES, "status", others)
    return IncidentStatus(value) if value else None


def _updates(
    reader: MappingReader, config: SiteConfig, times: _Times, maintenance: bool, empty_body: bool
) -> list[Update]:
    if "updates" not in reader.mapping:
        return []
    items = reader.mapping["updates"]
    sink = reader.sink
    if not is_list(items) or not items:
        if is_list(items):
            sink.error(reader.key_line("updates"), "'updates' is empty: add the first update (at, status, message)")
        else:
            reader.wrong_type("updates", "a list of updates")
        return []
    updates: list[Update] = []
    previous: tuple[datetime, int] | None = None  # time and line of the last readable update
    closed_line: int | None = None
    for index, item in enumerate(items):
        line = sink.item_line(items, index, reader.key_line("updates"))
        if not is_mapping(item):
            sink.error(line, f"update {index + 1} must be a mapping with at, status and message")
            continue
        update = MappingReader(item, sink, line, f"update {index + 1}")
        update.check_keys(UPDATE_KEYS, required=("at", "status", "message"))
        at = times.read(update, "at")
        status = _update_status(update, maintenance)
        message = update.text("message", max_length=MESSAGE_CHARACTERS)
        changes = _status_map(update, "components", config, allow_list=maintenance)
        # Order and closing are checked even when a sibling field is broken, to report everything at once.
        if at is not None:
            if previous is not None and at < previous[0]:
                sink.error(
                    update.key_line("at"),
                    f"update {index + 1} ({format_time(at)}) is earlier than the update before it "
                    f"({format_time(previous[0])}, line {previous[1]}); updates go oldest first",
                )
            previous = (at, line)
        if status is not None:
            _check_after_close(update, status, closed_line, maintenance)
            if status is IncidentStatus.POSTMORTEM and empty_body:
                sink.error(
                    update.key_line("status"),
                    "a 'postmortem' update sends readers to the postmortem, but the file's Markdown body is "
                    "empty: write the postmortem below the front-matter's closing '---' first",
                )
            if status in CLOSING_STATUSES and closed_line is None:
                closed_line = line
        if at is not None and status is not None and message is not None:
            updates.append(
                Update(
                    at=at, status=status, message=message, components=changes, line=line,
                    message_line=update.key_line("message"),
                )
            )
    return updates


def _check_markdown(sink: Sink, updates: list[Update], source: Source) -> None:
    """Every text the build will convert, against what Markdown conversion may cost (source/markdown_cost.py)."""
    if len(source.body) > BODY_CHARACTERS:
        sink.error(
            source.body_line,
            f"the Markdown body is {len(source.body):,} characters; the limit is {BODY_CHARACTERS:,}: "
            "publish long material elsewhere and link to it",
        )
        return
    texts = [(update.message, update.message_line, True) for update in updates] + [(source.body, source.body_line, False)]
    work = 0
    for text, line, in_yaml in texts:
        found = markdown_cost.cost(text)
        shape = markdown_cost.problem(found)
        if shape is not None:
            inner, message = shape
            # A multi-line message is a block scalar whose text starts on the line after its key.
            sink.error(line + inner + (1 if in_yaml and inner else 0), message)
        work += found.work
        too_long = markdown_cost.over_budget(work)
        if too_long:
            sink.error(line, too_long)
            return


def _check_after_close(
    update: MappingReader, status: IncidentStatus | MaintenanceStatus, closed_line: int | None, maintenance: bool
) -> None:
    line = update.key_line("status")
    if status is IncidentStatus.POSTMORTEM and closed_line is None:
        update.sink.error(line, "a 'postmortem' update comes after the 'resolved' one")
        return
    if closed_line is None or status is IncidentStatus.POSTMORTEM:
        return
    what = "maintenance was completed" if maintenance else "incident was resolved"
    allowed = "" if maintenance else "; only a 'postmortem' update may follow"
    update.sink.error(line, f"update after the {what} (line {closed_line}){allowed}")
