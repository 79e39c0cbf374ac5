"""The 90-day uptime chart of a component, computed at build time.

The browser downloads no history: each day becomes one element of the page, its colour
class derived from the worst status of the day and its text saying the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.vocabulary import ComponentStatus
from .status import UPTIME_DAYS, DayUptime, Snapshot, uptime_percentage

#: Short CSS class per status: the home page repeats it 90 times per component.
STATUS_CODES: dict[ComponentStatus, str] = {
    ComponentStatus.OPERATIONAL: "op",
    ComponentStatus.DEGRADED_PERFORMANCE: "dg",
    ComponentStatus.PARTIAL_OUTAGE: "po",
    ComponentStatus.MAJOR_OUTAGE: "mo",
    ComponentStatus.UNDER_MAINTENANCE: "um",
}


@dataclass(frozen=True)
class UptimeChart:
    component_id: str
    days: tuple[DayUptime, ...]
    #: Uptime over the whole window, weighted by the time each day covers.
    percentage: float
    #: Uptime over the last RECENT_DAYS days: what a phone, which shows only those bars, says.
    recent_percentage: float


#: The days a phone shows: wide enough bars to pick with a finger.
RECENT_DAYS = 30


def uptime_chart(snapshot: Snapshot, component_id: str, days: int = UPTIME_DAYS) -> UptimeChart:
    bars = snapshot.uptime(component_id, days)
    zone, now = snapshot.config.timezone, snapshot.now
    return UptimeChart(
        component_id, bars, uptime_percentage(bars, zone, now), uptime_percentage(bars[-RECENT_DAYS:], zone, now)
    )


def status_code(status: ComponentStatus) -> str:
    return STATUS_CODES[status]
