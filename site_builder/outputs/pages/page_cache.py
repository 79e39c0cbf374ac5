"""Incident pages kept between builds, so a build after one incident changed renders one page.

An incident page's content (what the theme's frame is filled with) and description depend on
the incident's file, the config, the build's `now` (times are worded relative to it, the page
is stamped with it) and the status summary every page carries (its signature, and whether
anything is open). Its row in the lists of history and component pages depends on the same,
and is kept the same way, under the depth of the page that lists it. The key is a digest of
exactly these and of the page's path; Balise's code and its libraries name the cache folder
itself (source/cache.py). A template that starts
showing anything else on an incident page must add it to `PageCache.for_build`.

Pages are stored in one table per worker (`pages-<build>-<share>.table`): each worker of a
build saves the pages it rendered or reused, so 10,000 pages never travel between processes.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ...engine.status import Snapshot
from ...model.times import iso_utc
from ...source.cache import CacheFolder, Table, digest

NAME = "pages"


@dataclass
class PageCache:
    folder: Path | None
    #: A digest of what every page depends on besides its own incident.
    context: str
    table: Table
    #: Names this build's tables; the tables of earlier builds are removed once it has saved its own.
    build: str = field(default_factory=lambda: secrets.token_hex(4))
    #: Whether any page was reused rather than rendered (so some Markdown was not converted at all).
    reused: bool = False

    @classmethod
    def for_build(cls, cache: CacheFolder, snapshot: Snapshot, signature: str, live_open: bool) -> PageCache:
        context = digest("incident-page", repr(snapshot.config), iso_utc(snapshot.now), signature, str(live_open))
        folder = cache.current
        return cls(folder, context, Table.read_parts(folder, NAME))

    def key(self, path: str, source: str) -> str:
        return digest(self.context, path, source)

    def get(self, key: str) -> tuple[str, str] | None:
        """The page's HTML and description, if kept."""
        text = self.table.get(key)
        if text is None:
            return None
        try:
            html, description = json.loads(text)
        except (ValueError, TypeError, RecursionError):  # not what `put` wrote: rendered again
            return None
        if not isinstance(html, str) or not isinstance(description, str):
            return None
        return html, description

    def put(self, key: str, html: str, description: str) -> None:
        self.table.put(key, json.dumps([html, description], ensure_ascii=False))

    def finish(self, share: int) -> None:
        """In each process, once its pages are rendered: save the ones it rendered or reused."""
        self.table.save_part(self.folder, NAME, f"{self.build}-{share}")

    def rows(self, sources: Mapping[str, str]) -> KeptRows:
        """Incidents' rows in the lists of history and component pages, kept with the pages."""
        return KeptRows(self, sources)

    def done(self) -> None:
        """In the build's process, once every worker saved: drop the tables of earlier builds."""
        Table.remove_parts(self.folder, NAME, self.build)


@dataclass(frozen=True)
class KeptRows:
    """An incident's row depends on what its page depends on, and on the depth of the page
    listing it (its links are relative): kept under the page's context, the depth and the
    incident's source (see render.Renderer.row)."""

    pages: PageCache
    #: Each incident's source (Project.sources).
    sources: Mapping[str, str]

    def key(self, incident_id: str, root: str) -> str | None:
        source = self.sources.get(incident_id)
        return None if source is None else self.pages.key(f"row {root}", source)

    def get(self, incident_id: str, root: str) -> str | None:
        key = self.key(incident_id, root)
        return None if key is None else self.pages.table.get(key)

    def put(self, incident_id: str, root: str, html: str) -> None:
        key = self.key(incident_id, root)
        if key is not None:
            self.pages.table.put(key, html)
