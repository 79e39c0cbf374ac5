"""The site's configuration and its component catalog, as read from mkdocs.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class ComponentGroup:
    id: str
    name: str
    description: str = ""
    position: int = 0


@dataclass(frozen=True)
class Component:
    id: str
    name: str
    group: str | None = None
    description: str = ""
    position: int = 0


@dataclass(frozen=True)
class SupportContact:
    email: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Thresholds:
    """Limits behind `balise check` warnings."""

    stale_update: timedelta = timedelta(hours=1)
    file_date_drift: timedelta = timedelta(days=2)


@dataclass(frozen=True)
class SiteConfig:
    site_name: str = "Status"
    site_url: str | None = None
    language: str = "en"
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    groups: tuple[ComponentGroup, ...] = ()
    components: tuple[Component, ...] = ()
    support: SupportContact = field(default_factory=SupportContact)
    thresholds: Thresholds = field(default_factory=Thresholds)

    @property
    def component_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.components)

    def component(self, component_id: str) -> Component:
        for component in self.components:
            if component.id == component_id:
                return component
        raise KeyError(component_id)
