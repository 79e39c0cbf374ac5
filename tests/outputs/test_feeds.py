"""The Atom and RSS history feeds, as feed readers (feedparser) see them."""

from __future__ import annotations

import functools
import urllib.parse
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from support.machine_site import EXAMPLE_NOW, REPO, Site, U, config_text, example_snapshot, incident_text, outputs

from site_builder.outputs.feeds import FEED_LIMIT

ATOM_NS = "{http://www.w3.org/2005/Atom}"
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


@functools.cache
def example_files() -> dict[str, bytes]:
    return outputs(example_snapshot())


def parsed(content: bytes) -> feedparser.FeedParserDict:
    return feedparser.parse(content)


def feed_paths(files: dict[str, bytes]) -> list[str]:
    return sorted(p for p in files if p.endswith(("history.atom", "history.rss")))


# -- every feed parses ---------------------------------------------------------------------------


def test_there_is_a_feed_pair_for_the_site_and_for_every_component():
    paths = feed_paths(example_files())
    assert "history.atom" in paths and "history.rss" in paths
    assert "components/auth/history.atom" in paths and "components/auth/history.rss" in paths
    assert len(paths) == 2 + 2 * 11


@pytest.mark.parametrize("path", feed_paths(example_files()))
def test_feed_parses_without_error(path):
    feed = parsed(example_files()[path])
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == ("atom10" if path.endswith(".atom") else "rss20")


@pytest.mark.parametrize("path", feed_paths(example_files()))
def test_feed_entry_ids_are_unique(path):
    ids = [e.id for e in parsed(example_files()[path]).entries]
    assert len(ids) == len(set(ids))


def test_site_feed_has_one_entry_per_incident_and_maintenance():
    assert len(parsed(example_files()["history.atom"]).entries) == 15


def test_entries_come_newest_activity_first():
    times = [datetime(*e.updated_parsed[:6], tzinfo=UTC) for e in parsed(example_files()["history.atom"]).entries]
    assert times == sorted(times, reverse=True)
    assert parsed(example_files()["history.atom"]).entries[0].title.startswith("Customers unable to sign in")


def test_rss_lists_the_same_entries_in_the_same_order_as_atom():
    atom = [(e.id, e.title) for e in parsed(example_files()["history.atom"]).entries]
    rss = [(e.id, e.title) for e in parsed(example_files()["history.rss"]).entries]
    assert atom == rss


def test_entry_id_is_a_tag_uri_from_the_incident_file_name():
    entry = parsed(example_files()["history.atom"]).entries[0]
    assert entry.id == "tag:status.northwind.example,2026-11-22:incidents/2026-11-22-sign-in-failures"


def test_rss_guid_is_the_same_id_and_not_a_permalink():
    root = ET.fromstring(example_files()["history.rss"])
    guid = root.find("channel/item/guid")
    assert guid.text == "tag:status.northwind.example,2026-11-22:incidents/2026-11-22-sign-in-failures"
    assert guid.get("isPermaLink") == "false"


def test_entry_links_to_the_incident_page():
    entry = parsed(example_files()["history.atom"]).entries[0]
    assert entry.link == "https://status.northwind.example/incidents/2026-11-22-sign-in-failures/"


def test_entry_published_is_the_first_update_and_updated_the_latest():
    entry = parsed(example_files()["history.atom"]).entries[0]
    assert entry.published == "2026-11-22T10:40:00+00:00"
    assert entry.updated == "2026-11-22T11:35:00+00:00"


def test_feed_updated_is_the_latest_update_not_the_build_time():
    atom = ET.fromstring(example_files()["history.atom"])
    assert atom.findtext(f"{ATOM_NS}updated") == "2026-11-22T11:35:00+00:00"
    rss = ET.fromstring(example_files()["history.rss"])
    assert rss.findtext("channel/lastBuildDate") == "Sun, 22 Nov 2026 11:35:00 +0000"


def test_feed_links_to_its_page_and_to_itself():
    atom = parsed(example_files()["history.atom"])
    assert atom.feed.link == "https://status.northwind.example/"
    links = {link.rel: link.href for link in atom.feed.links}
    assert links["self"] == "https://status.northwind.example/history.atom"
    rss = ET.fromstring(example_files()["history.rss"])
    assert rss.findtext("channel/link") == "https://status.northwind.example/"
    assert (
        rss.find("channel/{http://www.w3.org/2005/Atom}link").get("href")
        == "https://status.northwind.example/history.rss"
    )


# -- content: the update trail -------------------------------------------------------------------


def content_html(entry: feedparser.FeedParserDict) -> str:
    return entry.content[0].value if "content" in entry else entry.summary


def test_content_is_the_update_trail_newest_first_with_labels():
    html = content_html(parsed(example_files()["history.atom"]).entries[0])
    update = html.index("<strong>Update</strong>")
    identified = html.index("<strong>Identified</strong>")
    investigating = html.index("<strong>Investigating</strong>")
    assert update < identified < investigating


