"""Incident Markdown to HTML that is safe to put on the status page.

Incident files come from pull requests by anyone: the converted HTML is cleaned with an
allow-list, so no script, event handler, `javascript:` URL, iframe or inline style survives.
"""

from __future__ import annotations

from html import unescape

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


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


class Converter:
    """Markdown → sanitised HTML, reusing one Markdown instance.

    Building a Markdown instance costs twice a short message's conversion; a build that
    converts tens of thousands of messages keeps one converter (not shared between threads).
    """

    def __init__(self) -> None:
        self._markdown = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"], output_format="html")

    def to_html(self, text: str) -> str:
        """A `# heading` becomes h2 at most: the page owns the h1."""
        html = self._markdown.reset().convert(text)
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
