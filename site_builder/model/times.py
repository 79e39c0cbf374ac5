"""Reading and writing times and durations the way incident files and messages use them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, tzinfo

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DURATION = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$", re.IGNORECASE)

EXAMPLE_TIME = "2026-11-20T14:05:00Z"


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
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # e.g. 9999-12-31T23:59:59-01:00 is past the last representable time
        raise TimeRangeError(f"time '{raw}' is out of range") from None


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


def format_time(moment: datetime) -> str:
    """A time in messages: `2026-11-20 14:05 UTC`."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


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
