"""What time it is for a build or a check: time is an input, so the same files and the same
`now` give the same output (DESIGN.md)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from ..model.times import EARLIEST, LATEST

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


class ClockError(ValueError):
    """The environment names a moment that cannot be read."""


def resolve_now(now: datetime | None) -> datetime:
    """`--now`, else SOURCE_DATE_EPOCH (reproducible builds), else the clock."""
    if now is not None:
        return now
    epoch = os.environ.get(SOURCE_DATE_EPOCH, "").strip()
    if epoch:
        try:
            seconds = int(epoch)
        except ValueError:
            raise ClockError(f"{SOURCE_DATE_EPOCH} must be a whole number of seconds, not '{epoch}'") from None
        # The reproducible-builds convention counts from 1970; a negative count is a mistake.
        first, last = 0, int(LATEST.timestamp())
        if not first <= seconds <= last:
            raise ClockError(f"{SOURCE_DATE_EPOCH} must be between {first} and {last} seconds, not '{epoch}'")
        return datetime.fromtimestamp(seconds, UTC)
    return datetime.now(UTC)
