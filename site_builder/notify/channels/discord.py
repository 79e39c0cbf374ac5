"""Discord, through a channel webhook, written by us.

Apprise reaches Discord but never sends `allowed_mentions`, so an `@everyone`, `@here` or
`<@id>` in an incident's text would ping the whole server. Discord's own switch for that is
`allowed_mentions: {"parse": []}`: no mention in the message notifies anyone. The embed (a
coloured sidebar, the facts as fields, the incident link on the title) is what Discord users
expect from a status page.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from ..dialects import Dialect, escape_markdown, one_line, render, shorten
from .base import Notice, Part
from .chat_blocks import COLOURS, component_lines, mark, status_line
from .http import HttpChannel, apprise_spelling

#: Embed limits: title, description, field name, field value, footer, author name.
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 1024
NAME_LIMIT = 256


def webhook_url(target: str) -> str:
    """`discord://ID/TOKEN` (Apprise's spelling) is `https://discord.com/api/webhooks/ID/TOKEN`."""
    return apprise_spelling(target, "discord", "https://discord.com/api/webhooks/")


class DiscordChannel(HttpChannel):
    def parts(self, notice: Notice) -> list[Part]:
        return [Part("", discord_message(notice))]

    def deliver(self, part: Part) -> None:
        # wait=true: Discord answers with the message or an error instead of a blind 204.
        self.http.post(webhook_url(self.target.url), part.payload, params={"wait": "true"})


def discord_message(notice: Notice) -> dict[str, Any]:
    a = notice.announcement
    fields = [{"name": a.labels.status, "value": shorten(escape_markdown(status_line(a)), FIELD_LIMIT), "inline": False}]
    lines = component_lines(a, escape_markdown)
    if lines:
        fields.append({"name": a.labels.components, "value": shorten("\n".join(lines), FIELD_LIMIT), "inline": False})
    if a.window:
        fields.append({"name": a.labels.window, "value": escape_markdown(a.window), "inline": False})
    if a.next_update:
        fields.append({"name": a.labels.next_update, "value": escape_markdown(a.next_update), "inline": True})
    embed: dict[str, Any] = {
        "author": {"name": shorten(f"{mark(a)} {a.headline}", NAME_LIMIT)},
        "title": shorten(one_line(a.title), TITLE_LIMIT),
        "description": shorten(render(a.message, Dialect.MARKDOWN), DESCRIPTION_LIMIT),
        "color": COLOURS.get(a.severity, COLOURS[4]),
        "fields": fields,
        "footer": {"text": shorten(one_line(a.site_name), NAME_LIMIT)},
        "timestamp": a.at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
    }
    if a.url:
        embed["url"] = a.url
    return {
        "embeds": [embed],
        # No mention in the message notifies anyone, whatever the text contains.
        "allowed_mentions": {"parse": []},
    }
