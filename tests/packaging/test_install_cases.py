"""`balise init` writes a requirement CI can install, whichever way Balise was installed: Balise
installed for real each way (pip and git, no stand-ins), then `init` run by that install.

The shared venv of conftest.py is reinstalled each way with --no-deps, and put back as it was
(the wheel) when the module ends. Slow: every way but the index builds a wheel.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from support.clean_venv import REPO, clean_env, new_venv, run

from site_builder import __version__

pytestmark = pytest.mark.slow

#: Left out of a copy of the working tree: what builds and tests leave behind.
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "site", "build", "dist", "*.egg-info", "__pycache__", ".*cache*",
                                    ".hypothesis")  # fmt: skip


@pytest.fixture(scope="module")
def reinstall(installed, wheel):
    """Reinstalls Balise in the shared venv from a pip source; the wheel is back afterwards."""

    def install(*source: str | Path) -> None:
        run(installed / "python", "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", *source)

    yield install
    install(wheel)


def init(balise: Path, folder: Path) -> tuple[str, str]:
    result = run(balise, "init", folder, "--language", "fr")
    requirement = (folder / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1]
    return requirement, result.stderr


def test_from_an_index_the_exact_release(installed, wheel, reinstall, tmp_path):
    # A folder of wheels read as an index (no direct URL): pip records no direct_url.json.
    reinstall("--no-index", "--find-links", wheel.parent, f"balise=={__version__}")
    requirement, said = init(installed / "balise", tmp_path / "status")
    assert requirement == f"balise=={__version__}"
    assert "installed from a package index" in said
    assert not (tmp_path / "status" / "vendor").exists()


def test_from_an_sdist_a_copy_of_it_in_vendor(installed, reinstall, tmp_path):
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=NOT_SOURCE)
    # pip makes no sdist: the build backend this project names does, from a venv of its own.
    builder = new_venv(tmp_path / "builder")
    run(builder / "python", "-m", "pip", "install", "--quiet", "setuptools>=69")
    run(builder / "python", "-c", "from setuptools import build_meta; build_meta.build_sdist('dist')", cwd=source)
    (sdist,) = (source / "dist").glob("balise-*.tar.gz")
    reinstall(sdist)
    requirement, said = init(installed / "balise", tmp_path / "status")
    assert requirement == f"./vendor/{sdist.name}"
    assert (tmp_path / "status" / "vendor" / sdist.name).read_bytes() == sdist.read_bytes()
    assert f"a copy of the archive this Balise was installed from ({sdist})" in said
    with tarfile.open(sdist) as archive:  # the sdist carries the templates init writes
        assert any(name.endswith("scaffold/templates/theme/assets/brand.css") for name in archive.getnames())


def test_from_a_git_clone_on_this_machine_a_wheel_of_that_commit(installed, reinstall, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True, env=clean_env())
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, capture_output=True, text=True,
                            check=True).stdout.strip()  # fmt: skip
    reinstall(f"git+{clone.as_uri()}@{commit}")
    requirement, said = init(installed / "balise", tmp_path / "status")
    assert requirement == f"./vendor/balise-{__version__}-py3-none-any.whl"
    assert f"the commit {commit[:12]} of {clone}" in said
    built = tmp_path / "status" / "vendor" / f"balise-{__version__}-py3-none-any.whl"
    assert "site_builder/scaffold/requirement.py" in zipfile.ZipFile(built).namelist()


def test_from_this_editable_checkout_a_wheel_built_into_vendor(tmp_path):
    # The test's own venv runs Balise from this checkout, installed editable.
    result = run(sys.executable, "-m", "site_builder", "init", "status", cwd=tmp_path)
    built = tmp_path / "status" / "vendor" / f"balise-{__version__}-py3-none-any.whl"
    assert (tmp_path / "status" / "requirements.txt").read_text(encoding="utf-8").endswith(f"\n./vendor/{built.name}\n")
    assert f"a wheel built from an editable checkout this Balise runs from ({REPO})" in result.stderr
    assert "site_builder/cli.py" in zipfile.ZipFile(built).namelist()
