"""One `balise notify` run: the project at `now`, the ledger, the plans, the sends, the ledger again.

Nothing is sent unless everything needed is in order first: the project loads without error,
every channel's target is set and well-formed, and the ledger could be read. A run that finds
nothing to do writes nothing.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..engine.status import snapshot
from ..model import Incident, SiteConfig
from ..source.problems import Problem
from .channels.base import Context, DeliveryError, Notice
from .content import test_announcement
from .dialects import one_line
from .events import events
from .ledger import Lease, Ledger, LedgerError
from .ledger_store import LedgerStore
from .plan import Action, ChannelPlan, plan
from .prepare import Ready, prepare
from .run import ChannelReport, deliver_part, localizer_for, send_all, unexpected

Echo = Callable[[str], None]


class NotifyError(Exception):
    """The run cannot start: problems to print, nothing sent."""

    def __init__(self, problems: list[Problem] | None = None, message: str = "") -> None:
        self.problems = problems or []
        self.message = message
        super().__init__(message or "\n".join(map(str, self.problems)))


@dataclass
class Outcome:
    reports: list[ChannelReport] = field(default_factory=list)
    busy: Lease | None = None  # another run was sending: this one sent nothing

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.reports)


@dataclass(frozen=True)
class Settings:
    horizon: timedelta
    max_attempts: int


class Notifier:
    def __init__(
        self, config: SiteConfig, incidents: tuple[Incident, ...], now: datetime, config_shown: str,
        environ: Mapping[str, str] | None = None,
    ) -> None:  # fmt: skip
        self.config = config
        self.incidents = incidents
        self.now = now
        environment = os.environ if environ is None else environ
        self.ready, problems = prepare(config.notify, environment, config_shown)
        if problems:
            raise NotifyError(problems)
        self.context = Context(config, now, snapshot(config, incidents, now).overall, localizer_for(config, None))

    def plans(self, ledger: Ledger, settings: Settings) -> list[ChannelPlan]:
        """What each channel would do; LedgerError when the ledger's times cannot be believed."""
        ledger.check_times(self.now)
        return plan(self.config.notify, events(self.incidents, self.now), ledger, self.now, settings.horizon)

    def run(self, store: LedgerStore, settings: Settings) -> Outcome:
        ledger = store.load()
        plans = self.plans(ledger, settings)
        if not any(p.decisions for p in plans):
            return Outcome()
        me = f"run-{uuid.uuid4().hex[:12]}"
        busy = ledger.held_by_other(me, self.now)
        if busy is not None:
            return Outcome(busy=busy)
        ledger.lease = Lease(me, self.now)
        ledger = store.save(ledger, f"balise notify: {me} starts sending")
        if ledger.lease is None or ledger.lease.holder != me:
            return Outcome(busy=ledger.lease)
        # The ledger may have been merged with another run's: plan again from what it holds.
        plans = self.plans(ledger, settings)
        reports: list[ChannelReport] = []
        try:
            reports = send_all(plans, self.ready, self.context, self.now, settings.max_attempts)
        finally:
            ledger.lease = None
            ledger.prune(self.now)
            store.save(ledger, _summary(reports))
        return Outcome(reports)

    def test(self, name: str) -> str | None:
        """Send a test message on channel `name`; the reason it failed, or None."""
        ready: Ready = self.ready[name]
        localizer = localizer_for(self.config, ready.spec.language)
        context = Context(self.config, self.now, self.context.overall, localizer)
        channel = ready.open(context)
        try:
            for part in channel.parts(Notice(test_announcement(self.config, localizer, self.now), None)):
                deliver_part(channel, part)
        except DeliveryError as error:
            return str(error)
        except Exception as error:  # noqa: BLE001 - composing the test message failed: say so, redacted
            return unexpected(error, channel)
        finally:
            channel.close()
        return None


def _summary(reports: list[ChannelReport]) -> str:
    sent = sum(len(r.sent) for r in reports)
    failed = sum(len(r.failed) + len(r.dropped) for r in reports)
    return f"balise notify: {sent} sent, {failed} failed"


def describe_plans(plans: list[ChannelPlan], echo: Echo) -> None:
    """What `--dry-run` prints: per channel, each event and what would happen to it, and why."""
    for channel_plan in plans:
        spec = channel_plan.channel
        header = f"{spec.name} ({spec.kind.value})"
        if channel_plan.first_run:
            header += f": first run, nothing before {channel_plan.record.since:%Y-%m-%d %H:%M} UTC is announced"
        echo(header)
        for decision in channel_plan.decisions:
            event = decision.event
            title = one_line(event.incident.title)
            what = f"{event.kind.value.replace('_', ' ')}, {event.at:%Y-%m-%d %H:%M} UTC: {title}"
            if decision.action is Action.SEND:
                retry = f" (attempt {decision.attempt}, last failure: {channel_plan.record.failing[event.key].error})" if decision.attempt > 1 else ""
                echo(f"  send     {event.key}  {what}{retry}")
            elif decision.action is Action.FILTERED:
                echo(f"  filter   {event.key}  {what}: {decision.reason}")
            else:
                echo(f"  skip     {event.key}  {what}: {decision.reason}")
        if not channel_plan.decisions:
            echo("  nothing new")
        if channel_plan.before_since:
            echo(f"  ({channel_plan.before_since} older event(s) are before this channel's horizon)")


__all__ = ["LedgerError", "Notifier", "NotifyError", "Outcome", "Settings", "describe_plans"]
