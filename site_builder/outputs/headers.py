"""`_headers`: cache, CORS and content-type rules for CDNs that read that file (Netlify,
Cloudflare Pages).

Both CDNs apply every rule whose path matches and join repeated header names with commas,
so no two rules that can match the same path set the same header: otherwise a bundle would
get `max-age=60, max-age=31536000` and caches would keep the shorter one. That is why there
is no catch-all `/*` for Cache-Control, and why the component feeds and badges (under the
component pages' folder, already cached by `/components/*`) only add CORS and a type.

Paths are relative to the deploy root, which is the site root, also when the site is
served under a sub-path of its domain.
"""

from __future__ import annotations

from dataclasses import dataclass

from .output import OutputFile

PATH = "_headers"

SHORT_CACHE = "public, max-age=60"
IMMUTABLE = "public, max-age=31536000, immutable"
CORS = ("Access-Control-Allow-Origin", "*")

JSON = "application/json; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
CALENDAR = "text/calendar; charset=utf-8"
SVG = "image/svg+xml"


@dataclass(frozen=True)
class Rule:
    path: str
    headers: tuple[tuple[str, str], ...]
    comment: str = ""


def _machine(path: str, content_type: str, cache: bool = True) -> Rule:
    """A machine-readable file: any origin may fetch it, with the right type."""
    headers = [CORS, ("Content-Type", content_type)]
    if cache:
        headers.append(("Cache-Control", SHORT_CACHE))
    return Rule(path, tuple(headers))


RULES: tuple[Rule, ...] = (
    Rule("/*", (("X-Content-Type-Options", "nosniff"),), "Every response: browsers trust the types below."),
    Rule("/", (("Cache-Control", SHORT_CACHE),), "Pages: a new update shows within a minute."),
    Rule("/index.html", (("Cache-Control", SHORT_CACHE),)),
    Rule("/incidents/*", (("Cache-Control", SHORT_CACHE),)),
    Rule("/history/*", (("Cache-Control", SHORT_CACHE),)),
    Rule("/components/*", (("Cache-Control", SHORT_CACHE),), "Component pages, with their feeds and badges."),
    _machine("/api/*", JSON),
    _machine("/history.atom", ATOM),
    _machine("/history.rss", RSS),
    _machine("/maintenance.ics", CALENDAR),
    _machine("/badge.svg", SVG),
    _machine("/components/:component/history.atom", ATOM, cache=False),
    _machine("/components/:component/history.rss", RSS, cache=False),
    _machine("/components/:component/badge.svg", SVG, cache=False),
    _machine("/components/:component/badge.json", JSON, cache=False),
    Rule(
        "/assets/javascripts/bundle.*",
        (("Cache-Control", IMMUTABLE),),
        "Material's fingerprinted bundles: the name changes with the content. Our own assets"
        " keep their names, so they keep the CDN's default.",
    ),
    Rule("/assets/stylesheets/main.*", (("Cache-Control", IMMUTABLE),)),
    Rule("/assets/stylesheets/palette.*", (("Cache-Control", IMMUTABLE),)),
)


def render(rules: tuple[Rule, ...] = RULES) -> str:
    blocks = []
    for rule in rules:
        lines = [f"# {rule.comment}"] if rule.comment else []
        lines.append(rule.path)
        lines.extend(f"  {name}: {value}" for name, value in rule.headers)
        blocks.append("\n".join(lines))
    return "\n".join(blocks) + "\n"


def headers_outputs() -> list[OutputFile]:
    return [OutputFile(PATH, render().encode("utf-8"))]