def test_each_update_shows_its_time_in_the_site_time_zone_named_as_on_the_page():
    html = content_html(parsed(example_files()["history.atom"]).entries[0])
    assert "Nov 22, 2026, 11:40\u202fAM UTC+1" in html


def test_maintenance_trail_uses_the_maintenance_labels():
    entries = parsed(example_files()["history.atom"]).entries
    card = next(e for e in entries if e.title == "Card network connection upgrade")
    html = content_html(card)
    labels = ["Completed", "Verifying", "In progress", "Scheduled"]
    positions = [html.index(f"<strong>{label}</strong>") for label in labels]
    assert positions == sorted(positions)


def test_resolved_and_postmortem_labels_appear():
    entries = parsed(example_files()["history.atom"]).entries
    card = next(e for e in entries if e.title.startswith("Card payments failing"))
    html = content_html(card)
    assert html.index("<strong>Postmortem</strong>") < html.index("<strong>Resolved</strong>")


def test_messages_are_rendered_from_markdown():
    site_feed = example_files()["history.atom"].decode()
    # The database upgrade message has `POST` in backticks.
    assert "&lt;code&gt;POST&lt;/code&gt;" in site_feed


def test_rss_carries_the_trail_as_escaped_html_in_description():
    entry = parsed(example_files()["history.rss"]).entries[0]
    assert "<strong>Update</strong>" in entry.summary


# -- component feeds -------------------------------------------------------------------------------


def test_component_feed_lists_only_what_affects_the_component():
    titles = [e.title for e in parsed(example_files()["components/auth/history.atom"]).entries]
    assert titles == [
        "Customers unable to sign in to the dashboard and mobile apps",
        "Two-step verification codes by text message delayed",
    ]


def test_component_feed_includes_maintenance_on_the_component():
    titles = [e.title for e in parsed(example_files()["components/storage/history.atom"]).entries]
    assert "File storage migration" in titles


def test_component_feed_links_to_the_component_page():
    feed = parsed(example_files()["components/auth/history.atom"])
    assert feed.feed.link == "https://status.northwind.example/components/auth/"


def test_same_incident_has_the_same_id_in_the_site_and_component_feeds():
    site_ids = {e.title: e.id for e in parsed(example_files()["history.atom"]).entries}
    for entry in parsed(example_files()["components/auth/history.atom"]).entries:
        assert entry.id == site_ids[entry.title]


def test_component_without_incidents_has_an_empty_feed_with_a_stable_updated(tmp_path):
    site = Site.create(tmp_path)
    site.add(
        "2026-11-20-api.md",
        incident_text("API slow", [U("2026-11-20T14:00:00Z", "investigating")], {"api": "degraded_performance"}),
    )
    files = site.outputs(NOW)
    feed = parsed(files["components/db/history.atom"])
    assert feed.bozo == 0
    assert feed.entries == []
    assert feed.feed.updated == "2026-11-20T14:00:00+00:00"


# -- ids survive updates; no clock -------------------------------------------------------------------

OPEN = incident_text("API errors", [U("2026-11-20T14:00:00Z", "investigating", "Looking.")], {"api": "partial_outage"})
APPENDED = OPEN.replace("---\n\n", '  - at: 2026-11-20T15:00:00Z\n    status: resolved\n    message: "Fixed."\n---\n\n')


@pytest.mark.parametrize("name", ["history.atom", "history.rss", "components/api/history.atom"])
def test_an_entry_keeps_its_id_when_an_update_is_appended(tmp_path, name):
    site = Site.create(tmp_path)
    site.add("2026-11-20-api-errors.md", OPEN)
    before = parsed(site.outputs(NOW)[name]).entries[0]
    site.add("2026-11-20-api-errors.md", APPENDED)
    after = parsed(site.outputs(NOW)[name]).entries[0]
    assert after.id == before.id
    assert "Fixed." in content_html(after) and "Fixed." not in content_html(before)


def test_an_example_incident_keeps_its_entry_id_when_an_update_is_appended_to_a_copy(tmp_path):
    site = Site(tmp_path)
    (tmp_path / "incidents").mkdir()
    (tmp_path / "mkdocs.yml").write_bytes((REPO / "mkdocs.yml").read_bytes())
    original = (REPO / "incidents" / "2026-11-22-sign-in-failures.md").read_text(encoding="utf-8")
    copy = site.add("2026-11-22-sign-in-failures.md", original)
    before = {e.title: e for e in parsed(site.outputs(EXAMPLE_NOW)["history.atom"]).entries}
    closing = original.rindex("\n---")
    appended = (
        '\n  - at: 2026-11-22T11:55:00Z\n    status: monitoring\n    message: "All servers have the new certificate."'
    )
    copy.write_text(original[:closing] + appended + original[closing:], encoding="utf-8")
    after = {e.title: e for e in parsed(site.outputs(EXAMPLE_NOW)["history.atom"]).entries}
    title = "Customers unable to sign in to the dashboard and mobile apps"
    assert after[title].id == before[title].id
    assert (before[title].updated, after[title].updated) == ("2026-11-22T11:35:00+00:00", "2026-11-22T11:55:00+00:00")
    assert "<strong>Monitoring</strong>" in content_html(after[title])


