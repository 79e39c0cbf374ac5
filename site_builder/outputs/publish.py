"""Publishing a built site: built beside its folder, then swapped in whole.

The new site is built in a work folder beside the target, on the same file system, so
publishing it is a rename: a build that fails leaves the target exactly as it was, and a
deploy never uploads half a site. The work folder holds a lock file that the build keeps
locked while it runs; a build killed outright (SIGKILL, a lost runner) cannot remove its
work folder, so the next build removes every one whose lock nobody holds: only folders
with our name pattern and our lock file, which no other program makes.

On Linux the swap is one system call, renameat2's RENAME_EXCHANGE: a reader or a web server
serving the folder never finds it missing. Where that call is not available (another system,
an old kernel, a file system without it), the swap is two renames, with a moment between
them when the target does not exist.

The site it replaces is removed after the swap, by a detached process when the caller asks
(`balise build`): at 10,000 incidents that is 30,000 files and folders, a second of waiting
for nothing. That process holds the work folder's lock until the folder is gone, so no other
build takes it for abandoned meanwhile; if it is killed, the next build removes the folder.

The caller checks the target first (source.layout.Layout.site_folder_problem): this module
deletes whatever the target holds.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import secrets
import shutil
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..engine.forking import detached

try:
    import fcntl
except ImportError:  # not POSIX: abandoned work folders are left, since no lock can tell
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "lock"
LOCK_TEXT = b"balise build work folder\n"
BUILT_NAME = "site"
PREVIOUS_NAME = "previous"


def work_prefix(target: Path) -> str:
    return f".{target.name}.balise-"


def _work_pattern(target: Path) -> re.Pattern[str]:
    return re.compile(re.escape(work_prefix(target)) + "[0-9a-f]{16}")


@contextmanager
def staged(target: Path, *, remove_in_background: bool = False) -> Iterator[Path]:
    """An empty folder to build into, moved to `target` only when the block succeeds.

    The folder is created with mode 0o777 less the umask, like any folder the user makes,
    so a web server running as another user can read the published site. With
    `remove_in_background`, the site it replaced is removed by a detached process (see above);
    the target is complete either way when the block returns.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(target)
    with _work_folder(target) as work:
        built = work.path / BUILT_NAME
        os.mkdir(built, 0o777)
        yield built
        _swap(built, target, work.path / PREVIOUS_NAME)
        if remove_in_background and os.path.lexists(work.path / PREVIOUS_NAME):
            work.handed_over = detached(partial(shutil.rmtree, work.path, ignore_errors=True))


def remove_abandoned(target: Path) -> list[Path]:
    """Removes the work folders of killed builds of `target`; returns what was removed."""
    if fcntl is None:
        return []
    pattern = _work_pattern(target)
    removed = []
    with os.scandir(target.parent) as entries:
        candidates = [Path(e.path) for e in entries if pattern.fullmatch(e.name) and e.is_dir(follow_symlinks=False)]
    for folder in candidates:
        with _claimed(folder) as claimed:
            if claimed:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


@contextmanager
def _claimed(folder: Path) -> Iterator[bool]:
    """True while we hold the lock of a work folder whose build is gone."""
    try:
        descriptor = os.open(folder / LOCK_NAME, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        yield False  # no lock file of ours: not provably a work folder
        return
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode) or os.read(descriptor, 64) != LOCK_TEXT:
            yield False
            return
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False  # a build is running there now
            return
        yield True
    finally:
        os.close(descriptor)


@dataclass
class _WorkFolder:
    path: Path
    #: Whether a detached process took over its removal (and holds its lock until it is done).
    handed_over: bool = False


@contextmanager
def _work_folder(target: Path) -> Iterator[_WorkFolder]:
    """A new work folder beside `target`, locked for as long as the block runs, then removed."""
    while True:
        work = target.with_name(f"{work_prefix(target)}{secrets.token_hex(8)}")
        try:
            os.mkdir(work, 0o700)
            break
        except FileExistsError:
            continue
    descriptor = -1
    folder = _WorkFolder(work)
    try:
        descriptor = os.open(work / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        os.write(descriptor, LOCK_TEXT)
        yield folder
    finally:
        # Removed while still locked: another build never sees it unlocked and half deleted.
        if not folder.handed_over:
            shutil.rmtree(work, ignore_errors=True)
        if descriptor >= 0:
            os.close(descriptor)


#: renameat2's flag that exchanges two paths atomically (linux/fs.h), and "the working folder".
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Exchanges two existing paths atomically; False when this system cannot, having changed nothing."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library older than glibc 2.28, or none to load
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):  # no such call or flag here
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def _swap(built: Path, target: Path, previous: Path) -> None:
    """`built` becomes `target`; the old target goes to `previous`, removed with the work folder."""
    had_target = os.path.lexists(target)
    if had_target and _exchange(built, target):
        built.rename(previous)  # the old site, now at `built`, inside the work folder
        return
    if had_target:
        target.rename(previous)
    try:
        built.rename(target)
    except BaseException:
        if had_target:
            with suppress(OSError):
                previous.rename(target)
        raise
