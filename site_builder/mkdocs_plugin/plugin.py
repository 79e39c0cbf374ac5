"""The MkDocs plugin `balise`: loads the project, hands our pages to MkDocs, writes the
machine outputs after the build and, under `mkdocs serve`, rebuilds when an incident changes."""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Callable, Iterable, MutableMapping
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from html import unescape
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..engine.forking import Forked, ForkError, map_on_cores, workers_for
from ..engine.status import Snapshot, snapshot
from ..model.times import TimeFormatError, iso_utc, parse_time
from ..outputs.bidi import isolated_plain
from ..outputs.build import OutputFile, machine_outputs
from ..outputs.handwritten import clean_meta, clean_page, clean_title
from ..outputs.i18n import Localizer
from ..outputs.labels import palette_toggle_label
from ..outputs.markup import Converter, sanitise_copyright
from ..outputs.pages import Chrome, PlannedPage, SitePage, page_plan, render_pages
from ..outputs.pages.frame import Frame, FramedPages, FrameKey, frame_key, write_page
from ..outputs.pages.page_cache import PageCache
from ..outputs.pages.render import Renderer, bytecode_cache
from ..outputs.urls import is_generated, relative
from ..source.cache import CacheFolder
from ..source.clock import ClockError, resolve_now
from ..source.docs import published_folder_problems
from ..source.layout import Layout
from ..source.problems import BaliseError, Problem
from ..source.project import Project, load_project
from ..source.text import joined_pairs
from .engines import OWN_THEME
from .frames import BaliseFiles, ThemeLayout, only_handler
from .page import STAMPABLE, GeneratedPage

PLUGIN_LOGGER = "mkdocs.plugins.balise"
#: A page's file name as MkDocs keys its files (PurePath(name).as_posix() gives it back unchanged).
_NORMAL_NAME = re.compile(r"(?!\./|.*/\./|.*/\.$)[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*")
log = logging.getLogger(PLUGIN_LOGGER)

#: Pins `now` for `mkdocs build` and `mkdocs serve`, where no `--now` option can reach the plugin.
NOW_VARIABLE = "BALISE_NOW"
#: Balise's layer over Material (templates, CSS, the local-time script), shipped in the package.
THEME_DIR = Path(__file__).resolve().parent / "theme"


class BaliseConfig(Config):
    """The keys of the `balise` block. MkDocs only checks their shape; config.read_config reads them."""

    timezone = c.Optional(c.Type(str))
    support = c.Optional(c.Type(dict))
    thresholds = c.Optional(c.Type(dict))
    groups = c.Optional(c.Type(list))
    components = c.Optional(c.Type(list))
    notify = c.Optional(c.Type(list))
    alerts = c.Optional(c.Type(list))


@dataclass
class OwnLayout:
    """The pages Balise renders, lays out and writes itself, after MkDocs read its pages (on_env)."""

    renderer: Renderer
    plan: list[PlannedPage]
    pages: dict[str, GeneratedPage]
    #: Source names of the pages MkDocs' loop leaves to us (frames.BaliseFiles).
    laid_out_here: set[str]
    nav: Navigation | None = None
    #: The theme and the frames the pages were laid out in (kept for `balise serve`'s updates).
    layout: ThemeLayout | None = None
    frames: dict[FrameKey, Frame] = field(default_factory=dict)


@dataclass
class BuildState:
    snapshot: Snapshot
    localizer: Localizer
    workers: int
    chrome: Chrome
    cache: CacheFolder
    #: Each incident's source digest (Project.sources), for the page cache.
    sources: dict[str, str]
    #: Markdown converted once for the pages and the feeds (a forked worker keeps its own).
    converter: Converter = field(default_factory=Converter)
    #: The machine outputs, computed in a child process while the pages are rendered.
    outputs: Forked[list[OutputFile]] | None = None
    #: Set when Balise lays out its own pages (frames.py); None when MkDocs' page loop does.
    own: OwnLayout | None = None
    #: What was read, for `balise serve`'s updates (preview.py).
    folders: Layout | None = None
    project: Project | None = None
    now: datetime | None = None


