"""The `balise` command line."""

from __future__ import annotations

import importlib
import logging
import os
import sys
import warnings
from datetime import date
from typing import NoReturn

import click

from . import __version__

#: Each command and where it lives. A command's module is imported only when the command runs:
#: `balise check` in a pull request needs neither MkDocs nor the notification channels.
COMMANDS = {
    "init": "init:init",
    "check": "check:check",
    "schema": "schema:schema",
    "build": "build:build",
    "serve": "serve:serve",
    "new": "new:new",
    "update": "update:update",
    "resolve": "resolve:resolve",
    "import": "importing:import_",
    "changes": "changes:changes",
    "notify": "notify:notify",
    "alert": "alert:alert",
}


class LazyGroup(click.Group):
    """A group whose commands are imported when they are asked for (click's lazy-loading pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, name = COMMANDS[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(f"{__package__}.commands.{module}"), name), cmd_name)
        return super().get_command(ctx, cmd_name)


def _print_version(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    """Balise's version, then the engine and theme a build uses here and their support status:
    a team sees when what its site is built with stops being maintained."""
    if not value or ctx.resilient_parsing:
        return
    from .mkdocs_plugin.engines import support_line

    click.echo(f"balise, version {__version__}")
    click.echo(support_line(os.environ, date.today()))
    ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
    help="Show the version, the site engine and theme in use and their support status, and exit.",
)
def main() -> None:
    """Balise: a status page from incident files in git."""
    if not sys.warnoptions:
        # Libraries' warnings (deprecations, ruamel's reused anchors) are for their developers: every
        # line a user sees is ours and says what to do. `-W` or PYTHONWARNINGS still shows them.
        warnings.simplefilter("ignore")


def run() -> NoReturn:
    """The `balise` program: `main`, then an exit that skips tearing down the interpreter.

    Once a command has returned, everything it opened is closed (context managers), and what is
    left is freeing its objects one by one: half a second after a build of 10,000 incidents, for
    memory the system takes back at once anyway. Output is flushed first; a traceback still
    leaves the ordinary way. Tests call `main` itself, which exits as click does.
    """
    try:
        main(prog_name="balise")
        code: int = 0
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            code = done.code or 0
        else:  # as Python's own exit prints it
            print(done.code, file=sys.stderr)
            code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away (`balise check | head`), or a closed stream
            pass
    os._exit(code)
