"""Helpers for the tests that build the status site: projects in tmp_path, builds, HTML reading.

Builds go through the real command (`balise build` via CliRunner), which runs MkDocs and
Material with the Balise plugin, as CI and the deploy workflow do.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner, Result

from site_builder.cli import main

REPO = Path(__file__).resolve().parents[2]
#: Balise's own layer over Material, shipped in the package (tests copy it as a site's custom_dir).
THEME = REPO / "site_builder" / "mkdocs_plugin" / "theme"
EXAMPLE_NOW = "2026-11-22T12:00:00Z"


def build(config: Path, site: Path, now: str | None = EXAMPLE_NOW, *extra: str) -> Result:
    """`balise build --config CONFIG --site-dir SITE [--now NOW] EXTRA…`."""
    args = ["build", "--config", str(config), "--site-dir", str(site), *extra]
    if now is not None:
        args += ["--now", now]
    return CliRunner().invoke(main, args, catch_exceptions=False)


def with_custom_dir(config: Path, folder: str) -> None:
    """Names `folder` as the site's own theme overrides (`theme.custom_dir`) in `config`, in place
    of the one it names (the example's `theme`)."""
    text = config.read_text(encoding="utf-8")
    if re.search(r"^  custom_dir:", text, flags=re.MULTILINE):
        text = re.sub(r"^  custom_dir: .*$", f"  custom_dir: {folder}", text, count=1, flags=re.MULTILINE)
    else:
        text = text.replace("  name: material\n", f"  name: material\n  custom_dir: {folder}\n", 1)
    config.write_text(text, encoding="utf-8")


def example_project(tmp_path: Path, replace: dict[str, str] | None = None) -> Path:
    """A copy of the repository's example (mkdocs.yml, incidents/, theme/), with text replaced in mkdocs.yml."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "incidents", root / "incidents")
    shutil.copytree(REPO / "theme", root / "theme")  # the example's own look (theme.custom_dir)
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in (replace or {}).items():
        assert old in text, f"{old!r} is not in mkdocs.yml"
        text = text.replace(old, new)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


@dataclass
class Project:
    """A small project written into tmp_path: its config and incident files."""

    root: Path
    components: list[tuple[str, str, str | None]] = field(default_factory=lambda: [("api", "Public API", None)])
    groups: list[tuple[str, str]] = field(default_factory=list)
    timezone: str = "UTC"
    language: str = "en"
    site_url: str | None = None

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    def write_config(self) -> Path:
        lines = ["site_name: Test Status"]
        if self.site_url:
            lines.append(f"site_url: {self.site_url}")
        lines += [
            "theme:",
            "  name: material",
            f"  language: {self.language}",
            "  font: false",
            "plugins:",
            "  - balise:",
            f"      timezone: {self.timezone}",
        ]
        if self.groups:
            lines.append("      groups:")
            for ident, name in self.groups:
                lines += [f"        - id: {ident}", f"          name: {_quoted(name)}"]
        lines.append("      components:")
        for ident, name, group in self.components:
            lines += [f"        - id: {ident}", f"          name: {_quoted(name)}"]
            if group:
                lines.append(f"          group: {group}")
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "incidents").mkdir(exist_ok=True)
        self.config.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return self.config

    def incident(self, name: str, text: str) -> Path:
        path = self.root / "incidents" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def outage(start: str, end: str | None, status: str, component: str = "api", title: str = "Outage") -> str:
    """An incident file: `component` in `status` from `start`, resolved at `end` (None = still open)."""
    lines = [
        "---",
        f"title: {_quoted(title)}",
        "impact: major",
        "components:",
        f"  {component}: {status}",
        "updates:",
        f"  - at: {start}",
        "    status: investigating",
        "    message: Looking into it.",
    ]
    if end:
        lines += [f"  - at: {end}", "    status: resolved", "    message: Fixed."]
    return "\n".join([*lines, "---", ""])


# --- Reading the built HTML ------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


class _Collector(HTMLParser):
    """Every element with its attributes and its own text (tags inside it included)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag not in {"br", "img", "input", "link", "meta", "hr", "source", "wbr", "area", "base", "col"}:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data


def elements(html: str) -> list[Element]:
    parser = _Collector()
    parser.feed(html)
    parser.close()
    return parser.elements


def find(html: str, tag: str, **attrs: str) -> list[Element]:
    """Elements of `tag` whose attributes contain the given values (class_ matches one class)."""
    wanted = {name.rstrip("_"): value for name, value in attrs.items()}
    found = []
    for element in elements(html):
        if element.tag != tag:
            continue
        if all(_matches(element.attrs.get(name), value) for name, value in wanted.items()):
            found.append(element)
    return found


def _matches(actual: str | None, wanted: str) -> bool:
    if actual is None:
        return False
    return wanted in actual.split() if " " not in wanted else actual == wanted


def words(text: str) -> str:
    """Text with whitespace runs made single spaces (non-breaking ones too)."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")