def layout(config: MkDocsConfig) -> Layout:
    return Layout.of(
        Path(config.config_file_path), docs=config.docs_dir, site=config.site_dir, theme=config.theme.custom_dir
    )


def incidents_dir(config: MkDocsConfig) -> Path:
    return layout(config).incidents


def register_theme(config: MkDocsConfig) -> None:
    """Put Balise's templates and assets between the site's own `custom_dir` and Material
    (or after Balise's own theme, standalone/).

    A site installed from a wheel has no theme folder of its own: without this its pages
    would be unstyled. After `custom_dir`, so a site's own overrides still win.
    """
    theme = config.theme
    if theme.name not in ("material", OWN_THEME):
        raise PluginError(
            f"balise: the theme must be 'material' (theme: name: material) or Balise's own ('{OWN_THEME}'), not '{theme.name}'"
        )
    ours = str(THEME_DIR)
    if ours in theme.dirs:
        return
    # Balise's own theme has whole pages: the layer only brings its styles and script, after them.
    theme.dirs.insert((1 if theme.custom_dir else 0) + (theme.name == OWN_THEME), ours)


#: The moments a site can be built as of: MkDocs stamps sitemap.xml.gz with the build time
#: when it has no page date (and reads it from SOURCE_DATE_EPOCH), in 32 bits.
BUILD_EARLIEST, BUILD_LATEST = STAMPABLE


def build_time(pinned: datetime | None) -> datetime:
    """`balise build --now`, else BALISE_NOW, else SOURCE_DATE_EPOCH, else the clock."""
    try:
        if pinned is not None:
            now = pinned
        elif raw := os.environ.get(NOW_VARIABLE, "").strip():
            now = parse_time(raw, UTC)  # as `--now`: a time without a zone is UTC
        else:
            now = resolve_now(None)
    except TimeFormatError as error:
        raise PluginError(f"{NOW_VARIABLE}: {error}") from None
    except ClockError as error:
        raise PluginError(str(error)) from None
    if not BUILD_EARLIEST <= now <= BUILD_LATEST:
        raise PluginError(
            f"balise: cannot build as of {iso_utc(now)}: a site can be built as of "
            f"{iso_utc(BUILD_EARLIEST)} to {iso_utc(BUILD_LATEST)} (MkDocs stamps its sitemap in 32 bits)"
        )
    return now


