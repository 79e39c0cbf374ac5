"""Where each output lives. Paths are relative to the site root and part of the contract.

Nothing here starts with "/": the site must work at a domain root and under a sub-path,
so pages link relatively and absolute URLs are built from `site_url`.
"""

from __future__ import annotations

from posixpath import relpath

from ..model import SiteConfig

HOME = ""
HISTORY = "history/"


def incident_path(incident_id: str) -> str:
    return f"incidents/{incident_id}/"


def component_path(component_id: str) -> str:
    return f"components/{component_id}/"


def absolute(config: SiteConfig, path: str) -> str | None:
    """The public URL of `path`, or None when `site_url` is not configured."""
    if not config.site_url:
        return None
    return config.site_url.rstrip("/") + "/" + path


def relative(from_page: str, to_path: str) -> str:
    """A link from the page at directory URL `from_page` to `to_path` (both root-relative)."""
    if from_page == to_path:
        return "./"
    target = relpath("/" + to_path, "/" + from_page)
    if to_path == "" or to_path.endswith("/"):
        target += "/"
    return target


#: Folders the build fills: every path under them is generated, today or when an incident,
#: a component or a year is added, so nothing hand-written may live there.
GENERATED_FOLDERS = ("incidents/", "components/", "history/", "api/", "assets/balise/")
#: Files the build writes at the site root (besides the home page, "").
GENERATED_FILES = ("history.rss", "history.atom", "maintenance.ics", "badge.svg", "_headers", "robots.txt")


def is_generated(path: str) -> bool:
    """Whether the build owns the site path `path` (a file, or a page's directory URL)."""
    if path in (HOME, "index.html"):
        return True
    if path.startswith(GENERATED_FOLDERS) or f"{path}/" in GENERATED_FOLDERS:
        return True
    # `_headers/` (from docs/_headers.md) would be a folder where the build writes a file.
    return any(path == name or path.startswith(f"{name}/") for name in GENERATED_FILES)
