"""An update's Markdown in each service's dialect, with nothing in it that the service would obey.

The text is first converted and cleaned exactly as the page does it (outputs.markup: an
allow-list of tags, http/https/mailto links only), then written out again from that clean
tree for the target: plain text, Slack's mrkdwn, or Markdown for services that render it.
Writing it out again, rather than passing the author's Markdown through, is what keeps the
author's text from reaching the service as markup: every character of text is escaped for
the dialect, so `<!channel>`, `<url|label>`, `@everyone`, `<users/all>` or `<at>` arrive as
words, and only links and emphasis we chose to write survive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from html.parser import HTMLParser

from ..outputs.markup import Converter

#: A zero-width space after `@` keeps a service from reading a mention in text that merely
#: contains one; readers see the same characters.
ZWSP = "\u200b"
_MENTION = re.compile(r"@(?=[\w.-])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Dialect(StrEnum):
    PLAIN = "plain"
    SLACK = "slack"  # mrkdwn
    MARKDOWN = "markdown"  # CommonMark as Discord and Mattermost render it


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    VOID = frozenset({"br", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def tree(markdown: str, converter: Converter | None = None) -> Node:
    html = (converter or Converter()).to_html(markdown)
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def render(markdown: str, dialect: Dialect, converter: Converter | None = None) -> str:
    """The Markdown as `dialect`, blocks separated by a blank line."""
    writer = _WRITERS[dialect]()
    return _tidy(writer.blocks(tree(markdown, converter)))


def one_line(text: str) -> str:
    """A title or a name on one line with no control characters: for subjects, headers, logs."""
    return " ".join(_CONTROL.sub(" ", text).split())


def neutralise_mentions(text: str) -> str:
    return _MENTION.sub("@" + ZWSP, text)


# -- escaping per dialect ---------------------------------------------------------------------


def escape_slack(text: str) -> str:
    """Slack's rule: `&`, `<` and `>` are control characters in mrkdwn; everything else is text.
    Emphasis characters are left alone (Slack renders `*a*` as bold, which is harmless)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>])")


def escape_markdown(text: str) -> str:
    """Every Markdown punctuation escaped, and mentions broken: the text renders as written."""
    return neutralise_mentions(_MARKDOWN_SPECIAL.sub(r"\\\1", text))


# -- writers ----------------------------------------------------------------------------------


class _Writer:
    """Walks the clean tree; subclasses say how text, emphasis and links look."""

    bullet = "•"

    def text(self, data: str) -> str:
        return data

    def strong(self, inner: str) -> str:
        return inner

    def emphasis(self, inner: str) -> str:
        return inner

    def strike(self, inner: str) -> str:
        return inner

    def code(self, raw: str) -> str:
        return raw

    def pre(self, raw: str) -> str:
        return raw

    def link(self, href: str, inner: str) -> str:
        return inner if inner.strip() in (href, href.removeprefix("mailto:")) else f"{inner} ({href})"

    def quote(self, inner: str) -> str:
        return "\n".join(f"> {line}" if line else ">" for line in inner.splitlines())

    def heading(self, inner: str) -> str:
        return self.strong(inner)

    # inline -----------------------------------------------------------------------------

    def inline(self, node: Node) -> str:
        parts = []
        for child in node.children:
            if isinstance(child, str):
                parts.append(self.text(" ".join(child.split("\n"))))
                continue
            inner = self.inline(child) if child.tag not in ("code", "pre") else _raw(child)
            if child.tag in ("strong", "b"):
                parts.append(self.strong(inner))
            elif child.tag in ("em", "i"):
                parts.append(self.emphasis(inner))
            elif child.tag in ("del", "s"):
                parts.append(self.strike(inner))
            elif child.tag == "code":
                parts.append(self.code(inner))
            elif child.tag == "a" and child.attrs.get("href"):
                parts.append(self.link(child.attrs["href"], inner))
            elif child.tag == "br":
                parts.append("\n")
            else:
                parts.append(inner)
        return "".join(parts)

    # blocks -----------------------------------------------------------------------------

    def blocks(self, node: Node) -> list[str]:
        out: list[str] = []
        loose: list[Node | str] = []

        def flush() -> None:
            if loose:
                text = self.inline(Node("p", children=list(loose))).strip()
                if text:
                    out.append(text)
                loose.clear()

        for child in node.children:
            if isinstance(child, str) or child.tag not in _BLOCK_TAGS:
                loose.append(child)
                continue
            flush()
            out.extend(self.block(child))
        flush()
        return out

    def block(self, node: Node) -> list[str]:
        if node.tag in ("ul", "ol"):
            return [self.list(node)]
        if node.tag == "pre":
            return [self.pre(_raw(node).rstrip("\n"))]
        if node.tag == "blockquote":
            return [self.quote("\n\n".join(self.blocks(node)))]
        if node.tag in ("h2", "h3", "h4", "h5", "h6"):
            return [self.heading(self.inline(node).strip())]
        if node.tag == "hr":
            return ["———"]
        if node.tag == "table":
            return [self.table(node)]
        if node.tag in ("dl", "details", "div"):
            return self.blocks(node)
        return [self.inline(node).strip()]

    def list(self, node: Node) -> str:
        lines = []
        items = [c for c in node.children if isinstance(c, Node) and c.tag == "li"]
        for number, item in enumerate(items, start=1):
            marker = f"{number}." if node.tag == "ol" else self.bullet
            body = "\n".join(self.blocks(item)).strip()
            first, *rest = body.splitlines() or [""]
            lines.append(f"{marker} {first}")
            lines.extend(f"   {line}" for line in rest)
        return "\n".join(lines)

    def table(self, node: Node) -> str:
        rows = []
        for row in _find(node, "tr"):
            cells = [self.inline(c).strip() for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]
            rows.append(" | ".join(cells))
        return "\n".join(rows)


