"""Uptime Kuma's webhook: `{heartbeat, monitor, msg}`, one monitor per notification.

A heartbeat's `status` is 0 (down), 1 (up), 2 (pending: failing, retries left) or 3 (in a
maintenance Kuma knows of). Down opens or keeps an episode; up resolves it; pending and
maintenance ask for nothing. Its `time` is UTC without a zone. Kuma's "Test" button sends
`heartbeat: null, monitor: null` and a `msg` ending in "Testing". The monitor's name, id and
type are the labels rules match (`monitor`, `monitor_id`, `monitor_type`); its address is not
read (it may be an internal host).
"""

from __future__ import annotations

from typing import Any

from .fields import Fields, shown
from .model import FIRING, RESOLVED, Alert, AlertGroup, Notice

DOWN, UP, PENDING, MAINTENANCE = 0, 1, 2, 3


def read(origin: str, data: Any, source: str) -> AlertGroup | Notice:
    payload = Fields(origin, data, "")
    if data.get("heartbeat") is None and data.get("monitor") is None:
        return Notice(origin, source, "Uptime Kuma's test notification: nothing opened", test=True)
    heartbeat = payload.obj("heartbeat")
    monitor = payload.obj("monitor")
    assert heartbeat is not None and monitor is not None
    ident = monitor.integer("id")
    name = monitor.text("name", limit=500) or ""
    kind = monitor.text("type", required=False, limit=100) or ""
    status = heartbeat.integer("status")
    if status in (PENDING, MAINTENANCE):
        what = "pending (retrying)" if status == PENDING else "in maintenance"
        return Notice(origin, source, f"monitor '{shown(name)}' is {what}: nothing to do")
    if status not in (DOWN, UP):
        raise heartbeat.fail("status", f"must be 0 (down), 1 (up), 2 (pending) or 3 (maintenance), not {status}")
    at = heartbeat.time("time")
    labels = {"monitor": name, "monitor_id": str(ident), "monitor_type": kind}
    if status == DOWN:
        alert = Alert(FIRING, labels, starts_at=at)
        return AlertGroup(origin, source, f"monitor/{ident}", (alert,))
    alert = Alert(RESOLVED, labels, ends_at=at)
    return AlertGroup(origin, source, f"monitor/{ident}", (alert,), resolved_at=at)


def looks_like(data: Any) -> bool:
    return isinstance(data, dict) and "msg" in data and ("heartbeat" in data or "monitor" in data)

