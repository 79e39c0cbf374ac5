"""Running MkDocs (or ProperDocs, see engines.py) for `balise build` and `balise serve`, through its Python API."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from ..source.clock import SOURCE_DATE_EPOCH
from ..source.layout import Layout
from . import engines
from .plugin import PLUGIN_LOGGER, BalisePlugin
from .preview import Preview


class EngineError(Exception):
    """The build failed; its problems were already reported through logging."""

class _Console(logging.Handler):
    """MkDocs' messages on stderr, problem lines exactly as `balise check` prints them."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno == logging.WARNING:
            message = f"warning: {message}"
        print(message, file=sys.stderr, flush=True)

def _shown(verbose: bool) -> Callable[[logging.LogRecord], bool]:
    """Warnings and errors always; incident warnings from `balise` too; MkDocs' progress with -v."""

    def shown(record: logging.LogRecord) -> bool:
        return verbose or record.levelno >= logging.WARNING or record.name == PLUGIN_LOGGER

    return shown

@contextmanager
def _reporting(verbose: bool) -> Iterator[None]:
    """The engine's messages on the console; first, a BALISE_ENGINE this process cannot honour is refused."""
    problem = engines.problem(os.environ)
    if problem:
        raise EngineError(problem)
    with engines.engine_logger() as logger:
        handler = _Console(logging.INFO)
        handler.addFilter(_shown(verbose))
        previous = logger.level
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        try:
            yield
        finally:
            logger.removeHandler(handler)
            logger.setLevel(previous)

@contextmanager
def _docs_dir(config_file: Path) -> Iterator[dict[str, Any]]:
    """An empty stand-in when the configured docs_dir does not exist.

    Hand-written pages are optional (DESIGN.md) but MkDocs refuses a missing docs_dir, and
    git does not keep an empty folder.
    """
    if Layout.read(config_file).docs.is_dir():
        yield {}
        return
    with tempfile.TemporaryDirectory(prefix="balise-docs-") as empty:
        yield {"docs_dir": empty}

@contextmanager
def _build_date(now: datetime | None) -> Iterator[None]:
    """MkDocs dates the sitemap from SOURCE_DATE_EPOCH or the clock: a pinned `now` pins it too,
    so the same files at the same `now` build the same bytes (DESIGN.md)."""
    if now is None or SOURCE_DATE_EPOCH in os.environ:
        yield
        return
    os.environ[SOURCE_DATE_EPOCH] = str(int(now.timestamp()))
    try:
        yield
    finally:
        del os.environ[SOURCE_DATE_EPOCH]

def build_site(
    config_file: Path, site_dir: Path, *, now: datetime | None, strict: bool, verbose: bool, lay_out_pages: bool = True
) -> None:
    """Build the whole site into `site_dir` with MkDocs; raises EngineError when anything failed.

    `lay_out_pages=False` leaves every page to MkDocs' page loop (see frames.py): slower, the
    reference the tests compare Balise's own layout with.
    """
    with _reporting(verbose), _docs_dir(config_file) as overrides, _build_date(now):
        try:
            overrides |= engines.theme_override(config_file)
            config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict, **overrides)
            plugin = config.plugins.get("balise")
            if not isinstance(plugin, BalisePlugin):
                raise EngineError(f"{config_file}: no 'balise' entry under 'plugins:'")
            plugin.now = now
            plugin.lay_out_pages = lay_out_pages
            mkdocs_build(config)
        except Abort as error:
            raise EngineError("the build failed (see above)") from error  # MkDocs already logged why
        except MkDocsException as error:
            raise EngineError(str(error)) from None

def serve_site(config_file: Path, *, dev_addr: str | None, now: datetime | None, verbose: bool) -> None:
    """Serve the site with live reload, kept up to date in place as files change (see preview.py)."""
    with _reporting(verbose), _docs_dir(config_file) as overrides:
        if dev_addr:
            overrides["dev_addr"] = dev_addr
        overrides |= engines.theme_override(config_file)
        try:
            Preview(config_file, overrides, now).serve()
        except Abort as error:
            raise EngineError("the build failed (see above)") from error
        except MkDocsException as error:
            raise EngineError(str(error)) from None
