"""The JSON Schema of incident front-matter, for editors that validate YAML as people type."""

from __future__ import annotations

from typing import Any

from ..model import SiteConfig
from ..model.alerting import ALERT_SOURCES, KEY_PATTERN
from ..model.vocabulary import INCIDENT_IMPACTS, MAINTENANCE_IMPACTS, ComponentStatus, IncidentStatus, MaintenanceStatus

TIME_PATTERN = r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*([Zz]|[+-]\d{2}:?\d{2})?$"


def _time(description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": TIME_PATTERN, "description": description}


def front_matter_schema(config: SiteConfig | None = None) -> dict[str, Any]:
    """The schema; with a config, component ids are limited to the configured ones."""
    component_id: dict[str, Any] = {"type": "string"}
    if config is not None and config.components:
        component_id = {"enum": list(config.component_ids)}
    status_map = {
        "type": "object",
        "propertyNames": component_id,
        "additionalProperties": {"enum": [s.value for s in ComponentStatus]},
        "description": "Affected components and their status from here on.",
    }
    id_list = {"type": "array", "items": component_id, "description": "Components under maintenance while it runs."}
    update = {
        "type": "object",
        "required": ["at", "status", "message"],
        "additionalProperties": False,
        "properties": {
            "at": _time("When this update was posted; without a zone, the site's timezone."),
            "status": {"enum": [s.value for s in (*IncidentStatus, *MaintenanceStatus)]},
            "message": {"type": "string", "minLength": 1, "description": "What readers are told (Markdown)."},
            "components": {"anyOf": [status_map, id_list]},
        },
    }
    properties: dict[str, Any] = {
        "title": {"type": "string", "minLength": 1},
        "kind": {"enum": ["incident", "maintenance"], "default": "incident"},
        "impact": {"enum": [i.value for i in MAINTENANCE_IMPACTS]},
        "components": {"anyOf": [status_map, id_list]},
        "next_update": _time("When readers are promised the next update."),
        "updates": {"type": "array", "minItems": 1, "items": update, "description": "The timeline, oldest first."},
        "scheduled_for": _time("Maintenance start."),
        "scheduled_until": _time("Maintenance end."),
        "cancelled": {"type": "boolean", "description": "Maintenance called off: its window never opens."},
        "started_at": _time("Incident: when the impact began, if before the first update."),
        "estimated_resolution": _time("Incident: when the team expects it to be resolved."),
        "alert": {
            "type": "object",
            "required": ["source", "key"],
            "additionalProperties": False,
            "properties": {
                "source": {"enum": list(ALERT_SOURCES)},
                "key": {"type": "string", "pattern": KEY_PATTERN.pattern},
            },
            "description": "Incident: the alert episode balise alert drafted it for; never published.",
        },
    }
    incident_statuses = {"enum": [s.value for s in IncidentStatus]}
    maintenance_statuses = {"enum": [s.value for s in MaintenanceStatus]}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://balise.invalid/schema/incident.json",
        "title": "Balise incident or maintenance front-matter",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "required": ["title", "updates"],
        "if": {"properties": {"kind": {"const": "maintenance"}}, "required": ["kind"]},
        "then": {
            "required": ["scheduled_for", "scheduled_until"],
            "properties": {
                "updates": {"items": {"properties": {"status": maintenance_statuses}}},
                "started_at": False,
                "estimated_resolution": False,
                "alert": False,
            },
        },
        "else": {
            "required": ["impact"],
            "properties": {
                "impact": {"enum": [i.value for i in INCIDENT_IMPACTS]},
                "components": status_map,
                "updates": {"items": {"properties": {"status": incident_statuses}}},
                "scheduled_for": False,
                "scheduled_until": False,
                "cancelled": False,
            },
        },
    }
