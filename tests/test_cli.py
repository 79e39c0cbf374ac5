"""The `balise` command line as a process: what reaches the terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.checked_project import VALID, project  # noqa: F401

#: A valid incident on which ruamel.yaml raises a ReusedAnchorWarning (the anchor `a` is defined twice).
REUSED_ANCHOR = VALID.replace("title: Elevated", "title: &a Elevated").replace(
    "message: We are investigating.", "message: &a We are investigating."
)


def balise(*args: str, cwd, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"} | (env or {})
    return subprocess.run(
        [sys.executable, "-m", "site_builder", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
        env=environment,
    )  # fmt: skip


@pytest.mark.parametrize(
    "command",
    [["check"], ["build", "--site-dir", "site"], ["update", "api-errors", "-m", "Still on it.", "--at", "-1m"]],
    ids=["check", "build", "update"],
)
def test_library_warnings_do_not_reach_the_terminal(project, command):
    still_open = REUSED_ANCHOR.replace("  - at: 2026-11-20T14:40:00Z\n    status: resolved\n    message: Fixed.\n", "")
    project.write("2026-11-20-api-errors.md", still_open)
    result = balise(*command, "--now", "2026-11-20T15:00:00Z", cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr, result.stderr
    assert "Warning" not in result.stdout


def test_warnings_asked_for_with_pythonwarnings_are_shown(project):
    project.write("2026-11-20-api-errors.md", REUSED_ANCHOR)
    result = balise("check", "--now", "2026-11-20T15:00:00Z", cwd=project.root, env={"PYTHONWARNINGS": "default"})
    assert "ReusedAnchorWarning" in result.stderr


def test_balise_check_never_loads_mkdocs_or_the_notification_channels():
    """The pull-request check starts faster for importing only what `check` needs."""
    repo = Path(__file__).resolve().parents[1]
    code = (
        "import sys; from site_builder.cli import main\n"
        f"try:\n    main(['check', {str(repo / 'incidents')!r}, '--config', {str(repo / 'mkdocs.yml')!r},"
        " '--now', '2026-11-22T12:00:00Z'])\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'material', 'apprise', 'requests'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
