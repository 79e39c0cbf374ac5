"""`balise resolve`: close an incident (`resolved`) or a maintenance (`completed`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from ..authoring import author
from ..authoring.moments import Moment
from .authoring import Clock, at_option, common_options, current_incident, post, site_config


@click.command()
@click.argument("reference", metavar="ID|PATH")
@click.option(
    "--message",
    "-m",
    help=f"The closing update. Default: '{author.RESOLVED_MESSAGE}' (maintenance: '{author.COMPLETED_MESSAGE}').",
)
@at_option
@common_options
def resolve(
    reference: str,
    message: str | None,
    at: Moment,
    incidents_dir: Path | None,
    config_path: Path | None,
    now: datetime | None,
) -> None:
    """Resolve the incident ID (its file name without .md) or the file PATH.

    A maintenance is marked completed instead.

    \b
    balise resolve 2026-11-20-api-errors -m "Error rates are back to normal."

    Removes next_update: no further update is promised. Exit status: 0 written,
    1 refused (e.g. already resolved), 2 usage error.
    """
    config, incidents_dir = site_config(incidents_dir, config_path)
    path, data, current = current_incident(reference, incidents_dir, config)
    posted_at = Clock.of(now, config).time(at)
    post(path, data, current, author.resolution(current, posted_at, message), config)
