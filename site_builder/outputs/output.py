"""One file of the built site, as the outputs produce it and the writer stores it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutputFile:
    """A file of the built site; `path` is relative to the site root, never starting with '/'."""

    path: str
    content: bytes
