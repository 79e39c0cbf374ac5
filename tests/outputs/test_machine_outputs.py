"""`machine_outputs`: every machine-readable file of the site, reproducible and safe with any text."""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar
from support.machine_site import (
    EXAMPLE_NOW,
    REPO,
    Comp,
    Group,
    Site,
    U,
    config_text,
    example_snapshot,
    incident_text,
    maintenance_text,
    outputs,
)

from site_builder.engine.status import snapshot
from site_builder.outputs.build import machine_outputs
from site_builder.source.project import load_project

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
COMPONENT_IDS = ["api", "auth", "card-payments", "dashboard", "email-notifications", "invoicing",
                 "mobile-apps", "payouts", "storage", "support-portal", "webhooks"]  # fmt: skip


def test_machine_outputs_are_every_api_feed_calendar_badge_and_header_file():
    expected = {
        "_headers",
        "api/badge.json",
        "api/v2/summary.json",
        "api/v2/status.json",
        "api/v2/components.json",
        "api/v2/incidents.json",
        "api/v2/incidents/unresolved.json",
        "api/v2/scheduled-maintenances.json",
        "api/v2/scheduled-maintenances/upcoming.json",
        "api/v2/scheduled-maintenances/active.json",
        "assets/balise/status-major.svg",
        "badge.svg",
        "history.atom",
        "history.rss",
        "maintenance.ics",
        "robots.txt",
    }
    for component in COMPONENT_IDS:
        expected |= {
            f"components/{component}/{name}" for name in ("badge.svg", "badge.json", "history.atom", "history.rss")
        }
    assert set(outputs(example_snapshot())) == expected


def test_machine_outputs_are_sorted_by_path_with_no_duplicate():
    paths = [f.path for f in machine_outputs(example_snapshot())]
    assert paths == sorted(set(paths))


def test_no_path_starts_with_a_slash_or_climbs_out_of_the_site():
    for path in outputs(example_snapshot()):
        assert not path.startswith("/")
        assert ".." not in path.split("/")


# -- determinism -------------------------------------------------------------------------------------


def build_from_disk(incidents: Path, config: Path, now: datetime) -> list[tuple[str, bytes]]:
    project = load_project(incidents, config, now)
    return [(f.path, f.content) for f in machine_outputs(snapshot(project.config, project.incidents, now))]


def test_two_builds_of_the_same_files_at_the_same_now_are_byte_identical():
    first = build_from_disk(REPO / "incidents", REPO / "mkdocs.yml", EXAMPLE_NOW)
    second = build_from_disk(REPO / "incidents", REPO / "mkdocs.yml", EXAMPLE_NOW)
    assert first == second


def test_a_copy_of_the_project_elsewhere_builds_the_same_bytes(tmp_path):
    """Nothing depends on where the checkout lives (CI clones into a fresh folder)."""
    (tmp_path / "incidents").mkdir()
    for source in (REPO / "incidents").glob("*.md"):
        (tmp_path / "incidents" / source.name).write_bytes(source.read_bytes())
    (tmp_path / "mkdocs.yml").write_bytes((REPO / "mkdocs.yml").read_bytes())
    copied = build_from_disk(tmp_path / "incidents", tmp_path / "mkdocs.yml", EXAMPLE_NOW)
    assert copied == build_from_disk(REPO / "incidents", REPO / "mkdocs.yml", EXAMPLE_NOW)


def test_the_file_order_on_disk_does_not_change_the_outputs(tmp_path):
    first, second = Site.create(tmp_path / "a"), Site.create(tmp_path / "b")
    files = {
        "2026-11-20-a.md": incident_text("A", [U("2026-11-20T14:00:00Z", "investigating")], {"api": "partial_outage"}),
        "2026-11-20-b.md": incident_text("B", [U("2026-11-20T14:00:00Z", "investigating")], {"web": "partial_outage"}),
    }
    for name, text in files.items():
        first.add(name, text)
    for name, text in reversed(files.items()):
        second.add(name, text)
    assert first.outputs(NOW) == second.outputs(NOW)


# -- untrusted and unusual text ------------------------------------------------------------------------

TITLE = "Quotes \"double\" 'single' <tag> & ampersand #hash 😀 — שלום עולם"
MESSAGE = 'Message with <b>bold</b>, & "quotes", a #hash, 🔥 emoji and عربى text.'
SITE_NAME = 'Status "Ω" <&> #1 😀'
COMPONENT = 'خدمة الدفع <API> & "co"'


