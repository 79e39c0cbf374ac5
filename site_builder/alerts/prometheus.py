"""The Alertmanager webhook payload (`version: "4"`), which Grafana's unified alerting sends too
(`version: "1"`, with extra fields; Grafana with a Mimir-style Alertmanager sends `"4"`).

Alertmanager sends one group per notification, with every alert of the group as it stands: those
still firing and those resolved since the last notification. So each payload is the whole truth
about its group, and a payload that went missing costs nothing but the steps in between. A
resolved alert may still carry the zero `endsAt`: "resolved" is read from `status`, never from
`endsAt`. Grafana's top-level `state` and `title` are not read; they can disagree with `status`.
"""

from __future__ import annotations

from typing import Any

from .fields import Fields
from .model import FIRING, RESOLVED, Alert, AlertGroup, Link, Notice

#: A group is a handful of alerts; Alertmanager's own `max_alerts` is usually far below this.
MAX_ALERTS = 1000
#: Grafana's "Test" button sends this alert, whatever the contact point.
GRAFANA_TEST_LABELS = {"alertname": "TestAlert", "instance": "Grafana"}
_ALERT_LINKS = (
    ("generatorURL", "rule"),
    ("dashboardURL", "dashboard"),
    ("panelURL", "panel"),
    ("silenceURL", "silence"),
)


def read(origin: str, data: Any, source: str) -> AlertGroup | Notice:
    payload = Fields(origin, data, "")
    group_key = payload.text("groupKey", limit=5_000)
    assert group_key is not None
    payload.choice("status", (FIRING, RESOLVED))
    alerts = tuple(_alert(origin, item, index) for index, item in enumerate(payload.items("alerts", MAX_ALERTS)))
    if not alerts:  # never sent by Alertmanager; read as "resolved" it would close a draft
        return Notice(origin, source, "no alerts in the payload: nothing to do")
    if alerts and all(alert.labels == GRAFANA_TEST_LABELS for alert in alerts):
        return Notice(origin, source, "Grafana's test notification: nothing opened", test=True)
    links = tuple(link for link in [payload.link("externalURL", source)] if link is not None)
    truncated = payload.integer("truncatedAlerts", required=False) or 0
    return AlertGroup(origin, source, group_key, alerts, links, truncated=max(truncated, 0))


def _alert(origin: str, item: Any, index: int) -> Alert:
    fields = Fields(origin, item, f"alerts[{index}]")
    status = fields.choice("status", (FIRING, RESOLVED))
    links: list[Link] = []
    for key, label in _ALERT_LINKS:
        link = fields.link(key, label)
        if link is not None:
            links.append(link)
    return Alert(
        status=status,
        labels=fields.labels("labels"),
        starts_at=fields.time("startsAt", required=status == FIRING),
        ends_at=fields.time("endsAt", required=False),
        links=tuple(links),
    )