class BalisePlugin(BasePlugin[BaliseConfig]):
    """One instance per build: it defines no `on_startup`, so MkDocs does not keep it across builds
    and no `now` or project can leak from one build into the next."""

    def __init__(self) -> None:
        super().__init__()
        #: Set by `balise build --now`; None = from the environment or the clock, at each build.
        self.now: datetime | None = None
        #: False hands every page to MkDocs' page loop (the reference the frames are tested against).
        self.lay_out_pages = True
        self.state: BuildState | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("balise: 'use_directory_urls: false' is not supported; page URLs are /incidents/<id>/")
        register_theme(config)
        folders = layout(config)
        refusal = folders.site_folder_problem(folders.site)
        if refusal:
            raise PluginError(f"balise: refusing site_dir '{folders.site}': {refusal}; the build would delete it")
        now = build_time(self.now)
        # Before MkDocs walks docs_dir (following every link) and copies it. From mkdocs.yml, not from
        # MkDocs: `balise build` hands MkDocs an empty stand-in when the project has no docs folder.
        docs = published_folder_problems(Layout.read(folders.config_file), is_generated)
        cache = CacheFolder.beside(folders.config_file)
        try:
            project = load_project(folders.incidents, folders.config_file, now, map_on_cores, cache)
        except BaliseError as error:
            raise PluginError(_report([*error.problems, *docs])) from None
        if project.errors or docs:
            raise PluginError(_report(sorted([*project.errors, *docs])))
        for warning in project.warnings:
            # Info, not warning: `--strict` must not stop the deploy that shows an overdue promise.
            log.info(str(warning))
        _join_surrogate_pairs(config)
        _escape_site_text(config)
        site = project.config
        workers = workers_for(len(project.incidents))
        localizer = Localizer.for_site(site.language, site.timezone)
        status = snapshot(site, project.incidents, now)
        chrome = Chrome(status, localizer)
        self.state = BuildState(status, localizer, workers, chrome, cache, project.sources)
        self.state.folders, self.state.project, self.state.now = folders, project, now
        config.theme["favicon"] = chrome.favicon
        name_palette_toggles(config.theme.get("palette"), localizer.gettext)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        state = self._state()
        own = self.lay_out_pages and only_handler(config, self)
        if not own:  # MkDocs' loop lays every page out: the reference, rendered without any cache
            renderer = Renderer(state.snapshot, state.localizer, state.converter)
            plan = page_plan(renderer)
            for spec in render_pages(renderer, plan, state.workers):
                self._add_page(files, spec, config)
            if state.workers > 1:
                # From here MkDocs renders pages on one core; the other computes feeds, API and badges.
                state.outputs = Forked(partial(machine_outputs, state.snapshot, state.converter))
            return files
        state.converter = Converter(state.cache.table("markdown"))
        renderer = Renderer(state.snapshot, state.localizer, state.converter)
        plan = page_plan(renderer, state.sources)
        pages = {planned.outline.source_name: self._add_page(files, planned.outline, config) for planned in plan}
        laid_out_here = {planned.outline.source_name for planned in plan if frame_key(planned.outline) is not None}
        state.own = OwnLayout(renderer, plan, pages, laid_out_here)
        return BaliseFiles(files, laid_out_here)

    def _add_page(self, files: Files, spec: SitePage, config: MkDocsConfig) -> GeneratedPage:
        name = spec.source_name
        # Looked up as MkDocs would (its normal form of the name) only when the name is not in that form already.
        taken = files.src_uris.get(name) if _NORMAL_NAME.fullmatch(name) else files.get_file_from_path(name)
        if taken is not None:  # docs_problems refuses these first
            raise PluginError(f"balise: docs_dir has '{spec.source_name}', where the build generates '/{spec.path}'")
        inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, spec.source_name, content="", inclusion=inclusion)
        page = GeneratedPage(spec, file, config)
        files.append(file)
        return page

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.state is not None and self.state.own is not None:
            self.state.own.nav = nav
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Render every page; write those MkDocs' loop leaves to us, hand it the others."""
        # Material's templates compile in about a third of a second; keep them compiled between
        # builds. MkDocs makes a new environment for each build, so nothing changes under it.
        env.bytecode_cache = env.bytecode_cache or bytecode_cache()
        env.auto_reload = False
        state = self._state()
        own = state.own
        if own is None:
            return env
        if not isinstance(files, BaliseFiles) or own.nav is None:
            raise PluginError("balise: another plugin replaced the site's files; pages would be missing")
        layout = ThemeLayout(config, own.nav, env, files)
        site = Path(config.site_dir)
        frames = layout.frames(key for planned in own.plan if (key := frame_key(planned.outline)) is not None)
        if state.workers > 1:  # feeds, API and badges in a child while the pages are rendered
            state.outputs = Forked(partial(machine_outputs, state.snapshot, state.converter))
        own.layout, own.frames = layout, frames
        renderer = own.renderer
        kept = PageCache.for_build(
            state.cache, state.snapshot, renderer.signature, bool(renderer.env.globals["live_open"])
        )
        renderer.kept_rows = kept.rows(state.sources)
        rendered = render_pages(renderer, own.plan, state.workers, FramedPages(site, frames), kept)
        if renderer.converter.known is not None:
            # Reused pages' Markdown was not converted, not dropped: keep it for the next build at another moment.
            renderer.converter.known.save(prune=not kept.reused)
        for spec in rendered:
            if spec.written:
                continue
            page = own.pages[spec.source_name]
            page.take(spec)
            if spec.source_name in own.laid_out_here:  # no frame fits it: laid out alone, as MkDocs would
                write_page(site, spec.path, layout.render(page))
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not isinstance(page, GeneratedPage):
            page.meta = clean_meta(page.meta)  # Material prints front-matter values unescaped
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A hand-written page of docs/ is cleaned like an incident body (outputs.handwritten)."""
        if isinstance(page, GeneratedPage):
            return html
        page.title = clean_title(page.title or "")  # printed raw in the navigation and the header
        return clean_page(html)

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        """Our <title>, <head> lines and header menu, worded for this page."""
        chrome = self._state().chrome
        path = page.url
        root = relative(path, "")
        if isinstance(page, GeneratedPage):
            spec = page.spec
            title, description, component = spec.title, spec.description, spec.component
        else:  # a hand-written page from docs_dir: on_page_content left its title as escaped HTML text
            title, description, component = unescape(page.title or ""), chrome.description(), None
        full_title = chrome.title(path, title)
        context["balise_title"] = full_title
        context["balise_head"] = chrome.head(root, path, full_title, description, component)
        context["balise_header"] = chrome.header(root, component)
        return context

    def on_template_context(self, context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
        """The 404 page is served at any depth: its links start at the site's own path."""
        if template_name == "404.html":
            chrome = self._state().chrome
            root = site_path(config.site_url)
            title = chrome.title("404", self._state().localizer.gettext("Page not found"))
            context["balise_title"] = title
            context["balise_head"] = chrome.head(root, None, title, chrome.description())
            context["balise_header"] = chrome.header(root)
            context["balise_notfound"] = chrome.not_found(root)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        state = self._state()
        state.cache.prune()
        remove_unused_theme_assets(site_dir, config)
        write_outputs(site_dir, state.outputs.result() if state.outputs else machine_outputs(state.snapshot, state.converter))

    def on_build_error(self, *, error: Exception) -> None:
        """Reap the child computing the machine outputs: a failed build must not leave it behind."""
        if self.state is not None and self.state.outputs is not None:
            with suppress(ForkError):
                self.state.outputs.result()
            self.state.outputs = None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        folder = incidents_dir(config)
        if folder.is_dir():
            server.watch(str(folder))
        return server

    def _state(self) -> BuildState:
        if self.state is None:
            raise PluginError("balise: the project was not loaded (on_config did not run)")
        return self.state


