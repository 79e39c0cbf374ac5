"""Every word of ours goes through a catalog, and the catalogs of all eight languages are complete:
none lacks a message in use, none keeps one nobody uses."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from importlib.resources import files
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_timedelta
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2.ext import babel_extract
from support.site_project import build, example_project, find, page, words

import site_builder
from site_builder.outputs.i18n import LANGUAGES, Localizer, catalog_language, catalog_path, core_messages

PACKAGE = Path(site_builder.__file__).parent
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
PARIS = ZoneInfo("Europe/Paris")
#: Output modules outside pages/ whose words go through the catalogs.
CODE = ("feeds.py", "ical.py", "badges.py")


def used_messages() -> set[str | tuple[str, ...]]:
    """Messages the templates and the page code ask for, and the core words pages show."""
    found: set[str | tuple[str, ...]] = set(core_messages())
    for template in (PACKAGE / "outputs" / "pages" / "templates").glob("*.html"):
        with template.open("rb") as source:
            found.update(m for _, m, _, _ in extract(babel_extract, source, options={"extensions": "jinja2.ext.i18n"}))
    # The notifications' words (notify/content.py) share the outputs' catalogs.
    for module in [
        *(PACKAGE / "outputs" / "pages").glob("*.py"),
        *(PACKAGE / "outputs" / name for name in CODE),
        PACKAGE / "notify" / "content.py",
        # What `balise init` writes where readers see it (mkdocs.yml's description, example names).
        PACKAGE / "scaffold" / "wording.py",
    ]:
        with module.open("rb") as source:
            found.update(m for _, m, _, _ in extract("python", source))
    return found


def catalog(language: str) -> Catalog:
    with files("site_builder.outputs").joinpath(catalog_path(language)).open("rb") as source:
        return read_po(source, locale=language, abort_invalid=True)


def key(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def test_templates_and_code_use_messages():
    assert len(used_messages()) > 50  # the extraction itself works


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_has_every_message_in_use(language):
    known = {key(m.id) for m in catalog(language) if m.id}
    missing = sorted(key(m) for m in used_messages() if key(m) not in known)
    assert missing == [], f"add to {catalog_path(language)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_has_no_message_nobody_uses(language):
    used = {key(m) for m in used_messages()}
    unused = sorted(key(m.id) for m in catalog(language) if m.id and key(m.id) not in used)
    assert unused == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    empty = [
        m.id for m in catalog(language) if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    assert empty == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    for message in catalog(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(set(PLACEHOLDER.findall(ids[-1])))
        for string in strings:
            assert sorted(set(PLACEHOLDER.findall(string))) == expected, message.id


def test_japanese_has_one_form_for_every_count():
    localizer = Localizer.for_site("ja", UTC)
    assert localizer.ngettext("%(num)d day ago", "%(num)d days ago", 1) == "%(num)d 日前"
    assert localizer.ngettext("%(num)d day ago", "%(num)d days ago", 90) == "%(num)d 日前"


def test_plural_forms_follow_french_rules():
    localizer = Localizer.for_site("fr", UTC)
    assert localizer.ngettext("%(num)d day ago", "%(num)d days ago", 1) == "il y a %(num)d jour"
    assert localizer.ngettext("%(num)d day ago", "%(num)d days ago", 90) == "il y a %(num)d jours"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "fr"), ("fr-CA", "fr"), ("de", "de"), ("ja", "ja"), ("pt-BR", "pt_BR"), ("pt_BR", "pt_BR"), ("pt", "pt_BR")],
)
def test_a_theme_language_reads_its_catalog(language, expected):
    assert catalog_language(language) == expected


@pytest.mark.parametrize("language", ["sv", "zh-Hans", "xx"])
def test_a_language_without_a_catalog_falls_back_to_english(language):
    assert catalog_language(language) == "en"


def test_eight_languages_have_a_complete_catalog():
    assert set(LANGUAGES) == {"en", "fr", "de", "es", "it", "nl", "pt_BR", "ja"}


def test_dates_are_written_for_the_locale():
    moment = datetime(2026, 11, 22, 12, 30, tzinfo=UTC)
    assert Localizer.for_site("en", PARIS).datetime_text(moment) == "Nov 22, 2026, 1:30\u202fPM UTC+1"
    assert Localizer.for_site("fr", PARIS).datetime_text(moment) == "22 nov. 2026, 13:30 UTC+1"


def test_month_headings_are_capitalised_in_french():
    assert Localizer.for_site("fr", UTC).month_text(2026, 11) == "Novembre 2026"


def test_a_language_without_a_catalog_still_gets_its_date_formats():
    localizer = Localizer.for_site("sv", UTC)
    assert localizer.gettext("Components") == "Components"
    assert localizer.date_text(date(2026, 11, 22)) == "22 nov. 2026"


@pytest.mark.parametrize(
    ("zone", "moment", "expected"),
    [
        ("UTC", datetime(2026, 11, 22, tzinfo=UTC), "UTC"),
        ("Europe/Paris", datetime(2026, 7, 1, tzinfo=UTC), "UTC+2"),
        ("Asia/Kolkata", datetime(2026, 7, 1, tzinfo=UTC), "UTC+5:30"),
        ("America/New_York", datetime(2026, 11, 22, tzinfo=UTC), "UTC\u22125"),
    ],
)
def test_times_name_their_offset_from_utc(zone, moment, expected):
    assert Localizer.for_site("en", ZoneInfo(zone)).zone_text(moment) == expected


def test_uptime_percentages_are_floored_not_rounded_up():
    localizer = Localizer.for_site("en", UTC)
    assert localizer.percent_text(99.999) == "99.99%"
    assert localizer.percent_text(99.95) == "99.95%"
    assert Localizer.for_site("fr", UTC).percent_text(99.5) == "99,50\u00a0%"


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        (timedelta(minutes=40), "40 min"),
        (timedelta(hours=1, minutes=5), "1 hr 5 min"),
        (timedelta(days=2, hours=3), "2 days 3 hr"),
    ],
)
def test_durations_are_exact_to_the_minute(span, expected):
    assert Localizer.for_site("en", UTC).duration_text(span) == expected


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("french")
    config = example_project(root, {"  language: en": "  language: fr"})
    result = build(config, root / "site")
    assert result.exit_code == 0, result.output
    return root / "site"


def test_theme_language_switches_our_words(french_site):
    assert words(find(page(french_site, ""), "h1")[0].text) == "Panne partielle du système"


def test_theme_language_switches_materials_words(french_site):
    html = page(french_site, "")
    assert '<html lang="fr"' in html
    assert 'aria-label="En-tête"' in html


def test_theme_language_switches_dates(french_site):
    promise = find(page(french_site, ""), "p", class_="bl-promise")[0]
    assert words(promise.text) == "Prochaine mise à jour d’ici 13:30 UTC+1 (dans 30 minutes)"


KEPT_WORDINGS: dict[str, Localizer] = {}


@settings(max_examples=3000, deadline=None)
@given(
    st.sampled_from(["en", "fr", "de", "ja", "pt-BR", "ru"]),
    st.integers(min_value=-5 * 365 * 86400, max_value=5 * 365 * 86400),
    st.integers(min_value=-5 * 365 * 86400, max_value=5 * 365 * 86400),
)
def test_relative_times_worded_once_are_what_babel_words_each_time(language, seconds, other_seconds):
    """The localizer keeps one wording per unit, count and direction: every delta gets Babel's own words."""
    localizer = KEPT_WORDINGS.setdefault(language, Localizer.for_site(language, UTC))  # its memory spans examples
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    for offset in (seconds, other_seconds, seconds + 1, seconds - 1):
        moment = now + timedelta(seconds=offset)
        expected = "" if abs(offset) < 60 else format_timedelta(moment - now, add_direction=True, locale=localizer.locale)
        assert localizer.relative_text(moment, now) == expected
