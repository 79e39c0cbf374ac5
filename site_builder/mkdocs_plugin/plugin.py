"""The MkDocs plugin `balise`: loads the project, hands our pages to MkDocs, writes the
machine outputs after the build and, under `mkdocs serve`, rebuilds when an incident changes."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from ..engine.forking import Forked, ForkError, parallel_map
from ..engine.status import Snapshot, snapshot
from ..model.times import TimeFormatError, iso_utc, parse_time
from ..outputs.build import OutputFile, machine_outputs
from ..outputs.i18n import Localizer
from ..outputs.bidi import isolated_plain
from ..outputs.markup import Converter, sanitise_copyright
from ..outputs.pages import build_pages
from ..source.clock import ClockError, resolve_now
from ..source.problems import BaliseError, Problem
from ..source.project import load_project
from .page import GeneratedPage

PLUGIN_LOGGER = "mkdocs.plugins.balise"
log = logging.getLogger(PLUGIN_LOGGER)

#: Pins `now` for `mkdocs build` and `mkdocs serve`, where no `--now` option can reach the plugin.
NOW_VARIABLE = "BALISE_NOW"
INCIDENTS_FOLDER = "incidents"


class BaliseConfig(Config):
    """The keys of the `balise` block. MkDocs only checks their shape; config.read_config reads them."""

    timezone = c.Optional(c.Type(str))
    support = c.Optional(c.Type(dict))
    thresholds = c.Optional(c.Type(dict))
    groups = c.Optional(c.Type(list))
    components = c.Optional(c.Type(list))


#: Below this many incidents a build is fast enough alone; forking would only add risk.
PARALLEL_FROM = 200


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class BuildState:
    snapshot: Snapshot
    localizer: Localizer
    workers: int
    #: Markdown converted once for the pages and the feeds (a forked worker keeps its own).
    converter: Converter = field(default_factory=Converter)
    #: The machine outputs, computed in a child process while MkDocs renders the pages.
    outputs: Forked[list[OutputFile]] | None = None


def incidents_dir(config: MkDocsConfig) -> Path:
    """The incidents folder sits beside mkdocs.yml (DESIGN.md, repository layout)."""
    return Path(config.config_file_path).resolve().parent / INCIDENTS_FOLDER


#: The moments a site can be built as of: MkDocs stamps sitemap.xml.gz with the build time,
#: in gzip's unsigned 32-bit field of seconds since 1970 (and reads it from SOURCE_DATE_EPOCH).
BUILD_EARLIEST = datetime.fromtimestamp(0, UTC)
BUILD_LATEST = datetime.fromtimestamp(2**32 - 1, UTC)


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
        self.state: BuildState | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("balise: 'use_directory_urls: false' is not supported; page URLs are /incidents/<id>/")
        now = build_time(self.now)
        cores = available_cores()
        try:
            project = load_project(
                incidents_dir(config), Path(config.config_file_path), now, partial(_map_files, workers=cores)
            )
        except BaliseError as error:
            raise PluginError(_report(error.problems)) from None
        if project.errors:
            raise PluginError(_report(project.errors))
        for warning in project.warnings:
            # Info, not warning: `--strict` must not stop the deploy that shows an overdue promise.
            log.info(str(warning))
        _escape_site_text(config)
        site = project.config
        workers = cores if len(project.incidents) >= PARALLEL_FROM else 1
        localizer = Localizer.for_site(site.language, site.timezone)
        self.state = BuildState(snapshot(site, project.incidents, now), localizer, workers)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        state = self._state()
        for spec in build_pages(state.snapshot, state.localizer, state.workers, state.converter):
            existing = files.get_file_from_path(spec.source_name)
            if existing is not None:
                log.warning(
                    f"balise: '{spec.source_name}' in docs_dir is replaced by the generated page '/{spec.path}'"
                )
                files.remove(existing)
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, spec.source_name, content="", inclusion=inclusion)
            GeneratedPage(spec, file, config)
            files.append(file)
        if state.workers > 1:
            # From here MkDocs renders pages on one core; the other computes feeds, API and badges.
            state.outputs = Forked(partial(machine_outputs, state.snapshot, state.converter))
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        state = self._state()
        outputs = state.outputs.result() if state.outputs else machine_outputs(state.snapshot, state.converter)
        for output in outputs:
            relative = PurePosixPath(output.path)
            if relative.is_absolute() or ".." in relative.parts:
                raise PluginError(f"balise: refusing to write '{output.path}' outside the site folder")
            target = site_dir.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(output.content)

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


#: Settings Material prints as they are, in text and in attributes (see theme/main.html).
TEXT_SETTINGS = ("site_name", "site_description", "site_author", "repo_name", "repo_url")


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


def _map_files(func: Callable[[Path], Any], paths: Sequence[Path], workers: int) -> list[Any]:
    return parallel_map(func, paths, workers if len(paths) >= PARALLEL_FROM else 1)


def _report(problems: Iterable[Problem]) -> str:
    lines = [str(p) for p in problems]
    count = len(lines)
    return "\n".join([*lines, f"balise: {count} problem{'s' if count != 1 else ''}; nothing was built"])
