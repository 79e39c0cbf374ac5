"""Rewrites the workflows `balise init` ships from this repository's own.

    python tests/scaffold/regenerate_workflows.py
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from site_builder.scaffold.workflows import WORKFLOWS, team_workflow  # noqa: E402

SOURCE = REPO / ".github" / "workflows"
TARGET = REPO / "site_builder" / "scaffold" / "templates" / "workflows"


def main() -> None:
    for name in WORKFLOWS:
        (TARGET / name).write_text(team_workflow((SOURCE / name).read_text(encoding="utf-8")), encoding="utf-8")
        print(f"wrote {(TARGET / name).relative_to(REPO)}")


if __name__ == "__main__":
    main()
