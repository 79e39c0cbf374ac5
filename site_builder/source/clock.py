"""What time it is for a build or a check: time is an input, so the same files and the same
`now` give the same output (DESIGN.md)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

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
            return datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise ClockError(f"{SOURCE_DATE_EPOCH} must be a whole number of seconds, not '{epoch}'") from None
    return datetime.now(UTC)
