"""Listing a source folder (`incidents/`, `docs/`) without following anything out of the repository.

Anyone can open a pull request, and a symbolic link is a file like any other in git:
`docs/env.txt -> /proc/self/environ` would publish the build's environment, and
`incidents/x.md -> /elsewhere/file.md` an incident nobody reviewed. A link is followed only
when it resolves inside the repository and to nothing hidden (`.git`, `.env`); anything
else, and anything that cannot be read (a broken link, a folder we may not list, a FIFO
that would block the build), is a problem naming the path: nothing is skipped silently.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, display_path


@dataclass(frozen=True)
class Listing:
    """The regular files under a folder, as found there (links not resolved), and the problems met."""

    files: tuple[Path, ...]
    problems: tuple[Problem, ...]


def repository_root(start: Path) -> Path:
    """The nearest folder holding `.git` at or above `start`; `start` itself when there is none."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def list_files(folder: Path, boundary: Path) -> Listing:
    """Every file under `folder`, sorted, with every link judged against `boundary` (the repository)."""
    walker = _Walker(boundary.resolve())
    walker.walk(folder, (folder.resolve(),))
    return Listing(tuple(sorted(walker.files)), tuple(walker.problems))


def shown(path: Path) -> str:
    """The path for a message, relative to the current folder: a link's own name, never its target's."""
    parent = display_path(path.parent)
    return path.name if parent == "." else f"{parent}/{path.name}"


class _Walker:
    def __init__(self, boundary: Path) -> None:
        self.boundary = boundary
        self.files: list[Path] = []
        self.problems: list[Problem] = []

    def problem(self, path: Path, message: str) -> None:
        self.problems.append(Problem(shown(path), 1, message))

    def walk(self, folder: Path, visiting: tuple[Path, ...]) -> None:
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            self.problem(folder, f"cannot list this folder: {error.strerror}; nothing in it was read")
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                self.link(path, visiting)
                continue
            try:
                if entry.is_file(follow_symlinks=False):  # a regular file, from the listing alone
                    self.files.append(path)
                    continue
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as error:
                self.problem(path, f"cannot read this entry: {error.strerror}")
                continue
            self.add(path, mode, visiting, path.resolve())

    def link(self, path: Path, visiting: tuple[Path, ...]) -> None:
        try:
            target = path.resolve(strict=True)
            mode = os.stat(target).st_mode
        except (OSError, RuntimeError):  # RuntimeError: a loop of links, on Python before 3.13
            self.problem(path, "broken symbolic link: its target does not exist; remove it or restore the target")
            return
        if target != self.boundary and self.boundary not in target.parents:
            self.problem(path, "symbolic link to a path outside the repository; refused, it is never followed")
            return
        hidden = [part for part in target.relative_to(self.boundary).parts if part.startswith(".")]
        if hidden:
            self.problem(path, f"symbolic link into a hidden path ('{hidden[0]}'); refused, it is never followed")
            return
        self.add(path, mode, visiting, target)

    def add(self, path: Path, mode: int, visiting: tuple[Path, ...], real: Path) -> None:
        if stat.S_ISDIR(mode):
            if any(real == folder or real in folder.parents for folder in visiting):
                self.problem(path, "symbolic link to a folder that contains it (a loop); refused")
                return
            self.walk(path, (*visiting, real))
        elif stat.S_ISREG(mode):
            self.files.append(path)
        else:
            self.problem(path, "not a regular file (a pipe, socket or device); refused")
