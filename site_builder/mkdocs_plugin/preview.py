"""`balise serve`: MkDocs' live-reload server over a site kept up to date in place.

A full build takes seconds at thousands of incidents, and MkDocs' own server empties the
site and builds it whole at every save. The preview instead keeps the plugin between
rebuilds (its project, pages, theme and frames). When only incident files changed, it reads
those, recomputes the status, and re-renders and overwrites only what they touch: their
pages, the home page, the history pages of their years, the pages of the components they
name or named, the sitemap, and the feeds, API, calendar and badges. Anything else —
mkdocs.yml, docs/, the theme, an incident file added or removed, a change of the overall
status or of what every page carries (the status summary's signature, the history's years)
— rebuilds the whole site with the warm caches, as a build would.

With `--now`, a preview updated in place is byte for byte the site a full build makes
(tests/mkdocs_plugin/test_preview.py). Without it, each update uses the clock, and a page the
change does not touch keeps the moment it was rendered at, as its `data-bl-built` says.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from os.path import isfile, join
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import _build_theme_template
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer

from ..engine.forking import Forked
from ..engine.status import snapshot
from ..outputs.build import machine_outputs
from ..outputs.pages import Chrome, render_pages
from ..outputs.pages.build import history_years, page_plan, year_path
from ..outputs.pages.facts import placed_at
from ..outputs.pages.frame import FramedPages, write_page
from ..outputs.pages.render import Renderer
from ..outputs.urls import HISTORY, HOME, component_path, incident_path
from ..source.lint import lint
from ..source.project import ParsedFiles, incident_listing, read_incident
from .plugin import PLUGIN_LOGGER, BalisePlugin, build_time, write_outputs

log = logging.getLogger(PLUGIN_LOGGER)

#: What tells a file changed without reading it: modification time, size, inode, change time.
Stamp = tuple[int, int, int, int]


def stamps(paths: Iterable[Path]) -> dict[Path, Stamp]:
    found = {}
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue
        found[path] = (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)
    return found


def tree_stamps(folders: Iterable[str | None]) -> dict[Path, Stamp]:
    """Every file under `folders` (mkdocs.yml, docs/, the theme's custom_dir), for telling whether any changed."""
    paths: list[Path] = []
    for folder in folders:
        if not folder:
            continue
        if isfile(folder):
            paths.append(Path(folder))
            continue
        for root, _, names in os.walk(folder):
            paths.extend(Path(root, name) for name in names)
    return stamps(paths)


def update(plugin: BalisePlugin, config: MkDocsConfig, known: dict[Path, Stamp]) -> dict[Path, Stamp] | None:
    """Brings the site up to date in place after incident files changed; returns the files' new
    stamps, or None when the change needs a full build. Raises Abort, leaving the site as it was,
    when a changed file has an error."""
    state = plugin.state
    own = state.own if state is not None else None
    if state is None or own is None or own.layout is None or state.project is None or state.folders is None:
        return None
    project, site = state.project, Path(config.site_dir)
    now = build_time(plugin.now)
    paths, listing_problems = incident_listing(state.folders.incidents)
    current = stamps(paths)
    if current.keys() != known.keys() or listing_problems:
        return None  # a file added, removed or refused: the set of pages changes
    changed = [path for path in paths if current[path] != known[path]]
    if not changed and now == state.now:
        return current
    before = {incident.path: incident for incident in project.incidents}
    if any(path not in before for path in changed):
        return None
    parsed = ParsedFiles.of(state.cache, project.config)
    reads = [read_incident(path, project.config, parsed) for path in changed]
    errors = [problem for read in reads if isinstance(read.result, list) for problem in read.result]
    if errors:
        for problem in sorted(errors):
            log.error(str(problem))
        raise Abort(f"balise: {len(errors)} problem{'s' if len(errors) != 1 else ''}; the preview shows the last good site")
    fresh = {read.result.id: read.result for read in reads if not isinstance(read.result, list)}
    incidents = [fresh.get(incident.id, incident) for incident in project.incidents]
    if any(fresh[i.id].started_at != i.started_at for i in project.incidents if i.id in fresh):
        incidents.sort(key=lambda i: (i.started_at, i.id))
    for warning in lint(incidents, project.config, now):
        log.info(str(warning))
    status = snapshot(project.config, incidents, now, state.snapshot)
    old = own.renderer
    renderer = Renderer(status, state.localizer, old.converter)
    if (
        status.overall != state.snapshot.overall
        or renderer.signature != old.signature
        or renderer.env.globals["live_open"] != old.env.globals["live_open"]
        or history_years(renderer) != history_years(old)
    ):
        return None  # every page changes: the theme's icon, the summary signature, the years' links
    replaced = [before[path] for path in changed]
    ids = {incident.id for incident in replaced}
    sources = {**state.sources, **{read.result.id: read.source for read in reads if not isinstance(read.result, list)}}
    # History rows of untouched incidents are what they were, if their status is.
    renderer.rows.update(
        (key, row)
        for key, row in old.rows.items()
        if key[0] not in ids and state.snapshot.status_of(old.index.by_id[key[0]]) == status.status_of(
            renderer.index.by_id[key[0]]
        )
    )
    zone = project.config.timezone
    touched = [*replaced, *fresh.values()]
    years = {placed_at(incident).astimezone(zone).year for incident in touched}
    wanted = {HOME, *(year_path(year) for year in years), *(incident_path(i) for i in ids)}
    wanted |= {component_path(c) for incident in touched for c in incident.affected}
    if now.astimezone(zone).year in years:
        wanted.add(HISTORY)
    state.chrome = Chrome(status, state.localizer)
    outputs = Forked(lambda: machine_outputs(status, renderer.converter)) if state.workers > 1 else None
    dates = []
    for spec in render_pages(renderer, page_plan(renderer, sources, wanted), 1, FramedPages(site, own.frames)):
        page = own.pages[spec.source_name]
        before_date = page.update_date
        page.take(spec)
        dates.append(page.update_date != before_date)
        if not spec.written:  # a page of the navigation, or one no frame fits: laid out as MkDocs' loop would
            write_page(site, spec.path, own.layout.render(page))
    if any(dates):  # a page's date in the sitemap moved
        _build_theme_template("sitemap.xml", own.layout.env, own.layout.files, config, own.layout.nav)
    write_outputs(site, outputs.result() if outputs is not None else machine_outputs(status, renderer.converter))
    state.snapshot, state.sources, state.now = status, sources, now
    state.project = replace(project, incidents=tuple(incidents), sources=sources)
    own.renderer = renderer
    return current


class Preview:
    """The site `balise serve` shows, in a temporary folder, and how it is brought up to date."""

    def __init__(self, config_file: Path, overrides: dict[str, Any], now: datetime | None) -> None:
        self.config_file = config_file
        self.overrides = overrides
        self.now = now
        self.site_dir = ""
        self.serve_url = ""
        self.config: MkDocsConfig | None = None
        self.incidents: dict[Path, Stamp] = {}
        self.others: dict[Path, Stamp] = {}

    def load(self) -> MkDocsConfig:
        config = load_config(config_file=str(self.config_file), site_dir=self.site_dir, **self.overrides)
        config.site_url = self.serve_url
        plugin = config.plugins.get("balise")
        if not isinstance(plugin, BalisePlugin):
            raise Abort(f"{self.config_file}: no 'balise' entry under 'plugins:'")
        plugin.now = self.now
        return config

    def watched(self, config: MkDocsConfig) -> list[str]:
        """What a change to rebuilds the whole site: the config, docs/ and the theme's own folder."""
        return [str(self.config_file), config.docs_dir, *([config.theme.custom_dir] if config.theme.custom_dir else [])]

    def build(self) -> None:
        """A full build (MkDocs' own, with the plugin's warm caches)."""
        config = self.load()
        self.config = config
        self.others = tree_stamps(self.watched(config))
        mkdocs_build(config, serve_url=self.serve_url)
        plugin = config.plugins["balise"]
        state = plugin.state if isinstance(plugin, BalisePlugin) else None
        self.incidents = stamps(incident_listing(state.folders.incidents)[0]) if state and state.folders else {}

    def rebuild(self) -> None:
        """What the server runs when a watched file changed."""
        config = self.config
        if config is None or tree_stamps(self.watched(config)) != self.others:
            self.build()
            return
        plugin = config.plugins["balise"]
        updated = update(plugin, config, self.incidents) if isinstance(plugin, BalisePlugin) else None
        if updated is None:
            self.build()
            return
        self.incidents = updated

    def serve(self) -> None:
        """MkDocs' `serve`, with `rebuild` as the builder."""
        self.site_dir = tempfile.mkdtemp(prefix="balise-preview-")
        try:
            config = load_config(config_file=str(self.config_file), site_dir=self.site_dir, **self.overrides)
            host, port = config.dev_addr
            mount_path = urlsplit(config.site_url or "/").path
            server = LiveReloadServer(
                builder=self.rebuild, host=host, port=port, root=self.site_dir, mount_path=mount_path
            )
            self.serve_url = server.url
            server.error_handler = self.error_page
            _watch_with_notifications(server)
            self.build()
            assert self.config is not None
            for path in (*self.watched(self.config), *self.config.theme.dirs):
                if path and os.path.exists(path):
                    server.watch(path)
            server = self.config.plugins.on_serve(server, config=self.config, builder=self.rebuild)
            try:
                server.serve()
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                server.shutdown()
        finally:
            shutil.rmtree(self.site_dir, ignore_errors=True)

    def error_page(self, code: int) -> bytes | None:
        if code in (404, 500):
            page = join(self.site_dir, f"{code}.html")
            if isfile(page):
                with open(page, "rb") as file:
                    return file.read()
        return None


def _watch_with_notifications(server: LiveReloadServer) -> None:
    """The operating system's file notifications instead of MkDocs' polling every half second,
    which also stats every watched file twice a second; polling where notifications are missing."""
    try:
        from watchdog.observers import Observer

        observer = Observer()
    except Exception:  # noqa: BLE001 - no notification API here: keep MkDocs' polling
        return
    server.observer = observer
