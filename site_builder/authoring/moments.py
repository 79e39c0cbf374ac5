"""Times typed on the command line: `now`, `30m`, `+45m`, `-10m` or an ISO 8601 time.

The engineer on call thinks in "in half an hour" and in local wall-clock time; incident
files want UTC. A relative value is measured from `now`; an absolute value without a
zone is read in the site's configured time zone, exactly as the validator reads files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from ..model.times import TimeFormatError, TimeRangeError, iso_utc, parse_duration, parse_time

_NOW_WORDS = frozenset({"now"})
_LOOKS_ABSOLUTE = re.compile(r"^\d{4}-")


@dataclass(frozen=True)
class Moment:
    """A time as typed: either an offset from now or an absolute ISO 8601 text."""

    text: str
    offset: timedelta | None = None  # None: `text` is an absolute time

    def resolve(self, now: datetime, zone: tzinfo) -> datetime:
        """The UTC time this stands for, to the second (files never carry fractions)."""
        try:
            moment = now + self.offset if self.offset is not None else parse_time(self.text, zone)
            return moment.astimezone(UTC).replace(microsecond=0)
        except OverflowError:
            raise TimeFormatError(f"'{self.text}' is too far away") from None


def parse_moment(text: str) -> Moment:
    """Reads `now`, a duration (`30m`, `+1h30m`: from now; `-15m`: ago) or an ISO 8601 time.

    Raises TimeFormatError naming every accepted form.
    """
    raw = text.strip()
    if raw.lower() in _NOW_WORDS:
        return Moment(raw, timedelta(0))
    sign, rest = (-1, raw[1:]) if raw.startswith("-") else (1, raw.removeprefix("+"))
    try:
        return Moment(raw, sign * parse_duration(rest))
    except TimeRangeError:
        raise
    except TimeFormatError:
        pass
    try:
        # Checked now so a typo is a usage error; the zone is only known once the config is read.
        parse_time(raw, UTC)
    except TimeFormatError:
        if _LOOKS_ABSOLUTE.match(raw):
            raise  # parse_time's own message is the precise one for a mistyped date
        raise TimeFormatError(
            f"cannot read time '{raw}'; use now, a duration from now (30m, +1h30m, -15m for 15 minutes ago) "
            "or ISO 8601 (2026-11-20T14:05:00Z, or 2026-11-20T15:05 in the site's time zone)"
        ) from None
    return Moment(raw)


def format_utc(moment: datetime) -> str:
    """How incident files spell a time: `2026-11-20T14:05:00Z`."""
    return iso_utc(moment)
