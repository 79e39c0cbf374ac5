"""The ledger: per channel, which events are settled (sent, filtered out, dropped) and which
are failing, so that each is announced once and a failure is retried on the next run.

It is a small JSON document, kept where a fresh CI machine finds it (see ledger_store).
Entries older than the retention are pruned and the channel's `since` moves past them, so
the ledger stays small however long the history, and a pruned event can never come back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

FORMAT = "balise-notify-ledger"
VERSION = 1
#: How long an event is remembered; older events are before every channel's `since`.
RETENTION = timedelta(days=14)


class LedgerError(ValueError):
    """The ledger exists but cannot be read: nothing may be sent until it is repaired."""


class Outcome(StrEnum):
    SENT = "sent"
    FILTERED = "filtered"  # the channel's filters leave it out
    COVERED = "covered"  # another event's message said it (a cancellation with its last update)
    DROPPED = "dropped"  # failed as often as allowed


@dataclass
class Settled:
    outcome: Outcome
    event_at: datetime
    at: datetime
    detail: str = ""


@dataclass
class Failing:
    attempts: int
    event_at: datetime
    first_at: datetime
    last_at: datetime
    error: str


@dataclass
class ChannelRecord:
    #: Events before this are never announced on the channel: its first run's horizon, then the retention.
    since: datetime
    settled: dict[str, Settled] = field(default_factory=dict)
    failing: dict[str, Failing] = field(default_factory=dict)

    def is_settled(self, key: str) -> bool:
        return key in self.settled

    def settle(self, key: str, outcome: Outcome, event_at: datetime, at: datetime, detail: str = "") -> None:
        self.failing.pop(key, None)
        self.settled[key] = Settled(outcome, event_at, at, detail)

    def fail(self, key: str, event_at: datetime, at: datetime, error: str) -> Failing:
        previous = self.failing.get(key)
        failing = Failing(
            attempts=(previous.attempts if previous else 0) + 1,
            event_at=event_at,
            first_at=previous.first_at if previous else at,
            last_at=at,
            error=error,
        )
        self.failing[key] = failing
        return failing


@dataclass(frozen=True)
class Lease:
    """A run that is sending: another run finding it leaves the sending to it."""

    holder: str
    since: datetime


#: A lease older than this belongs to a run that crashed: the next run takes over.
LEASE_TTL = timedelta(minutes=15)
#: No run writes a time this far after another run's `now` (runs use their build's moment, a
#: deploy every 10 minutes): a ledger that does holds a mistake, or was written by hand.
FUTURE_LIMIT = timedelta(days=1)


@dataclass
class Ledger:
    channels: dict[str, ChannelRecord] = field(default_factory=dict)
    lease: Lease | None = None

    def held_by_other(self, holder: str, now: datetime) -> Lease | None:
        lease = self.lease
        if lease is None or lease.holder == holder or now - lease.since >= LEASE_TTL:
            return None
        return lease

    @property
    def is_empty(self) -> bool:
        return not self.channels

    def check_times(self, now: datetime) -> None:
        """LedgerError when a time lies past `now` + FUTURE_LIMIT: a channel starting in the
        future would never announce anything, a lease from the future would stop every run,
        both without a word. Such a ledger is refused, loudly, like an unreadable one."""
        limit = now + FUTURE_LIMIT
        late = [
            f"channel '{name}' starts at {_time(record.since)}"
            for name, record in sorted(self.channels.items())
            if record.since > limit
        ]
        if self.lease is not None and self.lease.since > limit:
            late.append(f"a lease is held since {_time(self.lease.since)}")
        if late:
            raise LedgerError(f"it dates things after now ({_time(now)}): {'; '.join(late)}; nothing would ever be sent")

    def channel(self, name: str, first_since: datetime) -> ChannelRecord:
        """The channel's record; a channel never seen starts at `first_since` (now − horizon)."""
        if name not in self.channels:
            self.channels[name] = ChannelRecord(since=first_since)
        return self.channels[name]

    def prune(self, now: datetime, retention: timedelta = RETENTION) -> None:
        floor = now - retention
        for record in self.channels.values():
            record.since = max(record.since, floor)
            record.settled = {k: v for k, v in record.settled.items() if v.event_at >= record.since}
            record.failing = {k: v for k, v in record.failing.items() if v.event_at >= record.since}

    def merge(self, other: Ledger) -> Ledger:
        """Both ledgers' knowledge, for two runs that wrote at once: what either settled stays
        settled (never sent twice), the higher attempt count wins."""
        merged = Ledger({name: _copy(record) for name, record in self.channels.items()}, self.lease)
        for name, theirs in other.channels.items():
            mine = merged.channels.get(name)
            if mine is None:
                merged.channels[name] = _copy(theirs)
                continue
            mine.since = min(mine.since, theirs.since)
            for key, settled in theirs.settled.items():
                if key not in mine.settled or settled.outcome is Outcome.SENT:
                    mine.settled[key] = settled
            for key, failing in theirs.failing.items():
                if key in mine.settled:
                    continue
                if key not in mine.failing or failing.attempts > mine.failing[key].attempts:
                    mine.failing[key] = failing
            mine.failing = {k: v for k, v in mine.failing.items() if k not in mine.settled}
        return merged

    # -- JSON ----------------------------------------------------------------------------

    def to_json(self) -> bytes:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "lease": {"holder": self.lease.holder, "since": _time(self.lease.since)} if self.lease else None,
            "channels": {
                name: {
                    "since": _time(record.since),
                    "settled": {
                        key: {"outcome": s.outcome.value, "event_at": _time(s.event_at), "at": _time(s.at), **({"detail": s.detail} if s.detail else {})}
                        for key, s in sorted(record.settled.items())
                    },
                    "failing": {
                        key: {
                            "attempts": f.attempts,
                            "event_at": _time(f.event_at),
                            "first_at": _time(f.first_at),
                            "last_at": _time(f.last_at),
                            "error": f.error,
                        }
                        for key, f in sorted(record.failing.items())
                    },
                }
                for name, record in sorted(self.channels.items())
            },
        }
        return (json.dumps(document, indent=1, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Ledger:
        try:
            document = json.loads(data.decode("utf-8"))
            if not isinstance(document, dict) or document.get("format") != FORMAT:
                raise LedgerError("it is not a Balise notification ledger")
            if document.get("version") != VERSION:
                raise LedgerError(f"ledger version {document.get('version')!r} is not {VERSION}; upgrade Balise")
            channels = {}
            for name, record in document["channels"].items():
                channels[str(name)] = ChannelRecord(
                    since=_parse(record["since"]),
                    settled={
                        str(k): Settled(Outcome(v["outcome"]), _parse(v["event_at"]), _parse(v["at"]), str(v.get("detail", "")))
                        for k, v in record["settled"].items()
                    },
                    failing={
                        str(k): Failing(
                            int(v["attempts"]), _parse(v["event_at"]), _parse(v["first_at"]), _parse(v["last_at"]), str(v["error"])
                        )
                        for k, v in record["failing"].items()
                    },
                )
            lease = document.get("lease")
            held = Lease(str(lease["holder"]), _parse(lease["since"])) if lease else None
            return cls(channels, held)
        except LedgerError:
            raise
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
            raise LedgerError(f"it is not valid JSON ({type(error).__name__})") from None
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise LedgerError(f"an entry is malformed ({type(error).__name__}: {error})") from None


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(text: Any) -> datetime:
    if not isinstance(text, str):
        raise TypeError(f"expected a time, found {type(text).__name__}")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time without a zone: {text}")
    return moment.astimezone(UTC)


def _copy(record: ChannelRecord) -> ChannelRecord:
    return ChannelRecord(record.since, dict(record.settled), dict(record.failing))
