"""Sending what the plans say, channel by channel, and writing down what happened.

Channels are independent: each runs in its own thread, so a slow or failing receiver neither
stops nor delays the others. Within a channel, notices go out oldest first; the first failure
stops that channel for this run (the rest wait, uncounted, so readers never get an update
before the one it follows), and is retried on the next run until it succeeds or has failed
`max_attempts` times, when it is dropped and reported.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from ..model import SiteConfig
from ..outputs.i18n import Localizer
from .channels.base import Channel, Context, DeliveryError, Notice, Part
from .content import announce
from .events import Event
from .ledger import Outcome
from .plan import Action, ChannelPlan
from .prepare import Ready


@dataclass
class ChannelReport:
    name: str
    kind: str
    sent: list[str] = field(default_factory=list)
    filtered: int = 0
    covered: int = 0
    failed: list[tuple[str, str, int]] = field(default_factory=list)  # key, error, attempts so far
    dropped: list[tuple[str, str]] = field(default_factory=list)
    waiting: int = 0  # sends left for the next run after a failure

    @property
    def ok(self) -> bool:
        return not self.failed and not self.dropped


def localizer_for(config: SiteConfig, language: str | None) -> Localizer:
    return Localizer.for_site(language or config.language, config.timezone)


def send_all(
    plans: list[ChannelPlan],
    ready: dict[str, Ready],
    context: Context,
    now: datetime,
    max_attempts: int,
) -> list[ChannelReport]:
    jobs = [(p, ready[p.channel.name]) for p in plans if p.channel.name in ready]
    if not jobs:
        return []
    with ThreadPoolExecutor(max_workers=min(len(jobs), 16), thread_name_prefix="notify") as pool:
        futures = [pool.submit(_send_channel, p, r, context, now, max_attempts) for p, r in jobs]
        return [f.result() for f in futures]


def _send_channel(plan: ChannelPlan, ready: Ready, context: Context, now: datetime, max_attempts: int) -> ChannelReport:
    spec = plan.channel
    report = ChannelReport(spec.name, spec.kind.value)
    record = plan.record
    local = Context(context.config, context.now, context.overall, localizer_for(context.config, spec.language))
    channel = ready.open(local)
    try:
        stopped = False
        for decision in plan.decisions:
            event = decision.event
            if decision.action is Action.FILTERED:
                record.settle(event.key, Outcome.FILTERED, event.at, now, decision.reason)
                report.filtered += 1
                continue
            if decision.action is Action.COVERED:
                record.settle(event.key, Outcome.COVERED, event.at, now, decision.reason)
                report.covered += 1
                continue
            if stopped:
                report.waiting += 1
                continue
            stopped = not _send_event(channel, decision.event, plan, report, now, max_attempts)
    finally:
        channel.close()
    return report


def _send_event(
    channel: Channel, event: Event, plan: ChannelPlan, report: ChannelReport, now: datetime, max_attempts: int
) -> bool:
    """Deliver every part of the event; False when one failed and may be retried later."""
    record = plan.record
    notice = Notice(announce(event, channel.context.config, channel.context.localizer), event)
    try:
        parts = channel.parts(notice)
    except Exception as error:  # noqa: BLE001 - one channel's failure never stops the others
        parts = [Part("", _Unbuildable(unexpected(error, channel)))]
    complete = True
    for part in parts:
        key = event.key + part.suffix
        if part.suffix and record.is_settled(key):
            continue  # delivered on an earlier run; only what failed is sent again
        try:
            deliver_part(channel, part)
        except DeliveryError as error:
            failing = record.fail(key, event.at, now, str(error))
            if failing.attempts >= max_attempts:
                record.settle(key, Outcome.DROPPED, event.at, now, str(error))
                report.dropped.append((key, str(error)))
                complete = False
                continue
            report.failed.append((key, str(error), failing.attempts))
            return False
        if part.suffix:
            record.settle(key, Outcome.SENT, event.at, now)
    record.settle(event.key, Outcome.SENT if complete else Outcome.DROPPED, event.at, now)
    if complete:
        report.sent.append(event.key)
    for covered in event.covers:
        if not record.is_settled(covered):
            record.settle(covered, Outcome.COVERED, event.at, now, f"said by {event.key}")
    return True


@dataclass(frozen=True)
class _Unbuildable:
    """A notice the channel could not even compose: its delivery fails with this reason."""

    reason: str


def unexpected(error: Exception, channel: Channel) -> str:
    """A failure no channel anticipated (a library's own bug or limit), as a reason that names its
    kind and never its text: a library's message may quote the target, which is a secret."""
    return channel.target.redact(f"unexpected error ({type(error).__name__}); please report it")


def deliver_part(channel: Channel, part: Part) -> None:
    """Deliver one part; every failure, anticipated or not, is a DeliveryError with a redacted reason."""
    if isinstance(part.payload, _Unbuildable):
        raise DeliveryError(part.payload.reason)
    try:
        channel.deliver(part)
    except DeliveryError:
        raise
    except Exception as error:  # noqa: BLE001 - recorded and retried like any failure
        raise DeliveryError(unexpected(error, channel)) from None
