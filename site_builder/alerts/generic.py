"""Balise's own alert JSON, for senders without a format of their own (Datadog's templated
webhook, a script): `key`, `status`, `components`, and optionally `summary`, `started_at`, `url`.

    {"key": "checkout-latency", "status": "firing", "components": {"api": "partial_outage"},
     "summary": "p99 latency over 2 s", "started_at": "2026-11-20T14:02:00Z"}

The sender names the components and their status itself, so no rule is needed; the ids are
checked against the catalog like a rule's. `resolved` needs only `key` and `status`.
"""

from __future__ import annotations

from typing import Any

from ..model.alerting import FIRING_STATUSES
from ..model.vocabulary import ComponentStatus
from ..source.suggest import did_you_mean
from .fields import Fields, shown
from .model import FIRING, RESOLVED, Alert, AlertGroup, PayloadError

KEYS = ("key", "status", "components", "summary", "started_at", "url")
_FIRING = tuple(status.value for status in FIRING_STATUSES)


def read(origin: str, data: Any, source: str) -> AlertGroup:
    payload = Fields(origin, data, "")
    for name in data:
        if name not in KEYS:
            hint = did_you_mean(str(name), KEYS)
            raise PayloadError(f"{origin}: unknown key '{shown(str(name))}' in a generic payload{hint} (known: {', '.join(KEYS)})")
    key = payload.text("key", limit=500)
    if not key or not key.strip():
        raise payload.fail("key", "is empty")
    status = payload.choice("status", (FIRING, RESOLVED))
    started = payload.time("started_at", required=False)
    components = _components(payload) if status == FIRING or "components" in data else {}
    summary = payload.text("summary", required=False, limit=2_000)
    link = payload.link("url", "alert")
    alert = Alert(status, {"key": key}, starts_at=started, links=(link,) if link else ())
    return AlertGroup(origin, source, key, (alert,), components=components, summary=summary)


def _components(payload: Fields) -> dict[str, ComponentStatus]:
    value = payload.data.get("components")
    if not isinstance(value, dict) or not value:
        raise payload.fail("components", "must name the affected components and their status, e.g. {\"api\": \"partial_outage\"}")
    result: dict[str, ComponentStatus] = {}
    for ident, status in value.items():
        if not isinstance(status, str) or status not in _FIRING:
            raise payload.fail("components", f"gives '{shown(str(ident))}' the status '{shown(str(status))}'; use one of {', '.join(_FIRING)}")
        result[ident] = ComponentStatus(status)
    return result


def looks_like(data: Any) -> bool:
    return isinstance(data, dict) and "key" in data and "status" in data
