"""Incident Markdown to HTML that is safe to put on the status page.

Incident files come from pull requests by anyone: the converted HTML is cleaned with an
allow-list, so no script, event handler, `javascript:` URL, iframe or inline style survives.
"""

from __future__ import annotations

import re
from html import unescape

import markdown
import nh3

from ..source.cache import Table, digest

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


#: A line of a plain paragraph: letters, digits (of any script) and punctuation that starts no
#: Markdown syntax inside a line and that the sanitiser leaves as it is; not starting like a
#: list item, a heading underline or code, not ending in a space (two make a line break).
PLAIN_LINE = re.compile(r"(?![ =+-]|\d+[.)])(?:[^\W_]|[ .,;:?!'\"()/%+=@$-])*(?<! )")


def plain_paragraphs(text: str) -> str | None:
    """The HTML of a text made only of plain paragraphs, or None when it holds anything else.

    Most incident messages are a sentence or two of words and punctuation: Python-Markdown and
    the sanitiser would turn each paragraph into `<p>…</p>` and change nothing inside. This is
    a shortcut for exactly those; tests/outputs/test_markup_fast_path.py checks it against the
    full conversion on generated texts, markup included.
    """
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if not PLAIN_LINE.fullmatch(line):
            return None
        paragraphs[-1].append(line)
    found = [lines for lines in paragraphs if lines]
    if not found:
        return None
    return "\n".join("<p>" + "\n".join(lines) + "</p>" for lines in found)


class Converter:
    """Markdown → sanitised HTML, each distinct text converted once, reusing one Markdown instance.

    Building a Markdown instance costs twice a short message's conversion; a build that
    converts tens of thousands of messages keeps one converter (not shared between threads).
    With `known` (a cache table, source/cache.py), conversions are kept between builds; a kept
    one is used only if the sanitiser leaves it unchanged, so the cache cannot bring markup
    the allow-list would not let through.
    """

    def __init__(self, known: Table | None = None) -> None:
        self._markdown = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"], output_format="html")
        self._converted: dict[str, str] = {}
        self.known = known
        #: Keys of the kept conversions used, and conversions made, since `take_news` last ran.
        self._used: list[str] = []
        self._added: list[tuple[str, str]] = []

    def to_html(self, text: str) -> str:
        """A `# heading` becomes h2 at most: the page owns the h1."""
        html = self._converted.get(text)
        if html is None:
            html = plain_paragraphs(text)
            if html is None:
                html = self._kept_or_converted(text)
            self._converted[text] = html
        return html

    def _kept_or_converted(self, text: str) -> str:
        if self.known is None:
            return self.convert(text)
        key = digest("markdown", text)
        kept = self.known.get(key)
        if kept is not None and sanitise(kept) == kept:
            self._used.append(key)
            return kept
        html = self.convert(text)
        self._added.append((key, html))
        return html

    def take_news(self) -> tuple[list[str], list[tuple[str, str]]]:
        """What the cache table should keep from this converter's work (a worker hands it back)."""
        news = self._used, self._added
        self._used, self._added = [], []
        return news

    def keep(self, used: list[str], added: list[tuple[str, str]]) -> None:
        if self.known is not None:
            for key in used:
                self.known.touch(key)
            self.known.update(added)

    def convert(self, text: str) -> str:
        """The full conversion, without the shortcut or the memory of texts already converted."""
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
