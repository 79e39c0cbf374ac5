"""The engine-independent build: from a status snapshot to every machine-readable file.

The MkDocs adapter renders pages; everything machine-readable is produced here as
plain files, so another site engine could replace MkDocs without touching them.
"""

from __future__ import annotations

from ..engine.status import Snapshot
from .api import api_outputs
from .badges import badge_outputs
from .favicon import favicon_outputs
from .feeds import feed_outputs
from .headers import headers_outputs
from .ical import ical_outputs
from .markup import Converter
from .output import OutputFile
from .robots import robots_outputs

__all__ = ["OutputFile", "machine_outputs"]


def machine_outputs(snapshot: Snapshot, converter: Converter | None = None) -> list[OutputFile]:
    """Every non-HTML output (JSON API, feeds, calendar, badges, icon, robots.txt, CDN headers), sorted by path.

    `converter` may already hold the messages the pages converted (markup.Converter).
    """
    files = [
        *favicon_outputs(snapshot),
        *robots_outputs(snapshot.config),
        *api_outputs(snapshot),
        *feed_outputs(snapshot, converter or Converter()),
        *ical_outputs(snapshot),
        *badge_outputs(snapshot),
        *headers_outputs(),
    ]
    return sorted(files, key=lambda f: f.path)
