"""`balise serve`: a live preview that rebuilds when an incident file or the config changes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from ..mkdocs_plugin import EngineError, serve_site
from ..source.config import read_config
from ..source.problems import BaliseError
from .options import locate_config, now_option, site_config_option


@click.command()
@site_config_option()
@now_option
@click.option("-a", "--dev-addr", metavar="IP:PORT", help="Address to serve on. Default: 127.0.0.1:8000.")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors, not each rebuild.")
def serve(config_path: Path | None, now: datetime | None, dev_addr: str | None, quiet: bool) -> None:
    """Preview the status site at http://127.0.0.1:8000/ while you edit incidents.

    Without --now, each rebuild uses the clock, as the deployed site does.
    """
    config_path = locate_config(config_path)
    try:
        # Balise's reader and its limits first, as `build` does: MkDocs' own follows any INHERIT
        # (a pipe would hang it) and crashes on a config nested thousands of levels deep.
        read_config(config_path)
    except BaliseError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        click.echo("balise serve: the config has problems; nothing is served", err=True)
        raise SystemExit(1) from None
    try:
        serve_site(config_path, dev_addr=dev_addr, now=now, verbose=not quiet)
    except EngineError as error:
        click.echo(f"balise serve: {error}", err=True)
        raise SystemExit(1) from None
