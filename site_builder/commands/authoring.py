"""What `balise new`, `update` and `resolve` share: options, the message editor, and how
refusals are reported (usage errors exit 2, invalid results exit 1, never a traceback)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, TypeVar

import click

from ..authoring.atomic import replace_file
from ..authoring.author import ComponentChange, NewUpdate, RequestError, add_update, find_incident, read
from ..authoring.edit import EditError
from ..authoring.locking import FileLocked, locked
from ..authoring.moments import Moment, format_utc, parse_moment
from ..model import Incident, SiteConfig
from ..model.times import TimeFormatError
from ..source.config import read_config
from ..source.problems import BaliseError, display_path
from ..source.project import parse_incident
from .options import ProjectPaths, TimeParam, config_option, project_paths, resolve_now

F = TypeVar("F", bound=Callable[..., Any])

#: Stands in for the message while a request is checked, before $EDITOR opens: a typo in a
#: component or status is reported before anything is typed, not after.
PLACEHOLDER = "(message)"


class MomentParam(click.ParamType):
    """`now`, `30m`, `+1h30m`, `-15m` or ISO 8601; resolved once the site's zone is known."""

    name = "TIME"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Moment:
        if isinstance(value, Moment):
            return value
        try:
            return parse_moment(str(value))
        except TimeFormatError as error:
            self.fail(str(error), param, ctx)


class ComponentParam(click.ParamType):
    """`api=partial_outage`; a bare `api` is accepted here and judged by the kind of incident."""

    name = "ID[=STATUS]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> ComponentChange:
        if isinstance(value, ComponentChange):
            return value
        ident, equals, status = str(value).partition("=")
        ident, status = ident.strip(), status.strip()
        if not ident or (equals and not status):
            self.fail(f"'{value}' is not ID=STATUS, e.g. api=partial_outage", param, ctx)
        return ComponentChange(ident, status or None)


def common_options(command: F) -> F:
    """--dir, --config and --now, in that order in every authoring command's help."""
    command = click.option(
        "--now",
        type=TimeParam(),
        help="Pin the current time, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock).",
    )(command)
    command = config_option(command)
    command = click.option(
        "--dir",
        "incidents_dir",
        metavar="INCIDENTS_DIR",
        type=click.Path(file_okay=False, path_type=Path),
        help="The incidents folder. Default: incidents beside the project's mkdocs.yml.",
    )(command)
    return command


at_option = click.option(
    "--at",
    type=MomentParam(),
    default="now",
    show_default=True,
    help="When this happened: now, -15m (15 minutes ago) or ISO 8601; without a zone, in the site's zone.",
)
next_update_option = click.option(
    "--next-update",
    type=MomentParam(),
    help="Promise the next update: a delay from now (30m, 1h) or a time.",
)
message_option = click.option(
    "--message", "-m",
    help="The update for customers (Markdown). Without it, $EDITOR opens on a template (on a terminal only).",
)
started_option = click.option(
    "--started",
    type=MomentParam(),
    help="Incident: when the impact began, if before this update (-20m, or a time); the page counts the "
    "duration from it. Default: the first update.",
)


def component_option(help_text: str) -> Callable[[F], F]:
    return click.option("--component", "-c", "components", type=ComponentParam(), multiple=True, help=help_text)


def site_config(incidents_dir: Path | None, config_path: Path | None) -> tuple[SiteConfig, Path]:
    """The project's config and its incidents folder, found from any sub-folder of the project."""
    config, paths = site_project(incidents_dir, config_path)
    return config, paths.incidents


def site_project(incidents_dir: Path | None, config_path: Path | None) -> tuple[SiteConfig, ProjectPaths]:
    """The project's config, and where its config file and incidents folder are."""
    paths = project_paths(incidents_dir, config_path)
    try:
        return read_config(paths.config), paths
    except BaliseError as error:
        _print_problems(error, "the site config has problems; fix them first")
        raise SystemExit(1) from None


def on_a_terminal() -> bool:
    """Whether a person is there to answer: an editor or a question needs one (not CI, not a pipe)."""
    return sys.stdin.isatty()


@dataclass(frozen=True)
class Clock:
    """Reads typed times: relative ones from one `now`, zone-less ones in the site's zone."""

    now: datetime
    zone: tzinfo

    @classmethod
    def of(cls, now: datetime | None, config: SiteConfig) -> Clock:
        """`--now`, else SOURCE_DATE_EPOCH, else the clock; read once so all options agree."""
        return cls(resolve_now(now), config.timezone)

    def time(self, moment: Moment) -> datetime:
        try:
            return moment.resolve(self.now, self.zone)
        except TimeFormatError as error:  # out of range: the syntax was checked when parsing
            raise click.UsageError(str(error)) from None

    def optional(self, moment: Moment | None) -> datetime | None:
        return None if moment is None else self.time(moment)


def message_from_editor(template: str) -> str:
    """Opens $EDITOR on a template; `#` lines are dropped and an empty result aborts."""
    text = _without_comments(_edited(template))
    if not text.strip():
        raise click.ClickException("aborted: the message is empty; nothing was written")
    return text


def _edited(template: str) -> str:
    """The template as $EDITOR saved it; without a terminal no editor can be used, so the
    command stops and says how to give the message instead of waiting for one."""
    if not on_a_terminal():
        command = click.get_current_context().command_path
        raise click.UsageError(f'no terminal to open an editor on: pass the message with -m, e.g. {command} … -m "…"')
    return click.edit(template, extension=".md", require_save=True) or ""  # None: quit without saving


def _without_comments(edited: str) -> str:
    return "\n".join(line for line in edited.splitlines() if not line.startswith("#"))


