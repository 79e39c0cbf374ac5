"""The built site in a real browser: no third-party request, readable without JavaScript,
accessible (axe-core), and screenshots of the home page on a phone in light and dark mode.

Needs Debian's Chromium at /usr/bin/chromium and the Playwright Python package; the
browser Playwright would download is never used. Without them the module is skipped, unless
BALISE_REQUIRE_BROWSER is set (CI), where that is a failure. Screenshots go to $BALISE_SCREENSHOTS
when set, else to a temporary folder (printed with -s).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support.site_project import REPO, Project, build, outage

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


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The site folder over HTTP on 127.0.0.1, for as long as the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
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
    with served(site) as url:
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


def test_home_reads_correctly_without_javascript(context_factory, base_url):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(base_url)
    assert page.locator("h1").inner_text() == "Partial System Outage"
    assert page.locator(".bl-promise").inner_text() == "Next update by 1:30\u202fPM UTC+1"
    assert page.locator(".bl-asof").inner_text() == "Status as of Nov 22, 2026, 1:00\u202fPM UTC+1"


def test_day_details_stay_hidden_until_asked_for_without_javascript(context_factory, base_url):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(base_url)
    day = page.locator("ol.bl-bars > li").nth(89)
    assert day.locator("span").bounding_box()["width"] <= 1
    day.focus()
    assert day.locator("span").bounding_box()["width"] > 50


def test_incident_reads_correctly_without_javascript(context_factory, base_url):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(base_url + INCIDENT)
    assert page.locator(".bl-timeline h3").all_inner_texts() == ["Update", "Identified", "Investigating"]


def test_times_are_shown_in_the_readers_zone_with_javascript(context_factory, base_url):
    page = context_factory(timezone_id="America/New_York", locale="en-US").new_page()
    page.goto(base_url)
    asof = page.locator(".bl-asof time")
    assert "EST" in asof.inner_text()
    assert asof.get_attribute("title") == "Nov 22, 2026, 1:00\u202fPM UTC+1"


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
@pytest.mark.parametrize("path", [HOME, INCIDENT, COMPONENT])
def test_axe_finds_no_serious_or_critical_violation(context_factory, base_url, path, scheme):
    page = context_factory(viewport=PHONE, color_scheme=scheme).new_page()
    page.goto(base_url + path, wait_until="networkidle")
    results = axe_module.Axe().run(page)
    severe = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert severe == []


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
    with served(site) as url:
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
