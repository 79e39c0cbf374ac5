"""`balise check` as a new user runs it: a real process, a folder of broken files."""

from __future__ import annotations

import subprocess
import sys

from support.checked_project import VALID, project  # noqa: F401


def balise(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "site_builder", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_python_dash_m_runs_the_cli(project):
    result = balise("--version", cwd=project.root)
    assert result.returncode == 0 and result.stdout.startswith("balise, version")


def test_five_broken_files_give_every_problem_in_one_run_without_a_traceback(project):
    project.write("2026-11-20-a.md", b"\xff\xfe broken")
    project.write("2026-11-20-b.md", "---\ntitle: [oops\n---\n")
    project.write("2026-11-20-c.md", VALID.replace("impact: major", "impact: majr"))
    project.write("2026-11-20-d.md", VALID.replace("api: partial_outage", "apii: partial_outage"))
    project.write("Incident E.md", VALID.replace("at: 2026-11-20T14:40:00Z", "at: 2026-11-20T13:00:00Z"))
    result = balise("check", "--now", "2026-11-20T16:00:00Z", cwd=project.root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "incidents/2026-11-20-a.md",
        "incidents/2026-11-20-b.md",
        "incidents/2026-11-20-c.md",
        "incidents/2026-11-20-d.md",
        "incidents/Incident E.md",
        "incidents/Incident E.md",
    ]
    assert result.stderr == "balise check: 6 errors, 0 warnings in 5 files\n"
