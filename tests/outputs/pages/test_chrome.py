"""What every page carries around its content: feed discovery, link previews with the status,
the status in the home page's title, the Subscribe menu, the status icon, robots.txt, the 404
page, and a sitemap dated by the data; at a domain root and under a sub-path."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.site_project import EXAMPLE_NOW, Project, build, example_project, find, outage, page, words

from site_builder.engine.status import snapshot
from site_builder.model import ReaderChannel, SiteConfig
from site_builder.model.catalog import Component
from site_builder.outputs.i18n import Localizer
from site_builder.outputs.pages import Chrome

INCIDENT = "incidents/2026-11-22-sign-in-failures/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("chrome")
    result = build(example_project(root), root / "site")
    assert result.exit_code == 0, result.output
    return root / "site"


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sub")
    config = example_project(root, {"site_url: https://status.northwind.example/": "site_url: https://example.org/status/"})
    result = build(config, root / "site")
    assert result.exit_code == 0, result.output
    return root / "site"


def meta(html: str, key: str) -> str:
    found = find(html, "meta", property=key) or find(html, "meta", name=key)
    return found[0].attrs["content"]


def test_the_home_page_title_says_the_status(site):
    assert re.search(r"<title>([^<]*)</title>", page(site, "")).group(1) == "Partial System Outage - Northwind Status"


def test_link_previews_carry_the_status(site):
    home = page(site, "")
    assert meta(home, "og:description").startswith("Partial System Outage.")
    assert meta(home, "twitter:card") == "summary"
    assert meta(home, "og:url") == "https://status.northwind.example/"


def test_an_incident_preview_has_its_title_impact_and_latest_status(site):
    html = page(site, INCIDENT)
    assert meta(html, "og:title") == "Customers unable to sign in to the dashboard and mobile apps - Northwind Status"
    description = meta(html, "og:description")
    assert description.startswith("Impact: Major · Identified: The new certificate is in place")
    assert meta(html, "description") == description


def test_every_page_lets_feed_readers_discover_the_feeds(site):
    for path in ["", INCIDENT, "history/"]:
        feeds = [link.attrs["href"] for link in find(page(site, path), "link", rel="alternate")]
        assert any(href.endswith("history.atom") for href in feeds) and any(href.endswith("history.rss") for href in feeds)


def test_the_site_feeds_are_announced_with_the_plain_alternate_rel(site):
    """Some feed finders compare rel with "alternate" as a whole string, not token by token."""
    for path in ["", INCIDENT, "history/", "components/auth"]:
        exact = [link.attrs["href"] for link in find(page(site, path), "link") if link.attrs.get("rel") == "alternate"]
        assert [href.rsplit("/", 1)[-1] for href in exact] == ["history.atom", "history.rss"]


def test_a_component_page_offers_its_own_feeds_first(site):
    html = page(site, "components/auth")
    feeds = [link.attrs["href"] for link in find(html, "link", rel="alternate")]
    assert feeds[:2] == ["../../components/auth/history.atom", "../../components/auth/history.rss"]
    menu = [a.attrs["href"] for a in find(html, "a") if a.attrs.get("href", "").endswith(("history.atom", "history.rss"))]
    assert "../../components/auth/history.atom" in menu and "../../history.atom" in menu


def test_the_subscribe_menu_is_in_the_header_of_every_page(site):
    for path in ["", INCIDENT, "components/api", "history/"]:
        html = page(site, path)
        header = html[html.index('<header class="md-header') : html.index("</header>")]
        assert '<details class="bl-subscribe">' in header
        assert "maintenance.ics" in header and "api/v2/summary.json" in header and "badge.svg" in header


def test_the_icon_shows_the_status(site):
    assert find(page(site, ""), "link", rel="icon")[0].attrs["href"] == "assets/balise/status-major.svg"
    svg = (site / "assets/balise/status-major.svg").read_text(encoding="utf-8")
    assert 'fill="#c2410c"' in svg  # the badge's colour for a major indicator
    assert not (site / "assets/images/favicon.png").exists()


def test_materials_search_assets_are_not_shipped(site):
    assert not (site / "assets/javascripts/lunr").exists()
    assert not (site / "assets/javascripts/workers").exists()


def test_robots_txt_allows_everything_and_names_the_sitemap(site):
    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://status.northwind.example/sitemap.xml\n"
    )


def test_the_sitemap_dates_each_page_by_its_data(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    dated = dict(re.findall(r"<loc>([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", sitemap))
    assert dated["https://status.northwind.example/incidents/2026-08-12-invoice-pdf-errors/"] == "2026-08-12"
    assert dated["https://status.northwind.example/"] == "2026-11-22"


def test_the_404_page_shows_the_status_and_a_way_home(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert words(find(html, "p", class_="bl-overall-text")[0].text) == "Partial System Outage"
    assert [a.attrs["href"] for a in find(html, "a") if words(a.text) == "Go to the current status"] == ["/"]


def test_under_a_sub_path_absolute_links_start_at_it(sub_path_site):
    html = (sub_path_site / "404.html").read_text(encoding="utf-8")
    assert find(html, "link", rel="icon")[0].attrs["href"] == "/status/assets/balise/status-major.svg"
    assert [a.attrs["href"] for a in find(html, "a") if words(a.text) == "Go to the current status"] == ["/status/"]
    assert "/status/history.atom" in [link.attrs["href"] for link in find(html, "link", rel="alternate")]
    assert meta(page(sub_path_site, INCIDENT), "og:url") == f"https://example.org/status/{INCIDENT}"
    assert "Sitemap: https://example.org/status/sitemap.xml" in (sub_path_site / "robots.txt").read_text(encoding="utf-8")


def test_under_a_sub_path_page_links_stay_relative(sub_path_site):
    html = page(sub_path_site, INCIDENT)
    assert find(html, "link", rel="icon")[0].attrs["href"] == "../../assets/balise/status-major.svg"
    assert "../../history.atom" in [link.attrs["href"] for link in find(html, "link", rel="alternate")]


def test_the_palette_toggles_are_named_in_the_sites_language(tmp_path):
    config = example_project(tmp_path, {"  language: en": "  language: de"})
    assert build(config, tmp_path / "site").exit_code == 0
    html = page(tmp_path / "site", "")
    assert 'aria-label="Zum dunklen Modus wechseln"' in html and 'title="Zum hellen Modus wechseln"' in html


def chrome(**config: object) -> Chrome:
    site = SiteConfig(components=(Component("api", "API"),), **config)  # type: ignore[arg-type]
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    return Chrome(snapshot(site, [], now), Localizer.for_site("en", UTC))


def test_reader_channels_are_listed_in_the_subscribe_menu():
    channels = (
        ReaderChannel("mastodon", "Mastodon", "https://social.example/@status"),
        ReaderChannel("email", "Mailing list", "mailto:status-subscribe@example.org"),
    )
    html = chrome(reader_channels=channels).header("../")
    assert '<a href="https://social.example/@status"><bdi>Mastodon</bdi></a>' in html  # names are isolated
    assert '<a href="mailto:status-subscribe@example.org"><bdi>Mailing list</bdi></a>' in html


def test_a_reader_channel_is_never_a_script_link_and_its_name_is_escaped():
    channels = (
        ReaderChannel("x", "<b>Evil</b>", "javascript:alert(1)"),
        ReaderChannel("y", "<i>Chat</i>", "https://chat.example/"),
    )
    html = chrome(reader_channels=channels).header("")
    assert "javascript:" not in html and "<b>" not in html
    assert "&lt;i&gt;Chat&lt;/i&gt;" in html


def test_config_text_in_the_head_is_escaped():
    html = chrome(site_name='Acme" onload="x').head("", "", 'T"<', 'D"<')
    assert 'onload="x' not in html and "&#34;" in html and "<" not in html.replace("<link", "").replace("<meta", "")


def test_support_hours_show_near_the_top_of_the_home_page(tmp_path):
    config = example_project(tmp_path, {"url: https://northwind.example/support": "url: https://northwind.example/support\n        hours: Mon–Fri 08:00–18:00 CET"})
    assert build(config, tmp_path / "site").exit_code == 0
    html = page(tmp_path / "site", "")
    support = words(find(html, "p", class_="bl-support")[0].text)
    assert support.endswith("Hours: Mon–Fri 08:00–18:00 CET")
    assert html.index('class="bl-support"') < html.index('id="bl-active"')


def test_an_impact_start_and_an_estimate_are_shown_and_the_duration_runs_from_the_start(tmp_path):
    project = Project(tmp_path / "project")
    project.write_config()
    text = outage("2026-11-22T10:00:00Z", None, "major_outage")
    text = text.replace("impact: major", "impact: major\nstarted_at: 2026-11-22T09:30:00Z\nestimated_resolution: 2026-11-22T14:00:00Z")
    project.incident("2026-11-22-down.md", text)
    assert build(project.config, tmp_path / "site", EXAMPLE_NOW).exit_code == 0
    html = page(tmp_path / "site", "incidents/2026-11-22-down")
    terms = [words(e.text) for e in find(html, "dt")]
    values = [words(e.text) for e in find(html, "dd")]
    facts = dict(zip(terms, values, strict=False))
    assert facts["Started"].startswith("Nov 22, 2026, 9:30 AM UTC")
    assert facts["First reported"] == "Nov 22, 2026, 10:00 AM UTC"
    assert facts["Duration"] == "Ongoing: 2 hr 30 min so far"
    assert words(find(html, "p", class_="bl-estimate")[0].text) == "Estimated resolution: 2:00 PM UTC (in 2 hours)"
