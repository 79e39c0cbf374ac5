"""The reader's language: our message catalogs, and times, numbers and durations in the locale.

Catalogs are Babel `.po` files under `site_builder/outputs/locale/`, compiled in memory when a build
starts, so the repository holds no binary `.mo` files that could drift from their source.
Every time is written in the site's configured zone: that is what a reader without
JavaScript sees; the theme's script rewrites it into the reader's own zone.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from functools import cache
from importlib.resources import files
from itertools import combinations

from babel import Locale, UnknownLocaleError
from babel.dates import TIMEDELTA_UNITS, format_date, format_skeleton, format_time, format_timedelta
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import parse_pattern
from babel.support import Translations
from babel.units import format_unit

from ..engine.status import overall
from ..model.vocabulary import ComponentStatus
from . import labels

#: Languages with a complete catalog (Babel's names); any other language falls back to the first.
LANGUAGES = ("en", "fr", "de", "es", "it", "nl", "pt_BR", "ja")
DOMAIN = "messages"
#: Babel's `format_timedelta` threshold: a unit is used from 85 % of it ("1 day" from 20.4 hours).
RELATIVE_THRESHOLD = 0.85
#: Where a theme language names only the base language, the catalog closest to it.
CLOSEST = {"pt": "pt_BR"}


def catalog_path(language: str) -> str:
    return f"locale/{language}/LC_MESSAGES/{DOMAIN}.po"


def catalog_language(language: str) -> str:
    """The catalog for a Material language code: `fr`, `fr-CA` and `fr_CA` all read French;
    `pt-BR` reads Brazilian Portuguese, and so does `pt`, the closest catalog there is."""
    parts = language.replace("_", "-").split("-")
    base = parts[0].lower()
    if len(parts) > 1 and f"{base}_{parts[1].upper()}" in LANGUAGES:
        return f"{base}_{parts[1].upper()}"
    if base in LANGUAGES:
        return base
    return CLOSEST.get(base, LANGUAGES[0])


@cache
def _compiled(language: str) -> bytes:
    """The catalog as `.mo` bytes. Cached: a catalog is read-only data, and `serve` rebuilds often."""
    source = files("site_builder.outputs").joinpath(catalog_path(language)).read_bytes()
    catalog = read_po(io.BytesIO(source), locale=language, domain=DOMAIN, abort_invalid=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def translations(language: str) -> Translations:
    return Translations(io.BytesIO(_compiled(catalog_language(language))), domain=DOMAIN)


def babel_locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(LANGUAGES[0])


def core_messages() -> Iterator[str]:
    """The English words that come from the core (labels, overall status) and must be translated."""
    yield from labels.UPDATE_STATUS_LABELS.values()
    yield labels.SAME_STATUS_LABEL
    yield labels.CANCELLED_LABEL
    yield labels.DARK_TOGGLE_LABEL
    yield labels.LIGHT_TOGGLE_LABEL
    yield labels.BADGE_LABEL
    yield from labels.COMPONENT_STATUS_LABELS.values()
    yield from labels.IMPACT_LABELS.values()
    statuses = list(ComponentStatus)
    for size in range(1, len(statuses) + 1):
        for present in combinations(statuses, size):
            yield overall(present).description


@dataclass(frozen=True)
class Localizer:
    """Words, times and numbers for one build, in one language and one time zone.

    A build words tens of thousands of times, most on a few thousand days at a few hundred
    times of day: the wording of each local day and each local time of day is kept once made.
    """

    language: str
    locale: Locale
    zone: tzinfo
    catalog: Translations
    _worded: dict[tuple[str, object], str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def for_site(cls, language: str, zone: tzinfo) -> Localizer:
        return cls(language, babel_locale(language), zone, translations(language))

    def gettext(self, message: str) -> str:
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.catalog.ngettext(singular, plural, count)

    def zone_text(self, moment: datetime) -> str:
        """`UTC`, `UTC+1`, `UTC+5:30`: understood everywhere, unlike abbreviations CLDR has for some locales only."""
        offset = moment.astimezone(self.zone).utcoffset() or timedelta(0)
        minutes = int(offset.total_seconds() // 60)
        if minutes == 0:
            return "UTC"
        sign = "+" if minutes > 0 else "\u2212"
        hours, rest = divmod(abs(minutes), 60)
        return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")

    def time_text(self, moment: datetime) -> str:
        """`1:30 PM UTC+1` / `13:30 UTC+1`: the zone is always said, a bare hour would mislead."""
        local = moment.astimezone(self.zone)
        key = ("time", (local.time(), local.utcoffset()))
        if key not in self._worded:
            self._worded[key] = f"{format_time(moment, 'short', tzinfo=self.zone, locale=self.locale)} {self.zone_text(moment)}"
        return self._worded[key]

    def moment_text(self, moment: datetime, now: datetime) -> str:
        """The time alone on the day of `now` in the site's zone; with its date on any other day."""
        if moment.astimezone(self.zone).date() == now.astimezone(self.zone).date():
            return self.time_text(moment)
        return self.datetime_text(moment)

    def relative_text(self, moment: datetime, now: datetime) -> str:
        """`in 4 days`, `3 hours ago`; empty within a minute of `now`, where it would say nothing."""
        delta = moment - now
        if abs(delta) < timedelta(minutes=1):
            return ""
        key = ("relative", _relative_unit(delta))
        if key not in self._worded:
            self._worded[key] = format_timedelta(delta, add_direction=True, locale=self.locale)
        return self._worded[key]

    def date_text(self, moment: datetime | date) -> str:
        if isinstance(moment, datetime):
            moment = moment.astimezone(self.zone).date()
        key = ("date", moment)
        if key not in self._worded:
            self._worded[key] = format_date(moment, "medium", locale=self.locale)
        return self._worded[key]

    def day_text(self, day: date) -> str:
        """`Nov 22` / `22 nov.`: one day of an uptime chart, whose heading gives the period."""
        key = ("day", day)
        if key not in self._worded:
            self._worded[key] = format_skeleton("MMMd", day, locale=self.locale)
        return self._worded[key]

    def datetime_text(self, moment: datetime) -> str:
        pattern = self.locale.datetime_formats["medium"]
        return pattern.replace("{1}", self.date_text(moment)).replace("{0}", self.time_text(moment))

    def month_text(self, year: int, month: int) -> str:
        text = format_skeleton("yMMMM", date(year, month, 1), locale=self.locale)
        return text[:1].upper() + text[1:]  # French months are lowercase inside a sentence, not as a heading

    def duration_text(self, span: timedelta) -> str:
        """`2 days 3 hr`, `1 hr 5 min`, `40 min`: precise to the minute, unlike Babel's rounded timedelta."""
        minutes = max(0, int(span.total_seconds() // 60))
        key = ("duration", minutes)
        if key not in self._worded:
            self._worded[key] = self._duration_text(minutes)
        return self._worded[key]

    def _duration_text(self, minutes: int) -> str:
        days, rest = divmod(minutes, 24 * 60)
        hours, mins = divmod(rest, 60)
        parts = []
        if days:
            parts.append(format_unit(days, "duration-day", length="short", locale=self.locale))
        if hours:
            parts.append(format_unit(hours, "duration-hour", length="short", locale=self.locale))
        if (mins and not days) or not parts:
            parts.append(format_unit(mins, "duration-minute", length="short", locale=self.locale))
        return " ".join(parts)

    def percent_text(self, value: float) -> str:
        """An uptime: two decimals, never rounded up to a 100 % it did not reach."""
        hundredths = math.floor(round(value * 100, 6))  # round first: 99.95 * 100 is 9994.999… in floats
        key = ("percent", hundredths)
        if key not in self._worded:
            pattern = parse_pattern(self.locale.percent_formats[None].pattern)  # the locale's spacing: 99,50 %
            pattern.frac_prec = (2, 2)
            self._worded[key] = pattern.apply(Decimal(hundredths) / 10000, self.locale)
        return self._worded[key]


def _relative_unit(delta: timedelta) -> tuple[bool, str, int]:
    """What Babel's `format_timedelta` (default threshold and granularity) words a delta by: its
    direction, the largest unit it reaches 85 % of, and the count rounded. Deltas alike in these
    are worded alike, so each wording is asked of Babel once (tests/outputs/test_i18n.py)."""
    seconds = int(delta.days * 86400 + delta.seconds)
    for unit, per_unit in TIMEDELTA_UNITS:
        value = abs(seconds) / per_unit
        if value >= RELATIVE_THRESHOLD or unit == "second":
            if unit == "second" and value > 0:
                value = max(1, value)
            return seconds >= 0, unit, round(value)
    return seconds >= 0, "second", 0
