"""A status-page project with alert rules, in a temporary folder, driven through `balise alert`.

The payloads are the real Alertmanager and Grafana bodies of tests/data/alerts/ (and the
sequence derived from them, see its README); the rules map their labels onto two components.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from site_builder.cli import main
from site_builder.model import Incident
from site_builder.source.config import read_config
from site_builder.source.project import incident_files, parse_incident

DATA = Path(__file__).resolve().parents[1] / "data" / "alerts"
SEQUENCE = DATA / "sequence"
STEPS = (
    ("1-firing.json", "2020-02-06T00:20:00Z"),
    ("2-more-alerts.json", "2020-02-06T00:25:00Z"),
    ("3-partly-resolved.json", "2020-02-06T00:40:00Z"),
    ("4-resolved.json", "2020-02-06T00:50:00Z"),
)

CONFIG = """\
site_name: Test Status
site_url: https://status.example.test/
theme:
  name: material
plugins:
  - balise:
      timezone: UTC
      components:
        - id: api
          name: Public API
        - id: web
          name: Website
      alerts:
        - match: {alertname: High CPU Temperature, severity: warning}
          components: {api: degraded_performance}
        - match: {alertname: High CPU Temperature, severity: critical}
          components: {api: major_outage, web: partial_outage}
        - match: {alertname: Memory (copy), grafana_folder: device}
          components: {web: degraded_performance}
          title: Slow pages on the website
        - match: {monitor: Checkout API}
          components: {api: partial_outage}
"""


@dataclass
class AlertProject:
    root: Path

    @property
    def incidents(self) -> Path:
        return self.root / "incidents"

    def alert(self, *args: str, now: str | None = None, input: bytes | None = None) -> Result:
        pinned = ["--now", now] if now else []
        return CliRunner().invoke(main, ["alert", *args, *pinned], input=input, catch_exceptions=False)

    def replay(self, name: str, now: str, folder: Path = SEQUENCE) -> Result:
        result = self.alert(str(folder / name), now=now)
        assert result.exit_code == 0, result.output
        return result

    def files(self) -> list[Path]:
        return sorted(incident_files(self.incidents))

    def snapshot(self) -> dict[str, str]:
        """Every file under incidents/ (hidden ones too) and a digest of its bytes."""
        return {
            str(path.relative_to(self.incidents)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(self.incidents.rglob("*"))
            if path.is_file()
        }

    def only(self) -> Incident:
        (path,) = self.files()
        return parse_incident(path, path.read_bytes(), read_config(self.root / "mkdocs.yml"))

    def payload(self, name: str, data: Any) -> Path:
        path = self.root / name
        path.write_text(json.dumps(data), encoding="utf-8")
        return path


def current_statuses(incident: Incident) -> dict[str, str]:
    statuses = {ident: status.value for ident, status in incident.components.items()}
    for update in incident.updates:
        statuses.update({ident: status.value for ident, status in update.components.items()})
    return statuses


@pytest.fixture
def alert_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AlertProject:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "incidents").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return AlertProject(tmp_path)