class PlainWriter(_Writer):
    pass


class SlackWriter(_Writer):
    def text(self, data: str) -> str:
        return escape_slack(data)

    def strong(self, inner: str) -> str:
        return f"*{inner}*" if inner.strip() else inner

    def emphasis(self, inner: str) -> str:
        return f"_{inner}_" if inner.strip() else inner

    def strike(self, inner: str) -> str:
        return f"~{inner}~" if inner.strip() else inner

    def code(self, raw: str) -> str:
        return f"`{escape_slack(raw).replace('`', 'ˋ')}`"

    def pre(self, raw: str) -> str:
        return f"```{escape_slack(raw).replace('```', 'ˋˋˋ')}```"

    def link(self, href: str, inner: str) -> str:
        return f"<{slack_url(href)}|{inner.replace('|', '¦') or slack_url(href)}>"


class MarkdownWriter(_Writer):
    def text(self, data: str) -> str:
        return escape_markdown(data)

    def strong(self, inner: str) -> str:
        return f"**{inner}**" if inner.strip() else inner

    def emphasis(self, inner: str) -> str:
        return f"*{inner}*" if inner.strip() else inner

    def strike(self, inner: str) -> str:
        return f"~~{inner}~~" if inner.strip() else inner

    def code(self, raw: str) -> str:
        return f"`` {neutralise_mentions(raw).replace('`', 'ˋ')} ``"

    def pre(self, raw: str) -> str:
        return f"```\n{neutralise_mentions(raw).replace('```', 'ˋˋˋ')}\n```"

    def link(self, href: str, inner: str) -> str:
        return f"[{inner}]({markdown_url(href)})"

    def heading(self, inner: str) -> str:
        return f"**{inner}**"


def slack_url(href: str) -> str:
    """A URL inside `<…|…>`: the characters that would close or split it, percent-encoded."""
    return href.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")


def markdown_url(href: str) -> str:
    """A link destination every Markdown renderer reads whole: nothing in it can end it early."""
    for character, encoded in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), ("\n", "")):
        href = href.replace(character, encoded)
    return href


_WRITERS: dict[Dialect, type[_Writer]] = {
    Dialect.PLAIN: PlainWriter,
    Dialect.SLACK: SlackWriter,
    Dialect.MARKDOWN: MarkdownWriter,
}

_BLOCK_TAGS = frozenset({"p", "ul", "ol", "pre", "blockquote", "h2", "h3", "h4", "h5", "h6", "hr", "table", "dl", "details", "div"})


def _raw(node: Node) -> str:
    return "".join(c if isinstance(c, str) else _raw(c) for c in node.children)


def _find(node: Node, tag: str) -> list[Node]:
    found = []
    for child in node.children:
        if isinstance(child, Node):
            if child.tag == tag:
                found.append(child)
            found.extend(_find(child, tag))
    return found


def _tidy(blocks: list[str]) -> str:
    return _CONTROL.sub("", "\n\n".join(b for b in blocks if b.strip()))


def shorten(text: str, limit: int, ellipsis: str = "…") -> str:
    """At most `limit` characters, cut at a word boundary where one is near."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - len(ellipsis))]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + ellipsis
