"""Option types and defaults shared by sub-commands."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import click

from ..model.times import TimeFormatError, parse_duration, parse_time
from ..source import clock
from ..source.locate import find_config, incidents_beside

F = TypeVar("F", bound=Callable[..., Any])


class TimeParam(click.ParamType):
    """An ISO 8601 time; without a zone, UTC."""

    name = "TIME"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            return parse_time(str(value), UTC)
        except TimeFormatError as error:
            self.fail(str(error), param, ctx)


def default_format() -> str:
    """Workflow annotations under GitHub Actions, text elsewhere."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


class DurationParam(click.ParamType):
    """`30m`, `3h`, `1h30m`, `2d`."""

    name = "DURATION"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> timedelta:
        if isinstance(value, timedelta):
            return value
        try:
            return parse_duration(str(value))
        except TimeFormatError as error:
            self.fail(str(error), param, ctx)


def resolve_now(now: datetime | None) -> datetime:
    """The build's `now` (see source.clock); an unreadable SOURCE_DATE_EPOCH is a usage error."""
    try:
        return clock.resolve_now(now)
    except clock.ClockError as error:
        raise click.UsageError(str(error)) from None


NO_PROJECT = "no mkdocs.yml in this folder or any folder above it; run 'balise init' to start one, or pass --config PATH"


@dataclass(frozen=True)
class ProjectPaths:
    config: Path
    incidents: Path


def locate_config(config: Path | None, start: Path | None = None) -> Path:
    """`--config`, else the nearest mkdocs.yml at or above `start` (the current folder), as git
    finds its repository: every command works from any sub-folder of the project."""
    if config is not None:
        if not config.is_file():
            raise click.UsageError(f"config file '{config}' not found; pass --config PATH")
        return config
    found = find_config(start if start is not None else Path.cwd())
    if found is None:
        raise click.UsageError(NO_PROJECT)
    return found


def project_paths(incidents_dir: Path | None, config: Path | None) -> ProjectPaths:
    """The config and the incidents folder: each from its option, else found from the other.

    Given an incidents folder, the config is looked for from the folder that holds it; given
    neither, from the current folder, and the incidents folder is the one beside the config.
    """
    start = incidents_dir.absolute().parent if incidents_dir is not None else None
    config_path = locate_config(config, start)
    return ProjectPaths(config_path, incidents_dir if incidents_dir is not None else incidents_beside(config_path))


incidents_argument = click.argument(
    "incidents_dir",
    required=False,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The site config. Default: the nearest mkdocs.yml at or above the current folder.",
)


def site_config_option(help_text: str = "The site config.") -> Callable[[F], F]:
    """`--config`; without it the nearest mkdocs.yml at or above the current folder (build, serve, schema)."""
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"{help_text} Default: the nearest mkdocs.yml at or above the current folder.",
    )


now_option = click.option(
    "--now",
    type=TimeParam(),
    help="The current time, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock).",
)
