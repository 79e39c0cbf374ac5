"""DEPLOY.md's Alertmanager relay runs as written: it turns Alertmanager's real payload into a
`repository_dispatch` call GitHub accepts (10 top-level keys at most in `client_payload`), and the
alert workflow reads what it sent as the same alert group."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from support.alert_project import DATA
from support.github_api import github_api

from site_builder.alerts.payloads import parse

REPO = Path(__file__).resolve().parents[2]


def relay_script() -> str:
    deploy = (REPO / "DEPLOY.md").read_text(encoding="utf-8")
    section = deploy[deploy.index("### Prometheus Alertmanager") :]
    return re.search(r"```python\n(.*?)```", section, flags=re.DOTALL).group(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_relay_forwards_alertmanagers_payload_as_a_dispatch(tmp_path):
    script = tmp_path / "alert-relay.py"
    script.write_text(relay_script(), encoding="utf-8")
    port = free_port()
    with github_api() as fake:
        environment = {**os.environ, "GITHUB_API_URL": fake.url, "GITHUB_REPOSITORY": fake.repository,
                       "GITHUB_DISPATCH_TOKEN": fake.token, "RELAY_PORT": str(port)}  # fmt: skip
        relay = subprocess.Popen([sys.executable, str(script)], env=environment, stderr=subprocess.PIPE)
        try:
            body = (DATA / "alertmanager" / "alert.json").read_bytes()
            for _ in range(100):
                try:
                    request = urllib.request.Request(f"http://127.0.0.1:{port}/", data=body, method="POST")
                    with urllib.request.urlopen(request, timeout=10) as answer:
                        assert answer.status == 204
                    break
                except (ConnectionRefusedError, urllib.error.URLError):
                    time.sleep(0.1)
        finally:
            relay.terminate()
            relay.wait(timeout=10)
        (dispatch,) = fake.dispatches
        (call,) = fake.made("POST", "/dispatches")
    assert call.headers["authorization"] == f"Bearer {fake.token}"
    assert dispatch["event_type"] == "alert"
    payload = dispatch["client_payload"]
    assert len(payload) <= 10
    assert all("annotations" not in alert for alert in payload["alerts"])  # they may name hosts
    original = parse(body, "alert.json")
    relayed = parse(json.dumps(payload).encode(), "client_payload")
    assert relayed.group_id == original.group_id and relayed.start == original.start
    assert [alert.labels for alert in relayed.alerts] == [alert.labels for alert in original.alerts]
