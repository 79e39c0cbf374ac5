"""A page of the site as plain data, so the site engine that publishes it can be swapped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SitePage:
    """One generated page.

    `path` is the page's directory URL relative to the site root (`""`, `incidents/x/`), as
    urls.py spells it; `title` is plain text (the engine must escape it); `html` is the
    page's content, already safe; `in_nav` says whether the site navigation lists it
    (incident pages never are: a navigation that grows with them makes every page grow).
    `description` is plain text for link previews and search engines (it says the status);
    `component` names the component whose feeds the page offers besides the site's;
    `updated` is when the data the page shows last changed (a sitemap's lastmod), if known.
    """

    path: str
    title: str
    html: str
    in_nav: bool = False
    template: str = "main.html"
    description: str = ""
    component: str | None = None
    updated: datetime | None = None

    @property
    def source_name(self) -> str:
        """The Markdown file name an engine with directory URLs turns into `path`."""
        if self.path == "":
            return "index.md"
        return self.path.rstrip("/") + ".md"
