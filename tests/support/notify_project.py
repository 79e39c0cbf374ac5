"""A status-page project with `notify:` channels, and `balise notify` run on it as a user would.

Incident files are written as the authoring commands write them; `run()` invokes the real
command (CliRunner, in-process, so the HTTP redirect of support.receivers applies) with the
environment a deploy step would give it, and a ledger file or a git branch.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner, Result

from site_builder.cli import main

CONFIG = """\
site_name: Northwind Status
site_url: https://status.northwind.test/
theme:
  name: material
  language: {language}
plugins:
  - balise:
      timezone: UTC
      components:
        - id: api
          name: Public API
        - id: web
          name: Website
        - id: db
          name: Database
      notify:
{channels}
"""


def channel(name: str, kind: str, target: str, **extra: object) -> str:
    """One `notify:` entry as YAML; list values are written inline."""
    lines = [f"        - name: {name}", f"          kind: {kind}", f'          target: "{target}"']
    for key, value in extra.items():
        if isinstance(value, list):
            rendered = "[" + ", ".join(f'"{v}"' for v in value) + "]"
        else:
            rendered = f'"{value}"'
        lines.append(f"          {key}: {rendered}")
    return "\n".join(lines)


@dataclass
class NotifyProject:
    root: Path
    channels: list[str]
    language: str = "en"
    env: dict[str, str] = field(default_factory=dict)

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def ledger(self) -> Path:
        return self.root / "ledger.json"

    def write_config(self) -> NotifyProject:
        (self.root / "incidents").mkdir(parents=True, exist_ok=True)
        self.config.write_text(CONFIG.format(language=self.language, channels="\n".join(self.channels)), encoding="utf-8")
        return self

    def incident(self, name: str, text: str) -> Path:
        path = self.root / "incidents" / name
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    def run(self, *args: str, now: str, ledger: bool = True) -> Result:
        """`balise notify --config … --now NOW [--ledger-file …] ARGS` with `env` as the environment."""
        command = ["notify", "--config", str(self.config), "--now", now]
        if ledger:
            command += ["--ledger-file", str(self.ledger)]
        return CliRunner().invoke(main, [*command, *args], env=self.env, catch_exceptions=False)


def open_incident(title: str = "Elevated API errors", at: str = "2026-11-20T14:05:00Z", message: str = "We are investigating.") -> str:
    return f"""\
    ---
    title: {_quoted(title)}
    impact: major
    components:
      api: partial_outage
    next_update: 2026-11-20T15:00:00Z
    updates:
      - at: {at}
        status: investigating
        message: {_quoted(message)}
    ---
    """


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def append_update(path: Path, at: str, status: str, message: str, extra: str = "") -> None:
    """An update added at the end of the timeline, as `balise update` would (the file ends with `---`)."""
    text = path.read_text(encoding="utf-8").rstrip()
    assert text.endswith("---")
    update = f"  - at: {at}\n    status: {status}\n    message: {_quoted(message)}\n{extra}"
    path.write_text(text.removesuffix("---") + update + "---\n", encoding="utf-8")
