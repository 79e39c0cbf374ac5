"""Microsoft Teams, Mattermost, Google Chat, Telegram, Mastodon and ntfy, through Apprise.

Apprise knows these services' APIs and keeps up with them (Teams' Workflows webhooks, ntfy's
headers, Mastodon's media and limits); what it is handed is already safe for the service:
text flattened from the sanitised Markdown, mentions broken with a zero-width space where
the service would obey one (Mattermost `@channel`, Mastodon `@user@host`, Google Chat
`<users/all>`), sent as plain text so that Apprise escapes it for the service's own markup
(Telegram's HTML, Teams' and Google Chat's Markdown). Mattermost renders what it receives
as Markdown, so it gets our Markdown writer's output, every character of text escaped.

A target is read by Apprise itself, in either spelling it accepts (the service's own webhook
URL or Apprise's `scheme://…`), then rewritten as Apprise's URL with our options (no
Apprise icon fetched from a third party, the incident link, the thread).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import apprise

from ...model.notify import ChannelKind
from ..content import Announcement
from ..dialects import Dialect, escape_markdown, neutralise_mentions, one_line, render, shorten
from ..targets import TargetError
from .base import Channel, DeliveryError, Notice, Part
from .chat_blocks import MARKDOWN, mark, plain_body, status_line, text_body

#: Apprise's schemes for each kind; a target Apprise reads as another service is refused.
PROTOCOLS: dict[ChannelKind, frozenset[str]] = {
    ChannelKind.TEAMS: frozenset({"workflow", "workflows"}),
    ChannelKind.MATTERMOST: frozenset({"mmost", "mmosts"}),
    ChannelKind.GOOGLE_CHAT: frozenset({"gchat"}),
    ChannelKind.TELEGRAM: frozenset({"tgram"}),
    ChannelKind.MASTODON: frozenset({"mastodon", "mastodons", "toot", "toots"}),
    ChannelKind.NTFY: frozenset({"ntfy", "ntfys"}),
}
#: Mastodon's length limit, and the length it counts any link as.
TOOT_LIMIT = 500
TOOT_LINK = 23
NTFY_PRIORITY = {0: "default", 1: "default", 2: "default", 3: "high", 4: "high"}
NTFY_TAGS = {0: "white_check_mark", 1: "wrench", 2: "warning", 3: "warning", 4: "rotating_light"}
ZWSP = "\u200b"


@dataclass(frozen=True)
class AppriseMessage:
    url: str  # Apprise's URL with our options: a secret
    title: str
    body: str
    markdown: bool = False  # the body is our Markdown, already escaped: Apprise must not escape it again


def apprise_url(kind: ChannelKind, target: str) -> str:
    """Apprise's canonical URL for the target; TargetError if Apprise reads it as something else."""
    if kind is ChannelKind.MATTERMOST:
        target = _mattermost_webhook(target)
    with _captured_logs():
        plugin = apprise.Apprise.instantiate(target)
    protocols = set()
    if plugin is not None:
        for attribute in ("protocol", "secure_protocol"):
            value = getattr(plugin, attribute, None)
            protocols.update([value] if isinstance(value, str) else list(value or ()))
    if plugin is None or not protocols & PROTOCOLS[kind]:
        raise TargetError(f"malformed target: it is not a {kind.value} URL Apprise can use (see DEPLOY.md)")
    return plugin.url(privacy=False)


def _mattermost_webhook(target: str) -> str:
    """Mattermost shows `https://HOST/hooks/KEY`; Apprise spells it `mmosts://HOST/KEY`."""
    parts = urlsplit(target)
    if parts.scheme != "https" or "/hooks/" not in parts.path:
        return target
    prefix, _, key = parts.path.rpartition("/hooks/")
    return urlunsplit(("mmosts", parts.netloc, f"{prefix}/{key}", parts.query, ""))


def with_options(url: str, options: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(options)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query, quote_via=quote), ""))


