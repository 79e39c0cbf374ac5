"""What the chat channels share: a mark per severity and the lines of facts."""

from __future__ import annotations

from collections.abc import Callable

from ..content import Announcement

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


def plain_body(announcement: Announcement, message: str) -> str:
    """The facts as plain lines, for services that take text: status, components, message,
    next update, window, link."""
    labels = announcement.labels
    lines = [f"{labels.status}: {status_line(announcement)}"]
    components = component_lines(announcement, lambda text: text)
    if components:
        lines.append(f"{labels.components}: " + "; ".join(components))
    if announcement.window:
        lines.append(f"{labels.window}: {announcement.window}")
    blocks = ["\n".join(lines)]
    if message:
        blocks.append(message)
    tail = []
    if announcement.next_update:
        tail.append(f"{labels.next_update}: {announcement.next_update}")
    if announcement.url:
        tail.append(f"{labels.details}: {announcement.url}")
    if tail:
        blocks.append("\n".join(tail))
    return "\n\n".join(blocks)
