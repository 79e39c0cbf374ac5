"""Alert payloads as Balise reads them, whatever sent them: groups of alerts with labels."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from ..model.vocabulary import ComponentStatus

FIRING = "firing"
RESOLVED = "resolved"


class PayloadError(ValueError):
    """A payload that is not one Balise can read; the message is one line naming it."""


@dataclass(frozen=True)
class Link:
    """A link from the payload (the alert's rule, dashboard, silence), for the pull request only."""

    label: str
    url: str


@dataclass(frozen=True)
class Alert:
    """One alert of a group. Its labels are untrusted text: they are matched against the rules and
    may be shown (made inert) in reports and the pull request, never written into a draft."""

    status: str  # FIRING or RESOLVED
    labels: dict[str, str]
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    links: tuple[Link, ...] = ()

    @property
    def firing(self) -> bool:
        return self.status == FIRING

    @property
    def name(self) -> str:
        """What reports call it: the alert's name, else its labels."""
        for label in ("alertname", "monitor"):
            if self.labels.get(label):
                return self.labels[label]
        return ", ".join(f"{key}={value}" for key, value in sorted(self.labels.items())) or "(no labels)"


@dataclass(frozen=True)
class AlertGroup:
    """One notification: the alerts of one group, as its sender sees them now."""

    origin: str  # the payload's file name, for reports
    source: str  # one of model.alerting.ALERT_SOURCES
    group_key: str  # the sender's own key for the group (untrusted text)
    alerts: tuple[Alert, ...]
    links: tuple[Link, ...] = ()
    #: Alerts the sender left out (Alertmanager's `truncatedAlerts`).
    truncated: int = 0
    #: A generic payload names its components itself instead of going through the rules.
    components: dict[str, ComponentStatus] | None = None
    #: What a generic payload says the problem is, for the pull request only.
    summary: str | None = None
    #: When the sender saw the group resolve, if it says so (a recovered monitor's heartbeat).
    resolved_at: datetime | None = None

    @property
    def firing(self) -> tuple[Alert, ...]:
        return tuple(alert for alert in self.alerts if alert.firing)

    @property
    def is_resolved(self) -> bool:
        return not self.firing

    @property
    def group_id(self) -> str:
        """`<source>-<12 hex digits>`: names the group in keys and branches whatever its key holds."""
        digest = hashlib.sha256(f"{self.source}\n{self.group_key}".encode("utf-8", "surrogatepass")).hexdigest()
        return f"{self.source}-{digest[:12]}"

    @property
    def start(self) -> datetime | None:
        """The episode's start: the earliest start of the firing alerts."""
        starts = [alert.starts_at for alert in self.firing if alert.starts_at is not None]
        return min(starts) if starts else None

    @property
    def end(self) -> datetime | None:
        """When the group resolved: the latest end its alerts give, if they give one."""
        ends = [alert.ends_at for alert in self.alerts if alert.ends_at is not None and not alert.firing]
        if self.resolved_at is not None:
            ends.append(self.resolved_at)
        return max(ends) if ends else None


@dataclass(frozen=True)
class Notice:
    """A payload that asks for nothing: a test notification, a monitor pending a retry."""

    origin: str
    source: str
    text: str
    test: bool = field(default=False)
