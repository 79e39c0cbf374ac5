"""Our pages laid out by Material outside MkDocs' page loop.

MkDocs builds pages one after the other in one process, running the theme's whole template
for each (about a millisecond a page, most of a large build). Incident, component and
history-year pages differ in their chrome only by title, description and address, so the
theme lays out one prototype page per kind here, through MkDocs' own environment, context
and plugin events (the steps of `mkdocs.commands.build._populate_page` and `_build_page`);
outputs.pages.frame cuts it into a frame, and the workers that render the pages fill it and
write them. MkDocs still lists these pages (navigation, sitemap, links from hand-written
pages) but leaves them out of its loop (`BaliseFiles`).

A frame is trusted only if it reproduces a second prototype exactly; a page a frame does
not fit is laid out here through the theme, one by one, as MkDocs would have.
tests/mkdocs_plugin/test_frames.py compares every page with MkDocs' own loop, byte for byte.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from ..outputs.pages import SitePage
from ..outputs.pages.frame import Frame, FrameKey, Marks
from .page import GeneratedPage

log = logging.getLogger("mkdocs.plugins.balise")

#: Plugin events whose handlers see or change a page, its navigation or the theme's environment.
#: Frames are used only when Balise alone handles them: another plugin's handler would see
#: one prototype instead of each page.
PAGE_EVENTS = (
    "files", "nav", "env", "pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page",
)  # fmt: skip

#: Material prints the page's title as an <h1> when the content has none; ours always has one.
CONTENT_HOLDS = "<h1"


def only_handler(config: MkDocsConfig, plugin: object) -> bool:
    """Whether `plugin` is the only plugin handling the page events."""
    events: dict[str, list[Callable[..., Any]]] = config.plugins.events
    return all(getattr(handler, "__self__", None) is plugin for name in PAGE_EVENTS for handler in events.get(name, []))


class BaliseFiles(Files):
    """MkDocs' files, where the pages Balise lays out itself are listed (the navigation, the
    sitemap and links from hand-written pages see them) but are not among the pages MkDocs'
    loop reads and builds: the loop asks for them with an `inclusion` rule, the navigation
    and the sitemap without one."""

    def __init__(self, files: Iterable[File], laid_out_here: set[str]) -> None:
        super().__init__(files)
        self.laid_out_here = laid_out_here

    def documentation_pages(self, *, inclusion: Callable[[InclusionLevel], bool] | None = None) -> Sequence[File]:
        if inclusion is None:
            return super().documentation_pages()
        return [f for f in super().documentation_pages(inclusion=inclusion) if f.src_uri not in self.laid_out_here]


class ThemeLayout:
    """Lays pages out with the theme, as MkDocs' page loop would."""

    def __init__(self, config: MkDocsConfig, nav: Navigation, env: Environment, files: Files) -> None:
        self.config = config
        self.nav = nav
        self.env = env
        self.files = files
        self.doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)

    def page(self, spec: SitePage) -> GeneratedPage:
        file = File.generated(self.config, spec.source_name, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        return GeneratedPage(spec, file, self.config)

    def render(self, page: GeneratedPage) -> str:
        """The steps of `_populate_page` and `_build_page`, but the write."""
        config, plugins = self.config, self.config.plugins
        config._current_page = page
        try:
            page = plugins.on_pre_page(page, config=config, files=self.files)
            page.read_source(config)
            page.markdown = plugins.on_page_markdown(page.markdown, page=page, config=config, files=self.files)
            page.render(config, self.files)
            page.content = plugins.on_page_content(page.content, page=page, config=config, files=self.files)
            page.active = True
            context = get_context(self.nav, self.doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = template.render(context)
            return plugins.on_post_page(output, page=page, config=config)
        finally:
            page.active = False
            config._current_page = None

    def frame(self, key: FrameKey) -> Frame | None:
        """The frame of a kind of page, or None if the theme does not lay such pages out the
        same way whatever their title, description and address."""
        first, second = Marks("a", CONTENT_HOLDS), Marks("b", CONTENT_HOLDS)
        frame = Frame.parse(self.render(self.page(first.prototype(key.section, key.component, key.template))), first)
        if frame is None:
            log.debug("balise: the theme transforms a page's title, description or content; laying out %s one by one", key)
            return None
        check = second.prototype(key.section, key.component, key.template)
        if frame.fill(check) != self.render(self.page(check)):
            log.debug("balise: the theme lays out %s pages differently from one to the next; one by one", key)
            return None
        return frame

    def frames(self, keys: Iterable[FrameKey]) -> dict[FrameKey, Frame]:
        found = {key: self.frame(key) for key in dict.fromkeys(keys)}
        return {key: frame for key, frame in found.items() if frame is not None}
