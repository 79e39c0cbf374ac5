"""The site's configuration and its component catalog, as read from mkdocs.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

from .alerting import AlertRule
from .notify import NotifyChannel


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
    #: Free text such as "Mon–Fri 08:00–18:00 CET"; shown beside the contact.
    hours: str | None = None


@dataclass(frozen=True)
class ReaderChannel:
    """A public place where readers can follow the status: a Mastodon account, a community chat,
    a mailing-list sign-up, an ntfy topic. Filled from the `notify:` channels that name a
    `public_url`; listed in the page's Subscribe menu."""

    kind: str  # the channel kind, e.g. "mastodon", "ntfy", "email", "discord"
    name: str  # what readers see, e.g. "Mastodon", "Mailing list"
    url: str  # an http(s) or mailto URL readers open


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
    reader_channels: tuple[ReaderChannel, ...] = ()
    #: Where `balise notify` announces incidents (the `notify:` list); empty: nowhere.
    notify: tuple[NotifyChannel, ...] = ()
    #: How `balise alert` reads monitoring alerts (the `alerts:` list), in order: the first match wins.
    alert_rules: tuple[AlertRule, ...] = ()

    @property
    def component_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.components)

    def component(self, component_id: str) -> Component:
        for component in self.components:
            if component.id == component_id:
                return component
        raise KeyError(component_id)
