"""One edit of a file at a time: a lock file beside it, held while the file is re-read and replaced.

Two people (or a person and a script) may post to the same incident in the same second. Each
edit re-reads the file under the lock, so the second one is applied on top of the first
instead of replacing it. The lock is `flock` on `.NAME.lock` beside the file: the kernel
releases it when its holder exits, even when killed, so a crashed command never blocks the
next one. The lock file is removed afterwards, while still held; a waiter that then locks
a removed file notices it and starts again.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: edits still compare the bytes they read with the bytes on disk
    fcntl = None  # type: ignore[assignment]

#: How long to wait for another edit of the same file: edits take milliseconds, people seconds.
WAIT_SECONDS = 15.0
_POLL_SECONDS = 0.01


class FileLocked(Exception):
    """Another command held the file's lock for longer than we wait."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"another command is editing {path.as_posix()}")
        self.path = path


def lock_path(path: Path) -> Path:
    """A dot name that is not `*.md`: never read as an incident file while it exists."""
    return path.with_name(f".{path.name}.lock")


@contextmanager
def locked(path: Path, wait: float | None = None) -> Iterator[None]:
    """Holds the edit lock of `path` (resolved through symbolic links) for the block;
    FileLocked when another holder keeps it longer than `wait` seconds (default WAIT_SECONDS)."""
    if fcntl is None:
        yield
        return
    target = lock_path(path.resolve())
    descriptor = _acquire(target, time.monotonic() + (WAIT_SECONDS if wait is None else wait), path)
    try:
        yield
    finally:
        try:
            os.unlink(target)
        except FileNotFoundError:
            pass
        finally:
            os.close(descriptor)


def _acquire(target: Path, deadline: float, path: Path) -> int:
    while True:
        descriptor = os.open(target, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            while True:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as error:
                    if error.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                        raise
                if time.monotonic() > deadline:
                    raise FileLocked(path)
                time.sleep(_POLL_SECONDS)
            if _is_current(descriptor, target):
                return descriptor
        except BaseException:
            os.close(descriptor)
            raise
        os.close(descriptor)  # its holder removed it after we opened it: lock the one there now


def _is_current(descriptor: int, target: Path) -> bool:
    try:
        on_disk = os.stat(target, follow_symlinks=False)
    except FileNotFoundError:
        return False
    held = os.fstat(descriptor)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)
