"""`balise build`: the whole site into a folder, published only if everything succeeded."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import click

from ..mkdocs_plugin import EngineError, build_site, configured_site_dir
from ..source.config import read_config
from ..source.problems import BaliseError
from .options import now_option, site_config_option


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A fresh folder beside `target`, moved into its place only when the block succeeds.

    Beside it, so the final move is a rename on the same file system; a failed build leaves
    `target` exactly as it was, so a deploy never publishes half a site.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = target.with_name(f"{staging.name}.previous")
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


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
def build(config_path: Path, now: datetime | None, site_dir: Path | None, strict: bool, verbose: bool) -> None:
    """Build the status site: pages, JSON API, feeds, calendar and badges.

    Exit status: 0 when built, 1 when an incident file or the config has a problem
    (every problem is listed; the site folder is left untouched), 2 on a usage error.
    """
    if not config_path.is_file():
        raise click.UsageError(f"config file '{config_path}' not found; pass --config PATH")
    target = (site_dir or configured_site_dir(config_path)).resolve()
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
        with staged(target) as staging:
            build_site(config_path, staging, now=now, strict=strict, verbose=verbose)
    except EngineError as error:
        click.echo(f"balise build: {error}; nothing was published, '{target}' is as it was", err=True)
        raise SystemExit(1) from None
    click.echo(f"balise build: site written to {target}", err=True)
