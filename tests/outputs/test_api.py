"""The Statuspage v2 API files: same shape as real Statuspage responses, same meaning as our data."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.machine_site import (
    EXAMPLE_NOW,
    Comp,
    Group,
    Site,
    U,
    config_text,
    example_snapshot,
    incident_text,
    maintenance_text,
    outputs,
    write_outputs,
)
from support.statuspage_shape import (
    ALPHABETICAL_SAMPLES,
    COMPONENT_STATUSES,
    IMPACTS,
    INCIDENT_STATUSES,
    INDICATORS,
    MAINTENANCE_STATUSES,
    SAMPLE_ENDPOINTS,
    json_type,
    known_types,
    objects_by_kind,
    ordered_keys,
    sample,
    sample_names,
)

from site_builder.model import ids
from site_builder.outputs.api import api_time

API = "api/v2/"
ENDPOINTS = [
    "summary.json",
    "status.json",
    "components.json",
    "incidents.json",
    "incidents/unresolved.json",
    "scheduled-maintenances.json",
    "scheduled-maintenances/upcoming.json",
    "scheduled-maintenances/active.json",
]
#: While the example's database upgrade runs (22:00–00:00 UTC on 26 November).
DURING_EXAMPLE_MAINTENANCE = datetime(2026, 11, 26, 22, 30, tzinfo=UTC)
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$")
PUBLIC_ID = re.compile(r"^[a-z0-9]{12}$")
TIME_KEYS = {"created_at", "updated_at", "monitoring_at", "resolved_at", "started_at", "display_at",
             "scheduled_for", "scheduled_until"}  # fmt: skip
ID_KEYS = {"id", "page_id", "incident_id", "group_id", "code"}


@functools.cache
def example_files(now: datetime = EXAMPLE_NOW) -> dict[str, bytes]:
    return outputs(example_snapshot(now))


def example(path: str, now: datetime = EXAMPLE_NOW) -> dict:
    return json.loads(example_files(now)[API + path])


def all_documents(now: datetime = EXAMPLE_NOW) -> dict[str, dict]:
    return {name: example(name, now) for name in ENDPOINTS}


def objects(document: dict, kind: str) -> list[dict]:
    return objects_by_kind(document).get(kind, [])


# -- shape against the real samples ------------------------------------------------------------


def test_every_captured_sample_is_the_reference_for_one_of_our_endpoints():
    """A sample added to tests/data/statuspage/ must get a shape test too."""
    assert sample_names() == sorted(SAMPLE_ENDPOINTS)


SHAPE_CASES = [
    pytest.param(name, now, id=f"{name}@{label}")
    for name in sorted(SAMPLE_ENDPOINTS)
    for label, now in (("example-now", EXAMPLE_NOW), ("maintenance-running", DURING_EXAMPLE_MAINTENANCE))
]


@pytest.mark.parametrize(("sample_name", "now"), SHAPE_CASES)
def test_our_endpoint_has_every_key_the_sample_has_on_every_object(sample_name, now):
    ours = objects_by_kind(json.loads(example_files(now)[SAMPLE_ENDPOINTS[sample_name]]))
    for kind, sample_objects in objects_by_kind(sample(sample_name)).items():
        assert ours.get(kind), f"no {kind} object in our {SAMPLE_ENDPOINTS[sample_name]} to compare"
        required = set().union(*(o.keys() for o in sample_objects))
        for ours_object in ours[kind]:
            missing = required - ours_object.keys()
            assert not missing, f"{kind} lacks {sorted(missing)}"


@pytest.mark.parametrize("now", [EXAMPLE_NOW, DURING_EXAMPLE_MAINTENANCE], ids=["example-now", "maintenance-running"])
def test_every_key_we_write_is_a_real_statuspage_key_with_a_json_type_real_pages_use(now):
    for name, document in all_documents(now).items():
        for kind, found in objects_by_kind(document).items():
            known = known_types(kind)
            for item in found:
                for key, value in item.items():
                    assert key in known, f"{name}: {kind}.{key} is not a Statuspage key"
                    assert json_type(value) in known[key], (
                        f"{name}: {kind}.{key} is {json_type(value)}, real: {known[key]}"
                    )


@pytest.mark.parametrize("sample_name", sorted(set(SAMPLE_ENDPOINTS) - ALPHABETICAL_SAMPLES))
def test_keys_come_in_the_order_real_responses_use(sample_name):
    ours = objects_by_kind(json.loads(example_files()[SAMPLE_ENDPOINTS[sample_name]]))
    for kind, sample_objects in objects_by_kind(sample(sample_name)).items():
        reference = ordered_keys(sample_objects)
        for ours_object in ours.get(kind, []):
            shared = [k for k in ours_object if k in reference]
            assert shared == [k for k in reference if k in shared], f"{kind} keys out of order"


def test_samples_use_only_the_documented_vocabulary():
    """Guards the vocabulary sets the next test uses: they must accept every real value."""
    for name in sample_names():
        assert_vocabulary(sample(name))


@pytest.mark.parametrize("now", [EXAMPLE_NOW, DURING_EXAMPLE_MAINTENANCE], ids=["example-now", "maintenance-running"])
def test_every_enum_value_we_write_is_in_the_statuspage_vocabulary(now):
    for document in all_documents(now).values():
        assert_vocabulary(document)


def assert_vocabulary(document: dict) -> None:
    found = objects_by_kind(document)
    for component in found.get("component", []) + found.get("group", []):
        assert component["status"] in COMPONENT_STATUSES
    for incident in found.get("incident", []):
        assert incident["status"] in INCIDENT_STATUSES
        assert incident["impact"] in IMPACTS
        assert {u["status"] for u in incident["incident_updates"]} <= INCIDENT_STATUSES
    for maintenance in found.get("maintenance", []):
        assert maintenance["status"] in MAINTENANCE_STATUSES
        assert maintenance["impact"] in IMPACTS
        assert {u["status"] for u in maintenance["incident_updates"]} <= MAINTENANCE_STATUSES
    for affected in found.get("affected", []):
        assert {affected["old_status"], affected["new_status"]} <= COMPONENT_STATUSES
    for status in found.get("status", []):
        assert status["indicator"] in INDICATORS


def test_every_time_has_milliseconds_and_an_offset():
    for name, document in all_documents().items():
        for kind, found in objects_by_kind(document).items():
            for item in found:
                for key in TIME_KEYS & item.keys():
                    assert item[key] is None or TIMESTAMP.match(item[key]), f"{name}: {kind}.{key} = {item[key]}"


def test_every_id_is_twelve_lowercase_letters_or_digits():
    for document in all_documents().values():
        for found in objects_by_kind(document).values():
            for item in found:
                for key in ID_KEYS & item.keys():
                    assert item[key] is None or PUBLIC_ID.match(item[key]), f"{key} = {item[key]}"


def test_ids_are_unique_across_page_components_groups_incidents_and_updates():
    summary, incidents, maintenances = (
        example("summary.json"),
        example("incidents.json"),
        example("scheduled-maintenances.json"),
    )
    seen = [summary["page"]["id"]]
    seen += [c["id"] for c in summary["components"]]
    for item in incidents["incidents"] + maintenances["scheduled_maintenances"]:
        seen.append(item["id"])
        seen += [u["id"] for u in item["incident_updates"]]
    assert len(seen) == len(set(seen))


# -- endpoints -----------------------------------------------------------------------------------


def test_every_endpoint_is_written_under_api_v2():
    files = example_files()
    assert {API + name for name in ENDPOINTS} <= files.keys()


def test_every_endpoint_starts_with_the_same_page_object():
    pages = [document["page"] for document in all_documents().values()]
    assert all(page == pages[0] for page in pages)


def test_page_names_the_site_its_url_and_its_time_zone():
    page = example("status.json")["page"]
    assert page["name"] == "Northwind Status"
    assert page["url"] == "https://status.northwind.example"
    assert page["time_zone"] == "Europe/Paris"


def test_page_updated_at_is_the_latest_update_not_the_build_time():
    later = EXAMPLE_NOW + timedelta(minutes=20)
    assert example("status.json")["page"]["updated_at"] == "2026-11-22T12:35:00.000+01:00"
    assert example("status.json", later)["page"]["updated_at"] == "2026-11-22T12:35:00.000+01:00"


def test_status_gives_the_page_indicator_and_its_words():
    assert example("status.json")["status"] == {"indicator": "major", "description": "Partial System Outage"}


def test_summary_lists_open_incidents_and_upcoming_maintenance():
    summary = example("summary.json")
    assert [i["name"] for i in summary["incidents"]] == ["Customers unable to sign in to the dashboard and mobile apps"]
    assert [m["name"] for m in summary["scheduled_maintenances"]] == [
        "Database upgrade for the API, dashboard and invoicing"
    ]


def test_unresolved_lists_only_open_incidents():
    unresolved = example("incidents/unresolved.json")["incidents"]
    assert [(i["name"], i["status"]) for i in unresolved] == [
        ("Customers unable to sign in to the dashboard and mobile apps", "identified")
    ]


def test_incidents_lists_incidents_newest_first_without_maintenance():
    listed = example("incidents.json")["incidents"]
    assert len(listed) == 12
    starts = [i["started_at"] for i in listed]
    assert starts == sorted(starts, key=datetime.fromisoformat, reverse=True)
    assert "scheduled_for" not in {key for i in listed for key in i}


def test_scheduled_maintenances_lists_every_maintenance_latest_window_first():
    listed = example("scheduled-maintenances.json")["scheduled_maintenances"]
    assert [(m["name"], m["status"]) for m in listed] == [
        ("Database upgrade for the API, dashboard and invoicing", "scheduled"),
        ("Card network connection upgrade", "completed"),
        ("File storage migration", "completed"),
    ]


def test_upcoming_lists_maintenance_not_yet_started():
    upcoming = example("scheduled-maintenances/upcoming.json")["scheduled_maintenances"]
    assert [m["status"] for m in upcoming] == ["scheduled"]
    assert upcoming[0]["scheduled_for"] == "2026-11-26T23:00:00.000+01:00"
    assert upcoming[0]["scheduled_until"] == "2026-11-27T01:00:00.000+01:00"


def test_active_is_empty_when_no_maintenance_runs():
    assert example("scheduled-maintenances/active.json")["scheduled_maintenances"] == []


def test_components_follow_the_catalog_with_each_group_before_its_members():
    names = [c["name"] for c in example("components.json")["components"]]
    assert names == [
        "Platform", "Public API", "Webhooks", "File storage",
        "Apps", "Web dashboard", "Sign-in and accounts", "Mobile apps", "Email notifications",
        "Payments", "Card payments", "Invoicing", "Payouts",
        "Support portal",
    ]  # fmt: skip


def test_component_status_is_the_status_engine_s():
    statuses = {c["name"]: c["status"] for c in example("components.json")["components"] if not c["group"]}
    assert statuses["Sign-in and accounts"] == "major_outage"
    assert statuses["Web dashboard"] == "degraded_performance"
    assert statuses["Public API"] == "operational"


def test_incident_shortlink_is_the_incident_page_on_the_site():
    incident = example("incidents/unresolved.json")["incidents"][0]
    assert incident["shortlink"] == "https://status.northwind.example/incidents/2026-11-22-sign-in-failures/"


def test_incident_lists_the_components_it_affects_with_their_status_now():
    incident = example("incidents/unresolved.json")["incidents"][0]
    assert [(c["name"], c["status"]) for c in incident["components"]] == [
        ("Web dashboard", "degraded_performance"),
        ("Sign-in and accounts", "major_outage"),
        ("Mobile apps", "degraded_performance"),
    ]


def test_incident_updates_come_newest_first():
    updates = example("incidents/unresolved.json")["incidents"][0]["incident_updates"]
    assert [u["status"] for u in updates] == ["identified", "identified", "investigating"]
    assert [u["display_at"] for u in updates] == sorted((u["display_at"] for u in updates), reverse=True)


def test_update_body_is_the_message_as_plain_text_not_html():
    body = example("incidents/unresolved.json")["incidents"][0]["incident_updates"][-1]["body"]
    assert body.startswith("Since 10:25 UTC, some customers cannot sign in")
    assert '"Something went wrong"' in body
    assert "<p>" not in body


def test_times_are_written_in_the_page_time_zone():
    incident = example("incidents/unresolved.json")["incidents"][0]
    assert incident["created_at"] == "2026-11-22T11:40:00.000+01:00"  # 10:40 UTC, Paris in winter


def test_a_utc_page_writes_times_with_z():
    assert api_time(datetime(2026, 7, 1, 9, 5, tzinfo=UTC), UTC) == "2026-07-01T09:05:00.000Z"


def test_summer_time_gives_the_summer_offset():
    listed = example("scheduled-maintenances.json")["scheduled_maintenances"]
    card = next(m for m in listed if m["name"] == "Card network connection upgrade")
    assert card["scheduled_for"] == "2026-10-08T03:00:00.000+02:00"


def test_resolved_incident_has_resolved_at_and_monitoring_at_from_its_updates():
    listed = example("incidents.json")["incidents"]
    emails = next(i for i in listed if i["name"] == "Receipts and reminder emails delayed")
    assert emails["status"] == "resolved"
    assert emails["resolved_at"] == emails["incident_updates"][0]["created_at"]
    assert emails["monitoring_at"] == emails["incident_updates"][1]["created_at"]


def test_completed_maintenance_has_monitoring_at_when_verifying_began():
    listed = example("scheduled-maintenances.json")["scheduled_maintenances"]
    card = next(m for m in listed if m["name"] == "Card network connection upgrade")
    verifying = next(u for u in card["incident_updates"] if u["status"] == "verifying")
    assert card["monitoring_at"] == verifying["created_at"]
    assert card["resolved_at"] == card["incident_updates"][0]["created_at"]


def test_postmortem_keeps_the_incident_in_postmortem_status():
    listed = example("incidents.json")["incidents"]
    card = next(i for i in listed if i["name"].startswith("Card payments failing"))
    assert card["status"] == "postmortem"
    assert card["incident_updates"][0]["status"] == "postmortem"


def test_json_is_compact_utf8_with_non_ascii_text_unescaped():
    raw = example_files()[API + "components.json"]
    assert "What developers build on — the API".encode() in raw
    assert b"\\u2014" not in raw
    assert b": " not in raw.split(b'"description"')[0]


# -- affected components -------------------------------------------------------------------------


def affected(update: dict) -> list[tuple[str, str, str]] | None:
    if update["affected_components"] is None:
        return None
    return [(a["name"], a["old_status"], a["new_status"]) for a in update["affected_components"]]


def test_first_update_brings_the_starting_statuses():
    first = example("incidents/unresolved.json")["incidents"][0]["incident_updates"][-1]
    assert affected(first) == [
        ("Web dashboard", "operational", "degraded_performance"),
        ("Sign-in and accounts", "operational", "partial_outage"),
        ("Mobile apps", "operational", "degraded_performance"),
    ]


def test_an_update_that_changes_a_status_gives_old_and_new():
    second = example("incidents/unresolved.json")["incidents"][0]["incident_updates"][1]
    assert affected(second) == [("Sign-in and accounts", "partial_outage", "major_outage")]


def test_an_update_that_changes_nothing_has_null_affected_components():
    latest = example("incidents/unresolved.json")["incidents"][0]["incident_updates"][0]
    assert affected(latest) is None


def test_resolving_brings_every_component_still_affected_back_to_operational():
    listed = example("incidents.json")["incidents"]
    outage = next(i for i in listed if i["name"].startswith("Public API and dashboard"))
    assert affected(outage["incident_updates"][0]) == [
        ("Public API", "degraded_performance", "operational"),
        ("Webhooks", "degraded_performance", "operational"),
    ]


def test_affected_component_code_is_the_component_id():
    codes = {c["name"]: c["id"] for c in example("components.json")["components"]}
    first = example("incidents/unresolved.json")["incidents"][0]["incident_updates"][-1]
    assert all(a["code"] == codes[a["name"]] for a in first["affected_components"])


def test_maintenance_components_go_under_maintenance_when_it_starts_and_back_when_completed():
    listed = example("scheduled-maintenances.json")["scheduled_maintenances"]
    storage = next(m for m in listed if m["name"] == "File storage migration")
    by_status = {u["status"]: affected(u) for u in storage["incident_updates"]}
    assert by_status["in_progress"] == [("File storage", "operational", "under_maintenance")]
    assert by_status["completed"] == [("File storage", "under_maintenance", "operational")]
    assert by_status["scheduled"] is None


# -- ids and times stay put -----------------------------------------------------------------------


def test_ids_derive_from_the_incident_file_name():
    incident = example("incidents/unresolved.json")["incidents"][0]
    assert incident["id"] == ids.incident_id("2026-11-22-sign-in-failures")
    assert all(u["incident_id"] == incident["id"] for u in incident["incident_updates"])


def test_component_and_group_ids_derive_from_their_catalog_ids():
    components = {c["name"]: c for c in example("components.json")["components"]}
    assert components["Public API"]["id"] == ids.component_id("api")
    assert components["Platform"]["id"] == ids.group_id("platform")


def test_page_id_derives_from_the_site_url():
    page = example("status.json")["page"]
    assert page["id"] == ids.public_id("page", "https://status.northwind.example")


def test_appending_an_update_keeps_the_incident_id_and_the_earlier_update_ids(tmp_path):
    site = Site.create(tmp_path)
    opened = incident_text("API errors", [U("2026-11-20T14:00:00Z", "investigating")], {"api": "partial_outage"})
    site.add("2026-11-20-api-errors.md", opened)
    before = site.json(datetime(2026, 11, 20, 15, tzinfo=UTC), API + "incidents.json")["incidents"][0]
    site.add(
        "2026-11-20-api-errors.md",
        opened.replace("---\n\n", '  - at: 2026-11-20T14:30:00Z\n    status: resolved\n    message: "Fixed."\n---\n\n'),
    )
    after = site.json(datetime(2026, 11, 20, 15, tzinfo=UTC), API + "incidents.json")["incidents"][0]
    assert after["status"] == "resolved"
    assert after["id"] == before["id"]
    assert after["incident_updates"][-1]["id"] == before["incident_updates"][-1]["id"]
    assert after["incident_updates"][0]["id"] != before["incident_updates"][0]["id"]


def test_component_created_at_is_the_first_update_of_the_first_incident_naming_it():
    components = {c["name"]: c for c in example("components.json")["components"]}
    assert components["Sign-in and accounts"]["created_at"] == "2026-11-17T08:55:00.000+01:00"


def test_component_updated_at_is_its_last_status_change():
    components = {c["name"]: c for c in example("components.json")["components"]}
    assert components["Sign-in and accounts"]["updated_at"] == "2026-11-22T12:05:00.000+01:00"
    assert components["Invoicing"]["updated_at"] == "2026-08-12T18:05:00.000+02:00"


# -- synthetic states: maintenance windows, groups, limits --------------------------------------

WINDOW_START = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)


@pytest.fixture
def maintenance_site(tmp_path: Path) -> Site:
    site = Site.create(tmp_path)
    site.add(
        "2026-11-18-db-upgrade.md",
        maintenance_text(
            "Database upgrade",
            "2026-11-20T22:00:00Z",
            "2026-11-20T23:00:00Z",
            [U("2026-11-18T10:00:00Z", "scheduled", "We will upgrade the database.")],
            components=["db"],
        ),
    )
    return site


def test_a_window_the_clock_opened_is_active_and_in_progress(maintenance_site):
    now = WINDOW_START + timedelta(minutes=30)
    active = maintenance_site.json(now, API + "scheduled-maintenances/active.json")["scheduled_maintenances"]
    assert [(m["name"], m["status"]) for m in active] == [("Database upgrade", "in_progress")]
    assert maintenance_site.json(now, API + "scheduled-maintenances/upcoming.json")["scheduled_maintenances"] == []


def test_a_running_maintenance_puts_its_components_under_maintenance(maintenance_site):
    summary = maintenance_site.json(WINDOW_START + timedelta(minutes=30), API + "summary.json")
    assert {c["name"]: c["status"] for c in summary["components"]}["Database"] == "under_maintenance"
    assert summary["status"] == {"indicator": "maintenance", "description": "Service Under Maintenance"}
    assert [m["status"] for m in summary["scheduled_maintenances"]] == ["in_progress"]


def test_a_window_opening_moves_updated_at_to_its_start(maintenance_site):
    maintenance = maintenance_site.json(WINDOW_START + timedelta(minutes=30), API + "summary.json")[
        "scheduled_maintenances"
    ][0]
    assert maintenance["updated_at"] == "2026-11-20T23:00:00.000+01:00"


def test_a_window_the_clock_closed_is_completed_at_its_end(maintenance_site):
    now = WINDOW_START + timedelta(hours=2)
    listed = maintenance_site.json(now, API + "scheduled-maintenances.json")["scheduled_maintenances"]
    assert listed[0]["status"] == "completed"
    assert listed[0]["resolved_at"] == "2026-11-21T00:00:00.000+01:00"
    assert maintenance_site.json(now, API + "scheduled-maintenances/active.json")["scheduled_maintenances"] == []


def test_a_maintenance_before_its_window_is_upcoming_and_not_in_any_status(maintenance_site):
    now = WINDOW_START - timedelta(hours=1)
    upcoming = maintenance_site.json(now, API + "scheduled-maintenances/upcoming.json")["scheduled_maintenances"]
    assert [m["status"] for m in upcoming] == ["scheduled"]
    assert maintenance_site.json(now, API + "status.json")["status"]["indicator"] == "none"


def test_a_group_carries_its_members_ids_and_they_carry_the_group_id(tmp_path):
    site = Site.create(tmp_path)
    components = {c["name"]: c for c in site.json(EXAMPLE_NOW, API + "components.json")["components"]}
    group = components["Core"]
    assert group["group"] is True
    assert group["components"] == [components["API"]["id"], components["Website"]["id"]]
    assert components["API"]["group_id"] == group["id"]
    assert components["Database"]["group_id"] is None


def test_a_group_has_the_worst_status_of_its_members(tmp_path):
    site = Site.create(tmp_path)
    site.add(
        "2026-11-20-api-down.md",
        incident_text(
            "API down",
            [U("2026-11-20T14:00:00Z", "investigating")],
            {"api": "major_outage", "web": "degraded_performance"},
        ),
    )
    components = {c["name"]: c for c in site.json(EXAMPLE_NOW, API + "components.json")["components"]}
    assert components["Core"]["status"] == "major_outage"
    assert components["Database"]["status"] == "operational"


def test_positions_count_from_one_at_the_top_level_and_within_each_group(tmp_path):
    site = Site.create(tmp_path)
    components = site.json(EXAMPLE_NOW, API + "components.json")["components"]
    assert [(c["name"], c["position"]) for c in components] == [
        ("Core", 1),
        ("API", 1),
        ("Website", 2),
        ("Database", 2),
    ]


def test_a_group_without_members_is_left_out_as_on_the_page(tmp_path):
    site = Site.create(
        tmp_path,
        config_text(groups=(Group("core", "Core"), Group("empty", "Empty")), components=(Comp("api", "API", "core"),)),
    )
    components = site.json(EXAMPLE_NOW, API + "components.json")["components"]
    assert [c["name"] for c in components] == ["Core", "API"]


def test_a_site_without_groups_lists_plain_components(tmp_path):
    site = Site.create(tmp_path, config_text(groups=(), components=(Comp("api", "API"), Comp("web", "Website"))))
    components = site.json(EXAMPLE_NOW, API + "components.json")["components"]
    assert [(c["name"], c["group"], c["group_id"]) for c in components] == [
        ("API", False, None),
        ("Website", False, None),
    ]


def test_incidents_json_keeps_the_fifty_most_recent(tmp_path):
    site = Site.create(tmp_path)
    start = datetime(2026, 9, 1, 10, tzinfo=UTC)
    for day in range(55):
        at = start + timedelta(days=day)
        site.add(
            f"{at:%Y-%m-%d}-blip.md",
            incident_text(
                f"Blip {day}",
                [
                    U(f"{at:%Y-%m-%dT%H:%M:%SZ}", "investigating"),
                    U(f"{at + timedelta(minutes=5):%Y-%m-%dT%H:%M:%SZ}", "resolved"),
                ],
                {"api": "degraded_performance"},
            ),
        )
    listed = site.json(EXAMPLE_NOW, API + "incidents.json")["incidents"]
    assert len(listed) == 50
    assert listed[0]["name"] == "Blip 54"
    assert listed[-1]["name"] == "Blip 5"


def test_without_site_url_the_shortlink_is_the_page_path_and_the_page_url_empty(tmp_path):
    site = Site.create(tmp_path, config_text(site_url=None))
    site.add(
        "2026-11-20-api-errors.md",
        incident_text("API errors", [U("2026-11-20T14:00:00Z", "investigating")], {"api": "partial_outage"}),
    )
    summary = site.json(EXAMPLE_NOW, API + "summary.json")
    assert summary["page"]["url"] == ""
    assert summary["incidents"][0]["shortlink"] == "incidents/2026-11-20-api-errors/"


def test_a_site_with_no_incident_still_writes_every_endpoint(tmp_path):
    files = Site.create(tmp_path).outputs(EXAMPLE_NOW)
    status = json.loads(files[API + "status.json"])
    assert status["status"] == {"indicator": "none", "description": "All Systems Operational"}
    assert status["page"]["updated_at"] == "1970-01-01T01:00:00.000+01:00"
    assert json.loads(files[API + "incidents.json"])["incidents"] == []


# -- a real Statuspage client reads the files over HTTP -----------------------------------------


@pytest.fixture(scope="module")
def served_example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example's machine outputs on an ephemeral 127.0.0.1 port; yields the base URL."""
    folder = tmp_path_factory.mktemp("site")
    write_outputs(example_files(), folder)
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


