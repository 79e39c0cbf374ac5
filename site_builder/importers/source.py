"""What an importer reads from another status page, before it becomes Balise's files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class SourceGroup:
    key: str  # the source's own id for it (Statuspage id, cState category name)
    name: str
    description: str = ""


@dataclass(frozen=True)
class SourceComponent:
    key: str
    name: str
    description: str = ""
    group: str | None = None  # a SourceGroup key


@dataclass(frozen=True)
class SourceUpdate:
    at: datetime
    status: str  # Balise's vocabulary (investigating… / scheduled…)
    message: str
    #: statuses from this update on, by SourceComponent key
    components: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceIncident:
    origin: str  # "Statuspage", "cState": named in the file's comment
    key: str  # the source's id for it: a re-import recognises it by this
    title: str
    maintenance: bool
    impact: str
    updates: tuple[SourceUpdate, ...]
    #: statuses at the start (incident), or the components under maintenance (their status ignored)
    components: dict[str, str] = field(default_factory=dict)
    scheduled_for: datetime | None = None
    scheduled_until: datetime | None = None
    body: str = ""
    link: str | None = None  # where it was published, for the file's comment


@dataclass
class SourceData:
    groups: list[SourceGroup] = field(default_factory=list)
    components: list[SourceComponent] = field(default_factory=list)
    incidents: list[SourceIncident] = field(default_factory=list)
    #: what the reader should know about the source (e.g. the public API's 50-item limit)
    notes: list[str] = field(default_factory=list)
