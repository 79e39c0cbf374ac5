"""Loads a whole project: the config and every incident file, with every problem at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path

from ..model import Incident, SiteConfig
from ..model.vocabulary import IncidentStatus, Kind, MaintenanceStatus
from .cache import CacheFolder, Table, digest
from .config import read_config_checked
from .layout import repository_root
from .lint import lint
from .load import read_limited, read_source
from .problems import BaliseError, Problem, display_path
from .records import RecordError, incident_from_record, incident_record
from .tree import list_files
from .validate import file_name_problem, validate

#: Files in the incidents folder that are documentation, not incidents.
IGNORED_NAMES = frozenset({"readme.md"})


@dataclass(frozen=True)
class Project:
    config: SiteConfig
    incidents: tuple[Incident, ...]
    problems: tuple[Problem, ...] = field(default=())
    #: Each incident's source: a digest of its file's path and bytes (what cached pages are keyed on).
    sources: dict[str, str] = field(default_factory=dict, compare=False)
    #: How many incident files the folder holds (read or not).
    files: int = 0

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


def parse_incident(path: Path, data: bytes, config: SiteConfig) -> Incident:
    """One file's bytes as an Incident; BaliseError is the only exception it raises."""
    shown = display_path(path)
    try:
        incident = validate(read_source(path, data, shown), config)
    except BaliseError as error:
        named = file_name_problem(path, shown)
        raise BaliseError(error.problems + ([named] if named else [])) from None
    named = file_name_problem(path, shown, file_day(incident, config))
    if named:
        raise BaliseError([named])
    return incident


def file_day(incident: Incident, config: SiteConfig) -> date:
    """The date an incident's file name carries, in the site's zone: when its impact began,
    or when a maintenance window opens (what readers look it up by)."""
    moment = incident.scheduled_for if incident.scheduled_for is not None else incident.started_at
    return moment.astimezone(config.timezone).date()


def incident_listing(directory: Path) -> tuple[list[Path], list[Problem]]:
    """The incident files under `directory`, and what could not be read there, each problem named.

    Links are judged by source.tree against the repository; a file named like an incident
    but for the case of `.md` is reported, not skipped: it would never be published.
    """
    listing = list_files(directory, repository_root(directory.resolve().parent))
    files: list[Path] = []
    problems = list(listing.problems)
    for path in listing.files:
        if path.name.lower() in IGNORED_NAMES:
            continue
        if path.suffix == ".md":
            files.append(path)
        elif path.suffix.lower() == ".md":
            advice = f"not read: incident files end in lowercase '.md'; rename it to '{path.stem}.md'"
            problems.append(Problem(display_path(path), 1, advice))
    return files, problems


def incident_files(directory: Path) -> list[Path]:
    return incident_listing(directory)[0]


@dataclass(frozen=True)
class FileRead:
    """What reading one file gave: its incident or its problems, the digest of the path and bytes
    it was read from, and the record to keep in the cache when the file had to be parsed."""

    result: Incident | list[Problem]
    source: str = ""
    record: str | None = None


@dataclass(frozen=True)
class ParsedFiles:
    """The cache of parsed files: incidents as records, under their file's path and bytes and the config."""

    table: Table
    config_key: str

    @classmethod
    def of(cls, cache: CacheFolder, config: SiteConfig) -> ParsedFiles:
        return cls(cache.table("incidents"), digest(repr(config)))

    def key(self, path: Path, data: bytes) -> str:
        return digest("incident", self.config_key, str(path), data)

    def known(self, key: str, path: Path, config: SiteConfig) -> Incident | None:
        """The incident a record holds, if it is one this file could have given under this config."""
        record = self.table.get(key)
        if record is None:
            return None
        try:
            incident = incident_from_record(record)
        except (RecordError, ValueError, TypeError, RecursionError):
            return None
        return incident if plausible(incident, path, config) else None

    def keep(self, reads: Iterable[FileRead]) -> None:
        for read in reads:
            if read.record is not None:
                self.table.put(read.source, read.record)
            elif read.source and not isinstance(read.result, list):
                self.table.touch(read.source)


