"""The README's commands run exactly as written: the quick start from a clone of this repository
to a team's project that CI can install and build, the engineer's walkthrough in a project made
by `balise init` and in a copy of this repository's example, the team README's in its own
project, and CI runs the README's test command verbatim."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.clean_venv import clean_env, new_venv
from support.clean_venv import run as run_in

from site_builder.cli import main
from site_builder.source.config import read_config
from site_builder.source.project import parse_incident

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"


def shell_blocks(markdown: str, heading: str) -> list[str]:
    """The ```sh blocks of the section under `heading` (up to the next heading of its level)."""
    level = heading.split(" ", 1)[0]
    start = markdown.index(f"\n{heading}\n")
    following = re.search(rf"\n{level} ", markdown[start + 1 :])
    section = markdown[start : start + 1 + following.start()] if following else markdown[start:]
    return re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)


def without_push(script: str) -> str:
    """Everything but `git push`: there is no remote here."""
    script = re.sub(r"\s*&&\s*git push\b[^\n]*", "", script)
    return "\n".join(line for line in script.splitlines() if not line.strip().startswith("git push"))


def run_as_written(script: str, folder: Path) -> subprocess.CompletedProcess[str]:
    scripts = str(Path(sys.executable).parent)  # where this venv's `balise` is
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GITHUB_ACTIONS")},
        "PATH": f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}",
        "GIT_AUTHOR_NAME": "Balise", "GIT_AUTHOR_EMAIL": "dev@balise.invalid",
        "GIT_COMMITTER_NAME": "Balise", "GIT_COMMITTER_EMAIL": "dev@balise.invalid",
        "EDITOR": "false",  # every command in the walkthrough passes -m: no editor may open
    }  # fmt: skip
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=folder, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "start"], cwd=folder, check=True, env=env)
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], cwd=folder, env=env, capture_output=True, text=True, timeout=300
    )


def init_project(folder: Path) -> Path:
    assert CliRunner().invoke(main, ["init", str(folder), "--yes", "--requirement", "balise==0.1.0"]).exit_code == 0
    return folder


def example_copy(folder: Path) -> Path:
    folder.mkdir()
    shutil.copytree(REPO / "incidents", folder / "incidents")
    shutil.copytree(REPO / "theme", folder / "theme")
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def the_new_incident(folder: Path):
    (path,) = [p for p in (folder / "incidents").glob("*-elevated-api-errors.md")]
    return parse_incident(path, path.read_bytes(), read_config(folder / "mkdocs.yml"))


@pytest.mark.parametrize("make", [init_project, example_copy], ids=["balise-init", "this-repository"])
def test_the_engineers_walkthrough_runs_as_written(tmp_path, make):
    (block,) = shell_blocks(README.read_text(encoding="utf-8"), "## Posting an incident: the engineer's path")
    folder = make(tmp_path / "status")
    result = run_as_written(without_push(block), folder)
    assert result.returncode == 0, result.stdout + result.stderr
    incident = the_new_incident(folder)
    assert [u.status.value for u in incident.updates] == ["investigating", "identified", "resolved", "postmortem"]
    branch = subprocess.run(["git", "branch", "--show-current"], cwd=folder, capture_output=True, text=True)
    assert branch.stdout.strip() == "incident/api-errors"


def test_the_team_readmes_commands_run_as_written(tmp_path):
    folder = init_project(tmp_path / "status")
    blocks = shell_blocks((folder / "README.md").read_text(encoding="utf-8"), "## Post an incident")
    result = run_as_written(without_push("\n".join(blocks)), folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [u.status.value for u in the_new_incident(folder).updates] == ["investigating", "identified", "resolved"]


def checkout_status() -> str:
    """What git sees as changed or new in this checkout (ignored files aside)."""
    return subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True, check=True).stdout


@pytest.mark.slow
def test_the_quick_start_runs_as_written_and_ci_installs_and_builds_what_it_wrote(tmp_path):
    (block,) = shell_blocks(README.read_text(encoding="utf-8"), "### A status page for your team")
    home = tmp_path / "home"
    home.mkdir()
    # A newcomer's shell: this test's venv is not on PATH; `~` is a home of its own.
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if not p.startswith(str(REPO)))
    # pip's cache stays where this machine keeps it: a home of its own must not make it cold.
    cache = subprocess.run([sys.executable, "-m", "pip", "cache", "dir"], capture_output=True, text=True, check=False)
    env = clean_env(HOME=str(home), PATH=path, **({"PIP_CACHE_DIR": cache.stdout.strip()} if cache.returncode == 0 else {}))
    before = checkout_status()
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=1200, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert checkout_status() == before  # nothing landed in the clone
    project = home / "status-page"
    assert "balise init: no terminal to ask on, so it used example values" in result.stderr
    (wheel,) = (home / "balise-dist").glob("balise-*.whl")
    assert (project / "requirements.txt").read_text(encoding="utf-8").endswith(f"\n./vendor/{wheel.name}\n")
    assert (project / "site" / "index.html").is_file()

    # The team commits everything; CI's runner has the repository and the index, not the wheel.
    wheel.parent.rename(home / "somewhere-else")
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.invalid"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Our status page"]):
        subprocess.run([*git, *command], cwd=project, env=env, check=True, capture_output=True)
    committed = subprocess.run(["git", "ls-files"], cwd=project, capture_output=True, text=True, check=True).stdout
    assert f"vendor/{wheel.name}" in committed.split()
    runner = new_venv(tmp_path / "runner")
    run_in(runner / "python", "-m", "pip", "install", "-r", "requirements.txt", cwd=project, env=env)
    run_in(runner / "balise", "check", "incidents", cwd=project, env=env)
    run_in(runner / "balise", "build", "--strict", "--site-dir", "site", cwd=project, env=env)


def test_ci_runs_the_readmes_test_command_verbatim():
    test_command = next(
        line for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)
        for line in block.splitlines() if "pytest" in line
    )  # fmt: skip
    assert test_command in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
