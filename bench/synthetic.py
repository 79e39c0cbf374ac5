"""Synthetic projects for the benchmark: many components, several years of incidents.

Deterministic (a seeded random generator), so two runs measure the same input.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
YEARS = 4

_STATUSES = ("degraded_performance", "partial_outage", "major_outage")
_IMPACTS = ("minor", "major", "critical")


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Shape:
    """The component catalog: `components` spread over `groups` (the example site: 11 in 3)."""

    components: int = 10
    groups: int = 3

    def component_ids(self) -> list[str]:
        return [f"svc-{index}" for index in range(self.components)]

    def group_of(self, index: int) -> int:
        return index * self.groups // self.components


def write_config(root: Path, shape: Shape, theme_lines: list[str] | None = None) -> Path:
    """mkdocs.yml for a synthetic project; `theme_lines` are extra lines under `theme:`."""
    lines = [
        "site_name: Bench Status",
        "site_url: https://status.bench.example/",
        "theme:",
        "  name: material",
        *(theme_lines or []),
        "  language: en",
        "  font: false",
        "plugins:",
        "  - balise:",
        "      timezone: Europe/Paris",
        "      groups:",
    ]
    for g in range(shape.groups):
        lines += [f"        - id: group-{g}", f"          name: Group {g}"]
    lines.append("      components:")
    for index, component in enumerate(shape.component_ids()):
        lines += [f"        - id: {component}", f"          name: Service {index}", f"          group: group-{shape.group_of(index)}"]
    path = root / "mkdocs.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _incident(rng: random.Random, index: int, start: datetime, components: list[str]) -> str:
    affected = rng.sample(components, rng.randint(1, 3))
    first = {c: rng.choice(_STATUSES) for c in affected}
    open_incident = start > NOW - timedelta(hours=6)
    lines = [
        "---",
        f"title: Synthetic incident {index} on {', '.join(affected)}",
        f"impact: {rng.choice(_IMPACTS)}",
        "components:",
        *(f"  {c}: {s}" for c, s in first.items()),
        "updates:",
        f"  - at: {_stamp(start)}",
        "    status: investigating",
        "    message: We are investigating reports of errors.",
        f"  - at: {_stamp(start + timedelta(minutes=rng.randint(5, 60)))}",
        "    status: identified",
        "    components:",
        f"      {affected[0]}: {rng.choice(_STATUSES)}",
        "    message: |",
        "      We found the cause and are deploying a fix.",
        "      Next update in thirty minutes.",
    ]
    if not open_incident:
        lines += [
            f"  - at: {_stamp(start + timedelta(minutes=rng.randint(61, 240)))}",
            "    status: resolved",
            "    message: The fix is deployed and everything works again.",
        ]
    lines += ["---", "## Summary", "", f"Incident number **{index}**, generated for the benchmark.", ""]
    return "\n".join(lines)


def _maintenance(index: int, start: datetime, components: list[str]) -> str:
    end = start + timedelta(hours=2)
    announce = min(start - timedelta(days=3), NOW - timedelta(hours=1))
    lines = [
        "---",
        "kind: maintenance",
        f"title: Synthetic maintenance {index}",
        f"scheduled_for: {_stamp(start)}",
        f"scheduled_until: {_stamp(end)}",
        "components:",
        *(f"  - {c}" for c in components),
        "updates:",
        f"  - at: {_stamp(announce)}",
        "    status: scheduled",
        "    message: We will upgrade some equipment.",
    ]
    if end < NOW:
        lines += [f"  - at: {_stamp(end)}", "    status: completed", "    message: Done."]
    return "\n".join([*lines, "---", ""])


def write_incidents(root: Path, count: int, shape: Shape, seed: int = 1) -> Path:
    """`count` files spread evenly over YEARS years up to NOW; one in twenty is a maintenance."""
    rng = random.Random(seed)
    folder = root / "incidents"
    folder.mkdir(parents=True, exist_ok=True)
    components = shape.component_ids()
    span = timedelta(days=365 * YEARS)
    for index in range(count):
        offset = span * (index + 1) / (count + 1)
        start = (NOW - span + offset).replace(second=0, microsecond=0)
        if index % 20 == 19:
            start = start + timedelta(days=2)
            text = _maintenance(index, start, rng.sample(components, 2))
        else:
            text = _incident(rng, index, start, components)
        (folder / f"{start:%Y-%m-%d}-synthetic-{index}.md").write_text(text, encoding="utf-8")
    return folder