class AppriseChannel(Channel):
    def parts(self, notice: Notice) -> list[Part]:
        base = apprise_url(self.spec.kind, self.target.url)
        title, body, options = _compose(self.spec.kind, notice.announcement, self.context.localizer.language)
        markdown = self.spec.kind is ChannelKind.TEAMS
        return [Part("", AppriseMessage(with_options(base, options), title, body, markdown))]

    def deliver(self, part: Part) -> None:
        message: AppriseMessage = part.payload
        sender = apprise.Apprise()
        with _captured_logs() as records:
            if not sender.add(message.url):
                raise DeliveryError("Apprise could not read the target")
            form = apprise.NotifyFormat.MARKDOWN if message.markdown else apprise.NotifyFormat.TEXT
            delivered = sender.notify(body=message.body, title=message.title, body_format=form)
        if not delivered:
            said = [self.target.redact(" ".join(r.getMessage().split())) for r in records if r.levelno >= logging.WARNING]
            reason = said[-1][:300] if said else "the service did not accept the message"
            raise DeliveryError(f"Apprise: {reason}")


def _compose(kind: ChannelKind, a: Announcement, language: str) -> tuple[str, str, dict[str, str]]:
    """Title, body and Apprise options for `kind`."""
    plain = render(a.message, Dialect.PLAIN)
    heading = f"{mark(a)} {a.headline}: {one_line(a.title)}"
    if kind is ChannelKind.MATTERMOST:
        heading_line = f"#### {escape_markdown(heading)}\n"
        return "", heading_line + markdown_body(a), {"image": "no", "botname": one_line(a.site_name)[:60] or "Status"}
    if kind is ChannelKind.MASTODON:
        return "", _toot(a, plain), {"language": language.split("-")[0].split("_")[0]}
    if kind is ChannelKind.GOOGLE_CHAT:
        # `<users/all>` would notify a whole space: a zero-width space after `<` keeps it text.
        body = plain_body(a, plain).replace("<", "<" + ZWSP)
        return heading.replace("<", "<" + ZWSP), body, {"thread": a.thread}
    if kind is ChannelKind.NTFY:
        options = {"image": "no", "priority": NTFY_PRIORITY[a.severity], "tags": NTFY_TAGS[a.severity]}
        if a.url:
            options["click"] = a.url
        return heading, plain_body(a, plain), options
    if kind is ChannelKind.TEAMS:
        # Teams renders Markdown in the card: our Markdown, every text escaped, links ours;
        # sent as Markdown so Apprise does not escape the links again. `<at>` stays text.
        return escape_markdown(heading), markdown_body(a), {"image": "no"}
    return heading, plain_body(a, plain), {}  # Telegram: Apprise escapes both for its HTML mode


def markdown_body(a: Announcement) -> str:
    """The facts and the message in Markdown, every text escaped (Mattermost, Teams)."""
    return text_body(a, render(a.message, Dialect.MARKDOWN), MARKDOWN)


def _toot(a: Announcement, plain: str) -> str:
    """One status of at most 500 characters (Mastodon counts any link as 23): the headline,
    the status, as much of the message as fits, the link. No mention or its notification."""
    head = f"{mark(a)} {a.headline}: {one_line(a.title)}\n{status_line(a)}"
    link = f"\n\n{a.url}" if a.url else ""
    room = TOOT_LIMIT - len(head) - (TOOT_LINK + 2 if a.url else 0) - 2
    body = f"\n\n{shorten(one_line(plain), room)}" if room > 20 and plain else ""
    return neutralise_mentions(shorten(head, TOOT_LIMIT - (TOOT_LINK + 2 if a.url else 0)) + body) + link


class _Records(logging.Handler):
    """Apprise's messages for this thread only, kept instead of printed: they may name a target."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)


@contextmanager
def _captured_logs() -> Iterator[list[logging.LogRecord]]:
    logger = logging.getLogger("apprise")
    handler = _Records()
    # With a handler of its own, Apprise's logger never falls back to printing on stderr.
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
