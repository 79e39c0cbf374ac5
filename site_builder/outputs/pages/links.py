"""Links inside incident Markdown, made to work under any sub-path the site is served from."""

from __future__ import annotations

from functools import partial

from ..markup import sanitise
from ..urls import relative


def rebase_links(html: str, here: str) -> str:
    """`href="/maintenance.ics"` (the site root, as authors write it) → a link relative to the page at `here`.

    `html` is parsed, so only real `href` attributes change: prose or a code sample that shows
    `href="/…"` is text and stays as written. Parsing is done by the sanitiser, whose output
    `html` already is, so nothing else changes.
    """
    if 'href="/' not in html:  # how every root-relative link is spelled in the sanitiser's output
        return html
    return sanitise(html, attribute_filter=partial(_rebased, here))


def _rebased(here: str, tag: str, attribute: str, value: str) -> str:
    # "//host/x" is protocol-relative, another host: left alone.
    if tag == "a" and attribute == "href" and value.startswith("/") and not value.startswith("//"):
        return relative(here, value[1:])
    return value
