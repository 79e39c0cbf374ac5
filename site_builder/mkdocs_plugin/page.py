"""A page MkDocs publishes with our HTML as its content."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..outputs.bidi import isolated_plain
from ..outputs.pages import SitePage

#: What MkDocs can stamp sitemap.xml.gz with: gzip's unsigned 32-bit seconds since 1970. MkDocs
#: takes the latest page date (else SOURCE_DATE_EPOCH) and fails on anything outside.
STAMPABLE = (datetime.fromtimestamp(0, UTC), datetime.fromtimestamp(2**32 - 1, UTC))


#: Page addresses that joining to the site's address only appends (no dot segment, query or fragment).
_PLAIN_URL = re.compile(r"(?:[a-z0-9_-]+/)*")


@lru_cache(maxsize=8)
def _joinable(base: str) -> tuple[str, str] | None:
    """`base` with its final slash, and its path, when `urljoin(base, url)` is `base + url` for a
    plain `url`: a web address with no query, fragment or dot segment, written as urllib writes it."""
    base = base if base.endswith("/") else base + "/"
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return None
    if urlunsplit(parts) != base or "//" in parts.path or any(s in (".", "..") for s in parts.path.split("/")):
        return None
    return base, parts.path


class GeneratedPage(Page):
    """A page whose content is our HTML: MkDocs renders no Markdown for it.

    Skipping Markdown matters at 10,000 incidents: MkDocs builds a Markdown converter per page.
    The title handed to MkDocs is escaped, because MkDocs' and Material's templates print
    `page.title` without escaping it, and isolated with Unicode's marks, because Material
    prints it beside other text in the header and the window title, where no element can
    be added (outputs/bidi.py).

    The page may be created from its outline (no content yet) and given its content later
    with `take`, once the pages are rendered (see BalisePlugin.on_env).
    """

    def __init__(self, spec: SitePage, file: File, config: MkDocsConfig) -> None:
        super().__init__(str(escape(isolated_plain(spec.title))), file, config)
        self.spec = spec
        self.take_outline(spec)

    def _set_canonical_url(self, base: str | None) -> None:
        """MkDocs' own result, without `urljoin` for each of 10,000 plain addresses."""
        url = self.url
        joinable = _joinable(base) if base else None
        if joinable is None or not _PLAIN_URL.fullmatch(url):
            super()._set_canonical_url(base)
            return
        self.canonical_url = joinable[0] + url
        self.abs_url = joinable[1] + url

    def take_outline(self, spec: SitePage) -> None:
        """The title and date of a page whose content is rendered later, or elsewhere."""
        self.title = str(escape(isolated_plain(spec.title)))
        # The sitemap's lastmod: when the data the page shows last changed, not the build date.
        # Set here: MkDocs' loop never reads the pages Balise lays out itself.
        # An incident dated in year 1 or 9999 is shown, but the sitemap says 1970 or 2106 (STAMPABLE).
        updated = spec.updated
        if updated is not None:
            updated = min(max(updated, STAMPABLE[0]), STAMPABLE[1])
        self.update_date = updated.astimezone(UTC).strftime("%Y-%m-%d") if updated else ""

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        # Material's sidebar table of contents would stay empty: give its room to the content.
        # Material prints the description unescaped, in an attribute.
        self.meta = {"template": self.spec.template, "hide": ["toc"], "description": str(escape(self.spec.description))}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.spec.html
        self.toc = get_toc([])
        self.present_anchor_ids = set()

    def take(self, spec: SitePage) -> None:
        """The rendered page, after MkDocs read it from its outline."""
        self.spec = spec
        self.take_outline(spec)
        if self.meta:
            self.meta["description"] = str(escape(spec.description))
        if self.content is not None:
            self.content = spec.html
