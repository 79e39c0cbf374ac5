"""`balise schema`: print the JSON Schema of incident front-matter."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..source.config import read_config
from ..source.locate import find_config
from ..source.problems import BaliseError
from ..source.schema import front_matter_schema
from .options import site_config_option


@click.command()
@site_config_option("Read component ids from this config, so editors flag unknown ones; without one, any id is accepted.")
def schema(config_path: Path | None) -> None:
    """Print the JSON Schema of the front-matter (for the YAML language server)."""
    config = None
    if config_path is None:
        config_path = find_config(Path.cwd())
    elif not config_path.is_file():
        raise click.UsageError(f"config file '{config_path}' not found; pass --config PATH")
    if config_path is not None:
        try:
            config = read_config(config_path)
        except BaliseError as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
            raise SystemExit(1) from None
    click.echo(json.dumps(front_matter_schema(config), indent=2, ensure_ascii=False))
