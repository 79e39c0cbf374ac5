"""The built site in a real browser: no third-party request, readable without JavaScript,
accessible (axe-core), and screenshots of the home page on a phone in light and dark mode.

Needs Debian's Chromium at /usr/bin/chromium and the Playwright Python package; the
browser Playwright would download is never used. Without them the module is skipped, unless
BALISE_REQUIRE_BROWSER is set (CI), where that is a failure. Screenshots go to $BALISE_SCREENSHOTS
when set, else to a temporary folder (printed with -s).
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support.site_project import REPO, Project, build, example_project, outage

CHROMIUM = Path("/usr/bin/chromium")


def _unavailable(reason: str) -> None:
    """Skip on a machine without the browser; fail where it is required (CI sets BALISE_REQUIRE_BROWSER)."""
    if os.environ.get("BALISE_REQUIRE_BROWSER"):
        pytest.fail(f"browser tests required but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if not CHROMIUM.is_file():
    _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
try:
    from axe_playwright_python import sync_playwright as axe_module
    from playwright import sync_api
except ImportError as error:
    _unavailable(f"{error.name} is not installed (pip install playwright axe-playwright-python)")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
HOME = ""
INCIDENT = "incidents/2026-11-22-sign-in-failures/"
COMPONENT = "components/auth/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


HISTORY = "history/"
#: The four kinds of page: home, incident, component, history.
PAGE_KINDS = [HOME, INCIDENT, COMPONENT, HISTORY]
#: Material's language codes of the eight interface languages.
LANGUAGES = ["en", "fr", "de", "es", "it", "nl", "pt-BR", "ja"]


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("browser") / "site"
    result = build(REPO / "mkdocs.yml", site)
    assert result.exit_code == 0, result.output
    with serving(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context_factory(browser):
    contexts = []

    def make(**options: object):
        context = browser.new_context(**options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("path", [HOME, INCIDENT, COMPONENT])
def test_no_request_leaves_the_machine(context_factory, base_url, path):
    page = context_factory().new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + path, wait_until="networkidle")
    elsewhere = [url for url in requested if urlsplit(url).scheme != "data" and urlsplit(url).hostname != "127.0.0.1"]
    assert requested and elsewhere == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_sites_own_theme_folder_sets_the_header_colour_over_balises_styles(context_factory, base_url, scheme):
    page = context_factory(color_scheme=scheme).new_page()
    page.goto(base_url)
    colour = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert colour == "rgb(13, 92, 99)"  # theme/assets/brand.css: #0d5c63
    styles = page.evaluate("[...document.styleSheets].map(sheet => sheet.href || '')")
    assert [href.rsplit("/", 1)[-1] for href in styles if "balise.css" in href or "brand.css" in href] == [
        "balise.css", "brand.css"
    ]


def test_home_reads_correctly_without_javascript(context_factory, base_url):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(base_url)
    assert page.locator("h1").inner_text() == "Partial System Outage"
    assert page.locator(".bl-promise").inner_text() == "Next update by 1:30\u202fPM UTC+1 (in 30 minutes)"
    assert page.locator(".bl-asof").inner_text() == "Status as of 1:00\u202fPM UTC+1"


def test_day_details_stay_hidden_until_asked_for_without_javascript(context_factory, base_url):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(base_url)
    day = page.locator("ol.bl-bars > li").nth(89)
    assert day.locator("span").bounding_box()["width"] <= 1
    day.focus()
    assert day.locator("span").bounding_box()["width"] > 50


@pytest.mark.parametrize(("viewport", "days", "bars"), [(PHONE, 30, 30), ({"width": 1280, "height": 900}, 90, 90)])
def test_the_uptime_hint_names_as_many_days_as_the_chart_shows(context_factory, base_url, viewport, days, bars):
    page = context_factory(viewport=viewport).new_page()
    page.goto(base_url)
    hint = page.locator(".bl-hint").first.inner_text()
    assert hint == f"Uptime over the last {days} days. Select a day for its details."
    shown = page.locator("ol.bl-bars").first.locator("> li:visible").count()
    assert shown == bars


def test_incident_reads_correctly_without_javascript(context_factory, base_url):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(base_url + INCIDENT)
    assert page.locator(".bl-timeline h3").all_inner_texts() == ["Update", "Identified", "Investigating"]


def test_times_are_shown_in_the_readers_zone_named_as_the_server_names_it(context_factory, base_url):
    page = context_factory(timezone_id="America/New_York", locale="en-US").new_page()
    page.clock.install(time="2026-11-22T12:05:00Z")
    page.goto(base_url)
    asof = page.locator(".bl-asof time")
    assert asof.inner_text().replace("\u202f", " ") == "7:00 AM UTC\u22125"  # today in New York: the time alone
    assert asof.get_attribute("title") == "1:00\u202fPM UTC+1"


def test_a_time_on_another_day_than_the_readers_today_carries_its_date(context_factory, base_url):
    page = context_factory(timezone_id="Asia/Tokyo", locale="en-US").new_page()
    page.clock.install(time="2026-11-22T16:00:00Z")  # already 23 November in Tokyo
    page.goto(base_url)
    assert page.locator(".bl-asof time").inner_text().replace("\u202f", " ") == "Nov 22, 2026, 9:00 PM UTC+9"


def test_arrow_keys_move_between_days(context_factory, base_url):
    page = context_factory().new_page()
    page.goto(base_url + COMPONENT)
    today = page.locator("ol.bl-bars > li").nth(89)
    for _ in range(40):
        page.keyboard.press("Tab")
        if today.evaluate("day => day === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the uptime chart")
    page.keyboard.press("ArrowLeft")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.startswith("Nov 21:")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", PAGE_KINDS)
def test_axe_finds_no_violation_of_any_impact(context_factory, base_url, path, viewport, scheme):
    page = context_factory(viewport=viewport, color_scheme=scheme).new_page()
    page.goto(base_url + path, wait_until="networkidle")
    results = axe_module.Axe().run(page)
    found = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}" for v in results.response["violations"]
    ]
    assert found == []


def test_the_subscribe_menu_opens_without_javascript(context_factory, base_url):
    page = context_factory(java_script_enabled=False, viewport=PHONE).new_page()
    page.goto(base_url + COMPONENT)
    menu = page.locator("details.bl-subscribe")
    assert not page.locator(".bl-subscribe-menu").is_visible()
    menu.locator("summary").click()
    links = page.locator(".bl-subscribe-menu a")
    assert links.first.is_visible()
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs[:2] == ["../../components/auth/history.atom", "../../components/auth/history.rss"]
    assert {"../../history.atom", "../../maintenance.ics", "../../api/v2/summary.json", "../../badge.svg"} <= set(hrefs)
    box = page.locator(".bl-subscribe-menu").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_the_subscribe_menu_closes_on_escape_with_javascript(context_factory, base_url):
    page = context_factory(viewport=PHONE).new_page()
    page.goto(base_url)
    page.locator("details.bl-subscribe summary").click()
    assert page.locator(".bl-subscribe-menu a").first.is_visible()
    page.keyboard.press("Escape")
    assert not page.locator(".bl-subscribe-menu").is_visible()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.locator("details.bl-subscribe summary").click()
    page.mouse.click(10, PHONE["height"] - 10)  # anywhere else on the page
    assert not page.locator(".bl-subscribe-menu").is_visible()


def overflow(page) -> list[str]:
    """What sticks out past the right edge of the window: the page must not scroll sideways."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return [];
          return [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 0.5 && e.offsetParent !== null)
            .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 40));
        }"""
    )


@pytest.fixture(scope="module")
def sites_by_language(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The example site built in each interface language, all served at once."""
    root = tmp_path_factory.mktemp("languages")
    for language in LANGUAGES:
        config = example_project(root / language, {"  language: en": f"  language: {language}"})
        result = build(config, root / "sites" / language)
        assert result.exit_code == 0, result.output
    with serving(root / "sites") as url:
        yield {language: f"{url}{language}/" for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_scrolls_sideways_at_320_pixels(context_factory, sites_by_language, language):
    page = context_factory(viewport={"width": 320, "height": 640}).new_page()
    for path in PAGE_KINDS:
        page.goto(sites_by_language[language] + path)
        assert overflow(page) == [], f"{language} /{path}"
        page.locator("details.bl-subscribe summary").click()
        assert overflow(page) == [], f"{language} /{path} with the Subscribe menu open"


def test_the_page_refreshes_itself_when_the_summary_changes(context_factory, tmp_path):
    """A new update is published while the reader has the page open: within a minute it shows."""
    config = example_project(tmp_path / "project")
    site = tmp_path / "site"
    assert build(config, site).exit_code == 0
    with serving(site) as url:
        page = context_factory().new_page()
        page.clock.install(time="2026-11-22T12:00:30Z")
        page.goto(url)
        assert "Next update by" in page.locator(".bl-card").first.inner_text()
        # Publish a resolution, as a deploy would: a new build replaces the files being served.
        incident = config.parent / "incidents" / "2026-11-22-sign-in-failures.md"
        text = incident.read_text(encoding="utf-8")
        incident.write_text(_resolved(text), encoding="utf-8")
        fresh = tmp_path / "fresh"
        assert build(config, fresh, "2026-11-22T12:15:00Z").exit_code == 0
        shutil.copytree(fresh, site, dirs_exist_ok=True)
        before = page.locator(".bl-page").get_attribute("data-bl-sig")
        page.clock.run_for(61_000)
        page.wait_for_function(f"document.querySelector('.bl-page').dataset.blSig !== '{before}'", timeout=10_000)
        assert page.locator("h1").inner_text() == "All Systems Operational"
        assert page.locator("#bl-active").count() == 0  # no current incident any more…
        resolved = page.locator(".bl-item", has_text="Customers unable to sign in").first.inner_text()
        assert "Resolved" in resolved  # …and the one just resolved is listed with its final status
        assert page.locator(".bl-live-note").inner_text().startswith("Updated with the latest status")
        assert page.title().endswith("Northwind Status")


def test_a_page_with_nothing_open_and_fresh_does_not_poll(context_factory, tmp_path):
    project = Project(tmp_path / "project")
    project.write_config()
    project.incident("2026-11-20-down.md", outage("2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z", "major_outage"))
    site = tmp_path / "site"
    assert build(project.config, site, "2026-11-22T12:00:00Z").exit_code == 0
    with serving(site) as url:
        page = context_factory().new_page()
        page.clock.install(time="2026-11-22T12:00:10Z")
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(url)
        assert page.locator(".bl-page").get_attribute("data-bl-open") is None
        page.clock.run_for(61_000)
        assert not [u for u in fetched if u.endswith("summary.json")]
        page.clock.run_for(5 * 60_000)  # older than five minutes: it may be a stale copy, so it checks
        page.wait_for_timeout(200)
        assert [u for u in fetched if u.endswith("summary.json")]


def _resolved(text: str) -> str:
    """The incident file with a resolving update at the end of its timeline (the last front-matter key)."""
    end = text.index("\n---", 4)
    update = "\n  - at: 2026-11-22T12:10:00Z\n    status: resolved\n    message: Sign-in works again for everyone."
    return text[:end] + update + text[end:]


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("BALISE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot_of_the_home_page_on_a_phone(context_factory, base_url, screenshots, scheme):
    page = context_factory(viewport=PHONE, color_scheme=scheme).new_page()
    page.goto(base_url, wait_until="networkidle")
    target = screenshots / f"home-phone-{scheme}.png"
    page.screenshot(path=str(target), full_page=True)
    print(f"screenshot: {target}")
    assert target.stat().st_size > 10_000


# -- right-to-left controls in titles ------------------------------------------------------------

RLO_TITLE = "Outage \u202egnp.exe"


@pytest.fixture(scope="module")
def rlo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site whose one incident's title holds an unterminated right-to-left override."""
    root = tmp_path_factory.mktemp("rlo")
    project = Project(root / "project")
    project.write_config()
    project.incident("2026-11-20-rlo.md", outage("2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z", "major_outage", title=RLO_TITLE))
    site = root / "site"
    result = build(project.config, site, "2026-11-22T12:00:00Z")
    assert result.exit_code == 0, result.output
    with serving(site) as url:
        yield url


@pytest.mark.parametrize("path", ["history/", "components/api/"])
def test_a_right_to_left_override_in_a_title_does_not_reorder_the_rest_of_its_list_item(context_factory, rlo_url, path):
    # Left open, U+202E reverses everything after it on the line: the impact tag landed inside the
    # title ("Outage [Impact: Major] exe.png") instead of after it.
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(rlo_url + path)
    item = page.locator("ul.bl-list > li").first
    title, tag = item.locator("a").first.bounding_box(), item.locator(".bl-tag").bounding_box()
    assert tag["x"] >= title["x"] + title["width"] - 1, (title, tag)


def test_a_right_to_left_override_in_a_title_does_not_reverse_the_window_title(context_factory, rlo_url):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(rlo_url + "incidents/2026-11-20-rlo/")
    assert page.title() == f"\u2068{RLO_TITLE}\u2069 - Test Status"


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_no_request_fails_and_nothing_is_logged_as_an_error(context_factory, base_url, path):
    page = context_factory().new_page()
    failed: list[str] = []
    errors: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(base_url + path, wait_until="networkidle")
    assert failed == [] and errors == []


#: A hand-written page written to attack its readers: every trick must stay inert.
HOSTILE_DOCS_PAGE = """\
---
title: "Help <img src=x onerror=alert('title')>"
description: '"><script>alert("description")</script>'
---
# Help <img src=x onerror="alert('h1')">

<script>alert('body')</script>
<a href="javascript:alert('link')" id="js">a link</a>
<iframe src="https://evil.example/"></iframe>
<div onmouseover="alert('handler')">hover</div>
<img src="https://tracker.example/pixel.gif" alt="pixel">
<img src="/\t/tracker.example/pixel.gif" alt="pixel2">
"""


@pytest.fixture(scope="module")
def hostile_docs_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("hostile-docs")
    config = example_project(folder)
    (config.parent / "docs").mkdir()
    (config.parent / "docs" / "help.md").write_text(HOSTILE_DOCS_PAGE, encoding="utf-8")
    result = build(config, folder / "site")
    assert result.exit_code == 0, result.output
    with serving(folder / "site") as url:
        yield url


def test_a_hostile_docs_page_runs_no_script_and_calls_no_other_host(context_factory, hostile_docs_url):
    page = context_factory().new_page()
    dialogs: list[str] = []
    requested: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requested.append(request.url))
    page.goto(hostile_docs_url + "help/", wait_until="networkidle")
    page.locator("text=hover").hover()
    page.locator("#js").click()
    page.wait_for_timeout(200)
    elsewhere = [url for url in requested if urlsplit(url).scheme != "data" and urlsplit(url).hostname != "127.0.0.1"]
    assert dialogs == [] and elsewhere == []
    assert page.title() == "Help <img src=x onerror=alert('title')> - Northwind Status"
