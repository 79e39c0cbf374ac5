"""Balise as a team installs it: a wheel built from this repository, clean venvs (no system
site-packages), and commands run in them as separate processes.

pip runs with this machine's own configuration (its index, find-links and cache), never with
options of ours, so what is measured and tested is what a newcomer's `pip install` does here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without what would leak this venv or a pinned clock into a child."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("VIRTUAL_ENV", "PYTHONPATH")) and key != "SOURCE_DATE_EPOCH"}  # fmt: skip
    return {**env, **extra}


def run(*command: str | Path, cwd: Path | None = None, timeout: int = 900, env: dict[str, str] | None = None,
        ok: bool = True) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """Runs a command with no terminal on stdin, as CI does; fails the test on a non-zero exit if `ok`."""
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env or clean_env(), stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    if ok:
        assert result.returncode == 0, f"{command} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def build_wheel(dist: Path) -> Path:
    """`pip wheel --no-deps` of this repository into `dist`."""
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", dist, REPO)
    (built,) = dist.glob("balise-*.whl")
    return built


def new_venv(folder: Path) -> Path:
    """A clean venv with pip; returns its bin folder."""
    venv.create(folder, with_pip=True, system_site_packages=False)
    return folder / "bin"