#: statuscheck pins httpx 0.16, which still sets TLS options Python 3.11 deprecates.
STATUSCHECK_WARNINGS = pytest.mark.filterwarnings("ignore:ssl.*:DeprecationWarning")


def statuscheck_client(base_url: str):
    """statuscheck's Statuspage reader, pointed at our files instead of <id>.statuspage.io."""
    statuspage = pytest.importorskip(
        "statuscheck.services.bases._statuspageio",
        reason="statuscheck==3.11.0 is installed with --no-deps (it pins Click 7); see the test deps",
    )

    class Local(statuspage.BaseStatusPageAPI):
        name = "Northwind Status"
        status_url = base_url

        def _get_base_url(self) -> str:
            return base_url + "api/v2/"

    return Local()


@STATUSCHECK_WARNINGS
def test_statuscheck_reads_the_page_status_over_http(served_example):
    summary = statuscheck_client(served_example).get_summary()
    assert summary.status.code == "major"
    assert summary.status.description == "Partial System Outage"
    assert summary.status.is_ok is False


@STATUSCHECK_WARNINGS
def test_statuscheck_reads_every_component_and_its_status_over_http(served_example):
    summary = statuscheck_client(served_example).get_summary()
    statuses = {c.name: c.status for c in summary.components}
    assert len(statuses) == 14  # 11 components and 3 groups
    assert statuses["Sign-in and accounts"] == "Major outage"
    assert statuses["Web dashboard"] == "Degraded performance"
    assert statuses["Public API"] == "Operational"


@STATUSCHECK_WARNINGS
def test_statuscheck_reads_the_open_incident_and_the_upcoming_maintenance_over_http(served_example):
    summary = statuscheck_client(served_example).get_summary()
    assert [(i.name, i.status) for i in summary.incidents] == [
        ("Customers unable to sign in to the dashboard and mobile apps", "identified"),
        ("Database upgrade for the API, dashboard and invoicing", "scheduled"),
    ]
    sign_in = summary.incidents[0]
    assert [(c.name, c.status) for c in sign_in.components] == [
        ("Web dashboard", "Degraded performance"),
        ("Sign-in and accounts", "Major outage"),
        ("Mobile apps", "Degraded performance"),
    ]
    assert summary.incidents[1].extra_data["scheduled_for"] == "2026-11-26T23:00:00.000+01:00"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_is_served_as_json_matching_the_built_file(served_example, endpoint):
    with urllib.request.urlopen(served_example + API + endpoint, timeout=10) as response:
        assert response.status == 200
        assert json.loads(response.read()) == example(endpoint)
