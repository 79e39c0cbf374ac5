"""Incident Markdown to HTML that is safe to put on the status page.

Incident files come from pull requests by anyone: the converted HTML is cleaned with an
allow-list, so no script, event handler, `javascript:` URL, iframe or inline style survives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape, unescape

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


#: Letters and digits of any script, and punctuation that starts no Markdown syntax inside a
#: line and that the sanitiser leaves as it is.
_PLAIN = r"(?:[^\W_]|[ .,;:?!'\"()/%+=@$-])"
_PLAIN_NOT_SPACE = r"(?:[^\W_]|[.,;:?!'\"()/%+=@$-])"
#: `**bold**` around plain text that neither starts nor ends with a space.
_STRONG = rf"\*\*({_PLAIN_NOT_SPACE}(?:{_PLAIN}*{_PLAIN_NOT_SPACE})?)\*\*"
#: A line of a plain paragraph: plain text and bold, not starting like a list item, a heading
#: underline or code, not ending in a space (two make a line break).
PLAIN_LINE = re.compile(rf"(?![ =+-]|\d+[.)])(?:{_PLAIN}|{_STRONG})*(?<! )")
#: `## A heading` of plain text and bold.
PLAIN_HEADING = re.compile(rf"(#{{1,6}}) (?! )((?:{_PLAIN}|{_STRONG})+)(?<! )")
_STRONG_RUN = re.compile(_STRONG)


def plain_paragraphs(text: str) -> str | None:
    """The HTML of a text made only of plain paragraphs and headings, or None when it holds
    anything else.

    Most incident messages are a sentence or two of words and punctuation, sometimes a heading
    or a word in bold: Python-Markdown and the sanitiser would make `<p>…</p>`, `<hN>…</hN>` and
    `<strong>…</strong>` of them and change nothing else. This is a shortcut for exactly those;
    tests/outputs/test_markup_fast_path.py checks it against the full conversion on generated
    texts, markup included.
    """
    blocks: list[str] = []
    paragraph: list[str] = []

    def close() -> None:
        if paragraph:
            blocks.append("<p>" + "\n".join(paragraph) + "</p>")
            paragraph.clear()

    for line in text.split("\n"):
        if not line:
            close()
        elif line[0] == "#":
            heading = PLAIN_HEADING.fullmatch(line)
            if heading is None:
                return None
            close()
            level = min(len(heading.group(1)) + 1, 6)  # the page owns the h1
            blocks.append(f"<h{level}>{_bold(heading.group(2))}</h{level}>")
        elif PLAIN_LINE.fullmatch(line):
            paragraph.append(_bold(line))
        else:
            return None
    close()
    return "\n".join(blocks) if blocks else None


def _bold(line: str) -> str:
    return _STRONG_RUN.sub(r"<strong>\1</strong>", line) if "*" in line else line


class Converter:
    """Markdown → sanitised HTML, each distinct text converted once, reusing one Markdown instance.

    A message appears on its incident's page, on the home page while it is the latest, and in
    several feeds; a build hands one converter to the pages and the feeds. Building a Markdown
    instance costs twice a short message's conversion. Not shared between threads.

    With `known` (a cache table, source/cache.py), conversions are kept between builds; a kept
    one is used only if the sanitiser leaves it unchanged, so the cache cannot bring markup
    the allow-list would not let through.

    `balise check` refuses Markdown whose conversion would be slow or recurse too deep
    (source/markdown_cost.py); should one slip through, the text is shown escaped rather
    than crash the build.
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
