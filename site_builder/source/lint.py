"""Warnings about valid incidents that readers would still be let down by.

They depend on `now`, so they are kept apart from validation: the same files are
valid at any time, but a promise of a next update can become overdue.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ..model import Incident, SiteConfig
from ..model.times import format_duration, format_time
from .problems import Problem, Severity, display_path
from .validate import file_name_date


def _warning(incident: Incident, line: int, message: str) -> Problem:
    return Problem(display_path(incident.path), line, message, Severity.WARNING)


def overdue_promise(incident: Incident, now: datetime) -> Problem | None:
    if incident.is_resolved or incident.next_update is None or incident.next_update >= now:
        return None
    line = incident.lines.get("next_update", 1)
    if incident.last_update_at >= incident.next_update:
        # The promise was kept, but readers still see a time in the past as the next update.
        return _warning(
            incident,
            line,
            f"'next_update' ({format_time(incident.next_update)}) is in the past although an update followed it; "
            "set the next promise or remove the key",
        )
    late = format_duration(now - incident.next_update)
    return _warning(
        incident,
        line,
        f"the next update was promised for {format_time(incident.next_update)}, {late} ago; "
        "post an update or move 'next_update'",
    )


def stale(incident: Incident, now: datetime, config: SiteConfig) -> Problem | None:
    """An open incident left silent too long; a promise still in the future excuses it."""
    if incident.is_maintenance or incident.is_resolved:
        return None
    if incident.next_update is not None and incident.next_update >= now:
        return None
    silence = now - incident.last_update_at
    if silence <= config.thresholds.stale_update:
        return None
    return _warning(
        incident,
        incident.updates[-1].line,
        f"no update for {format_duration(silence)} on an unresolved incident "
        f"(threshold {format_duration(config.thresholds.stale_update)}); post an update, even to say nothing changed",
    )


def file_date_drift(incident: Incident, config: SiteConfig) -> Problem | None:
    named = file_name_date(incident.path.name)
    if named is None:
        return None
    limit = config.thresholds.file_date_drift.days
    moments = [incident.first_posted_at, incident.started_at] + ([incident.scheduled_for] if incident.scheduled_for else [])
    days = [abs((m.astimezone(config.timezone).date() - named).days) for m in moments]
    if min(days) <= limit:
        return None
    first = incident.first_posted_at.astimezone(config.timezone).date()
    return _warning(
        incident,
        1,
        f"the file name's date ({named.isoformat()}) is {days[0]} days from the first update "
        f"({first.isoformat()}); name the file after the day the incident started",
    )


def future_updates(incident: Incident, now: datetime) -> Iterable[Problem]:
    for update in incident.updates:
        if update.at > now:
            yield _warning(
                incident,
                update.line,
                f"update dated in the future ({format_time(update.at)}); check its time zone",
            )


def lint(incidents: Iterable[Incident], config: SiteConfig, now: datetime) -> list[Problem]:
    problems: list[Problem] = []
    for incident in incidents:
        found = [overdue_promise(incident, now), stale(incident, now, config), file_date_drift(incident, config)]
        problems.extend(p for p in found if p is not None)
        problems.extend(future_updates(incident, now))
    return sorted(problems)