def test_an_appended_update_moves_the_entry_updated_time(tmp_path):
    site = Site.create(tmp_path)
    site.add("2026-11-20-api-errors.md", OPEN)
    before = parsed(site.outputs(NOW)["history.atom"]).entries[0]
    site.add("2026-11-20-api-errors.md", APPENDED)
    after = parsed(site.outputs(NOW)["history.atom"]).entries[0]
    assert (before.updated, after.updated) == ("2026-11-20T14:00:00+00:00", "2026-11-20T15:00:00+00:00")
    assert after.published == before.published


def test_an_appended_update_moves_its_entry_to_the_top(tmp_path):
    site = Site.create(tmp_path)
    site.add("2026-11-20-api-errors.md", OPEN)
    site.add(
        "2026-11-20-web-slow.md",
        incident_text("Web slow", [U("2026-11-20T14:30:00Z", "investigating")], {"web": "degraded_performance"}),
    )
    assert parsed(site.outputs(NOW)["history.atom"]).entries[0].title == "Web slow"
    site.add("2026-11-20-api-errors.md", APPENDED)
    assert parsed(site.outputs(NOW)["history.atom"]).entries[0].title == "API errors"


def test_feeds_do_not_change_with_the_build_time():
    later = EXAMPLE_NOW + timedelta(minutes=10)  # nothing happens in these ten minutes
    first, second = example_files(), outputs(example_snapshot(later))
    for path in feed_paths(first):
        assert first[path] == second[path], path


def test_feed_keeps_the_latest_entries_by_activity(tmp_path):
    site = Site.create(tmp_path)
    start = datetime(2026, 8, 1, 10, tzinfo=UTC)
    for day in range(FEED_LIMIT + 3):
        at = start + timedelta(days=day)
        site.add(
            f"{at:%Y-%m-%d}-blip.md",
            incident_text(
                f"Blip {day}",
                [
                    U(f"{at:%Y-%m-%dT%H:%M:%SZ}", "investigating"),
                    U(f"{at + timedelta(minutes=5):%Y-%m-%dT%H:%M:%SZ}", "resolved"),
                ],
                {"api": "degraded_performance"},
            ),
        )
    entries = parsed(site.outputs(EXAMPLE_NOW)["history.atom"]).entries
    assert len(entries) == FEED_LIMIT
    assert entries[0].title == f"Blip {FEED_LIMIT + 2}"
    assert entries[-1].title == "Blip 3"


# -- without site_url --------------------------------------------------------------------------------


@pytest.fixture
def relative_site(tmp_path) -> Site:
    site = Site.create(tmp_path, config_text(site_url=None))
    site.add("2026-11-20-api-errors.md", OPEN)
    return site


def test_without_site_url_entry_links_resolve_to_the_incident_page_from_any_feed(relative_site):
    files = relative_site.outputs(NOW)
    base = "https://mirror.example/status/"
    for path in ("history.atom", "components/api/history.atom"):
        link = parsed(files[path]).entries[0].link
        resolved = urllib.parse.urljoin(base + path, link)
        assert resolved == base + "incidents/2026-11-20-api-errors/", path


def test_without_site_url_feeds_still_parse_with_stable_ids(relative_site):
    first = parsed(relative_site.outputs(NOW)["history.atom"])
    second = parsed(relative_site.outputs(NOW)["history.atom"])
    assert first.bozo == 0
    assert first.feed.id == second.feed.id
    assert first.feed.id.startswith("urn:uuid:")
    assert first.entries[0].id == "tag:test-status.invalid,2026-11-20:incidents/2026-11-20-api-errors"


def test_a_site_under_a_sub_path_puts_the_path_in_entry_ids(tmp_path):
    site = Site.create(tmp_path, config_text(site_url="https://example.com/status/"))
    site.add("2026-11-20-api-errors.md", OPEN)
    entry = parsed(site.outputs(NOW)["history.atom"]).entries[0]
    assert entry.id == "tag:example.com,2026-11-20:status/incidents/2026-11-20-api-errors"
    assert entry.link == "https://example.com/status/incidents/2026-11-20-api-errors/"


def test_a_french_site_gets_french_feed_titles_and_labels(tmp_path):
    site = Site.create(tmp_path, config_text().replace("  name: material\n", "  name: material\n  language: fr\n"))
    site.add(
        "2026-11-20-api.md",
        incident_text(
            "API errors",
            [U("2026-11-20T14:00:00Z", "investigating", "Looking."), U("2026-11-20T15:00:00Z", "resolved", "Fixed.")],
            {"api": "partial_outage"},
        ),
    )
    feed = feedparser.parse(site.outputs(datetime(2026, 11, 20, 16, tzinfo=UTC))["history.atom"])
    assert feed.feed.title == "Test Status — historique des incidents"
    content = feed.entries[0].content[0].value
    assert "<strong>Résolu</strong>" in content and "<strong>Enquête en cours</strong>" in content