def write_outputs(site_dir: Path, outputs: Iterable[OutputFile]) -> None:
    for output in outputs:
        relative = PurePosixPath(output.path)
        if relative.is_absolute() or ".." in relative.parts:
            raise PluginError(f"balise: refusing to write '{output.path}' outside the site folder")
        target = site_dir.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(output.content)


#: Settings Material prints as they are, in text and in attributes (see theme/main.html).
TEXT_SETTINGS = ("site_name", "site_description", "site_author", "repo_name", "repo_url")


def _rewrite_texts(holder: Any, rewrite: Callable[[tuple[str, ...], str], str], path: tuple[str, ...] = ()) -> None:
    """Replaces, in place, each text in `holder`'s mappings and lists by `rewrite(its key path, it)`.

    In place, so MkDocs' own mapping types stay; a list's items share their list's path.
    """
    for key in range(len(holder)) if isinstance(holder, list) else list(holder):
        value = holder[key]
        where = (*path, key) if isinstance(key, str) else path
        if isinstance(value, str):
            rewritten = rewrite(where, value)
            if rewritten is not value:
                holder[key] = rewritten
        elif isinstance(value, list | MutableMapping):
            _rewrite_texts(value, rewrite, where)


def _join_surrogate_pairs(config: MkDocsConfig) -> None:
    """Settings read as Balise reads them: a pair of `\\u` escapes (as JSON writes an emoji) is one character.

    MkDocs' YAML reader leaves the halves apart and its theme pages encode strictly, so a site
    name check accepted would otherwise crash the build.
    """
    _rewrite_texts(config, lambda _, text: joined_pairs(text))


