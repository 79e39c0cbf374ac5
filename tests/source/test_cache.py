"""The cache folder: entries found by content, data never code, anything unreadable ignored."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from site_builder.source.cache import FOLDER_NAME, HEADER, CacheFolder, Table, digest


def folder(tmp_path: Path) -> CacheFolder:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return CacheFolder.beside(tmp_path / "mkdocs.yml")


def test_a_table_reads_back_what_a_run_put_in_it(tmp_path):
    cache = folder(tmp_path)
    table = cache.table("things")
    table.put(digest("a"), "first\nline\twith a tab")
    table.put(digest("b"), "second")
    table.save()
    again = cache.table("things")
    assert again.get(digest("a")) == "first\nline\twith a tab"
    assert again.get(digest("b")) == "second"
    assert again.get(digest("c")) is None


def test_a_table_keeps_only_what_the_last_run_used(tmp_path):
    cache = folder(tmp_path)
    table = cache.table("things")
    table.put(digest("old"), "old")
    table.put(digest("kept"), "kept")
    table.save()
    second = cache.table("things")
    assert second.get(digest("kept")) == "kept"
    second.save()
    assert cache.table("things").get(digest("old")) is None
    assert cache.table("things").get(digest("kept")) == "kept"


def test_keys_tell_apart_parts_that_join_to_the_same_text():
    assert digest("ab", "c") != digest("a", "bc")
    assert len(digest("x")) == 40


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe not text",
        b"some other program's file\n",
        (HEADER + "\nshort\t\"x\"\n").encode(),  # a key that is not a digest
        (HEADER + "\n" + "0" * 40 + "\t{\"not\": \"a string\"}\n").encode(),
        (HEADER + "\n" + "0" * 40 + "\t\"unterminated\n").encode(),
        (HEADER + "\n" + "0" * 40 + "\t\"\\ud800 bad escape\\").encode(),
    ],
)
def test_a_table_file_that_is_not_a_table_reads_as_empty(tmp_path, content):
    cache = folder(tmp_path)
    assert cache.current is not None
    cache.current.mkdir(parents=True)
    (cache.current / "things.table").write_bytes(content)
    assert cache.table("things").get("0" * 40) is None


def test_caching_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("BALISE_CACHE", "off")
    cache = folder(tmp_path)
    table = cache.table("things")
    table.put(digest("a"), "a")
    table.save()
    assert cache.root is None
    assert not (tmp_path / FOLDER_NAME).exists()


def test_a_cache_folder_that_is_a_symbolic_link_is_not_used(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / FOLDER_NAME).symlink_to(elsewhere, target_is_directory=True)
    cache = folder(project)
    assert cache.root is None
    table = cache.table("things")
    table.put(digest("a"), "a")
    table.save()
    assert list(elsewhere.iterdir()) == []


def test_a_table_file_that_is_a_symbolic_link_is_neither_read_nor_written_through(tmp_path):
    cache = folder(tmp_path)
    assert cache.current is not None
    cache.current.mkdir(parents=True)
    outside = tmp_path / "outside.table"
    outside.write_text(HEADER + "\n" + digest("a") + '\t"from outside"\n', encoding="utf-8")
    (cache.current / "things.table").symlink_to(outside)
    table = cache.table("things")
    assert table.get(digest("a")) is None
    table.put(digest("b"), "b")
    table.save()
    assert outside.read_text(encoding="utf-8").endswith('"from outside"\n')
    assert not (cache.current / "things.table").is_symlink()


def test_a_cache_folder_git_tracks_is_not_used(tmp_path):
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True,
                       env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                            "GIT_COMMITTER_EMAIL": "t@t"})  # fmt: skip

    git("init", "-q")
    planted = tmp_path / FOLDER_NAME / "planted.table"
    planted.parent.mkdir()
    planted.write_text("from a pull request\n", encoding="utf-8")
    git("add", "-f", str(planted))
    git("commit", "-qm", "a cache folder in a pull request")
    assert folder(tmp_path).root is None


def test_an_untracked_cache_folder_in_a_repository_is_used(tmp_path):
    subprocess.run(["git", "-C", str(tmp_path), "init", "-q"], check=True)
    (tmp_path / FOLDER_NAME).mkdir()
    assert folder(tmp_path).root == (tmp_path / FOLDER_NAME).resolve()


def test_folders_of_other_versions_are_removed(tmp_path):
    cache = folder(tmp_path)
    assert cache.root is not None
    older = cache.root / ("0" * 20)
    older.mkdir(parents=True)
    (older / "things.table").write_text("old", encoding="utf-8")
    cache.table("things").put(digest("a"), "a")
    cache.prune()
    assert not older.exists()
