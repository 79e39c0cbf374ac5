"""A small status-page project in a temporary folder, driven through the `balise` CLI in-process.

Shared by the authoring tests (test_commands_authoring.py, test_edit_*.py, test_author_*.py).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from site_builder.commands.check import check
from site_builder.commands.new import new
from site_builder.commands.resolve import resolve
from site_builder.commands.update import update
from site_builder.model import Incident
from site_builder.source.config import read_config
from site_builder.source.project import parse_incident

# The commands under test and `check`, grouped as in `balise`, without importing every other
# sub-command: one being rewritten elsewhere must not stop these tests from running.
balise = click.Group("balise", commands=[check, new, update, resolve])

#: 15:05 in Paris: the configured zone is one hour ahead of UTC in November.
NOW = datetime(2026, 11, 20, 14, 5, tzinfo=UTC)

CONFIG = """\
site_name: Test Status
site_url: https://status.example.test/
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - balise:
      timezone: Europe/Paris
      groups:
        - id: core
          name: Core
      components:
        - id: api
          name: API
          group: core
        - id: web
          name: Website
          group: core
        - id: db
          name: Database
"""

#: An open incident with a promise, as a person would have written it.
OPEN = """\
---
title: Elevated error rates on the API
impact: major
components:
  api: partial_outage
next_update: 2026-11-20T14:35:00Z
updates:
  - at: 2026-11-20T14:05:00Z
    status: investigating
    message: We are investigating.
---
"""

OPEN_NAME = "2026-11-20-api-errors.md"

MAINTENANCE = """\
---
kind: maintenance
title: Database upgrade
scheduled_for: 2026-11-25T22:00:00Z
scheduled_until: 2026-11-26T00:00:00Z
components:
  - db
updates:
  - at: 2026-11-20T09:00:00Z
    status: scheduled
    message: We will upgrade the database.
---
"""

MAINTENANCE_NAME = "2026-11-20-database-upgrade.md"


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Project:
    root: Path

    @property
    def incidents(self) -> Path:
        return self.root / "incidents"

    @property
    def config_path(self) -> Path:
        return self.root / "mkdocs.yml"

    def write(self, name: str, text: str) -> Path:
        path = self.incidents / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def run(self, *args: str, now: datetime | None = NOW) -> Result:
        """`balise ARGS --now NOW` in the project folder; stdout and stderr kept apart."""
        pinned = ["--now", iso(now)] if now is not None else []
        return CliRunner().invoke(balise, [*args, *pinned], catch_exceptions=False)

    def incident(self, name: str) -> Incident:
        path = self.incidents / name
        return parse_incident(path, path.read_bytes(), read_config(self.config_path))

    def text(self, name: str) -> str:
        return (self.incidents / name).read_text(encoding="utf-8")

    def files(self) -> list[str]:
        """Every file in the incidents folder, hidden ones too: a left-over temporary file shows here."""
        return sorted(path.name for path in self.incidents.iterdir())

    def assert_check_is_clean(self, now: datetime = NOW) -> None:
        result = self.run("check", "incidents", now=now)
        assert result.exit_code == 0, result.stdout + result.stderr
        assert "0 errors, 0 warnings" in result.stderr, result.stdout + result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "incidents").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return Project(tmp_path)
