"""`_headers`: each path gets the cache, CORS and content type it needs, and no header twice.

The file is read the way Netlify and Cloudflare Pages read it: every rule whose pattern
matches applies, `*` matches anything (also `/`), `:name` matches one path segment, and a
header set by two matching rules is joined with a comma.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from pathlib import Path

import material
import pytest
from support.machine_site import example_snapshot, outputs

from site_builder.outputs.headers import render

SHORT = "public, max-age=60"
IMMUTABLE = "public, max-age=31536000, immutable"


def parse(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def pattern(rule_path: str) -> re.Pattern[str]:
    parts = re.split(r"(\*|:[A-Za-z_]+)", rule_path)
    regex = "".join(".*" if p == "*" else "[^/]+" if p.startswith(":") else re.escape(p) for p in parts)
    return re.compile(f"^{regex}$")


@functools.cache
def rules() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    return tuple((path, tuple(headers)) for path, headers in parse(render()))


def served_headers(url_path: str) -> dict[str, list[str]]:
    """Every value each header gets for a request path, from all matching rules."""
    found: dict[str, list[str]] = defaultdict(list)
    for rule_path, headers in rules():
        if pattern(rule_path).match(url_path):
            for name, value in headers:
                found[name.lower()].append(value)
    return dict(found)


def header(url_path: str, name: str) -> str | None:
    values = served_headers(url_path).get(name.lower())
    return None if values is None else ", ".join(values)


@functools.cache
def machine_paths() -> list[str]:
    """The files tools fetch: not the headers file itself, robots.txt or the page's status icon."""
    skipped = ("_headers", "robots.txt")
    return sorted("/" + p for p in outputs(example_snapshot()) if p not in skipped and not p.startswith("assets/"))


HTML_PAGES = ["/", "/index.html", "/incidents/2026-11-22-sign-in-failures/", "/history/", "/components/auth/"]


def material_fingerprinted_assets() -> list[str]:
    """The bundle names Material actually ships, hash included."""
    root = Path(material.__file__).parent / "templates"
    names = [
        p.relative_to(root).as_posix()
        for p in (root / "assets").rglob("*.min.*")
        if "lunr" not in p.parts and "workers" not in p.parts  # search: never shipped, it is off
    ]
    assert names, "no Material bundle found to check"
    return sorted("/" + n for n in names)


def test_headers_file_is_written_at_the_site_root():
    assert "_headers" in outputs(example_snapshot())


def test_every_rule_is_a_root_path_with_indented_headers():
    for path, headers in rules():
        assert path.startswith("/")
        assert headers


def test_no_path_gets_the_same_header_from_two_rules():
    """A joined `max-age=60, max-age=31536000` would leave caches to pick one."""
    for url_path in machine_paths() + HTML_PAGES + material_fingerprinted_assets() + ["/assets/images/favicon.png"]:
        for name, values in served_headers(url_path).items():
            assert len(values) == 1, f"{url_path}: {name} set {len(values)} times: {values}"


@pytest.mark.parametrize("url_path", HTML_PAGES)
def test_pages_are_cached_for_a_minute(url_path):
    assert header(url_path, "Cache-Control") == SHORT


def test_every_machine_output_is_cached_for_a_minute_and_open_to_any_origin():
    for url_path in machine_paths():
        assert header(url_path, "Cache-Control") == SHORT, url_path
        assert header(url_path, "Access-Control-Allow-Origin") == "*", url_path


@pytest.mark.parametrize(
    ("suffix", "content_type"),
    [
        (".json", "application/json; charset=utf-8"),
        (".atom", "application/atom+xml; charset=utf-8"),
        (".rss", "application/rss+xml; charset=utf-8"),
        (".ics", "text/calendar; charset=utf-8"),
        (".svg", "image/svg+xml"),
    ],
)
def test_every_machine_output_has_its_content_type(suffix, content_type):
    chosen = [p for p in machine_paths() if p.endswith(suffix)]
    assert chosen
    for url_path in chosen:
        assert header(url_path, "Content-Type") == content_type, url_path


def test_pages_are_not_given_a_content_type_or_cors():
    for url_path in HTML_PAGES:
        assert header(url_path, "Content-Type") is None
        assert header(url_path, "Access-Control-Allow-Origin") is None


def test_material_fingerprinted_bundles_are_cached_for_a_year_as_immutable():
    for url_path in material_fingerprinted_assets():
        assert header(url_path, "Cache-Control") == IMMUTABLE, url_path


def test_assets_that_keep_their_name_are_not_immutable():
    assert header("/assets/balise/balise.css", "Cache-Control") is None
    assert header("/assets/balise/status-major.svg", "Cache-Control") is None


def test_every_response_asks_browsers_not_to_sniff_types():
    for url_path in machine_paths()[:3] + HTML_PAGES:
        assert header(url_path, "X-Content-Type-Options") == "nosniff"