def plausible(incident: Incident, path: Path, config: SiteConfig) -> bool:
    """What every later stage takes for granted of a validated incident (a record from a cache
    folder someone else filled must not stop the build; it is read from the file instead)."""
    statuses = MaintenanceStatus if incident.kind is Kind.MAINTENANCE else IncidentStatus
    known = set(config.component_ids)
    return (
        incident.path == path
        and incident.id == path.name.removesuffix(".md")
        and bool(incident.updates)
        and all(isinstance(u.status, statuses) and set(u.components) <= known for u in incident.updates)
        and set(incident.components) <= known
        and (incident.kind is Kind.INCIDENT or (incident.scheduled_for is not None and incident.scheduled_until is not None))
    )


#: Applies a per-file function to every path, in order; the build passes one that uses several cores.
FileMapper = Callable[[Callable[[Path], FileRead], Sequence[Path]], Iterable[FileRead]]


def read_incident(path: Path, config: SiteConfig, parsed: ParsedFiles | None = None) -> FileRead:
    """One file as an Incident, or its problems: a value either way, so it can cross a process boundary."""
    try:
        data = read_limited(path, "")  # its shown path only when it is refused: display_path costs
    except BaliseError as error:  # larger than a file may be
        return FileRead([replace(problem, path=display_path(path)) for problem in error.problems])
    except OSError as error:
        return FileRead([Problem(display_path(path), 1, f"cannot read the file: {error.strerror}")])
    key = parsed.key(path, data) if parsed is not None else digest("incident", str(path), data)
    if parsed is not None and (incident := parsed.known(key, path, config)) is not None:
        return FileRead(incident, key)
    try:
        incident = parse_incident(path, data, config)
    except BaliseError as error:
        return FileRead(list(error.problems), key)
    return FileRead(incident, key, incident_record(incident) if parsed is not None else None)


def load_incidents(
    directory: Path, config: SiteConfig, map_files: FileMapper = map, parsed: ParsedFiles | None = None
) -> tuple[list[Incident], list[Problem], dict[str, str], int]:
    """The incidents, the problems, each incident's source digest (see Project.sources) and how many files there are."""
    paths, problems = incident_listing(directory)
    first_seen: dict[str, Path] = {}
    for path in paths:
        ident = path.name.removesuffix(".md")
        if ident in first_seen:
            other = display_path(first_seen[ident])
            problems.append(Problem(display_path(path), 1, f"duplicate id '{ident}': {other} has the same file name"))
            continue
        first_seen[ident] = path
    incidents: list[Incident] = []
    sources: dict[str, str] = {}
    reads = list(map_files(partial(read_incident, config=config, parsed=parsed), list(first_seen.values())))
    for read in reads:
        if isinstance(read.result, list):
            problems.extend(read.result)
        else:
            incidents.append(read.result)
            sources[read.result.id] = read.source
    if parsed is not None:
        parsed.keep(reads)
    incidents.sort(key=lambda i: (i.started_at, i.id))
    return incidents, problems, sources, len(paths)


def load_project(
    incidents_dir: Path,
    config_path: Path,
    now: datetime,
    map_files: FileMapper = map,
    cache: CacheFolder | None = None,
) -> Project:
    """Everything `balise check` and the build need; config problems are raised, not collected.

    With a `cache`, files read before with the same bytes, path and config are not parsed again.
    """
    config, config_warnings = read_config_checked(config_path)
    parsed = ParsedFiles.of(cache, config) if cache is not None else None
    incidents, problems, sources, files = load_incidents(incidents_dir, config, map_files, parsed)
    if parsed is not None:
        parsed.table.save()
    problems.extend(config_warnings)
    problems.extend(lint(incidents, config, now))
    return Project(
        config=config, incidents=tuple(incidents), problems=tuple(sorted(problems)), sources=sources, files=files
    )