@pytest.fixture
def unusual(tmp_path) -> dict[str, bytes]:
    site = Site.create(
        tmp_path,
        config_text(
            site_name=SITE_NAME,
            groups=(Group("core", 'Core "&" <group>'),),
            components=(Comp("api", COMPONENT, "core"), Comp("db", "Database")),
        ),
    )
    site.add(
        "2026-11-20-odd.md",
        incident_text(TITLE, [U("2026-11-20T14:00:00Z", "investigating", MESSAGE)], {"api": "major_outage"}),
    )
    site.add(
        "2026-11-19-odd-maintenance.md",
        maintenance_text(
            TITLE,
            "2026-11-21T22:00:00Z",
            "2026-11-21T23:00:00Z",
            [U("2026-11-19T10:00:00Z", "scheduled", MESSAGE)],
            ["api"],
        ),
    )
    return site.outputs(NOW)


def test_unusual_text_round_trips_through_every_json_file(unusual):
    for path, content in unusual.items():
        if path.endswith(".json"):
            json.loads(content)
    summary = json.loads(unusual["api/v2/summary.json"])
    assert summary["page"]["name"] == SITE_NAME
    assert summary["incidents"][0]["name"] == TITLE
    assert summary["incidents"][0]["incident_updates"][0]["body"] == MESSAGE
    assert {c["name"] for c in summary["components"]} >= {COMPONENT, 'Core "&" <group>'}


def test_unusual_text_keeps_every_feed_valid_with_titles_intact(unusual):
    feeds = [p for p in unusual if p.endswith(("history.atom", "history.rss"))]
    assert feeds
    for path in feeds:
        feed = feedparser.parse(unusual[path])
        assert feed.bozo == 0, (path, feed.get("bozo_exception"))
        if path in ("history.atom", "components/api/history.atom"):
            assert [e.title for e in feed.entries] == [TITLE, TITLE], path
        if path in ("history.rss", "components/api/history.rss"):  # HTML text: see test_rss_titles_…
            assert [html.unescape(e.title) for e in feed.entries] == [TITLE, TITLE], path


def test_unusual_text_keeps_the_calendar_readable(unusual):
    calendar = Calendar.from_ical(unusual["maintenance.ics"])
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == TITLE
    assert str(event["description"]) == MESSAGE
    assert str(calendar["x-wr-calname"]) == f"{SITE_NAME} — maintenance"


def test_unusual_text_keeps_every_svg_well_formed(unusual):
    badges = [p for p in unusual if p.endswith(".svg")]
    assert badges
    for path in badges:
        ET.fromstring(unusual[path])
    texts = [
        t.text for t in ET.fromstring(unusual["components/api/badge.svg"]).iter("{http://www.w3.org/2000/svg}text")
    ]
    assert texts == [COMPONENT, "Major outage"]


def test_a_control_character_in_a_title_is_dropped_from_every_output(tmp_path):
    site = Site.create(tmp_path)
    site.add(
        "2026-11-20-bell.md",
        incident_text("Bell\x07 ring", [U("2026-11-20T14:00:00Z", "investigating")], {"api": "partial_outage"}),
    )
    files = site.outputs(NOW)
    assert feedparser.parse(files["history.atom"]).entries[0].title == "Bell ring"
    assert json.loads(files["api/v2/summary.json"])["incidents"][0]["name"] == "Bell ring"


# -- script injection --------------------------------------------------------------------------------

SCRIPT_TITLE = "</script><script>alert(1)</script>"
IMG_MESSAGE = "Look: <img src=x onerror=alert(1)> and <script>alert(2)</script> then **bold**."


@pytest.fixture
def hostile(tmp_path) -> dict[str, bytes]:
    site = Site.create(
        tmp_path, config_text(components=(Comp("api", SCRIPT_TITLE, "core"), Comp("web", "Website", "core")))
    )
    site.add(
        "2026-11-20-xss.md",
        incident_text(SCRIPT_TITLE, [U("2026-11-20T14:00:00Z", "investigating", IMG_MESSAGE)], {"api": "major_outage"}),
    )
    return site.outputs(NOW)


