"""Notification channels as declared in the `notify:` list of the `balise` block.

A channel's target is kept as written, `${VAR}` references unexpanded: secrets live in the
environment of the step that sends, never in the config, and nothing here ever holds one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from .vocabulary import Impact, Kind


class ChannelKind(StrEnum):
    SLACK = "slack"
    TEAMS = "teams"
    DISCORD = "discord"
    MATTERMOST = "mattermost"
    GOOGLE_CHAT = "google_chat"
    TELEGRAM = "telegram"
    MASTODON = "mastodon"
    NTFY = "ntfy"
    EMAIL = "email"
    WEBHOOK = "webhook"


#: What readers see for a channel in the Subscribe menu when the config names no `public_name`.
KIND_NAMES: dict[ChannelKind, str] = {
    ChannelKind.SLACK: "Slack",
    ChannelKind.TEAMS: "Microsoft Teams",
    ChannelKind.DISCORD: "Discord",
    ChannelKind.MATTERMOST: "Mattermost",
    ChannelKind.GOOGLE_CHAT: "Google Chat",
    ChannelKind.TELEGRAM: "Telegram",
    ChannelKind.MASTODON: "Mastodon",
    ChannelKind.NTFY: "ntfy",
    ChannelKind.EMAIL: "Email",
    ChannelKind.WEBHOOK: "Webhook",
}

#: Impacts from the mildest; `min_impact` keeps an incident whose impact is at or above it.
IMPACT_ORDER: tuple[Impact, ...] = (Impact.NONE, Impact.MINOR, Impact.MAJOR, Impact.CRITICAL)


@dataclass(frozen=True)
class ChannelFilter:
    """Which incidents a channel hears about; the defaults let everything through."""

    components: tuple[str, ...] = ()  # empty: every component, and incidents naming none
    kinds: tuple[Kind, ...] = (Kind.INCIDENT, Kind.MAINTENANCE)
    min_impact: Impact | None = None  # incidents only: maintenance has no comparable impact


@dataclass(frozen=True)
class EmailAddressing:
    """Who an email channel writes as, and to whom: addresses, not secrets, so they live in the config."""

    sender: str
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class NotifyChannel:
    name: str  # an id: lowercase letters, digits, hyphens; `balise notify --test NAME` and the ledger use it
    kind: ChannelKind
    target: str  # as written, e.g. "${SLACK_WEBHOOK_URL}" or "smtps://${SMTP_USER}:${SMTP_PASSWORD}@smtp.example.com"
    filters: ChannelFilter = field(default_factory=ChannelFilter)
    language: str | None = None  # None: the site's language
    public_url: str | None = None  # where readers can follow it; listed in the Subscribe menu
    public_name: str | None = None
    email: EmailAddressing | None = None
    line: int = 0  # where the channel starts in mkdocs.yml
    target_line: int = 0


#: `${NAME}` in a target: an environment variable's name as POSIX shells accept it.
VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def target_variables(target: str) -> tuple[str, ...]:
    """The environment variables a target refers to, in order, each once."""
    return tuple(dict.fromkeys(VARIABLE.findall(target)))


def target_literal(target: str) -> str:
    """The target with every reference removed: what is written in the config itself."""
    return VARIABLE.sub("", target)


#: URL schemes a target of each kind may have once expanded: the service's own webhook URL
#: (https) or, for services reached through Apprise, Apprise's scheme for it.
KIND_SCHEMES: dict[ChannelKind, tuple[str, ...]] = {
    ChannelKind.SLACK: ("https", "slack"),
    ChannelKind.TEAMS: ("https", "workflow", "workflows"),
    ChannelKind.DISCORD: ("https", "discord"),
    ChannelKind.MATTERMOST: ("mmost", "mmosts", "https"),
    ChannelKind.GOOGLE_CHAT: ("https", "gchat"),
    ChannelKind.TELEGRAM: ("tgram",),
    ChannelKind.MASTODON: ("mastodon", "mastodons", "toot", "toots"),
    ChannelKind.NTFY: ("ntfy", "ntfys", "https", "http"),
    ChannelKind.EMAIL: ("smtp", "smtps", "smtp+plain"),
    ChannelKind.WEBHOOK: ("https", "http"),
}
