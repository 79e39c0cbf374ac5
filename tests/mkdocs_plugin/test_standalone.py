"""Balise's own theme (`theme: name: balise`): the status pages without Material for MkDocs, the
same content, laid out as MkDocs' loop would; `balise build` picks it when Material is missing."""

from __future__ import annotations

import functools
import os
import re
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support.many_incidents import hostile_project
from support.site_project import EXAMPLE_NOW, build, example_project

from site_builder.mkdocs_plugin import engines
from site_builder.mkdocs_plugin.runner import build_site

OWN = {"  name: material\n": "  name: balise\n"}
INCIDENT = "incidents/2026-08-27-api-outage/index.html"
CONTENT = re.compile(r'<article class="md-typeset">\n(.*)\n</article>', re.DOTALL)
NOW = datetime.fromisoformat(EXAMPLE_NOW).astimezone(UTC)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def own_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workdir = tmp_path_factory.mktemp("own")
    site = workdir / "site"
    result = build(example_project(workdir, OWN), site)
    assert result.exit_code == 0, result.output
    return site


def test_the_own_theme_builds_every_page_and_output_without_material_files(own_site, tmp_path):
    material = tmp_path / "material"
    assert build(example_project(tmp_path), material).exit_code == 0
    ours, theirs = tree(own_site), tree(material)
    assert not [path for path in ours if path.startswith(("assets/javascripts/", "assets/stylesheets/"))]
    assert {"assets/balise/standalone.css", "assets/balise/balise.css", "assets/balise/balise.js"} <= ours.keys()
    material_only = {p for p in theirs if p.startswith(("assets/javascripts/", "assets/stylesheets/", "assets/images/"))}
    assert theirs.keys() - material_only == ours.keys() - {"assets/balise/standalone.css"}
    for path in ("index.html", INCIDENT, "history/index.html", "api/v2/summary.json", "history.atom"):
        assert path in ours


def test_each_page_holds_the_content_it_holds_under_material(own_site, tmp_path):
    material = tmp_path / "material"
    assert build(example_project(tmp_path), material).exit_code == 0
    pages = [path for path in tree(own_site) if path.endswith("index.html")]
    assert len(pages) > 20
    for path in pages:
        found = CONTENT.search((own_site / path).read_text(encoding="utf-8"))
        assert found is not None, path
        assert found.group(1) in (material / path).read_text(encoding="utf-8"), path


def test_the_own_theme_page_has_the_status_title_head_lines_and_no_other_script(own_site):
    page = (own_site / INCIDENT).read_text(encoding="utf-8")
    assert "<title>Public API and dashboard unavailable - Northwind Status</title>" in page
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert re.findall(r"<script[^>]*>", page) == ['<script src="../../assets/balise/balise.js" defer>']
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == [
        "../../assets/balise/standalone.css",
        "../../assets/balise/balise.css",
    ]


def test_hostile_titles_in_the_own_theme_are_laid_out_as_mkdocs_loop_does(tmp_path):
    config = hostile_project(tmp_path / "p", 12, language="fr", site_url="https://example.github.io/status/")
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n", "  name: balise\n"), encoding="utf-8")
    sites = []
    for own in (True, False):
        site = tmp_path / ("own" if own else "loop")
        site.mkdir()
        build_site(config, site, now=NOW, strict=False, verbose=False, lay_out_pages=own)
        sites.append(tree(site))
    assert sorted(sites[0]) == sorted(sites[1])
    assert [path for path in sites[0] if sites[0][path] != sites[1][path]] == []
    pages = [content.decode() for path, content in sites[0].items() if path.endswith(".html")]
    scripts = {script for page in pages for script in re.findall(r"<script[^>]*>", page)}
    assert scripts <= {f'<script src="{up}assets/balise/balise.js" defer>' for up in ("", "../", "../../", "/status/")}


def without_material(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = engines.installed_version
    monkeypatch.setattr(engines, "installed_version", lambda name: None if name == engines.MATERIAL else installed(name))


def test_without_material_a_site_that_names_it_builds_with_the_own_theme(tmp_path, monkeypatch):
    without_material(monkeypatch)
    site = tmp_path / "site"
    result = build(example_project(tmp_path), site)
    assert result.exit_code == 0, result.output
    assert (site / "assets" / "balise" / "standalone.css").is_file()
    assert not (site / "assets" / "javascripts").exists()


def test_the_override_keeps_the_sites_theme_settings_but_the_name(tmp_path, monkeypatch):
    config = example_project(tmp_path)
    assert engines.theme_override(config) == {}  # Material is installed: nothing changes
    without_material(monkeypatch)
    theme = engines.theme_override(config)["theme"]
    assert theme["name"] == "balise"
    assert theme["language"] == "en" and theme["font"] is False and len(theme["palette"]) == 2


def test_without_material_the_support_line_names_the_own_theme(monkeypatch):
    without_material(monkeypatch)
    assert engines.support_line({}, date(2026, 12, 1)).endswith(
        "; theme: Balise's own (balise; Material for MkDocs is not installed)"
    )


# In a real browser: accessible in both schemes and widths, no sideways scroll, no request elsewhere.

CHROMIUM = Path("/usr/bin/chromium")
PAGES = ["", "incidents/2026-11-22-sign-in-failures/", "components/auth/", "history/"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser_page_url(own_site: Path) -> Iterator[str]:
    if not CHROMIUM.is_file():
        if os.environ.get("BALISE_REQUIRE_BROWSER"):
            pytest.fail(f"browser tests required but no Chromium at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(own_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def chromium(browser_page_url: str) -> Iterator[object]:
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation_on_the_own_theme_pages(chromium, browser_page_url, width, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        found = []
        for path in PAGES:
            page.goto(browser_page_url + path, wait_until="networkidle")
            violations = Axe().run(page).response["violations"]
            found += [f"/{path} {v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations]
        assert found == []
    finally:
        context.close()


def test_the_own_theme_pages_do_not_scroll_sideways_at_320_pixels_nor_call_another_host(chromium, browser_page_url):
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        for path in PAGES:
            page.goto(browser_page_url + path, wait_until="networkidle")
            page.locator("details.bl-subscribe summary").click()
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), path
        assert [url for url in requested if urlsplit(url).scheme != "data" and urlsplit(url).hostname != "127.0.0.1"] == []
    finally:
        context.close()
