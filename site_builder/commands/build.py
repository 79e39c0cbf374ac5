"""`balise build`: the whole site into a folder, published only if everything succeeded."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import NoReturn

import click

from ..mkdocs_plugin import EngineError, build_site
from ..outputs.publish import staged
from ..source.config import read_config
from ..source.layout import Layout
from ..source.problems import BaliseError
from .options import locate_config, now_option, site_config_option


@click.command()
@site_config_option()
@now_option
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the site. Default: site_dir from the config (site).",
)
@click.option("--strict", is_flag=True, help="Fail on MkDocs warnings (incident warnings never fail a build).")
@click.option("-v", "--verbose", is_flag=True, help="Also print MkDocs' progress messages.")
def build(config_path: Path | None, now: datetime | None, site_dir: Path | None, strict: bool, verbose: bool) -> None:
    """Build the status site: pages, JSON API, feeds, calendar and badges.

    Exit status: 0 when built, 1 when an incident file or the config has a problem
    (every problem is listed; the site folder is left untouched), 2 on a usage error.
    """
    config_path = locate_config(config_path)
    layout = Layout.read(config_path)
    target = (site_dir or layout.site).resolve()
    refusal = layout.site_folder_problem(target)
    if refusal:
        click.echo(
            f"balise build: refusing to build into '{target}': {refusal}; a build replaces its site folder whole, "
            "so pick another one (--site-dir, or site_dir in mkdocs.yml)",
            err=True,
        )
        raise SystemExit(1)
    try:
        # Read with Balise's reader and its limits before MkDocs reads it with its own, which a
        # hostile file (nested 30,000 levels deep) crashes.
        read_config(config_path)
    except BaliseError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        click.echo(f"balise build: the config has problems; nothing was published, '{target}' is as it was", err=True)
        raise SystemExit(1) from None
    try:
        with staged(target, remove_in_background=True) as staging:
            build_site(config_path, staging, now=now, strict=strict, verbose=verbose)
    except EngineError as error:
        _failed(str(error), target)
    except OSError as error:  # a full disk, a folder we may not write: the old site stays
        where = f" ({error.filename})" if error.filename else ""
        _failed(f"{error.strerror or error}{where}", target)
    click.echo(f"balise build: site written to {target}", err=True)


def _failed(reason: str, target: Path) -> NoReturn:
    click.echo(f"balise build: {reason}; nothing was published, '{target}' is as it was", err=True)
    raise SystemExit(1)
