"""Slack, through an incoming webhook, written by us.

Apprise reaches Slack, but in Markdown mode it passes Slack's control sequences in the text
through (`<!channel>` pings everyone, `<https://evil|Docs>` disguises a link), and in text
mode it flattens every link. Users expect a Block Kit message (a header, the facts as fields,
a link) in which the author's text is text: so the payload is ours, and the text is written
out in mrkdwn from the sanitised tree (dialects.SlackWriter), `&`, `<` and `>` escaped.
"""

from __future__ import annotations

from typing import Any

from ..dialects import Dialect, escape_slack, one_line, render, shorten, slack_url
from .base import Notice, Part
from .chat_blocks import component_lines, mark, status_line
from .http import HttpChannel, apprise_spelling

#: Block Kit limits: a header's text, a section's text, a field's text, fields per section.
HEADER_LIMIT = 150
SECTION_LIMIT = 3000
FIELD_LIMIT = 2000
FIELDS = 10


def webhook_url(target: str) -> str:
    """`slack://T…/B…/X…` (Apprise's spelling) is the webhook `https://hooks.slack.com/services/T…/B…/X…`."""
    return apprise_spelling(target, "slack", "https://hooks.slack.com/services/")


class SlackChannel(HttpChannel):
    def parts(self, notice: Notice) -> list[Part]:
        return [Part("", slack_message(notice))]

    def deliver(self, part: Part) -> None:
        self.http.post(webhook_url(self.target.url), part.payload)


def slack_message(notice: Notice) -> dict[str, Any]:
    a = notice.announcement
    title = one_line(a.title)
    summary = f"{mark(a)} {a.headline}: {title}"
    blocks: list[dict[str, Any]] = [
        # plain_text is shown as written: Slack parses no mrkdwn, mention or link in it.
        {"type": "header", "text": {"type": "plain_text", "text": shorten(f"{mark(a)} {title}", HEADER_LIMIT)}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": escape_slack(f"{a.headline} · {status_line(a)}")}]},
    ]
    message = render(a.message, Dialect.SLACK)
    if message:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": shorten(message, SECTION_LIMIT)}})
    lines = component_lines(a, escape_slack)
    if lines:
        fields = [{"type": "mrkdwn", "text": shorten(line, FIELD_LIMIT)} for line in lines[:FIELDS]]
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": f"*{escape_slack(a.labels.components)}*"}, "fields": fields})
    facts = []
    if a.window:
        facts.append(f"*{escape_slack(a.labels.window)}:* {escape_slack(a.window)}")
    if a.next_update:
        facts.append(f"*{escape_slack(a.labels.next_update)}:* {escape_slack(a.next_update)}")
    if a.url:
        facts.append(f"<{slack_url(a.url)}|{escape_slack(a.labels.details)}>")
    if facts:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(facts)}})
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": escape_slack(a.labels.footer)}]})
    return {
        # The notification's text (push, sidebar): mrkdwn too, so escaped like the rest.
        "text": escape_slack(summary),
        "blocks": blocks,
        "unfurl_links": False,
        "unfurl_media": False,
    }
