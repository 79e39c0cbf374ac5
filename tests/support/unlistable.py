"""A folder that cannot be listed, for tests that run as root (who could list a folder of mode 000)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def make_unlistable(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Listing any folder called `name` fails with EACCES, as the kernel would answer a normal user."""
    scandir = os.scandir

    def refused(path):  # type: ignore[no-untyped-def]
        if Path(path).name == name:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refused)
