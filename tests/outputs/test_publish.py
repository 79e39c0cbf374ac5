"""Publishing a built site: swapped in whole, and only our own abandoned work folders removed."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.outputs import publish
from site_builder.outputs.publish import LOCK_NAME, LOCK_TEXT, remove_abandoned, staged, work_prefix


def abandoned_work_folder(target: Path, suffix: str = "0123456789abcdef") -> Path:
    """What a build killed by SIGKILL leaves: a work folder with our lock file, unlocked."""
    folder = target.with_name(f"{work_prefix(target)}{suffix}")
    (folder / "site").mkdir(parents=True)
    (folder / "site" / "index.html").write_text("half a site", encoding="utf-8")
    (folder / LOCK_NAME).write_bytes(LOCK_TEXT)
    return folder


@pytest.mark.parametrize("exchange", ["renameat2", "two renames"])
def test_the_built_folder_replaces_the_target_whole(tmp_path, monkeypatch, exchange):
    if exchange == "two renames":  # where the system cannot exchange two folders in one call
        monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old", encoding="utf-8")
    with staged(target) as built:
        (built / "index.html").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert [p.name for p in target.iterdir()] == ["index.html"]


def test_a_failure_in_the_block_leaves_the_target_and_no_work_folder(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(OSError), staged(target) as built:
        (built / "index.html").write_text("new", encoding="utf-8")
        raise OSError(28, "No space left on device")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (target / "index.html").read_text(encoding="utf-8") == "old"


def test_an_abandoned_work_folder_is_removed(tmp_path):
    folder = abandoned_work_folder(tmp_path / "site")
    assert remove_abandoned(tmp_path / "site") == [folder]
    assert not folder.exists()


def test_the_work_folder_of_a_running_build_is_left_alone(tmp_path):
    target = tmp_path / "site"
    with staged(target) as built:
        assert remove_abandoned(target) == []
        assert built.is_dir()


def test_a_work_folder_locked_by_another_process_is_left_alone(tmp_path):
    folder = abandoned_work_folder(tmp_path / "site")
    descriptor = os.open(folder / LOCK_NAME, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        assert remove_abandoned(tmp_path / "site") == []
    finally:
        os.close(descriptor)
    assert folder.is_dir()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda f: None, id="no lock file"),
        pytest.param(lambda f: (f / LOCK_NAME).write_text("someone else's\n"), id="a lock file not ours"),
        pytest.param(lambda f: (f / LOCK_NAME).symlink_to(f / "site" / "index.html"), id="a symlink as lock"),
    ],
)
def test_a_look_alike_folder_that_is_not_provably_ours_is_left_alone(tmp_path, make):
    folder = tmp_path / f"{work_prefix(tmp_path / 'site')}0123456789abcdef"
    (folder / "site").mkdir(parents=True)
    (folder / "site" / "index.html").write_bytes(LOCK_TEXT)
    make(folder)
    assert remove_abandoned(tmp_path / "site") == []
    assert folder.is_dir()


@pytest.mark.parametrize("name", [".site.balise-xyz", ".site.balise-0123456789abcdef0", ".other.balise-0123456789abcdef"])
def test_folders_with_other_names_are_left_alone(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    (folder / LOCK_NAME).write_bytes(LOCK_TEXT)
    assert remove_abandoned(tmp_path / "site") == []
    assert folder.is_dir()


def test_a_symbolic_link_named_like_a_work_folder_is_not_followed(tmp_path):
    real = abandoned_work_folder(tmp_path / "elsewhere" / "site")
    link = tmp_path / f"{work_prefix(tmp_path / 'site')}0123456789abcdef"
    link.symlink_to(real, target_is_directory=True)
    assert remove_abandoned(tmp_path / "site") == []
    assert real.is_dir() and link.is_symlink()


def test_with_background_removal_the_target_is_complete_at_once_and_the_old_site_goes_after(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old", encoding="utf-8")
    with staged(target, remove_in_background=True) as built:
        (built / "index.html").write_text("new", encoding="utf-8")
    assert [p.name for p in target.iterdir()] == ["index.html"]
    deadline = time.monotonic() + 30
    while sorted(p.name for p in tmp_path.iterdir()) != ["site"]:
        assert time.monotonic() < deadline, "the replaced site was never removed"
        time.sleep(0.01)


def test_a_work_folder_being_removed_in_the_background_is_not_taken_for_abandoned(tmp_path, monkeypatch):
    go = tmp_path / "go"

    def slow_rmtree(path, ignore_errors=False):
        while not go.exists():
            time.sleep(0.01)
        real_rmtree(path, ignore_errors=ignore_errors)

    real_rmtree = publish.shutil.rmtree
    monkeypatch.setattr(publish.shutil, "rmtree", slow_rmtree)
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("old", encoding="utf-8")
    with staged(target, remove_in_background=True) as built:
        (built / "index.html").write_text("new", encoding="utf-8")
    (work,) = [p for p in tmp_path.iterdir() if p.name.startswith(work_prefix(target))]
    assert remove_abandoned(target) == []  # its lock is held by the process removing it
    assert (work / "previous" / "index.html").read_text(encoding="utf-8") == "old"
    go.touch()
    deadline = time.monotonic() + 30
    while work.exists():
        assert time.monotonic() < deadline, "the replaced site was never removed"
        time.sleep(0.01)
    assert (target / "index.html").read_text(encoding="utf-8") == "new"


def test_without_a_previous_site_nothing_is_left_to_remove_in_the_background(tmp_path):
    target = tmp_path / "site"
    with staged(target, remove_in_background=True) as built:
        (built / "index.html").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_a_reader_never_finds_the_site_missing_while_it_is_replaced(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("0", encoding="utf-8")
    reader = subprocess.Popen(  # another process, as a web server would be, looking as fast as it can
        [sys.executable, "-c", "import os, sys\nmissing = 0\nwhile not os.path.exists(sys.argv[2]):\n"
         "    missing += not os.path.exists(sys.argv[1])\nprint(missing)", str(target / "index.html"), str(tmp_path / "stop")],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    for round_ in range(1, 300):
        with staged(target) as built:
            (built / "index.html").write_text(str(round_), encoding="utf-8")
    (tmp_path / "stop").touch()
    missing, _ = reader.communicate(timeout=30)
    assert int(missing) == 0
    assert (target / "index.html").read_text(encoding="utf-8") == "299"
