"""Incident Markdown to HTML that is safe to put on the status page.

Incident files come from pull requests by anyone: the converted HTML is cleaned with an
allow-list, so no script, event handler, `javascript:` URL, iframe or inline style survives.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape, unescape

import markdown
import nh3

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "dl", "dt", "em",
        "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "ol", "p", "pre", "s",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitise(html: str, attribute_filter: Callable[[str, str, str], str | None] | None = None) -> str:
    """`html` with only the allowed tags, attributes and URL schemes; `attribute_filter` may change
    (or, returning None, drop) an allowed attribute's value."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
        attribute_filter=attribute_filter,
    )


#: What the site's copyright line may hold: MkDocs documents `copyright` as HTML, and Material
#: prints it as it is on every page, so it is cleaned like incident Markdown, with fewer tags.
COPYRIGHT_TAGS = frozenset({"a", "abbr", "b", "br", "em", "i", "small", "span", "strong"})


def sanitise_copyright(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(COPYRIGHT_TAGS),
        attributes={"a": {"href", "title"}, "abbr": {"title"}},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


class Converter:
    """Markdown → sanitised HTML, each distinct text converted once, reusing one Markdown instance.

    A message appears on its incident's page, on the home page while it is the latest, and in
    several feeds; a build hands one converter to the pages and the feeds. Building a Markdown
    instance costs twice a short message's conversion. Not shared between threads.

    `balise check` refuses Markdown whose conversion would be slow or recurse too deep
    (source/markdown_cost.py); should one slip through, the text is shown escaped rather
    than crash the build.
    """

    def __init__(self) -> None:
        self._markdown = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"], output_format="html")
        self._converted: dict[str, str] = {}

    def to_html(self, text: str) -> str:
        """A `# heading` becomes h2 at most: the page owns the h1."""
        if text not in self._converted:
            self._converted[text] = self._convert(text)
        return self._converted[text]

    def _convert(self, text: str) -> str:
        try:
            html = self._markdown.reset().convert(text)
        except RecursionError:
            self._markdown = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"], output_format="html")
            return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())
        for level in range(5, 0, -1):
            html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(f"</h{level}>", f"</h{level + 1}>")
        return sanitise(html)


def to_html(text: str) -> str:
    """Markdown → sanitised HTML. A `# heading` becomes h2 at most: the page owns the h1."""
    return Converter().to_html(text)


def plain_text(html: str, limit: int = 200) -> str:
    """Sanitised HTML as one line of text, cut at a word within `limit` characters: a link
    preview's description, where markup would show as tags."""
    text = " ".join(unescape(nh3.clean(html, tags=set())).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"
