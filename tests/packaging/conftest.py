"""One wheel of this repository and one clean venv holding it, shared by the packaging tests:
each costs most of a minute."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.clean_venv import REPO, build_wheel, new_venv, run


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a clean venv with the wheel and its dependencies, as pinned in constraints.txt."""
    scripts = new_venv(tmp_path_factory.mktemp("venv") / "venv")
    run(scripts / "python", "-m", "pip", "install", "--quiet", "-c", REPO / "constraints.txt", wheel)
    return scripts
