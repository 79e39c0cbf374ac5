"""The project's folders, and the one rule for the folder a build deletes and replaces."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.source.layout import Layout


@pytest.fixture
def layout(tmp_path: Path) -> Layout:
    root = tmp_path / "repo" / "status"
    (root / "incidents").mkdir(parents=True)
    (tmp_path / "repo" / ".git").mkdir()
    (root / "mkdocs.yml").write_text("site_name: S\ndocs_dir: pages\nsite_dir: public\n", encoding="utf-8")
    return Layout.read(root / "mkdocs.yml")


def test_folders_named_in_mkdocs_yml_are_read_from_its_folder(layout, tmp_path):
    assert layout.docs == tmp_path / "repo" / "status" / "pages"
    assert layout.site == tmp_path / "repo" / "status" / "public"
    assert layout.repository == tmp_path / "repo"


def test_without_git_the_project_is_the_repository(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: S\n", encoding="utf-8")
    assert Layout.read(tmp_path / "mkdocs.yml").repository == tmp_path


@pytest.mark.parametrize("site", ["status/public", "public", "status/site/deeper"])
def test_a_folder_beside_the_sources_may_be_replaced(layout, tmp_path, site):
    assert layout.site_folder_problem(tmp_path / "repo" / site) is None


@pytest.mark.parametrize(
    ("site", "reason"),
    [
        ("repo", "it is the repository"),
        ("repo/status", "it is the project"),
        ("repo/status/incidents/x", "it is inside the incidents folder"),
        ("repo/status/pages", "it is docs_dir"),
        ("repo/.git/site", "it is inside the git folder"),
        ("", "it contains the repository"),
    ],
)
def test_a_source_folder_is_never_replaced(layout, tmp_path, site, reason):
    problem = layout.site_folder_problem(tmp_path / site)
    assert problem is not None and problem.startswith(reason)


def test_the_shared_git_folder_of_a_worktree_is_a_source_folder(tmp_path):
    main_git = tmp_path / "main" / ".git"
    (main_git / "worktrees" / "wt").mkdir(parents=True)
    (main_git / "worktrees" / "wt" / "commondir").write_text("../..\n", encoding="utf-8")
    worktree = tmp_path / "wt"
    worktree.mkdir()
    (worktree / ".git").write_text(f"gitdir: {main_git / 'worktrees' / 'wt'}\n", encoding="utf-8")
    (worktree / "mkdocs.yml").write_text("site_name: S\n", encoding="utf-8")
    layout = Layout.read(worktree / "mkdocs.yml")
    assert layout.site_folder_problem(main_git / "site") == f"it is inside the git folder ({main_git})"
    assert layout.site_folder_problem(tmp_path / "main").startswith("it contains the git folder")


def test_an_unreadable_config_gives_the_default_folders(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: [oops\n", encoding="utf-8")
    layout = Layout.read(tmp_path / "mkdocs.yml")
    assert (layout.docs, layout.site) == (tmp_path / "docs", tmp_path / "site")
