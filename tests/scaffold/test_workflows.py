"""The workflows and hook `balise init` writes are this repository's own, derived, never a drifting copy."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from site_builder.cli import main
from site_builder.scaffold.workflows import WORKFLOWS, DerivationError, team_workflow

REPO = Path(__file__).resolve().parents[2]
OURS = REPO / ".github" / "workflows"
PACKAGED = REPO / "site_builder" / "scaffold" / "templates" / "workflows"


@pytest.fixture(scope="module")
def team_repo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("team") / "status"
    result = CliRunner().invoke(main, ["init", str(root), "--requirement", "balise==0.1.0"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root


@pytest.mark.parametrize("name", WORKFLOWS)
def test_the_packaged_workflow_is_ours_derived(name):
    derived = team_workflow((OURS / name).read_text(encoding="utf-8"))
    assert (PACKAGED / name).read_text(encoding="utf-8") == derived, (
        f"{name} drifted from .github/workflows/{name}: run python tests/scaffold/regenerate_workflows.py"
    )


@pytest.mark.parametrize("name", WORKFLOWS)
def test_the_derivation_changes_only_how_balise_is_installed(name):
    ours = (OURS / name).read_text(encoding="utf-8").splitlines()
    theirs = team_workflow("\n".join(ours)).splitlines()
    changed = {" ".join(line.split()) for line in difflib.ndiff(ours, theirs) if line.startswith(("+ ", "- "))}
    assert changed == {
        "- cache-dependency-path: pyproject.toml", "- run: python -m pip install -e .",
        "+ cache-dependency-path: requirements.txt", "+ run: python -m pip install -r requirements.txt",
    }  # fmt: skip


def test_a_workflow_the_derivation_no_longer_fits_is_an_error():
    with pytest.raises(DerivationError, match="expected 'run: python -m pip install -e .' in the workflow"):
        team_workflow("cache-dependency-path: pyproject.toml\nrun: pip install balise\n")


@pytest.mark.parametrize("name", WORKFLOWS)
def test_init_writes_the_packaged_workflows(team_repo, name):
    assert (team_repo / ".github" / "workflows" / name).read_bytes() == (PACKAGED / name).read_bytes()


def test_the_team_workflows_install_balise_from_requirements(team_repo):
    for name in WORKFLOWS:
        text = (team_repo / ".github" / "workflows" / name).read_text(encoding="utf-8")
        assert "pip install -r requirements.txt" in text and "-e ." not in text


def test_zizmor_finds_nothing_in_the_team_workflows(team_repo):
    zizmor = shutil.which("zizmor", path=sysconfig.get_path("scripts")) or shutil.which("zizmor")
    if zizmor is None:
        pytest.fail("zizmor is not installed: it is a test dependency")
    result = subprocess.run(
        [zizmor, "--offline", "--no-progress", "--color=never", ".github/workflows/"],
        cwd=team_repo, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_team_hook_is_our_pre_commit_hook_run_from_their_install(team_repo):
    yaml = YAML(typ="safe")
    (ours,) = yaml.load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = yaml.load((team_repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local"
    for key in ("id", "name", "description", "entry", "pass_filenames", "files"):
        assert hook[key] == ours[key], key
    assert hook["language"] == "system"  # the balise of requirements.txt: one version to bump
