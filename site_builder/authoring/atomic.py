"""Writing a file so that readers see either the old bytes or the new ones, never a mix.

An incident file is edited under stress, sometimes on a laptop about to sleep: a crash or
Ctrl-C half-way through must not leave a truncated file for `git commit -a` to pick up.
The new bytes go to a temporary file in the same directory (a rename is only atomic
within one file system), are flushed to disk, then renamed over the target.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

# Hard links are how a new file is published without ever overwriting one; these errors
# mean the file system has none, and the fallback below is used instead.
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS})


def replace_file(path: Path, data: bytes) -> None:
    """Replaces an existing file's content atomically, keeping its permission bits."""
    path = path.resolve()  # through a symlink to the real file, not over the link
    mode = stat.S_IMODE(path.stat().st_mode)
    temporary = _write_temporary(path, data, mode)
    try:
        os.replace(temporary, path)
    except BaseException:
        _remove(temporary)
        raise
    _sync_directory(path.parent)


def create_file(path: Path, data: bytes) -> None:
    """Creates a new file atomically; raises FileExistsError rather than overwrite one."""
    temporary = _write_temporary(path, data, None)
    try:
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise
            # No hard links here: a last look, then a rename. Only a writer racing us in
            # the same instant could be overwritten, which a hand-run command can accept.
            if path.exists():
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
            os.replace(temporary, path)
    finally:
        _remove(temporary)
    _sync_directory(path.parent)


def _write_temporary(path: Path, data: bytes, mode: int | None) -> Path:
    # A dot name ending in .tmp: never mistaken for an incident file (*.md) while it exists.
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # 0o666 lets the umask decide a new file's mode, as for any file the user creates.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else mode)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            if mode is not None:
                os.chmod(temporary, mode)  # the umask may have cleared bits the original had
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def _sync_directory(directory: Path) -> None:
    """Makes the rename itself durable; some platforms cannot open a directory, which is fine."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
