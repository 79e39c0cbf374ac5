"""Sites to build machine outputs from: the shipped example, or a small project on disk.

Incident files are written as YAML front matter with every string JSON-quoted (a JSON string
is a valid YAML double-quoted scalar), so tests can put quotes, `<`, `#`, emoji or
right-to-left text in titles and messages without fighting YAML syntax.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from site_builder.engine.status import Snapshot, snapshot
from site_builder.outputs.build import machine_outputs
from site_builder.source.project import load_project

REPO = Path(__file__).resolve().parents[2]
#: Real Statuspage responses (tests/data/statuspage/README.md says where each came from).
SAMPLES = REPO / "tests" / "data" / "statuspage"
#: The reference time the example incidents were written for.
EXAMPLE_NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def example_snapshot(now: datetime = EXAMPLE_NOW) -> Snapshot:
    project = load_project(REPO / "incidents", REPO / "mkdocs.yml", now)
    assert not project.errors, project.errors
    return snapshot(project.config, project.incidents, now)


def outputs(state: Snapshot) -> dict[str, bytes]:
    return {f.path: f.content for f in machine_outputs(state)}


def write_outputs(files: Mapping[str, bytes], folder: Path) -> None:
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def q(text: str) -> str:
    """A YAML scalar for any text."""
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class Comp:
    id: str
    name: str
    group: str | None = None


@dataclass(frozen=True)
class Group:
    id: str
    name: str


DEFAULT_GROUPS = (Group("core", "Core"),)
DEFAULT_COMPONENTS = (Comp("api", "API", "core"), Comp("web", "Website", "core"), Comp("db", "Database"))


def config_text(
    site_name: str = "Test Status",
    site_url: str | None = "https://status.example.test/",
    timezone: str = "Europe/Paris",
    groups: Sequence[Group] = DEFAULT_GROUPS,
    components: Sequence[Comp] = DEFAULT_COMPONENTS,
) -> str:
    lines = [f"site_name: {q(site_name)}"]
    if site_url:
        lines.append(f"site_url: {q(site_url)}")
    lines += ["theme:", "  name: material", "plugins:", "  - balise:", f"      timezone: {timezone}"]
    if groups:
        lines.append("      groups:")
        for group in groups:
            lines += [f"        - id: {group.id}", f"          name: {q(group.name)}"]
    lines.append("      components:")
    for component in components:
        lines += [f"        - id: {component.id}", f"          name: {q(component.name)}"]
        if component.group:
            lines.append(f"          group: {component.group}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class U:
    """One update of a file to write."""

    at: str
    status: str
    message: str = "Message."
    components: Mapping[str, str] = field(default_factory=dict)


def incident_text(
    title: str,
    updates: Iterable[U],
    components: Mapping[str, str] | Sequence[str] = (),
    impact: str | None = "minor",
    kind: str = "incident",
    scheduled_for: str | None = None,
    scheduled_until: str | None = None,
    body: str = "",
) -> str:
    lines = ["---", f"title: {q(title)}"]
    if kind != "incident":
        lines.append(f"kind: {kind}")
    if impact is not None:
        lines.append(f"impact: {impact}")
    if scheduled_for:
        lines += [f"scheduled_for: {scheduled_for}", f"scheduled_until: {scheduled_until}"]
    if isinstance(components, Mapping):
        lines += ["components:"] + [f"  {c}: {s}" for c, s in components.items()]
    else:
        lines += ["components:"] + [f"  - {c}" for c in components]
    lines.append("updates:")
    for update in updates:
        lines += [f"  - at: {update.at}", f"    status: {update.status}", f"    message: {q(update.message)}"]
        if update.components:
            lines += ["    components:"] + [f"      {c}: {s}" for c, s in update.components.items()]
    lines += ["---", body]
    return "\n".join(lines) + "\n"


def maintenance_text(
    title: str, scheduled_for: str, scheduled_until: str, updates: Iterable[U], components: Sequence[str] = ("api",)
) -> str:
    return incident_text(
        title,
        updates,
        components,
        impact=None,
        kind="maintenance",
        scheduled_for=scheduled_for,
        scheduled_until=scheduled_until,
    )


@dataclass
class Site:
    """A project folder: mkdocs.yml and incidents/, built at a given `now`."""

    root: Path

    @classmethod
    def create(cls, root: Path, config: str | None = None) -> Site:
        (root / "incidents").mkdir(parents=True, exist_ok=True)
        (root / "mkdocs.yml").write_text(config or config_text(), encoding="utf-8")
        return cls(root)

    def add(self, name: str, text: str) -> Path:
        path = self.root / "incidents" / name
        path.write_text(text, encoding="utf-8")
        return path

    def snapshot(self, now: datetime) -> Snapshot:
        project = load_project(self.root / "incidents", self.root / "mkdocs.yml", now)
        assert not project.errors, [str(p) for p in project.errors]
        return snapshot(project.config, project.incidents, now)

    def outputs(self, now: datetime) -> dict[str, bytes]:
        return outputs(self.snapshot(now))

    def json(self, now: datetime, path: str) -> dict:
        return json.loads(self.outputs(now)[path])
