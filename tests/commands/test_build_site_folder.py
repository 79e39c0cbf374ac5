"""`balise build` never deletes a source folder: the site folder it replaces is checked first.

A build replaces its site folder whole. A site folder that is, contains or lies inside the
repository, the project, `incidents/`, `docs/`, the theme or `.git` is refused with one
line, whoever asked for it (`--site-dir` or `site_dir` in a pull request's mkdocs.yml).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from click.testing import CliRunner
from support.site_project import EXAMPLE_NOW, THEME, build, example_project, with_custom_dir

from site_builder.cli import main


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every file (bytes) and symbolic link (target) under `folder`, hidden ones included."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[name] = path.read_bytes()
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The example project, with a docs page, in a git repository of its own: tmp/outer/project."""
    config = example_project(tmp_path / "outer")
    (config.parent / "docs").mkdir()
    (config.parent / "docs" / "faq.md").write_text("# FAQ\n\nAsk us.\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(config.parent)], check=True)
    return config.parent


def build_into(project: Path, site: str, monkeypatch: pytest.MonkeyPatch):
    """`balise build --site-dir SITE` run from the project folder, as people type it."""
    monkeypatch.chdir(project)
    return CliRunner().invoke(main, ["build", "--site-dir", site, "--now", EXAMPLE_NOW], catch_exceptions=False)


def assert_refused_and_nothing_lost(result, before: dict[str, bytes | str], folder: Path, reason: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1, result.output
    assert "refusing" in lines[0] and reason in lines[0], lines[0]
    assert tree(folder) == before


@pytest.mark.parametrize(
    ("site", "reason"),
    [
        (".", "it is the repository"),
        ("incidents", "it is the incidents folder"),
        ("docs", "it is docs_dir"),
        (".git", "it is the git folder"),
        ("incidents/site", "it is inside the incidents folder"),
        ("docs/site", "it is inside docs_dir"),
        ("..", "it contains the repository"),
    ],
)
def test_a_site_folder_that_is_contains_or_is_inside_a_source_folder_is_refused(project, monkeypatch, site, reason):
    outer = project.parent
    before = tree(outer)
    result = build_into(project, site, monkeypatch)
    assert_refused_and_nothing_lost(result, before, outer, reason)


def test_site_dir_in_mkdocs_yml_is_held_to_the_same_rule(project, monkeypatch):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "site_dir: ..\n", encoding="utf-8")
    outer = project.parent
    before = tree(outer)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build", "--now", EXAMPLE_NOW], catch_exceptions=False)
    assert_refused_and_nothing_lost(result, before, outer, "it contains the repository")


def test_a_symbolic_link_to_a_source_folder_is_refused(project, monkeypatch):
    (project / "site").symlink_to(project / "incidents")
    before = tree(project.parent)
    result = build_into(project, "site", monkeypatch)
    assert_refused_and_nothing_lost(result, before, project.parent, "it is the incidents folder")


def test_a_site_folder_inside_the_theme_is_refused(project, monkeypatch):
    shutil.copytree(THEME, project / "overrides")
    with_custom_dir(project / "mkdocs.yml", "overrides")
    before = tree(project.parent)
    result = build_into(project, "overrides/site", monkeypatch)
    assert_refused_and_nothing_lost(result, before, project.parent, "it is inside the theme folder")


def test_a_site_folder_inside_the_examples_own_theme_folder_is_refused(project, monkeypatch):
    assert (project / "theme" / "assets" / "brand.css").is_file()  # the example names custom_dir: theme
    before = tree(project.parent)
    result = build_into(project, "theme/site", monkeypatch)
    assert_refused_and_nothing_lost(result, before, project.parent, "it is inside the theme folder")


def test_a_folder_of_other_files_is_not_replaced(project, tmp_path, monkeypatch):
    elsewhere = tmp_path / "notes"
    elsewhere.mkdir()
    (elsewhere / "todo.txt").write_text("keep me", encoding="utf-8")
    result = build_into(project, str(elsewhere), monkeypatch)
    assert_refused_and_nothing_lost(result, {"todo.txt": b"keep me"}, elsewhere, "no index.html")


def test_a_file_is_not_replaced_by_a_site(project, monkeypatch):
    (project / "public").write_text("not a folder", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "site_dir: public\n", encoding="utf-8")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build", "--now", EXAMPLE_NOW], catch_exceptions=False)
    assert result.exit_code == 1
    assert "it is a file" in result.output
    assert (project / "public").read_text(encoding="utf-8") == "not a folder"


def test_the_ordinary_site_folder_is_built_and_rebuilt(project, monkeypatch):
    assert build_into(project, "site", monkeypatch).exit_code == 0
    assert build_into(project, "site", monkeypatch).exit_code == 0
    assert (project / "site" / "index.html").is_file()
    assert (project / "docs" / "faq.md").is_file() and (project / "incidents").is_dir()


def test_a_plain_mkdocs_build_refuses_the_incidents_folder_as_site_dir(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "site_dir: incidents\n", encoding="utf-8")
    before = tree(project)
    with pytest.raises(Abort):
        mkdocs_build(load_config(config_file=str(config)))
    assert tree(project) == before


def test_a_refused_build_reports_the_site_folder_it_refused(project, monkeypatch):
    result = build(project / "mkdocs.yml", project / "incidents")
    assert str(project / "incidents") in result.output
    assert "--site-dir" in result.output


def test_a_site_folder_that_is_a_git_checkout_is_not_replaced(project, tmp_path, monkeypatch):
    pages = tmp_path / "gh-pages"
    subprocess.run(["git", "init", "-q", str(pages)], check=True)
    (pages / "index.html").write_text("published before", encoding="utf-8")
    before = tree(pages)
    result = build_into(project, str(pages), monkeypatch)
    assert_refused_and_nothing_lost(result, before, pages, "it holds a git repository (.git)")
