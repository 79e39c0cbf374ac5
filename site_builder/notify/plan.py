"""What each channel should hear at `now`, and why: the ledger and the filters decide.

An event is due on a channel when it is newer than the channel's `since` (a first run's
horizon, then the ledger's retention), not settled yet, and passes the channel's filters.
Filtered events are settled too, so a later change of filter or impact never sends old news.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from ..model import Incident
from ..model.notify import IMPACT_ORDER, ChannelFilter, NotifyChannel
from .events import Event
from .ledger import ChannelRecord, Ledger

#: A first run announces nothing older than this, unless told otherwise.
DEFAULT_HORIZON = timedelta(hours=3)
#: A part that failed this many times is dropped and reported.
DEFAULT_MAX_ATTEMPTS = 12


class Action(StrEnum):
    SEND = "send"
    FILTERED = "filtered"
    COVERED = "covered"


@dataclass(frozen=True)
class Decision:
    event: Event
    action: Action
    reason: str = ""
    attempt: int = 1  # which attempt a send is


@dataclass
class ChannelPlan:
    channel: NotifyChannel
    record: ChannelRecord
    first_run: bool
    before_since: int = 0  # events left out as older than the channel's `since`
    decisions: list[Decision] = field(default_factory=list)

    @property
    def sends(self) -> list[Decision]:
        return [d for d in self.decisions if d.action is Action.SEND]


def filtered_out(filters: ChannelFilter, incident: Incident) -> str | None:
    """Why the channel does not hear about `incident`, or None if it does."""
    if incident.kind not in filters.kinds:
        return f"the channel takes {', '.join(k.value for k in filters.kinds)} only"
    if filters.components and not set(incident.affected) & set(filters.components):
        return f"it affects none of {', '.join(filters.components)}"
    below = filters.min_impact is not None and not incident.is_maintenance
    if below and IMPACT_ORDER.index(incident.impact) < IMPACT_ORDER.index(filters.min_impact):
        return f"impact {incident.impact.value} is below {filters.min_impact.value}"
    return None


def plan(channels: tuple[NotifyChannel, ...], events: list[Event], ledger: Ledger, now: datetime, horizon: timedelta) -> list[ChannelPlan]:
    plans = []
    for channel in channels:
        first_run = channel.name not in ledger.channels
        record = ledger.channel(channel.name, first_since=now - horizon)
        result = ChannelPlan(channel, record, first_run)
        due_keys = set()
        for event in events:
            if event.at < record.since:
                result.before_since += 1
                continue
            if record.is_settled(event.key):
                continue
            reason = filtered_out(channel.filters, event.incident)
            if reason:
                result.decisions.append(Decision(event, Action.FILTERED, reason))
                continue
            due_keys.add(event.key)
            failing = record.failing.get(event.key)
            attempt = failing.attempts + 1 if failing else 1
            result.decisions.append(Decision(event, Action.SEND, "", attempt))
        # A message that says everything another one would (a cancellation and its last
        # update) is sent alone.
        covered = {key for d in result.decisions if d.action is Action.SEND for key in d.event.covers if key in due_keys}
        result.decisions = [
            Decision(d.event, Action.COVERED, "said by the cancellation notice") if d.event.key in covered else d
            for d in result.decisions
        ]
        plans.append(result)
    return plans
