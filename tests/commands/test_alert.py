"""`balise alert` on bad input: one clear line per problem, every problem at once, exit 1, nothing
written, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from support.alert_project import DATA, SEQUENCE, STEPS, alert_project  # noqa: F401


def refused(alert_project, *names: str):
    before = alert_project.snapshot()
    result = alert_project.alert(*names, now="2020-02-06T00:20:00Z")
    assert result.exit_code == 1, result.output
    assert alert_project.snapshot() == before  # nothing half-written
    return [line for line in result.stderr.splitlines() if line.startswith("balise alert: ")]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"version": "4", "alerts": [', "bad.json:1:29: not JSON: Expecting value"),
        (b"\xff\xfe{}", "bad.json: not UTF-8 (byte 1 cannot be read)"),
        (b"", "bad.json: empty; expected an alert payload (JSON)"),
        (b"[1, 2]", "bad.json: not an alert payload: the JSON is a list, not an object"),
        (b'{"zen": "Keep it logically awesome.", "hook_id": 1}', "bad.json: not an alert payload (top-level keys: zen, hook_id)"),
        (b"[" * 100_000, "bad.json: the JSON nests too deeply to be an alert payload"),
        (b'{"version": "4", "groupKey": "k", "status": "firing", "alerts": [{"status": "firing", "labels": {"a": 1}}]}',
         "bad.json: 'alerts[0].labels' label 'a' must be text, not a number"),
        (b'{"version": "4", "groupKey": "k", "status": "firing", "alerts": [{"status": "on fire", "labels": {}}]}',
         "bad.json: 'alerts[0].status' must be firing or resolved, not 'on fire'"),
        (b'{"version": "4", "groupKey": "k", "status": "firing", "alerts": [{"status": "firing", "labels": {}, "startsAt": "yesterday"}]}',
         "bad.json: 'alerts[0].startsAt' is not a time such as 2026-11-20T14:05:00Z: 'yesterday'"),
        (b'{"version": "9", "groupKey": "k", "alerts": []}', "bad.json: an Alertmanager-style payload of version '9'"),
    ],
    ids=["truncated", "not-utf8", "empty", "a-list", "a-github-ping", "deep", "label-type", "status", "time", "version"],
)
def test_a_bad_payload_is_one_line_and_nothing_is_written(alert_project, content, expected):
    path = alert_project.root / "bad.json"
    path.write_bytes(content)
    (line,) = refused(alert_project, "bad.json")
    assert line.startswith(f"balise alert: {expected}"), line


def test_a_payload_over_one_mib_is_refused_unread(alert_project):
    path = alert_project.root / "big.json"
    path.write_bytes(b'{"alerts": [' + b" " * (1 << 20) + b"]}")
    assert refused(alert_project, "big.json") == [
        "balise alert: big.json: larger than 1 MiB; an alert payload is a few KB, refused"
    ]


def test_every_bad_payload_is_reported_and_a_good_one_beside_them_is_not_written(alert_project):
    (alert_project.root / "a.json").write_text("{", encoding="utf-8")
    (alert_project.root / "b.json").write_text("[]", encoding="utf-8")
    lines = refused(alert_project, str(SEQUENCE / STEPS[0][0]), "a.json", "b.json", "missing.json")
    assert sorted(line.split(":", 2)[1].strip() for line in lines) == ["a.json", "b.json", "missing.json"]
    assert alert_project.files() == []


def test_a_payload_from_standard_input(alert_project):
    data = (SEQUENCE / STEPS[0][0]).read_bytes()
    result = alert_project.alert("-", now=STEPS[0][1], input=data)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("stdin: alertmanager: opened incidents/")


def test_control_characters_in_a_name_are_spelled_out(alert_project):
    payload = json.loads((SEQUENCE / STEPS[0][0]).read_text())
    payload["alerts"][0]["labels"]["alertname"] = "Disk\x1b[2J full\u202e"
    path = alert_project.payload("p.json", payload)
    result = alert_project.alert(str(path), now=STEPS[0][1])
    assert "Disk\\x1b[2J full\\u202e" in result.output
    assert "\x1b" not in result.output


def test_no_payload_is_a_usage_error(alert_project):
    result = alert_project.alert()
    assert result.exit_code == 2
    assert "give at least one payload file" in result.output


def test_a_bad_payload_leaves_no_traceback_in_a_real_process(alert_project):
    (alert_project.root / "bad.json").write_bytes(b'{"alerts": {"not": "a list"}, "groupKey": "k", "version": "4", "status": "firing"}')
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", "alert", "bad.json", "--now", "2020-02-06T00:20:00Z"],
        cwd=alert_project.root, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == "balise alert: bad.json: 'alerts' must be a list, not an object\n"


def test_the_json_report_lists_each_group(alert_project):
    result = alert_project.alert(str(SEQUENCE / STEPS[0][0]), "--json", now=STEPS[0][1])
    report = json.loads(result.output)
    (group,) = report["groups"]
    assert report["ok"] is True
    assert group["action"] == "opened"
    assert group["branch"] == f"alert/{group['key']}"
    assert group["file"].startswith("incidents/2020-02-06-")
    assert group["components"] == {"api": "degraded_performance"}
    assert {"label": "alertmanager", "url": "http://ops1:9093"} in group["links"]


def test_a_bad_payload_in_json_mode_is_a_json_refusal(alert_project):
    (alert_project.root / "bad.json").write_text("{", encoding="utf-8")
    result = alert_project.alert("bad.json", "--json", now=STEPS[0][1])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"ok": False, "problems": ["bad.json:1:2: not JSON: Expecting property name enclosed in double quotes"], "groups": []}


@pytest.mark.parametrize("start", ["9999-12-31T23:59:59Z", "0002-01-01T00:00:00Z"])
def test_an_alert_starting_at_the_edge_of_time_gives_a_valid_draft(alert_project, start):
    payload = json.loads((SEQUENCE / STEPS[0][0]).read_text())
    payload["alerts"][0]["startsAt"] = start
    result = alert_project.alert(str(alert_project.payload("p.json", payload)), now=STEPS[0][1])
    assert result.exit_code == 0, result.output
    incident = alert_project.only()
    assert incident.started_at <= incident.first_posted_at


def test_a_payload_with_no_alerts_closes_nothing(alert_project):
    alert_project.replay(*STEPS[0])
    before = alert_project.snapshot()
    payload = json.loads((SEQUENCE / STEPS[0][0]).read_text())
    payload["alerts"] = []
    result = alert_project.alert(str(alert_project.payload("p.json", payload)), now="2020-02-06T00:30:00Z")
    assert result.exit_code == 0 and "no alerts in the payload: nothing to do" in result.output
    assert alert_project.snapshot() == before


def test_more_payloads_than_a_run_reads_is_a_usage_error(alert_project):
    result = alert_project.alert(*([str(SEQUENCE / STEPS[0][0])] * 101), now=STEPS[0][1])
    assert result.exit_code == 2 and "at most 100 payloads in one run" in result.output
    assert alert_project.files() == []
