"""Reading and writing times and durations the way incident files and messages use them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, tzinfo

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DURATION = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$", re.IGNORECASE)

EXAMPLE_TIME = "2026-11-20T14:05:00Z"

#: The first and last moments a time may name: a day inside what Python's calendar holds, so that
#: every time can be shown in every time zone (offsets stay under a day) and a day's bounds computed.
EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, 23, 59, 59, tzinfo=UTC)


class TimeFormatError(ValueError):
    """A time or duration that cannot be read; the message says what is expected."""


class TimeRangeError(TimeFormatError):
    """Well-formed, but beyond what the calendar can represent."""


def parse_time(text: str, zone: tzinfo) -> datetime:
    """An ISO 8601 time as an aware UTC datetime; a time without a zone is read in `zone`."""
    raw = text.strip()
    if _DATE_ONLY.match(raw):
        raise TimeFormatError(f"'{raw}' has a date but no time of day; write e.g. {raw}T14:05:00Z")
    # YAML allows a space before the offset and lowercase separators; fromisoformat does not.
    normal = re.sub(r"\s+([+-]\d{2}:?\d{2}|Z)$", r"\1", raw, flags=re.IGNORECASE)
    normal = re.sub(r"[zZ]$", "+00:00", normal)
    try:
        parsed = datetime.fromisoformat(normal)
    except ValueError:
        raise TimeFormatError(f"cannot read time '{raw}'; use ISO 8601, e.g. {EXAMPLE_TIME}") from None
    try:
        moment = (parsed if parsed.tzinfo is not None else _local(parsed, zone, raw)).astimezone(UTC)
    except OverflowError:  # e.g. 9999-12-31T23:59:59-01:00 is past the last representable time
        moment = None
    if moment is None or not EARLIEST <= moment <= LATEST:
        raise TimeRangeError(
            f"time '{raw}' is out of range; Balise reads times from {EARLIEST.date()} to {LATEST.date()} UTC"
        )
    return moment


def _local(wall: datetime, zone: tzinfo, raw: str) -> datetime:
    """A wall-clock time in `zone`, refused when the clocks skipped it or showed it twice.

    Read silently, 02:30 on the night clocks go forward became 03:30, and 02:30 on the night
    they go back was one of two moments an hour apart, picked without a word.
    """
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    name = getattr(zone, "key", None) or str(zone)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
        # What it used to be read as: the same distance past the change, in the new offset.
        hint = first.astimezone(UTC).astimezone(zone).isoformat()
        raise TimeFormatError(f"'{raw}' never happened in {name}: the clocks skipped that hour; give the offset, e.g. {hint}")
    readings = " or ".join(f"{reading.isoformat()} ({reading.astimezone(UTC):%H:%M} UTC)" for reading in (first, second))
    raise TimeFormatError(f"'{raw}' happened twice in {name} (the clocks went back an hour): write {readings}")


def parse_duration(text: str) -> timedelta:
    """`90m`, `1h`, `1h30m`, `2d` → timedelta; a bare integer is minutes."""
    raw = str(text).strip()
    if raw.isdigit():
        return timedelta(minutes=int(raw))
    match = _DURATION.match(raw)
    if not raw or not match or not any(match.groups()):
        raise TimeFormatError(f"cannot read duration '{raw}'; use e.g. 30m, 1h, 1h30m or 2d")
    days, hours, minutes = (int(g) if g else 0 for g in match.groups())
    try:
        return timedelta(days=days, hours=hours, minutes=minutes)
    except OverflowError:
        raise TimeRangeError(f"duration '{raw}' is out of range") from None


def iso_utc(moment: datetime) -> str:
    """How files and machines spell a time: `2026-11-20T14:05:00Z`, with four digits for year 1 too
    (strftime's `%Y` does not pad them on every platform)."""
    return moment.astimezone(UTC).replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def format_time(moment: datetime) -> str:
    """A time in messages: `2026-11-20 14:05 UTC`."""
    return iso_utc(moment)[:16].replace("T", " ") + " UTC"


def format_duration(span: timedelta) -> str:
    """A duration in messages: `2d 3h`, `1h 5m`, `40m`."""
    minutes = max(0, int(span.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days}d"] if days else []
    if hours:
        parts.append(f"{hours}h")
    if mins and not days:
        parts.append(f"{mins}m")
    return " ".join(parts) or "0m"


def days_apart(a: date, b: date) -> int:
    return abs((a - b).days)