def _escape_site_text(config: MkDocsConfig) -> None:
    """Hands Material escaped settings: mkdocs.yml is in the repository, so a pull request can change it.

    Each becomes Markup: printed as it is, it is escaped text, and Material's own `| e` on it
    leaves it alone instead of escaping it twice. The copyright, HTML by MkDocs' definition, is
    cleaned with an allow-list. site_url and repo_url are web addresses (config.read_config).
    """
    for key in TEXT_SETTINGS:
        if isinstance(config.get(key), str):
            config[key] = escape(isolated_plain(config[key]))
    if isinstance(config.get("copyright"), str):
        config["copyright"] = Markup(sanitise_copyright(config["copyright"]))
    extra = config.get("extra")
    if isinstance(extra, MutableMapping):
        _escape_extra(extra)


#: Texts under `extra` that Material prints as HTML by its own definition: cleaned, not escaped.
_EXTRA_HTML = {("consent", "description")}
#: Links under `extra`, checked by `balise check` (source/config.py) and printed through MkDocs' `url` filter.
_EXTRA_LINKS = {("homepage",), ("social", "link"), ("alternate", "link")}


def _escape_extra(extra: MutableMapping[str, Any]) -> None:
    """Material prints `extra`'s texts unescaped (social names, consent text, status titles, tag classes)."""

    def escaped(where: tuple[str, ...], text: str) -> str:
        if isinstance(text, Markup) or where in _EXTRA_LINKS:
            return text
        return Markup(sanitise_copyright(text)) if where in _EXTRA_HTML else escape(text)

    _rewrite_texts(extra, escaped)


def site_path(site_url: str | None) -> str:
    """`/` or `/status/`: the path the site is served under, from `site_url`."""
    path = urlsplit(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


def name_palette_toggles(palette: Any, gettext: Callable[[str], str]) -> None:
    """Material's light/dark toggles, named in the site's language unless the config names them.

    A toggle switches to the next palette in the list; Material prints the name unescaped.
    """
    if not isinstance(palette, list):
        return
    for index, option in enumerate(palette):
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if not isinstance(toggle, dict) or toggle.get("name"):
            continue
        following = palette[(index + 1) % len(palette)]
        scheme = following.get("scheme") if isinstance(following, dict) else None
        toggle["name"] = str(escape(palette_toggle_label(scheme if isinstance(scheme, str) else None, gettext)))


#: Material's search (its index's languages and its worker): shipped with the theme, never
#: loaded while the search plugin is off, as it is here (no third-party request, no index).
SEARCH_ASSETS = ("assets/javascripts/lunr", "assets/javascripts/workers")
#: Material's default icon, replaced by our status icon.
DEFAULT_FAVICON = "assets/images/favicon.png"


def remove_unused_theme_assets(site_dir: Path, config: MkDocsConfig) -> None:
    if "search" not in config.plugins and "material/search" not in config.plugins:
        for folder in SEARCH_ASSETS:
            shutil.rmtree(site_dir / folder, ignore_errors=True)
    favicon = site_dir / DEFAULT_FAVICON
    if config.theme.get("favicon") != DEFAULT_FAVICON and favicon.is_file():
        favicon.unlink()
        with suppress(OSError):
            favicon.parent.rmdir()  # only if nothing else is left in it


def _report(problems: Iterable[Problem]) -> str:
    lines = [str(p) for p in problems]
    count = len(lines)
    return "\n".join([*lines, f"balise: {count} problem{'s' if count != 1 else ''}; nothing was built"])
