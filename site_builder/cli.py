"""The `balise` command line."""

from __future__ import annotations

import importlib
import sys
import warnings

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


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="balise")
def main() -> None:
    """Balise: a status page from incident files in git."""
    if not sys.warnoptions:
        # Libraries' warnings (deprecations, ruamel's reused anchors) are for their developers: every
        # line a user sees is ours and says what to do. `-W` or PYTHONWARNINGS still shows them.
        warnings.simplefilter("ignore")
