"""The engine-independent build: from a project and `now` to every output file.

The MkDocs adapter renders pages; everything machine-readable is produced here as
plain files, so another site engine could replace MkDocs without touching them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .status import Snapshot


@dataclass(frozen=True)
class OutputFile:
    """A file of the built site; `path` is relative to the site root, never starting with '/'."""

    path: str
    content: bytes


def machine_outputs(snapshot: Snapshot) -> list[OutputFile]:
    """Every non-HTML output (JSON API, feeds, calendar, badges, CDN headers), sorted by path."""
    files: list[OutputFile] = []
    return sorted(files, key=lambda f: f.path)
