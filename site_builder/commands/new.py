"""`balise new`: start an incident, or schedule a maintenance, in a new file."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import click

from ..authoring import author
from ..authoring.atomic import create_file
from ..authoring.moments import Moment, format_utc
from ..model.vocabulary import Impact
from ..source.problems import display_path
from .authoring import (
    PLACEHOLDER,
    Clock,
    MomentParam,
    at_option,
    common_options,
    component_option,
    message_from_editor,
    message_option,
    next_update_option,
    refusals,
    site_config,
)

INCIDENT_TEMPLATE = """
# Incident: {title}
# Components: {components}
#
# Write the first update for customers above. Lines starting with '#' are
# dropped; an empty message cancels and nothing is written.
#
# Customers want to know:
#   - what is affected, and since when (give the time and its zone)
#   - what we know so far, in plain words
#   - a workaround, if there is one
#   - when the next update comes
"""

MAINTENANCE_TEMPLATE = """
# Maintenance: {title}
# From {start} to {end}; components: {components}
#
# Write the announcement for customers above. Lines starting with '#' are
# dropped; an empty message cancels and nothing is written.
#
# Customers want to know:
#   - what will be done, when, and for how long (give the times and their zone)
#   - what they will notice while it runs, and what keeps working
#   - whether they need to do anything
"""


@click.command()
@click.argument("title")
@component_option(
    "An affected component and its status, e.g. api=partial_outage; repeat for more. For a maintenance, an id (api)."
)
@click.option(
    "--impact",
    type=click.Choice([impact.value for impact in Impact]),
    help="How bad it is for customers: none, minor, major or critical. Required for an incident.",
)
@message_option
@next_update_option
@at_option
@click.option("--maintenance", is_flag=True, help="Schedule a maintenance instead of starting an incident.")
@click.option("--start", type=MomentParam(), help="Maintenance: when it starts (a time, or a delay from now).")
@click.option("--end", type=MomentParam(), help="Maintenance: when it ends: a time, or its length after --start (2h).")
@common_options
def new(
    title: str,
    components: tuple[author.ComponentChange, ...],
    impact: str | None,
    message: str | None,
    next_update: Moment | None,
    at: Moment,
    maintenance: bool,
    start: Moment | None,
    end: Moment | None,
    incidents_dir: Path | None,
    config_path: Path | None,
    now: datetime | None,
) -> None:
    """Start an incident called TITLE in a new file and print the file's path.

    \b
    balise new "Elevated API errors" -c api=partial_outage --impact major -m "We are investigating." --next-update 30m
    balise new --maintenance "Database upgrade" --start 2026-11-26T23:00 --end 2026-11-27T01:00 -c api -m "…"

    The file is incidents/YYYY-MM-DD-slug.md, dated in the site's time zone. Without
    --message, $EDITOR opens on a template. Exit status: 0 written, 1 refused, 2 usage error.
    """
    if maintenance and (start is None or end is None):
        raise click.UsageError("a maintenance needs --start and --end")
    if not maintenance and (start is not None or end is not None):
        raise click.UsageError("--start and --end are for a maintenance; add --maintenance")
    if not maintenance and impact is None:
        raise click.UsageError("--impact is required for an incident: none, minor, major or critical")
    config, incidents_dir = site_config(incidents_dir, config_path)
    if not incidents_dir.is_dir():
        raise click.UsageError(f"incidents folder '{incidents_dir}' not found; pass --dir")
    clock = Clock.of(now, config)
    scheduled_for = clock.optional(start)
    # A duration for --end reads as the window's length, which is how people plan one.
    relative_end = end is not None and end.offset is not None and scheduled_for is not None
    scheduled_until = scheduled_for + end.offset if relative_end else clock.optional(end)
    spec = author.NewIncident(
        title=title,
        message=message if message is not None else PLACEHOLDER,
        at=clock.time(at),
        impact=impact,
        components=components,
        next_update=clock.optional(next_update),
        maintenance=maintenance,
        scheduled_for=scheduled_for,
        scheduled_until=scheduled_until,
    )
    with refusals():
        created = author.create(spec, incidents_dir, config)
        if message is None:
            spec = replace(spec, message=message_from_editor(_template(spec)))
            created = author.create(spec, incidents_dir, config)
    with refusals(created.path):
        create_file(created.path, created.data)
    click.echo(display_path(created.path))
    first = created.incident.updates[0]
    click.echo(f"balise new: {first.status} at {format_utc(first.at)}; commit it and open a pull request", err=True)


def _template(spec: author.NewIncident) -> str:
    listed = ", ".join(f"{c.id} ({c.status})" if c.status else c.id for c in spec.components) or "none"
    if not spec.maintenance:
        return INCIDENT_TEMPLATE.format(title=spec.title, components=listed)
    assert spec.scheduled_for is not None and spec.scheduled_until is not None
    return MAINTENANCE_TEMPLATE.format(
        title=spec.title,
        start=format_utc(spec.scheduled_for),
        end=format_utc(spec.scheduled_until),
        components=listed,
    )

