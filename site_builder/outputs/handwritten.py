"""Hand-written pages (docs/): the HTML MkDocs renders from them, cleaned like incident bodies.

A docs page comes through a pull request like an incident file, so it gets the incident
allow-list (outputs.markup) plus what a page needs and an incident body does not: its h1,
images, the `id`s and `class`es of headings, admonitions and code blocks, and the inline
SVG icons of Material's emoji extension. No script, event handler, `javascript:` URL,
iframe, form or style survives.

Images come from the site itself only: an `<img>` whose `src` names another host (a
tracking pixel) loses its `src` and shows its alt text, so opening the status page never
tells a third party who is reading it. Links to other sites stay: following one is the
reader's choice. Front-matter values (`title`, `description`…) are printed raw by
Material's templates, so every one of them is HTML-escaped.
"""

from __future__ import annotations

import html
import re
from typing import Any

import nh3

from .markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

PAGE_TAGS = ALLOWED_TAGS | {
    "h1", "img", "div", "span", "figure", "figcaption", "caption", "mark", "small", "svg", "path",
}  # fmt: skip
PAGE_ATTRIBUTES = {
    **ALLOWED_ATTRIBUTES,
    "*": {"id", "class"},
    "img": {"src", "alt", "title", "width", "height"},
    "svg": {"viewBox", "xmlns", "width", "height"},
    "path": {"d"},
}
# Browsers drop tabs and line breaks inside URLs, and read `\` as `/` in http(s) URLs.
_URL_NOISE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")


def from_this_site(url: str) -> bool:
    """A relative URL or a path on this host: nothing that names another host."""
    url = _URL_NOISE.sub("", url).strip("\x00\x20")
    return not (_SCHEME.match(url) or url.replace("\\", "/").startswith("//"))


def _attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not from_this_site(value):
        return None
    return value


def clean_page(content: str) -> str:
    return nh3.clean(
        content,
        tags=set(PAGE_TAGS),
        attributes={tag: set(names) for tag, names in PAGE_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        attribute_filter=_attribute,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def clean_title(title: str) -> str:
    """Plain text for templates that print it raw: entities read once, then everything escaped."""
    return html.escape(html.unescape(title))


def clean_meta(value: Any) -> Any:
    """Every text in a page's front-matter, HTML-escaped, whatever its depth."""
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, dict):
        return {key: clean_meta(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_meta(item) for item in value]
    return value
