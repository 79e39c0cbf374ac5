"""A small project on disk (mkdocs.yml + incidents/) that tests fill with files."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from site_builder.model import SiteConfig
from site_builder.source.config import read_config
from site_builder.source.problems import BaliseError
from site_builder.source.project import load_project

NOW = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)

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

VALID = """\
---
title: Elevated error rates on the API
impact: major
components:
  api: partial_outage
updates:
  - at: 2026-11-20T14:05:00Z
    status: investigating
    message: We are investigating.
  - at: 2026-11-20T14:40:00Z
    status: resolved
    message: Fixed.
---
Body.
"""


@dataclass
class Project:
    root: Path

    @property
    def incidents(self) -> Path:
        return self.root / "incidents"

    @property
    def config_path(self) -> Path:
        return self.root / "mkdocs.yml"

    def config(self) -> SiteConfig:
        return read_config(self.config_path)

    def write(self, name: str, text: str | bytes, dedent: bool = True) -> Path:
        path = self.incidents / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
        return path

    def problems(self, now: datetime = NOW) -> list[str]:
        """Every problem `balise check` would print, with paths relative to the project root."""
        try:
            found = load_project(self.incidents, self.config_path, now).problems
        except BaliseError as error:
            found = tuple(error.problems)
        root = self.root.resolve().as_posix() + "/"
        return [str(p).removeprefix(root) for p in found]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "incidents").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return Project(tmp_path)
