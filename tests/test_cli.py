"""The `balise` command line as a process: what reaches the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from support.checked_project import VALID, project  # noqa: F401

from site_builder.cli import main

#: A valid incident on which ruamel.yaml's composer raised a ReusedAnchorWarning (the anchor `a` is
#: defined twice); Balise's reader (source/yamlread.py) reads it without one, as YAML allows.
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


def test_warnings_asked_for_with_pythonwarnings_are_shown(monkeypatch):
    # A library's warning raised inside a command: silenced by `balise`, shown when -W or
    # PYTHONWARNINGS (both in sys.warnoptions) asks for warnings.
    @click.command()
    def warn() -> None:
        warnings.warn("a library's deprecation", DeprecationWarning, stacklevel=1)

    balise_with_warn = click.Group("balise", callback=main.callback, commands=[warn])
    for options, shown in (([], False), (["default"], True)):
        monkeypatch.setattr(sys, "warnoptions", options)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            CliRunner().invoke(balise_with_warn, ["warn"], catch_exceptions=False)
        assert [str(w.message) for w in caught] == (["a library's deprecation"] if shown else []), options


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


def test_the_process_exits_with_the_commands_code(project):
    project.write("2026-11-20-api-errors.md", VALID.replace("impact: major", "impact: huge"))
    refused = balise("check", "--now", "2026-11-20T15:00:00Z", cwd=project.root)
    assert refused.returncode == 1 and "impact" in refused.stderr + refused.stdout
    assert balise("no-such-command", cwd=project.root).returncode == 2
    assert balise("--version", cwd=project.root).returncode == 0


def test_everything_a_command_prints_reaches_a_pipe_before_the_process_ends(project):
    # The process ends without tearing the interpreter down (cli.run): its output is flushed first.
    printed = balise("schema", cwd=project.root)
    assert printed.returncode == 0
    assert json.loads(printed.stdout)["$schema"]
