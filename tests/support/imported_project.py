"""A project made by `balise init` that the importer tests import into and build."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from site_builder.cli import main
from site_builder.model.times import parse_time

REPO = Path(__file__).resolve().parents[2]
STATUSPAGE = REPO / "tests" / "data" / "statuspage"
CSTATE = REPO / "tests" / "data" / "cstate"


def instant(text: str) -> datetime:
    from datetime import UTC

    return parse_time(text, UTC)


@dataclass
class TeamProject:
    root: Path

    @classmethod
    def init(cls, folder: Path) -> TeamProject:
        result = CliRunner().invoke(main, ["init", str(folder), "--yes", "--requirement", "balise==0.1.0"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return cls(folder)

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def incidents(self) -> Path:
        return self.root / "incidents"

    def balise(self, *args: str, env: dict[str, str] | None = None) -> Result:
        """`balise ARGS` run from the project's folder."""
        import os

        previous = Path.cwd()
        os.chdir(self.root)
        try:
            return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
        finally:
            os.chdir(previous)

    def files(self) -> dict[str, bytes]:
        """The incident files (not the folder's README) and their bytes."""
        return {p.name: p.read_bytes() for p in sorted(self.incidents.glob("*.md")) if p.name != "README.md"}

    def build(self, now: str) -> Path:
        result = self.balise("build", "--now", now)
        assert result.exit_code == 0, result.output
        return self.root / "site"

    def api(self, name: str) -> Any:
        return json.loads((self.root / "site" / "api" / "v2" / name).read_text(encoding="utf-8"))
