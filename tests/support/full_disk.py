"""Runs `balise` as if the disk filled up: every file opened for writing under FULL_DISK_FOLDER
fails with ENOSPC once FULL_DISK_AFTER files have been written there.

`python tests/support/full_disk.py build …` in a subprocess: the failure is raised by the
same `open` that MkDocs, shutil and our writers call, as the kernel would raise it.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import sys

FOLDER = os.path.realpath(os.environ["FULL_DISK_FOLDER"]) + os.sep
ALLOWED = int(os.environ.get("FULL_DISK_AFTER", "0"))
_real_open = io.open
_written = 0


def _full_disk_open(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
    global _written
    writing = any(flag in mode for flag in "wax+")
    if writing and isinstance(file, (str, bytes, os.PathLike)):
        path = os.path.realpath(os.fsdecode(file))
        if path.startswith(FOLDER):
            _written += 1
            if _written > ALLOWED:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
    return _real_open(file, mode, *args, **kwargs)


builtins.open = io.open = _full_disk_open

from site_builder.cli import main  # noqa: E402  (after the patch, as a real full disk would be)

sys.exit(main(prog_name="balise"))
