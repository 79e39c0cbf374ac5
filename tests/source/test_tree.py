"""Listing a source folder: links judged against the repository, nothing skipped without a word."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.unlistable import make_unlistable

from site_builder.source.tree import list_files


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/repo with a docs/ folder; problems are shown relative to it (the current folder)."""
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    monkeypatch.chdir(root)
    return root


def listed(repo: Path) -> tuple[list[str], list[str]]:
    listing = list_files(repo / "docs", repo)
    return [p.relative_to(repo).as_posix() for p in listing.files], [str(p) for p in listing.problems]


def test_files_in_sub_folders_are_listed_in_order(repo):
    (repo / "docs" / "b").mkdir()
    (repo / "docs" / "b" / "z.md").write_text("z", encoding="utf-8")
    (repo / "docs" / "a.md").write_text("a", encoding="utf-8")
    assert listed(repo) == (["docs/a.md", "docs/b/z.md"], [])


def test_a_link_to_a_file_outside_the_repository_is_refused(repo):
    (repo / "docs" / "env.txt").symlink_to("/proc/self/environ")
    assert listed(repo) == (
        [], ["docs/env.txt:1: symbolic link to a path outside the repository; refused, it is never followed"]
    )


def test_a_link_to_a_folder_outside_the_repository_is_refused_and_not_walked(repo, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("s", encoding="utf-8")
    (repo / "docs" / "more").symlink_to(outside, target_is_directory=True)
    files, problems = listed(repo)
    assert files == [] and problems == [
        "docs/more:1: symbolic link to a path outside the repository; refused, it is never followed"
    ]


def test_a_link_to_a_file_inside_the_repository_is_listed_under_its_own_name(repo):
    (repo / "CHANGELOG.md").write_text("c", encoding="utf-8")
    (repo / "docs" / "changelog.md").symlink_to("../CHANGELOG.md")
    assert listed(repo) == (["docs/changelog.md"], [])


def test_a_link_into_a_hidden_path_of_the_repository_is_refused(repo):
    (repo / ".env").write_text("TOKEN=secret", encoding="utf-8")
    (repo / "docs" / "env.txt").symlink_to("../.env")
    assert listed(repo)[1] == ["docs/env.txt:1: symbolic link into a hidden path ('.env'); refused, it is never followed"]


def test_a_link_to_a_folder_that_contains_it_is_refused_not_walked_forever(repo):
    (repo / "docs" / "page.md").write_text("p", encoding="utf-8")
    (repo / "docs" / "up").symlink_to("..", target_is_directory=True)
    (repo / "docs" / "self").symlink_to(".", target_is_directory=True)
    assert listed(repo) == (
        ["docs/page.md"],
        [
            "docs/self:1: symbolic link to a folder that contains it (a loop); refused",
            "docs/up:1: symbolic link to a folder that contains it (a loop); refused",
        ],
    )


def test_a_broken_link_is_reported(repo):
    (repo / "docs" / "gone.md").symlink_to("nowhere.md")
    assert listed(repo)[1] == [
        "docs/gone.md:1: broken symbolic link: its target does not exist; remove it or restore the target"
    ]


def test_a_folder_that_cannot_be_listed_is_reported(repo, monkeypatch):
    (repo / "docs" / "private").mkdir()
    (repo / "docs" / "page.md").write_text("p", encoding="utf-8")
    make_unlistable(monkeypatch, "private")
    assert listed(repo) == (
        ["docs/page.md"], ["docs/private:1: cannot list this folder: Permission denied; nothing in it was read"]
    )


def test_a_pipe_is_refused_rather_than_read(repo):
    os.mkfifo(repo / "docs" / "page.md")
    assert listed(repo) == ([], ["docs/page.md:1: not a regular file (a pipe, socket or device); refused"])
