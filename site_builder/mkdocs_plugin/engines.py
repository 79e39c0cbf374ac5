"""The site engine `balise build` and `balise serve` start, and what `balise --version` says of it.

The adapter speaks MkDocs 1.x's API (`mkdocs.*`), which two engines serve: ProperDocs, the
maintained continuation of MkDocs 1.x, and MkDocs 1.6 itself, which gets no more releases.
ProperDocs answers `mkdocs.*` imports once its `properdocs.replacement` module has run, so the
engine is chosen before anything imports `mkdocs` (this package's __init__ calls `load` first),
from the installed distributions alone: nothing here imports an engine but `load`.

Under a plain `mkdocs build` or `properdocs build` the engine is already running when the plugin
is imported: the plugin runs in that one, whatever is installed or chosen.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from ..source.config_file import read_config_document
from ..source.problems import BaliseError, printable

#: Names the engine `balise build` and `balise serve` start (`properdocs` or `mkdocs`);
#: unset, the maintained one when it is installed.
ENGINE_VARIABLE = "BALISE_ENGINE"


@dataclass(frozen=True)
class Engine:
    #: Its distribution's name, its command's, and its value of BALISE_ENGINE.
    key: str
    name: str
    #: Its support status, as `balise --version` words it.
    support: str
    #: The logger its own messages and its --strict warning count go through.
    logger: str


PROPERDOCS = Engine("properdocs", "ProperDocs", "maintained: the continuation of MkDocs 1.x", "properdocs")
MKDOCS = Engine("mkdocs", "MkDocs", "unmaintained: MkDocs 1.x gets no more releases", "mkdocs")
#: In order of preference: the maintained one first.
ENGINES = (PROPERDOCS, MKDOCS)

MATERIAL = "mkdocs-material"
#: Balise's own theme (standalone/), for a site built without Material.
OWN_THEME = "balise"
#: Material for MkDocs' announced end of life; critical and security fixes until then.
MATERIAL_END_OF_LIFE = date(2027, 5, 5)


def installed_version(distribution: str) -> str | None:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def installed() -> tuple[Engine, ...]:
    return tuple(engine for engine in ENGINES if installed_version(engine.key) is not None)


@dataclass(frozen=True)
class Choice:
    """The engine to start (None when none is installed) and, when BALISE_ENGINE names one
    that cannot start, why: the build refuses to run on another than the one asked for."""

    engine: Engine | None
    problem: str | None = None


def choose(environ: Mapping[str, str]) -> Choice:
    available = installed()
    preferred = available[0] if available else None
    wanted = environ.get(ENGINE_VARIABLE, "").strip()
    if not wanted:
        return Choice(preferred)
    engine = next((e for e in ENGINES if e.key == wanted.lower()), None)
    if engine is None:
        keys = ", ".join(e.key for e in ENGINES)
        return Choice(preferred, f"{ENGINE_VARIABLE}={printable(wanted)}: Balise drives {keys}, nothing else")
    if engine not in available:
        return Choice(preferred, f"{ENGINE_VARIABLE}={engine.key}: {engine.name} is not installed (pip install {engine.key})")
    return Choice(engine)


def running() -> Engine | None:
    """The engine whose modules this process has loaded, if any (ProperDocs loads as `mkdocs` too)."""
    module = sys.modules.get("mkdocs")
    if module is None:
        return None
    return PROPERDOCS if module.__name__ == "properdocs" else MKDOCS


def load(environ: Mapping[str, str]) -> Engine | None:
    """Starts the chosen engine, unless one runs already; returns the one that runs."""
    engine = running()
    if engine is not None:
        return engine
    engine = choose(environ).engine
    if engine is PROPERDOCS:
        importlib.import_module("properdocs.replacement")
    return engine


def problem(environ: Mapping[str, str]) -> str | None:
    """Why a build must not start: BALISE_ENGINE names an engine that is not the one running."""
    choice = choose(environ)
    if choice.problem:
        return choice.problem
    engine = running()
    if environ.get(ENGINE_VARIABLE, "").strip() and engine is not None and engine is not choice.engine:
        assert choice.engine is not None
        return f"{ENGINE_VARIABLE}={choice.engine.key}: this process runs {engine.name} already"
    return None


@contextmanager
def engine_logger() -> Iterator[logging.Logger]:
    """The logger the running engine reports and counts --strict warnings on.

    ProperDocs logs on `properdocs`; the plugin (and Material) on `mkdocs.…`. As ProperDocs'
    own command does, `mkdocs` is hung under `properdocs` meanwhile, so both reach one console
    and one count.
    """
    engine = running() or MKDOCS
    logger = logging.getLogger(engine.logger)
    if engine is MKDOCS:
        yield logger
        return
    legacy = logging.getLogger("mkdocs")
    parent = legacy.parent
    legacy.parent = logger
    try:
        yield logger
    finally:
        legacy.parent = parent


def theme_override(config_file: Path) -> dict[str, Any]:
    """What `balise build` and `serve` hand the engine's config loader so that a site whose
    config names Material builds with Balise's own theme when Material is not installed
    (the rest of its theme settings kept); nothing when Material is there or not asked for."""
    if installed_version(MATERIAL) is not None:
        return {}
    try:
        theme = read_config_document(config_file).data.get("theme")
    except BaliseError:
        return {}  # the engine reports it
    if theme == "material":
        return {"theme": {"name": OWN_THEME}}
    if isinstance(theme, Mapping) and theme.get("name") == "material":
        return {"theme": {**theme, "name": OWN_THEME}}
    return {}


def support_line(environ: Mapping[str, str], today: date) -> str:
    """One line: the engine and theme a build uses here, their versions and support status."""
    choice = choose(environ)
    engine = running() or choice.engine
    if engine is None:
        parts = ["engine: none installed (pip install properdocs)"]
    else:
        parts = [f"engine: {engine.name} {installed_version(engine.key)} ({engine.support})"]
    material = installed_version(MATERIAL)
    if material is None:
        parts.append(f"theme: Balise's own ({OWN_THEME}; Material for MkDocs is not installed)")
    elif today < MATERIAL_END_OF_LIFE:
        end = MATERIAL_END_OF_LIFE.isoformat()
        parts.append(f"theme: Material for MkDocs {material} (critical and security fixes only, end of life {end})")
    else:
        parts.append(f"theme: Material for MkDocs {material} (end of life since {MATERIAL_END_OF_LIFE.isoformat()})")
    if choice.problem:  # `balise build` refuses to start: say so here too
        parts.append(choice.problem)
    return "; ".join(parts)
