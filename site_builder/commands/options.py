"""Option types and defaults shared by sub-commands."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import click

from ..model.times import TimeFormatError, parse_duration, parse_time
from ..source import clock

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


def default_config(incidents_dir: Path, config: Path | None) -> Path:
    """`mkdocs.yml` beside the incidents folder unless `--config` says otherwise."""
    path = config if config is not None else incidents_dir.resolve().parent / "mkdocs.yml"
    if not path.is_file():
        raise click.UsageError(f"config file '{path}' not found; pass --config PATH")
    return path


incidents_argument = click.argument(
    "incidents_dir",
    default="incidents",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The site config. Default: mkdocs.yml beside INCIDENTS_DIR.",
)
def site_config_option(help_text: str = "The site config.") -> Callable[[F], F]:
    """`--config`, defaulting to mkdocs.yml in the current folder (build, serve, schema)."""
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default="mkdocs.yml",
        show_default=True,
        help=help_text,
    )


now_option = click.option(
    "--now",
    type=TimeParam(),
    help="The current time, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock).",
)
