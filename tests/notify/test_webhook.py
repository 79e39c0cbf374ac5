"""The generic webhook speaks Statuspage's webhook payload: receivers built for it work unchanged.

Payloads are checked against the samples in tests/data/statuspage-webhooks (what Statuspage
POSTs, as a well-known receiver's fixtures record it), and read by a receiver that reads what
known receivers read.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from support.machine_site import REPO
from support.notify_project import NotifyProject, append_update, channel, open_incident
from support.receivers import http_receiver

from site_builder.engine.status import snapshot
from site_builder.outputs.api import StatuspageApi
from site_builder.source.project import load_project

SAMPLES = REPO / "tests" / "data" / "statuspage-webhooks"


def sample(name: str) -> dict[str, Any]:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def json_type(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}.get(type(value), "null")


def same_shape(ours: Any, theirs: Any, where: str = "$") -> list[str]:
    """Where `ours` lacks a key of `theirs` or has another JSON type (null in either is allowed)."""
    problems = []
    if isinstance(theirs, dict):
        if not isinstance(ours, dict):
            return [f"{where}: expected an object"]
        for key, value in theirs.items():
            if key not in ours:
                problems.append(f"{where}.{key}: missing")
            else:
                problems.extend(same_shape(ours[key], value, f"{where}.{key}"))
    elif isinstance(theirs, list):
        if not isinstance(ours, list):
            return [f"{where}: expected an array, found {json_type(ours)}"]
        if theirs and ours:
            problems.extend(same_shape(ours[0], theirs[0], f"{where}[0]"))
    elif theirs is not None and ours is not None and json_type(ours) != json_type(theirs):
        problems.append(f"{where}: {json_type(ours)} where the sample has {json_type(theirs)}")
    return problems


def statuspage_receiver(payload: dict[str, Any]) -> str:
    """A receiver written for Statuspage, reading what such receivers read (e.g. Zulip's integration)."""
    if "incident" in payload:
        incident = payload["incident"]
        return f"{incident['name']} [{incident['status']}]: {incident['incident_updates'][0]['body']} ({payload['page']['status_description']})"
    update = payload["component_update"]
    return f"{payload['component']['name']}: {update['old_status']} -> {update['new_status']}"


@pytest.fixture(scope="module")
def delivered(tmp_path_factory):
    """An incident opened, then updated with a component change, both announced on a webhook."""
    root = tmp_path_factory.mktemp("webhook")
    with http_receiver() as receiver:
        project = NotifyProject(root, [channel("hook", "webhook", "${HOOK_URL}")], env={"HOOK_URL": f"{receiver.base}/statuspage"})
        project.write_config()
        path = project.incident("2026-11-20-api-errors.md", open_incident())
        assert project.run(now="2026-11-20T14:10:00Z").exit_code == 0
        append_update(path, "2026-11-20T14:40:00Z", "identified", "A faulty deploy is being rolled back.", "    components: {api: major_outage}\n")
        assert project.run(now="2026-11-20T14:45:00Z").exit_code == 0
        yield project, [r.json() for r in receiver.requests], receiver.requests


def test_each_event_is_one_incident_notification_then_one_per_changed_component(delivered):
    _, payloads, requests = delivered
    assert [("incident" in p, "component" in p) for p in payloads] == [(True, False), (False, True), (True, False), (False, True)]
    assert all(r.headers["Content-Type"] == "application/json" and r.path == "/statuspage" for r in requests)


def test_an_incident_notification_has_every_key_and_type_of_the_sample(delivered):
    _, payloads, _ = delivered
    assert same_shape(payloads[2], sample("incident_update.json")) == []


def test_a_component_notification_has_every_key_and_type_of_the_sample(delivered):
    _, payloads, _ = delivered
    assert same_shape(payloads[3], sample("component_status_update.json")) == []


def test_a_statuspage_receiver_reads_the_right_values(delivered):
    _, payloads, _ = delivered
    assert [statuspage_receiver(p) for p in payloads] == [
        "Elevated API errors [investigating]: We are investigating. (Minor Service Outage)",
        "Public API: operational -> partial_outage",
        "Elevated API errors [identified]: A faulty deploy is being rolled back. (Partial System Outage)",
        "Public API: partial_outage -> major_outage",
    ]


def test_updates_are_newest_first_as_statuspage_sends_them(delivered):
    _, payloads, _ = delivered
    assert [u["status"] for u in payloads[2]["incident"]["incident_updates"]] == ["identified", "investigating"]


def test_the_webhooks_ids_are_the_json_apis(delivered):
    project, payloads, _ = delivered
    now = datetime(2026, 11, 20, 14, 45, tzinfo=UTC)
    loaded = load_project(project.root / "incidents", project.config, now)
    api = StatuspageApi(snapshot(loaded.config, loaded.incidents, now)).incidents_document()
    (incident,) = api["incidents"]
    webhook = payloads[2]["incident"]
    assert (webhook["id"], webhook["page_id"]) == (incident["id"], incident["page_id"])
    assert [u["id"] for u in webhook["incident_updates"]] == [u["id"] for u in incident["incident_updates"]]
    assert payloads[3]["component"]["id"] == incident["components"][0]["id"]
