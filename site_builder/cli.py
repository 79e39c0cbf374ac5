"""The `balise` command line."""

from __future__ import annotations

import sys
import warnings

import click

from . import __version__
from .commands.build import build
from .commands.changes import changes
from .commands.check import check
from .commands.importing import import_
from .commands.init import init
from .commands.new import new
from .commands.notify import notify
from .commands.resolve import resolve
from .commands.schema import schema
from .commands.serve import serve
from .commands.update import update


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="balise")
def main() -> None:
    """Balise: a status page from incident files in git."""
    if not sys.warnoptions:
        # Libraries' warnings (deprecations, ruamel's reused anchors) are for their developers: every
        # line a user sees is ours and says what to do. `-W` or PYTHONWARNINGS still shows them.
        warnings.simplefilter("ignore")


main.add_command(init)
main.add_command(check)
main.add_command(schema)
main.add_command(build)
main.add_command(serve)
main.add_command(new)
main.add_command(update)
main.add_command(resolve)
main.add_command(import_)
main.add_command(changes)
main.add_command(notify)
