"""A webhook whose body has the shape of Statuspage's webhook payload, written by us.

Receivers built for Statuspage (chat integrations, incident tools, status aggregators) read
`incident.name`, `incident.status`, `incident.incident_updates[0].body`, `page.status_description`,
`component.name`, `component_update.old_status` / `new_status`; no library writes that shape.
The incident object is the JSON API's, at the moment of the event, so a webhook's ids equal
the API's and a receiver can match them; the keys only webhooks carry are added with the
values Statuspage sends when a feature is unused (the samples in tests/data/statuspage-webhooks).

An event that changed components is delivered as Statuspage delivers it: one incident
notification, then one component notification per changed component, each its own part so
that a retry resends only what failed.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from ...engine.status import Overall, snapshot
from ...model import Incident, SiteConfig, Update, ids
from ...model.vocabulary import ComponentStatus, Impact, IncidentStatus, Kind
from ...outputs.api import StatuspageApi, api_time
from ...outputs.urls import absolute
from ..events import Event, EventKind
from .base import Notice, Part
from .http import HttpChannel

DOCUMENTATION = "https://developer.statuspage.io/#section/Webhooks"
#: The component keys of Statuspage's webhook payload (the API's component has a few more).
WEBHOOK_COMPONENT_KEYS = (
    "status", "name", "created_at", "updated_at", "position", "description", "showcase", "id", "page_id", "group_id",
)  # fmt: skip


class WebhookChannel(HttpChannel):
    def parts(self, notice: Notice) -> list[Part]:
        context = self.context
        event = notice.event if notice.event is not None else test_event(context.config, context.now)
        return webhook_parts(event, context.config, context.overall, context.now)

    def deliver(self, part: Part) -> None:
        self.http.post(self.target.url, part.payload)


def webhook_parts(event: Event, config: SiteConfig, overall: Overall, now: datetime) -> list[Part]:
    api = StatuspageApi(snapshot(config, [event.incident], event.at))
    meta = {
        "unsubscribe": absolute(config, "") or "",
        "documentation": DOCUMENTATION,
        "generated_at": api_time(now, config.timezone),
    }
    page = {"id": ids.page_id(config), "status_indicator": overall.indicator, "status_description": overall.description}
    parts = [Part("/incident", {"meta": meta, "page": page, "incident": webhook_incident(api, event)})]
    components = {c["id"]: c for c in api.components()}
    for component_key, (old, new) in _in_catalog_order(event, config):
        public = ids.component_id(component_key)
        component = {key: components[public][key] for key in WEBHOOK_COMPONENT_KEYS}
        component["status"] = new.value
        component["updated_at"] = api.time(event.at)
        parts.append(
            Part(
                f"/component/{component_key}",
                {
                    "meta": meta,
                    "page": page,
                    "component": component,
                    "component_update": {
                        "old_status": old.value,
                        "new_status": new.value,
                        "created_at": api.time(event.at),
                        "component_type": "Component",
                        "id": ids.public_id("component_update", f"{event.key}/{component_key}"),
                        "component_id": public,
                    },
                },
            )
        )
    return parts


def webhook_incident(api: StatuspageApi, event: Event) -> dict[str, Any]:
    incident = event.incident
    document = api.incident(incident)
    updates = [_webhook_update(update) for update in document["incident_updates"]]
    postmortem = next((u for u in incident.updates if u.status is IncidentStatus.POSTMORTEM), None)
    maintenance = incident.is_maintenance
    return {
        "name": document["name"],
        "status": document["status"],
        "created_at": document["created_at"],
        "updated_at": api.time(max(event.at, incident.last_update_at)),
        "monitoring_at": document["monitoring_at"],
        "resolved_at": document["resolved_at"],
        "impact": document["impact"],
        "shortlink": document["shortlink"],
        "postmortem_ignored": False,
        "postmortem_body": (incident.body.strip() or None) if postmortem else None,
        "postmortem_body_last_updated_at": api.time(postmortem.at) if postmortem else None,
        "postmortem_published_at": api.time(postmortem.at) if postmortem else None,
        "postmortem_notified_subscribers": postmortem is not None,
        "postmortem_notified_twitter": False,
        "backfilled": False,
        "scheduled_for": document.get("scheduled_for"),
        "scheduled_until": document.get("scheduled_until"),
        "scheduled_remind_prior": False,
        "scheduled_reminded_at": None,
        "impact_override": None,
        # Our windows open and close on time unless someone posts otherwise: Statuspage's
        # "automatically start / complete" options, always on.
        "scheduled_auto_in_progress": maintenance,
        "scheduled_auto_completed": maintenance,
        "id": document["id"],
        "page_id": document["page_id"],
        "incident_updates": updates,
        "components": [{key: c[key] for key in WEBHOOK_COMPONENT_KEYS} for c in document["components"]],
        "started_at": document["started_at"],
    }


def _webhook_update(update: dict[str, Any]) -> dict[str, Any]:
    """The API's update with the webhook-only keys, in the samples' order; components as a list."""
    return {
        "status": update["status"],
        "body": update["body"],
        "created_at": update["created_at"],
        "wants_twitter_update": False,
        "twitter_updated_at": None,
        "updated_at": update["updated_at"],
        "display_at": update["display_at"],
        "affected_components": update["affected_components"] or [],
        "custom_tweet": None,
        "deliver_notifications": True,
        "id": update["id"],
        "incident_id": update["incident_id"],
    }


def _in_catalog_order(event: Event, config: SiteConfig) -> list[tuple[str, tuple[ComponentStatus, ComponentStatus]]]:
    return [(c, event.changes[c]) for c in config.component_ids if c in event.changes]


def test_event(config: SiteConfig, now: datetime) -> Event:
    """`balise notify --test` on a webhook: a resolved incident named as a test, no component."""
    incident = Incident(
        id=f"{now:%Y-%m-%d}-balise-test",
        path=Path("test.md"),
        kind=Kind.INCIDENT,
        title=f"Test notification from {config.site_name}",
        impact=Impact.NONE,
        components={},
        updates=(Update(at=now, status=IncidentStatus.RESOLVED, message="This is a test of the webhook."),),
    )
    return Event(key="test", kind=EventKind.INCIDENT_RESOLVED, incident=incident, at=now, index=0)
