"""Loads a whole project: the config and every incident file, with every problem at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from ..model import Incident, SiteConfig
from .config import read_config_checked
from .layout import repository_root
from .lint import lint
from .load import read_limited, read_source
from .problems import BaliseError, Problem, display_path
from .tree import list_files
from .validate import file_name_problem, validate

#: Files in the incidents folder that are documentation, not incidents.
IGNORED_NAMES = frozenset({"readme.md"})


@dataclass(frozen=True)
class Project:
    config: SiteConfig
    incidents: tuple[Incident, ...]
    problems: tuple[Problem, ...] = field(default=())

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


def parse_incident(path: Path, data: bytes, config: SiteConfig) -> Incident:
    """One file's bytes as an Incident; BaliseError is the only exception it raises."""
    shown = display_path(path)
    named = file_name_problem(path, shown)
    try:
        incident = validate(read_source(path, data, shown), config)
    except BaliseError as error:
        raise BaliseError(error.problems + ([named] if named else [])) from None
    if named:
        raise BaliseError([named])
    return incident


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


#: Applies a per-file function to every path, in order; the build passes one that uses several cores.
FileMapper = Callable[[Callable[[Path], Incident | list[Problem]], Sequence[Path]], Iterable[Incident | list[Problem]]]


def read_incident(path: Path, config: SiteConfig) -> Incident | list[Problem]:
    """One file as an Incident, or its problems: a value either way, so it can cross a process boundary."""
    try:
        return parse_incident(path, read_limited(path, display_path(path)), config)
    except BaliseError as error:
        return list(error.problems)
    except OSError as error:
        return [Problem(display_path(path), 1, f"cannot read the file: {error.strerror}")]


def load_incidents(
    directory: Path, config: SiteConfig, map_files: FileMapper = map
) -> tuple[list[Incident], list[Problem]]:
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
    for result in map_files(partial(read_incident, config=config), list(first_seen.values())):
        if isinstance(result, list):
            problems.extend(result)
        else:
            incidents.append(result)
    incidents.sort(key=lambda i: (i.started_at, i.id))
    return incidents, problems


def load_project(incidents_dir: Path, config_path: Path, now: datetime, map_files: FileMapper = map) -> Project:
    """Everything `balise check` and the build need; config problems are raised, not collected."""
    config, config_warnings = read_config_checked(config_path)
    incidents, problems = load_incidents(incidents_dir, config, map_files)
    problems.extend(config_warnings)
    problems.extend(lint(incidents, config, now))
    return Project(config=config, incidents=tuple(incidents), problems=tuple(sorted(problems)))
