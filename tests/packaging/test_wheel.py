"""The wheel carries everything a team needs: installed into a clean venv, in an empty folder,
`balise init` then `balise build` make a styled site with every output.

Slow (a wheel build and a venv with every dependency, about a minute, shared with
test_first_day.py through conftest.py), and run by CI all the same: with test_first_day.py, it
tests Balise as its users install it, without this repository around it.
"""

from __future__ import annotations

import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from support.clean_venv import run

pytestmark = pytest.mark.slow

#: What the package must ship besides its modules.
PACKAGE_DATA = [
    "site_builder/mkdocs_plugin/theme/main.html",
    "site_builder/mkdocs_plugin/theme/partials/copyright.html",
    "site_builder/mkdocs_plugin/theme/assets/balise/balise.css",
    "site_builder/mkdocs_plugin/theme/assets/balise/balise.js",
    "site_builder/mkdocs_plugin/standalone/main.html",
    "site_builder/mkdocs_plugin/standalone/404.html",
    "site_builder/mkdocs_plugin/standalone/mkdocs_theme.yml",
    "site_builder/mkdocs_plugin/standalone/assets/balise/standalone.css",
    "site_builder/outputs/locale/en/LC_MESSAGES/messages.po",
    "site_builder/outputs/locale/fr/LC_MESSAGES/messages.po",
    "site_builder/outputs/pages/templates/home.html",
    "site_builder/scaffold/templates/mkdocs.yml.jinja",
    "site_builder/scaffold/templates/docs-gitkeep",
    "site_builder/scaffold/templates/theme/README.md",
    "site_builder/scaffold/templates/theme/assets/brand.css",
    "site_builder/scaffold/templates/workflows/check.yml",
    "site_builder/scaffold/templates/workflows/deploy.yml",
]


def test_the_wheel_ships_the_theme_templates_catalogs_and_scaffold(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in PACKAGE_DATA if name not in names]
    assert not missing, missing
    assert not any(name.startswith(("tests/", "incidents/", "theme/")) for name in names)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "stylesheet" and found.get("href"):
            self.stylesheets.append(found["href"] or "")
        if tag == "script" and found.get("src"):
            self.scripts.append(found["src"] or "")


def resolves(site: Path, page: str, link: str) -> bool:
    """A relative link from `page` (a path under the site) names a file in the site."""
    target = urljoin(f"https://site.invalid/{page}", link).removeprefix("https://site.invalid/").split("?")[0]
    return (site / target).is_file()


def test_init_then_build_in_an_empty_folder_makes_a_styled_site_with_every_output(installed, tmp_path):
    balise = installed / "balise"
    folder = tmp_path / "our-status"
    folder.mkdir()
    run(balise, "init", cwd=folder)  # no terminal: the example starter
    run(balise, "check", cwd=folder)
    run(balise, "build", "--now", "2026-11-22T12:00:00Z", cwd=folder)
    site = folder / "site"
    for page in ("index.html", "history/index.html", "components/api/index.html"):
        links = _Links()
        links.feed((site / page).read_text(encoding="utf-8"))
        assert any(href.endswith("assets/balise/balise.css") for href in links.stylesheets), page
        assert any(src.endswith("assets/balise/balise.js") for src in links.scripts), page
        for link in links.stylesheets + links.scripts:
            assert resolves(site, page, link), f"{page}: {link} does not resolve"
    for output in ("api/v2/summary.json", "api/v2/components.json", "api/v2/incidents.json",
                   "api/v2/scheduled-maintenances.json", "history.atom", "history.rss", "maintenance.ics",
                   "badge.svg", "api/badge.json", "components/api/badge.svg", "_headers"):  # fmt: skip
        assert (site / output).is_file(), output
    summary = json.loads((site / "api/v2/summary.json").read_text(encoding="utf-8"))
    assert summary["page"]["url"] == "https://status.example.com"
    assert [c["name"] for c in summary["components"]] == ["API", "Website"]
