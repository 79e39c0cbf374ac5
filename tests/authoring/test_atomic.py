"""Atomic writes: readers see the old bytes or the new ones, and a failure leaves no trace."""

from __future__ import annotations

import os

import pytest

from site_builder.authoring.atomic import create_file, replace_file


def test_replace_writes_the_new_bytes(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"old")
    replace_file(path, b"new")
    assert path.read_bytes() == b"new"


def test_replace_keeps_the_permission_bits(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"old")
    path.chmod(0o604)
    replace_file(path, b"new")
    assert path.stat().st_mode & 0o777 == 0o604


def test_replace_writes_through_a_symlink_to_the_real_file(tmp_path):
    real = tmp_path / "real.md"
    real.write_bytes(b"old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    replace_file(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_replace_interrupted_before_the_rename_leaves_the_original_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "a.md"
    path.write_bytes(b"old")

    def interrupted(source, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        replace_file(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_a_replace_interrupted_while_syncing_leaves_the_original_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "a.md"
    path.write_bytes(b"old")

    def failing(descriptor):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(OSError):
        replace_file(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_create_writes_a_new_file(tmp_path):
    path = tmp_path / "a.md"
    create_file(path, b"new")
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_create_gives_a_new_file_the_mode_the_umask_allows(tmp_path):
    previous = os.umask(0o027)
    try:
        create_file(tmp_path / "a.md", b"new")
    finally:
        os.umask(previous)
    assert (tmp_path / "a.md").stat().st_mode & 0o777 == 0o640


def test_create_refuses_to_overwrite_an_existing_file(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"someone else's")
    with pytest.raises(FileExistsError) as raised:
        create_file(path, b"new")
    assert raised.value.filename == str(path)  # the target, not the temporary file
    assert path.read_bytes() == b"someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_create_without_hard_links_still_refuses_to_overwrite(tmp_path, monkeypatch):
    def no_links(source, target):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    create_file(tmp_path / "a.md", b"new")
    assert (tmp_path / "a.md").read_bytes() == b"new"
    with pytest.raises(FileExistsError):
        create_file(tmp_path / "a.md", b"other")
    assert (tmp_path / "a.md").read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]