def feed_html(content: bytes) -> list[str]:
    """The HTML each entry carries, as a reader gets it after XML parsing."""
    root = ET.fromstring(content)
    atom = "{http://www.w3.org/2005/Atom}"
    found = [e.text or "" for e in root.iter(f"{atom}content")]
    found += [e.text or "" for e in root.iter("description") if e.text and "<" in e.text]
    return found


@pytest.mark.parametrize(
    "path", ["history.atom", "history.rss", "components/api/history.atom", "components/api/history.rss"]
)
def test_feed_html_content_never_carries_the_injected_markup(hostile, path):
    html_parts = feed_html(hostile[path])
    assert html_parts
    for part in html_parts:
        lowered = part.lower()
        assert "<script" not in lowered and "<img" not in lowered and "onerror" not in lowered
        assert "<strong>bold</strong>" in part  # the harmless Markdown still renders


@pytest.mark.parametrize("path", ["history.atom", "history.rss", "components/api/badge.svg", "badge.svg"])
def test_injected_title_never_appears_as_markup_in_xml_files(hostile, path):
    assert b"<script" not in hostile[path]
    assert b"<img" not in hostile[path]


def test_injected_title_is_still_shown_as_text_in_the_feed(hostile):
    assert feedparser.parse(hostile["history.atom"]).entries[0].title == SCRIPT_TITLE


class StartTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def tags_in(text: str) -> list[str]:
    parser = StartTags()
    parser.feed(text)
    parser.close()
    return parser.tags


@pytest.mark.parametrize("path", ["history.rss", "components/api/history.rss"])
def test_rss_titles_read_as_html_show_the_literal_title_and_no_tag(hostile, path):
    # What an RSS reader that takes titles as HTML renders: the XML text of every <title>.
    titles = [element.text or "" for element in ET.fromstring(hostile[path]).iter("title")]
    assert len(titles) == 2  # the channel's and the item's
    for title in titles:
        assert tags_in(title) == [], title
    assert html.unescape(titles[1]) == SCRIPT_TITLE
    feed = feedparser.parse(hostile[path])
    assert feed.entries[0].title_detail.type == "text/html"
    assert html.unescape(feed.entries[0].title) == SCRIPT_TITLE
    assert tags_in(feed.entries[0].title) == []


def test_an_rss_channel_title_with_a_hostile_component_name_shows_it_as_text(hostile):
    feed = feedparser.parse(hostile["components/api/history.rss"])
    assert tags_in(feed.feed.title) == []
    assert html.unescape(feed.feed.title) == f"Test Status — {SCRIPT_TITLE}"


def test_an_ampersand_in_an_rss_title_reads_back_as_one_ampersand(tmp_path):
    site = Site.create(tmp_path)
    site.add("2026-11-20-amp.md", incident_text("Payments & invoices", [U("2026-11-20T14:00:00Z", "investigating")]))
    entry = feedparser.parse(site.outputs(NOW)["history.rss"]).entries[0]
    assert (entry.title_detail.type, html.unescape(entry.title)) == ("text/html", "Payments & invoices")


def test_bidirectional_overrides_are_dropped_from_feed_titles_and_badges_only(tmp_path):
    # U+202E reverses what follows it in a reader's list of titles; the pages isolate it instead.
    site = Site.create(tmp_path, config_text(components=(Comp("api", "API \u202egnp.exe", "core"),)))
    title = "Outage \u202etxt.exe\u202c of \u2067API\u2069"
    site.add("2026-11-20-rlo.md", incident_text(title, [U("2026-11-20T14:00:00Z", "investigating")], {"api": "major_outage"}))
    files = site.outputs(NOW)
    for path in ("history.atom", "history.rss", "components/api/history.atom", "components/api/history.rss"):
        feed = feedparser.parse(files[path])
        assert html.unescape(feed.entries[0].title) == "Outage txt.exe of API", path
        assert "\u202e" not in feed.feed.title, path
    assert json.loads(files["api/v2/summary.json"])["incidents"][0]["name"] == title
    assert "\u202e" not in files["components/api/badge.svg"].decode()


def test_a_component_name_in_the_rss_channel_description_shows_as_text_when_read_as_html(unusual):
    """Readers treat RSS descriptions as HTML, so the name arrives escaped and displays as typed."""
    description = feedparser.parse(unusual["components/api/history.rss"]).feed.description
    assert "<API>" not in description
    assert COMPONENT in html.unescape(description)
