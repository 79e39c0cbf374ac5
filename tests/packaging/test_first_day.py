"""A team's first day, as it happens: Balise installed from a wheel, `balise init` in each of
the eight languages, then CI on a runner that has only the repository: a clean venv installs
each project's requirements.txt from the project's folder, with the wheel Balise was installed
from gone, and builds. The pages say nothing in English but in the English project, and an
incident is started with no terminal.

Slow: the second venv installs every dependency (the first one is shared with test_wheel.py).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from support.clean_venv import new_venv, run

from site_builder.outputs.i18n import LANGUAGES

pytestmark = pytest.mark.slow

NOW = "2026-11-22T12:00:00Z"

#: Interface words a page in English shows, from Balise's catalogs, Material's and what
#: `balise init` writes; none may reach a page in another language.
ENGLISH = (
    "All Systems Operational", "Partial outage", "Major outage", "Operational", "Investigating",
    "Impact:", "Affected", "Latest update", "Current incident", "Next update", "Need help?",
    "Contact support", "Subscribe", "History", "Past incidents", "Components", "Uptime", "uptime",
    "No incidents", "days ago", "Today", "Status as of", "Page not found", "Switch to dark mode",
    "Switch to light mode", "Skip to content", "Back to top", "Header", "Example Status",
    "current incidents", "scheduled maintenance", "Live status",
)  # fmt: skip
#: Words a language writes as English does: Dutch says "Impact" (Balise's catalog) and "Header"
#: (Material's aria-label of the header bar).
SAME_IN = {"nl": ("Impact:", "Header")}


class _Words(HTMLParser):
    """What a reader reads or hears: text outside scripts and styles, and the attributes that are words."""

    SPOKEN = ("title", "aria-label", "alt", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        found = dict(attrs)
        self.words += [value for key, value in attrs if key in self.SPOKEN and value]
        if tag == "meta" and found.get("name") == "description" or found.get("property") == "og:description":
            self.words.append(found.get("content") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.words.append(data)


def english_on(site: Path, language: str = "en") -> dict[str, list[str]]:
    """Each English interface string found, and the pages it is on."""
    found: dict[str, list[str]] = {}
    same = SAME_IN.get(language, ())
    for page in sorted(site.rglob("*.html")):
        reader = _Words()
        reader.feed(page.read_text(encoding="utf-8"))
        text = "\n".join(reader.words)
        for words in ENGLISH:
            if words in text and words not in same:
                found.setdefault(words, []).append(page.relative_to(site).as_posix())
    return found


@pytest.fixture(scope="module")
def projects(installed, wheel, tmp_path_factory) -> dict[str, Path]:
    """The eight projects, written by the installed Balise with no terminal, each with an open incident."""
    root = tmp_path_factory.mktemp("teams")
    made = {}
    for language in LANGUAGES:
        folder = root / f"status-{language}"
        run(installed / "balise", "init", folder, "--language", language, "--support-email", "help@acme.test")
        # The on-call path, with no terminal: without -m it must say so rather than wait for an editor.
        refused = run(installed / "balise", "new", "API 5xx", "-c", "api=major_outage", "--impact", "major",
                      cwd=folder, ok=False)  # fmt: skip
        assert refused.returncode == 2 and "pass the message with -m" in refused.stderr, refused.stderr
        run(installed / "balise", "new", "API 5xx", "-c", "api=major_outage", "--impact", "major", "--started", "-10m",
            "-m", "5xx: 14:00 UTC.", "--next-update", "30m", "--now", NOW, cwd=folder)  # fmt: skip
        made[language] = folder
    return made


@pytest.fixture(scope="module")
def ci(projects, wheel, tmp_path_factory) -> dict[str, Path]:
    """Each project as CI builds it: the wheel Balise was installed from moved away, a clean venv,
    `pip install -r requirements.txt` from the project's folder, then the workflows' check and build."""
    away = wheel.parent.with_name(wheel.parent.name + "-away")
    wheel.parent.rename(away)
    try:
        scripts = new_venv(tmp_path_factory.mktemp("runner") / "venv")
        sites = {}
        for language, folder in projects.items():
            run(scripts / "python", "-m", "pip", "install", "--quiet", "-r", "requirements.txt", cwd=folder)
            run(scripts / "balise", "check", "incidents", "--now", NOW, cwd=folder)
            run(scripts / "balise", "build", "--strict", "--site-dir", "site", "--now", NOW, cwd=folder)
            sites[language] = folder / "site"
        return sites
    finally:
        away.rename(wheel.parent)


def test_each_project_carries_the_wheel_it_was_made_with(projects, wheel):
    for folder in projects.values():
        assert (folder / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == f"./vendor/{wheel.name}"
        assert (folder / "vendor" / wheel.name).read_bytes() == wheel.read_bytes()


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != "en"])
def test_a_page_in_another_language_says_nothing_in_english(ci, language):
    assert english_on(ci[language], language) == {}


def test_the_english_page_shows_those_words_so_the_list_means_something(ci):
    found = english_on(ci["en"])
    assert len(found) >= len(ENGLISH) - 6, sorted(set(ENGLISH) - set(found))


def test_the_incident_started_with_no_terminal_is_on_every_page(ci):
    for site in ci.values():
        (page,) = (site / "incidents").glob("*-api-5xx/index.html")
        assert "5xx: 14:00 UTC." in page.read_text(encoding="utf-8")

