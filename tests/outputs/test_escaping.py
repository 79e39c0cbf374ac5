"""Hostile incident files put no executable markup in any page the build writes.

Incident files come from pull requests by anyone. Every HTML-like output file is parsed
(html.parser) and searched for script elements that are not ours, event-handler
attributes, and script URLs.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support.site_project import Project, build, find, page, words

HOSTILE_TITLES = [
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '" onmouseover="alert(3)',
    "<svg onload=alert(4)>",
    "</title><script>alert(5)</script>",
]

HOSTILE_MARKDOWN = """\
<script>alert(6)</script>

[click](javascript:alert(7)) and [again](JaVaScRiPt:alert(8)) and [data](data:text/html;base64,PHNjcmlwdD4=)

<a href="javascript:alert(9)">x</a> <a href="/x" onmouseover="alert(10)">y</a>

<svg onload=alert(11)><script>alert(12)</script></svg>

<img src=x onerror=alert(13)> <iframe src="javascript:alert(14)"></iframe>

<div onclick="alert(15)">z</div> <details open ontoggle=alert(16)><summary>s</summary></details>

[title](https://example.org "\\" onmouseover=\\"alert(17)")

<style>body{background:url(javascript:alert(18))}</style>
"""

#: Scripts a page may load: Material's bundle and Balise's own.
OUR_SCRIPTS = re.compile(r"(^|/)assets/(javascripts/bundle\.[0-9a-f]+\.min\.js|balise/balise\.js)$")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)
DOCUMENT_SUFFIXES = {".html", ".svg", ".xml", ".rss", ".atom"}


class Injections(HTMLParser):
    """Collects everything in a document that a browser could execute and that is not ours."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and SCRIPT_URL.match(value):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in {"iframe", "object", "embed", "frame", "base"}:
            self.found.append(f"<{tag}>")
        if tag == "script":
            src = values.get("src")
            if src is not None and not OUR_SCRIPTS.search(src):
                self.found.append(f"<script src={src!r}>")
            self._script = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            code = "".join(self._script)
            if "alert" in code:
                self.found.append(f"<script>{code[:80]!r}")
            self._script = None


def injections(site: Path) -> dict[str, list[str]]:
    report = {}
    for path in sorted(site.rglob("*")):
        if path.suffix not in DOCUMENT_SUFFIXES or not path.is_file():
            continue
        scanner = Injections()
        scanner.feed(path.read_text(encoding="utf-8", errors="replace"))
        scanner.close()
        if scanner.found:
            report[path.relative_to(site).as_posix()] = scanner.found
    return report


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def hostile_incident(index: int, title: str, open_incident: bool) -> str:
    message = "\n".join("      " + line for line in HOSTILE_MARKDOWN.splitlines())
    updates = [
        f"  - at: 2026-11-2{index % 2}T10:00:00Z\n    status: investigating\n    message: |\n{message}",
    ]
    if not open_incident:
        updates.append(f"  - at: 2026-11-2{index % 2}T11:00:00Z\n    status: resolved\n    message: |\n{message}")
    return (
        f"---\ntitle: {quoted(title)}\nimpact: major\ncomponents:\n  api: major_outage\n"
        + ("next_update: 2026-11-22T13:00:00Z\n" if open_incident else "")
        + "updates:\n"
        + "\n".join(updates)
        + "\n---\n"
        + HOSTILE_MARKDOWN
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    project = Project(root / "project")
    project.write_config()
    for index, title in enumerate(HOSTILE_TITLES):
        project.incident(f"2026-11-2{index % 2}-hostile-{index}.md", hostile_incident(index, title, index == 0))
    result = build(project.config, root / "site")
    assert result.exit_code == 0, result.output
    return root / "site"


def test_the_scanner_finds_what_it_looks_for(tmp_path):
    (tmp_path / "bad.html").write_text(
        '<a href=" javascript:x">a</a><b onclick="x">b</b><script src="https://cdn.example/x.js"></script>'
        "<script>alert(1)</script>",
        encoding="utf-8",
    )
    assert len(injections(tmp_path)["bad.html"]) == 4


def test_no_output_file_carries_executable_markup(hostile_site):
    assert injections(hostile_site) == {}


def test_pages_show_hostile_titles_as_text(hostile_site):
    for index, title in enumerate(HOSTILE_TITLES):
        html = page(hostile_site, f"incidents/2026-11-2{index % 2}-hostile-{index}")
        assert [words(h.text) for h in find(html, "h1")] == [words(title)]


def test_hostile_titles_stay_inside_the_title_element(hostile_site):
    for index, title in enumerate(HOSTILE_TITLES):
        html = page(hostile_site, f"incidents/2026-11-2{index % 2}-hostile-{index}")
        head = html[: html.index("</head>")]
        assert head.count("<title>") == 1 and head.count("</title>") == 1, title
        shown = re.search(r"<title>(.*?)</title>", head, re.S)
        assert shown and "<" not in shown.group(1), shown


def test_hostile_titles_reach_the_home_page_and_history_as_text(hostile_site):
    home = page(hostile_site, "")
    assert "Major System Outage" in words(find(home, "h1")[0].text)
    history = words(" ".join(e.text for e in find(page(hostile_site, "history"), "a")))
    for title in HOSTILE_TITLES:
        assert words(title) in history


def test_hostile_component_and_group_names_are_escaped(tmp_path):
    project = Project(
        tmp_path / "project",
        components=[("api", "<img src=x onerror=alert(20)>", "grp"), ("web", '" onfocus="alert(21)', None)],
        groups=[("grp", "</h3><script>alert(22)</script>")],
    )
    project.write_config()
    project.incident("2026-11-20-api.md", hostile_incident(0, "Outage", True))
    build(project.config, tmp_path / "site")
    report = {path: found for path, found in injections(tmp_path / "site").items() if path.endswith(".html")}
    assert report == {}
    assert "<img src=x onerror=alert(20)>" in words(find(page(tmp_path / "site", ""), "div", class_="bl-row")[0].text)


# -- text from mkdocs.yml, which Material prints without escaping -------------------------------

HOSTILE_SITE_NAME = "</title><script>alert(30)</script> & <img src=x onerror=alert(31)>"
HOSTILE_CONFIG = {
    "site_name": HOSTILE_SITE_NAME,
    "site_description": '"><script>alert(32)</script>',
    "site_author": '"><img src=x onerror=alert(33)>',
    "repo_name": "<svg onload=alert(34)>",
    "repo_url": "https://example.org/repo",
    "copyright": (
        '© 2026 <a href="https://example.org" onclick="alert(35)">Example & Co</a><script>alert(36)</script>'
        '<img src=x onerror=alert(37)> <a href="javascript:alert(38)">x</a> <b style="position:fixed">bold</b>'
    ),
}
#: `extra`, which Material prints unescaped too: texts are escaped, its consent text (HTML) cleaned.
HOSTILE_EXTRA = {
    "homepage": "https://example.org/home",
    "social": [{"icon": "fontawesome/brands/github", "link": "https://example.org/s", "name": "<img src=x onerror=alert(40)>"}],
    "consent": {
        "title": "</h4><script>alert(41)</script>",
        "description": 'Cookies, see our <a href="https://example.org/p" onclick="alert(42)">policy</a><img src=x onerror=alert(43)>',
    },
}


@pytest.fixture(scope="module")
def hostile_config_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-config")
    project = Project(root / "project")
    config = project.write_config()
    lines = config.read_text(encoding="utf-8").replace("site_name: Test Status\n", "")
    settings = "".join(f"{key}: {quoted(value)}\n" for key, value in HOSTILE_CONFIG.items())
    extra = f"extra: {json.dumps(HOSTILE_EXTRA)}\n"  # JSON is YAML
    config.write_text(settings + extra + lines, encoding="utf-8")
    project.incident("2026-11-20-a.md", hostile_incident(0, "Outage", True))
    result = build(project.config, root / "site")
    assert result.exit_code == 0, result.output
    return root / "site"


def test_text_from_the_config_puts_no_executable_markup_in_any_page(hostile_config_site):
    assert injections(hostile_config_site) == {}


def test_the_site_name_reads_as_typed_in_the_header_and_the_window_title(hostile_config_site):
    html = page(hostile_config_site, "")
    topics = [words(e.text) for e in find(html, "span", class_="md-ellipsis")]
    assert words(HOSTILE_SITE_NAME) in topics
    assert re.search(r"<title>(.*?)</title>", html, re.S).group(1).count("<") == 0


def test_the_copyright_keeps_its_text_and_safe_link_and_loses_the_rest(hostile_config_site):
    html = page(hostile_config_site, "")
    (footer,) = find(html, "div", class_="md-copyright__highlight")
    assert words(footer.text) == "© 2026 Example & Co x bold"
    links = [a for a in find(html, "a") if a.text == "Example & Co"]
    assert [a.attrs.get("href") for a in links] == ["https://example.org"]
    assert "onclick" not in links[0].attrs and "style=" not in html.split("md-copyright")[1]


def test_texts_under_extra_read_as_typed_and_the_consent_text_keeps_only_its_safe_link(hostile_config_site):
    html = page(hostile_config_site, "")
    (social,) = [a for a in find(html, "a") if a.attrs.get("href") == "https://example.org/s"]
    assert social.attrs["title"] == "<img src=x onerror=alert(40)>"
    (consent,) = find(html, "form", class_="md-consent__form")
    assert "</h4><script>alert(41)</script>" in words(consent.text)
    assert "Cookies, see our policy" in words(consent.text)
    (policy,) = [a for a in find(html, "a") if a.text == "policy"]
    assert policy.attrs.get("href") == "https://example.org/p" and "onclick" not in policy.attrs


@pytest.mark.parametrize("url", ['https://x.example/"><script>alert(1)</script>', "javascript://x.example/%0Aalert(1)"])
def test_a_site_url_that_is_not_a_plain_web_address_is_refused_at_its_line(tmp_path, url):
    project = Project(tmp_path / "project")
    config = project.write_config()
    config.write_text(f"site_url: {quoted(url)}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    result = build(project.config, tmp_path / "site")
    assert result.exit_code == 1
    assert "mkdocs.yml:1: site_url must be an http(s) address such as https://status.example.com/" in result.output
    assert not (tmp_path / "site").exists()
