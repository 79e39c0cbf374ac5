"""What the alert rules of mkdocs.yml say, and how an incident file remembers the alert episode
it was drafted for (its `alert:` key)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocabulary import ComponentStatus, Impact

#: Where a payload comes from; part of every episode key.
ALERT_SOURCES = ("alertmanager", "grafana", "uptime-kuma", "generic")

#: An episode key: the source, 12 hex digits naming the group, the episode's start in UTC.
KEY_PATTERN = re.compile(r"^(alertmanager|grafana|uptime-kuma|generic)-[0-9a-f]{12}-\d{8}t\d{6}z$")

#: The statuses a rule may give a component while its alerts fire: an alert says something is
#: wrong, so neither `operational` nor a maintenance status makes sense there.
FIRING_STATUSES: tuple[ComponentStatus, ...] = (
    ComponentStatus.DEGRADED_PERFORMANCE,
    ComponentStatus.PARTIAL_OUTAGE,
    ComponentStatus.MAJOR_OUTAGE,
)


@dataclass(frozen=True)
class AlertRule:
    """One entry of `alerts:`: the labels an alert must carry, and what it means for the page."""

    #: Label name → value; every pair must be equal. Empty: the rule matches every alert.
    match: tuple[tuple[str, str], ...]
    components: dict[str, ComponentStatus]
    impact: Impact | None = None
    title: str | None = None
    #: Where the rule starts in mkdocs.yml (1-based), for reports naming it.
    line: int = 0
    #: The rule's place in the list (1-based): the first matching rule wins.
    position: int = 0

    def matches(self, labels: dict[str, str]) -> bool:
        return all(labels.get(name) == value for name, value in self.match)


@dataclass(frozen=True)
class AlertOrigin:
    """An incident drafted from an alert: the `alert:` mapping of its front-matter.

    It is how `balise alert` finds the incident again for the next payload of the same episode;
    it is never published (no page, feed or API shows it).
    """

    source: str
    #: `<source>-<group digest>-<episode start, UTC, to the second>`, e.g.
    #: `alertmanager-4b1c9d2e0f3a-20200206t001758z`; also the branch name after `alert/`.
    key: str

    @property
    def group(self) -> str:
        """`<source>-<group digest>`: the same for every episode of one alert group."""
        return self.key.rsplit("-", 1)[0]