#: The first line of `balise new`'s template: since when customers are affected.
STARTED_FIELD = "Started:"
_STARTED_LINE = re.compile(r"^\s*started\s*:(.*)$", re.IGNORECASE)
#: How often the template is shown again when its "Started:" line cannot be read.
EDITOR_ROUNDS = 3


def first_update_from_editor(template: str, clock: Clock, at: datetime) -> tuple[str, datetime | None]:
    """The message and the `Started:` time typed in $EDITOR on `template`.

    A time that cannot be read, or that comes after the update, opens the editor again with
    the reason on top, so what was typed is never lost to a typo.
    """
    text = template
    for _ in range(EDITOR_ROUNDS):
        edited = _edited(text)
        started_text, message = _started_line(_without_comments(edited))
        if not message.strip():
            raise click.ClickException("aborted: the message is empty; nothing was written")
        problem, started = _read_started(started_text, clock, at)
        if problem is None:
            return message, started
        text = f"# Started: {problem}\n" + "\n".join(line for line in edited.splitlines() if not line.startswith("# Started: "))
    raise click.UsageError(f"Started: {problem}; nothing was written. Your message was:\n{message.strip()}")


def _started_line(text: str) -> tuple[str, str]:
    """The value of the first `Started:` line ('' without one) and the other lines: the message."""
    lines = text.splitlines()
    found = next((index for index, line in enumerate(lines) if _STARTED_LINE.match(line)), None)
    if found is None:
        return "", text
    value = _STARTED_LINE.match(lines[found]).group(1)  # type: ignore[union-attr]
    return value.strip(), "\n".join(lines[:found] + lines[found + 1 :])


def _read_started(text: str, clock: Clock, at: datetime) -> tuple[str | None, datetime | None]:
    if not text:
        return None, None
    try:
        started = parse_moment(text).resolve(clock.now, clock.zone)
    except TimeFormatError as error:
        return f"{error}", None
    if started > at:
        return f"{format_utc(started)} is after this update ({format_utc(at)}); the impact began before or when it is posted", None
    return None, started


def quote(text: str) -> str:
    """Text shown inside a template as comment lines."""
    return "\n".join(f"#   {line}" if line else "#" for line in text.splitlines())


@contextmanager
def refusals(path: Path | None = None) -> Iterator[None]:
    """Turns every expected failure about `path` into a message and an exit status.

    RequestError is a usage error (2); a result the validator rejects, a file that cannot
    be edited safely, or a write that fails is 1; in every case nothing was written.
    """
    shown = display_path(path) if path else None
    try:
        yield
    except RequestError as error:
        raise click.UsageError(str(error)) from None
    except BaliseError as error:
        _print_problems(error, "refused: the result would not be valid, so nothing was written")
        raise SystemExit(1) from None
    except EditError as error:
        click.echo(f"{shown or 'the file'}: cannot edit this file safely: {error}; nothing was written", err=True)
        raise SystemExit(1) from None
    except FileExistsError:
        click.echo(f"{shown or 'the file'} already exists; nothing was written", err=True)
        raise SystemExit(1) from None
    except FileLocked as error:
        shown = display_path(error.path)
        click.echo(f"{shown}: another command is editing this file; nothing was written, run the command again", err=True)
        raise SystemExit(1) from None
    except OSError as error:
        click.echo(f"cannot write {shown or error.filename}: {error.strerror}; nothing was changed", err=True)
        raise SystemExit(1) from None


def current_incident(reference: str, incidents_dir: Path, config: SiteConfig) -> tuple[Path, bytes, Incident]:
    """The file an update goes to, as it is now; a file that is already invalid is not edited."""
    with refusals():
        path = find_incident(reference, incidents_dir)
    try:
        data, incident = read(path, config)
    except BaliseError as error:
        _print_problems(error, "the file has problems now; fix them before adding an update")
        raise SystemExit(1) from None
    except RequestError as error:
        raise click.UsageError(str(error)) from None
    return path, data, incident


def post(path: Path, data: bytes, current: Incident, request: NewUpdate, config: SiteConfig) -> None:
    """Appends the update, writes the file atomically and says what changed.

    Under the file's edit lock the file is read again: another update posted since it was
    first read (a colleague, a `git pull`) stays, and this one is added after it, or refused
    with the reason when it no longer fits (the incident was resolved meanwhile).
    """
    with refusals(path), locked(path):
        on_disk = path.read_bytes()
        if on_disk != data:
            click.echo(
                f"note: {display_path(path)} changed since balise read it (another update?); "
                "adding this update to the file as it is now",
                err=True,
            )
            data, current = on_disk, _parsed(path, on_disk, config)
        edited = add_update(path, data, current, request, config)
        replace_file(path, edited.data)
    click.echo(display_path(path))
    latest = edited.incident.updates[-1]
    promise = edited.incident.next_update
    told = f"; next update by {format_utc(promise)}" if promise else ""
    command = click.get_current_context().info_name
    click.echo(f"balise {command}: {latest.status} at {format_utc(latest.at)}{told}", err=True)
    if edited.dropped_promise:
        click.echo(
            f"note: removed next_update ({format_utc(edited.dropped_promise)}), which this update fulfils; "
            "pass --next-update to promise the next one",
            err=True,
        )


def _parsed(path: Path, data: bytes, config: SiteConfig) -> Incident:
    try:
        return parse_incident(path, data, config)
    except BaliseError as error:
        _print_problems(error, "the file has problems now; fix them before adding an update")
        raise SystemExit(1) from None


def _print_problems(error: BaliseError, headline: str) -> None:
    for problem in error.problems:
        click.echo(str(problem), err=True)
    click.echo(headline, err=True)
