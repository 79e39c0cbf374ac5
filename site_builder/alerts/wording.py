"""The words of a draft, in the site's language: what customers need, never the alert's own text.

An alert's annotations are written for engineers (host names, query expressions, runbooks);
none of them reaches the draft. It says which components are affected and how, since when,
that we are investigating, and when the next update comes, from the catalog in `locale/`
(eight languages, like the pages'). Component names come from the catalog of mkdocs.yml,
times are worded as the pages word them (outputs/i18n.py). A person reads the draft in the
pull request and changes a word if needed before merging.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib.resources import files

from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from ..model import SiteConfig
from ..model.vocabulary import ComponentStatus
from ..outputs.i18n import Localizer, catalog_language

DOMAIN = "alerts"


def N_(message: str) -> str:
    """Marks a message for the catalog; it is translated where it is used."""
    return message


TITLE = N_("Service disruption: %(components)s")
OPENED = N_("We are investigating a problem affecting %(affected)s since %(since)s.")
NEXT_UPDATE = N_("Next update by %(next)s.")
CHANGED = N_("The problem now affects %(affected)s.")
RECOVERED = N_("Working normally again: %(recovered)s.")
STILL = N_("We are still investigating.")
RESOLVED = N_(
    "The problem is fixed and everything it affected works normally again (ended %(ended)s). "
    "We are sorry for the trouble."
)
WITH_STATUS = N_("%(component)s (%(status)s)")
STATUS_WORDS = {
    ComponentStatus.DEGRADED_PERFORMANCE: N_("degraded performance"),
    ComponentStatus.PARTIAL_OUTAGE: N_("partial outage"),
    ComponentStatus.MAJOR_OUTAGE: N_("major outage"),
}


def catalog_path(language: str) -> str:
    return f"locale/{language}/LC_MESSAGES/{DOMAIN}.po"


@cache
def _translations(language: str) -> Translations:
    """A catalog compiled in memory once per process, as the pages' catalogs are."""
    source = files("site_builder.alerts").joinpath(catalog_path(language)).read_bytes()
    catalog = read_po(io.BytesIO(source), locale=language, domain=DOMAIN, abort_invalid=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return Translations(io.BytesIO(buffer.getvalue()), domain=DOMAIN)


@dataclass(frozen=True)
class Wording:
    """The draft's sentences for one site: its language, time zone and component names."""

    config: SiteConfig
    now: datetime

    @property
    def language(self) -> str:
        return catalog_language(self.config.language)

    def _(self, message: str, **values: str) -> str:
        return _translations(self.language).gettext(message) % values

    @property
    def _localizer(self) -> Localizer:
        return Localizer.for_site(self.config.language, self.config.timezone)

    def _time(self, moment: datetime) -> str:
        return self._localizer.moment_text(moment, self.now)

    def _names(self, ids: Iterable[str]) -> list[str]:
        return [self.config.component(ident).name for ident in ids]

    def _list(self, items: list[str]) -> str:
        return format_list(items, locale=self._localizer.locale) if items else ""

    def _affected(self, statuses: dict[str, ComponentStatus]) -> str:
        return self._list(
            [
                self._(WITH_STATUS, component=name, status=self._(STATUS_WORDS[status]))
                for name, status in zip(self._names(statuses), statuses.values(), strict=True)
            ]
        )

    def _sentences(self, *sentences: str) -> str:
        return ("" if self.language == "ja" else " ").join(sentence for sentence in sentences if sentence)

    def title(self, components: Iterable[str]) -> str:
        return self._(TITLE, components=self._list(self._names(components)))

    def opened(self, statuses: dict[str, ComponentStatus], since: datetime, next_update: datetime) -> str:
        return self._sentences(
            self._(OPENED, affected=self._affected(statuses), since=self._time(since)),
            self._(NEXT_UPDATE, next=self._time(next_update)),
        )

    def changed(
        self, affected: dict[str, ComponentStatus], recovered: Iterable[str], next_update: datetime
    ) -> str:
        names = self._names(recovered)
        return self._sentences(
            self._(CHANGED, affected=self._affected(affected)) if affected else "",
            self._(RECOVERED, recovered=self._list(names)) if names else "",
            self._(STILL),
            self._(NEXT_UPDATE, next=self._time(next_update)),
        )

    def resolved(self, ended: datetime) -> str:
        return self._(RESOLVED, ended=self._time(ended))

