"""Every channel made ready before anything is sent: its target expanded from the
environment and checked, or a problem naming mkdocs.yml and the target's line.

Problems are collected for all channels at once; one problem anywhere means nothing is sent
anywhere (a half-configured deploy announces on no channel rather than on some).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model.notify import ChannelKind, NotifyChannel
from ..source.problems import Problem
from .channels.base import Channel, Context
from .channels.discord import DiscordChannel
from .channels.email import EmailChannel
from .channels.slack import SlackChannel
from .channels.via_apprise import PROTOCOLS, AppriseChannel, apprise_url
from .channels.webhook import WebhookChannel
from .targets import ExpandedTarget, TargetError, expand

CLASSES: dict[ChannelKind, type[Channel]] = {
    ChannelKind.SLACK: SlackChannel,
    ChannelKind.DISCORD: DiscordChannel,
    ChannelKind.EMAIL: EmailChannel,
    ChannelKind.WEBHOOK: WebhookChannel,
    **{kind: AppriseChannel for kind in PROTOCOLS},
}


@dataclass(frozen=True)
class Ready:
    spec: NotifyChannel
    target: ExpandedTarget

    def open(self, context: Context) -> Channel:
        return CLASSES[self.spec.kind](self.spec, self.target, context)


def prepare(
    channels: tuple[NotifyChannel, ...], environ: Mapping[str, str], config_shown: str
) -> tuple[dict[str, Ready], list[Problem]]:
    ready: dict[str, Ready] = {}
    problems: list[Problem] = []
    for channel in channels:
        try:
            target = expand(channel, environ)
            if channel.kind in PROTOCOLS:
                apprise_url(channel.kind, target.url)
        except TargetError as error:
            problems.append(Problem(config_shown, channel.target_line, f"notify channel '{channel.name}': {error}"))
            continue
        ready[channel.name] = Ready(channel, target)
    return ready, problems


