"""What the chat channels share: a mark per severity and the lines of facts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..content import Announcement
from ..dialects import escape_markdown, markdown_url

#: A mark per severity, so the message reads at a glance without relying on colour alone.
MARKS = {0: "✅", 1: "🔧", 2: "🟡", 3: "🟠", 4: "🔴"}
#: Sidebar colours (Discord's embed colour, Slack's attachment colour), by severity.
COLOURS = {0: 0x2E7D32, 1: 0x1565C0, 2: 0xF9A825, 3: 0xEF6C00, 4: 0xC62828}


def mark(announcement: Announcement) -> str:
    return MARKS.get(announcement.severity, MARKS[4])


def component_lines(announcement: Announcement, escape: Callable[[str], str]) -> list[str]:
    """`Public API: Partial outage → Major outage`, names through the dialect's escaping."""
    lines = []
    for line in announcement.components:
        status = f"{line.before} → {line.status}" if line.before and line.before != line.status else line.status
        lines.append(f"{escape(line.name)}: {escape(status)}")
    return lines


def status_line(announcement: Announcement) -> str:
    """`Investigating → Identified · Impact: Major` (labels are ours, never untrusted)."""
    words = [announcement.change or announcement.status]
    if announcement.impact:
        words.append(f"{announcement.labels.impact}: {announcement.impact}")
    return " · ".join(words)


@dataclass(frozen=True)
class TextStyle:
    """How a text body writes a field (`label`, `value`) and the incident link, in one dialect."""

    escape: Callable[[str], str]
    field: Callable[[str, str], str]  # escaped label, escaped value
    link: Callable[[str, str], str]  # escaped label, URL


PLAIN = TextStyle(lambda text: text, lambda label, value: f"{label}: {value}", lambda label, url: f"{label}: {url}")
MARKDOWN = TextStyle(
    escape_markdown,
    lambda label, value: f"**{label}:** {value}",
    lambda label, url: f"[{label}]({markdown_url(url)})",
)


def text_body(announcement: Announcement, message: str, style: TextStyle = PLAIN) -> str:
    """The facts and the message as text: status, components and window, the message (already
    in the dialect), then the promised next update and the link."""
    a, labels, e = announcement, announcement.labels, style.escape
    lines = [style.field(e(labels.status), e(status_line(a)))]
    components = component_lines(a, e)
    if components:
        lines.append(style.field(e(labels.components), "; ".join(components)))
    if a.window:
        lines.append(style.field(e(labels.window), e(a.window)))
    tail = [style.field(e(labels.next_update), e(a.next_update))] if a.next_update else []
    if a.url:
        tail.append(style.link(e(labels.details), a.url))
    return "\n\n".join(block for block in ("\n".join(lines), message, "\n".join(tail)) if block)


def plain_body(announcement: Announcement, message: str) -> str:
    return text_body(announcement, message, PLAIN)
