"""The edit lock: one edit of a file at a time, never blocked by a command that died."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from support.author_project import OPEN, OPEN_NAME, project  # noqa: F401

from site_builder.authoring import locking
from site_builder.authoring.locking import FileLocked, lock_path, locked


def test_a_second_edit_waits_for_the_first_and_gives_up_with_file_locked(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("x", encoding="utf-8")
    with locked(path), pytest.raises(FileLocked), locked(path, wait=0.1):
        pass


def test_the_lock_file_is_removed_after_the_edit(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("x", encoding="utf-8")
    with locked(path):
        assert lock_path(path).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_a_lock_file_left_by_a_killed_command_does_not_block(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("x", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); "
         "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); sys.stdin.read()", str(lock_path(path))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout.readline() == "locked\n"
    holder.kill()
    holder.wait()
    assert lock_path(path).exists()
    with locked(path, wait=1):
        pass


def test_a_symbolic_link_planted_as_the_lock_file_is_not_followed(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("x", encoding="utf-8")
    victim = tmp_path / "victim"
    victim.write_text("keep", encoding="utf-8")
    lock_path(path).symlink_to(victim)
    with pytest.raises(OSError), locked(path):
        pass
    assert victim.read_text(encoding="utf-8") == "keep"


def test_an_update_while_another_holds_the_lock_is_refused_aloud(project, monkeypatch):
    project.write(OPEN_NAME, OPEN)
    monkeypatch.setattr(locking, "WAIT_SECONDS", 0.1)
    with locked(project.incidents / OPEN_NAME):
        result = project.run("update", "api-errors", "-m", "Still investigating.")
    assert result.exit_code == 1
    assert result.stderr == (
        f"incidents/{OPEN_NAME}: another command is editing this file; nothing was written, run the command again\n"
    )
    assert project.text(OPEN_NAME) == OPEN
    assert os.listdir(project.incidents) == [OPEN_NAME]
