"""`balise new`: start an incident, or schedule a maintenance, in a new file."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import click

from ..authoring import author
from ..authoring.atomic import create_file
from ..authoring.moments import Moment, format_utc
from ..model import SiteConfig
from ..model.vocabulary import INCIDENT_IMPACTS
from ..source.cache import CacheFolder
from ..source.problems import display_path
from ..source.project import ParsedFiles, load_incidents
from .authoring import (
    PLACEHOLDER,
    Clock,
    MomentParam,
    at_option,
    common_options,
    component_option,
    first_update_from_editor,
    message_from_editor,
    message_option,
    next_update_option,
    refusals,
    site_project,
    started_option,
)

INCIDENT_TEMPLATE = """Started: {started}

# Incident: {title}
# Components: {components}
#
# Write the first update for customers below the "Started:" line. Lines starting
# with '#' are dropped; an empty message cancels and nothing is written.
#
# Started: since when customers are affected, if before this update: -20m (20
# minutes ago), or a time such as {example} ({zone}). Leave it empty if it is now.
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
    type=click.Choice([impact.value for impact in INCIDENT_IMPACTS]),
    help="How bad it is for customers: none, minor, major or critical. Required for an incident.",
)
@message_option
@next_update_option
@at_option
@started_option
@click.option("--maintenance", is_flag=True, help="Schedule a maintenance instead of starting an incident.")
@click.option("--start", type=MomentParam(), help="Maintenance: when it starts (a time, or a delay from now).")
@click.option("--end", type=MomentParam(), help="Maintenance: when it ends: a time, or its length after --start (2h).")
@click.option(
    "--force", is_flag=True,
    help="Write it anyway: a second open incident with the same title, or a maintenance whose window has ended.",
)
@common_options
def new(
    title: str,
    components: tuple[author.ComponentChange, ...],
    impact: str | None,
    message: str | None,
    next_update: Moment | None,
    at: Moment,
    started: Moment | None,
    maintenance: bool,
    start: Moment | None,
    end: Moment | None,
    force: bool,
    incidents_dir: Path | None,
    config_path: Path | None,
    now: datetime | None,
) -> None:
    """Start an incident called TITLE in a new file and print the file's path.

    \b
    balise new "Elevated API errors" -c api=partial_outage --impact major -m "We are investigating." --next-update 30m
    balise new --maintenance "Database upgrade" --start 2026-11-26T23:00 --end 2026-11-27T01:00 -c api -m "…"

    The file is incidents/YYYY-MM-DD-slug.md, dated in the site's time zone by the day the
    impact began (a maintenance: the day its window opens). Without --message, $EDITOR opens
    on a template (on a terminal; elsewhere, pass -m). An incident with the title of one still
    open, or a maintenance whose window has ended, is refused unless --force.
    Exit status: 0 written, 1 refused, 2 usage error.
    """
    if maintenance and (start is None or end is None):
        raise click.UsageError("a maintenance needs --start and --end")
    if not maintenance and (start is not None or end is not None):
        raise click.UsageError("--start and --end are for a maintenance; add --maintenance")
    if not maintenance and impact is None:
        raise click.UsageError("--impact is required for an incident: none, minor, major or critical")
    if maintenance and started is not None:
        raise click.UsageError(author.NO_START_FOR_MAINTENANCE)
    config, paths = site_project(incidents_dir, config_path)
    incidents_dir = paths.incidents
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
        started=clock.optional(started),
    )
    with refusals():
        created = author.create(spec, incidents_dir, config)
    if not force:
        _refuse_a_second_namesake(spec, incidents_dir, paths.config, config)
        _refuse_a_past_window(spec, clock)
    with refusals():
        if message is None:
            if maintenance:
                spec = replace(spec, message=message_from_editor(_template(spec, config)))
            else:
                text, typed_start = first_update_from_editor(_template(spec, config), clock, spec.at)
                spec = replace(spec, message=text, started=typed_start)
            created = author.create(spec, incidents_dir, config)
    with refusals(created.path):
        create_file(created.path, created.data)
    click.echo(display_path(created.path))
    first = created.incident.updates[0]
    click.echo(f"balise new: {first.status} at {format_utc(first.at)}; commit it and open a pull request", err=True)


def _refuse_a_second_namesake(spec: author.NewIncident, directory: Path, config_file: Path, config: SiteConfig) -> None:
    """Two engineers starting the same incident would post to two files; the second is sent to the first."""
    if spec.maintenance:  # a team may well schedule the same maintenance every week
        return
    incidents, _, _, _ = load_incidents(directory, config, parsed=ParsedFiles.of(CacheFolder.beside(config_file), config))
    namesake = author.open_namesake(spec.title, incidents)
    if namesake is None:
        return
    click.echo(
        f"{display_path(namesake.path)}: '{namesake.title}' is still open ({namesake.status}); post to it with "
        f"balise update {namesake.id} -m \"…\", or pass --force to start a second incident with this title; "
        "nothing was written",
        err=True,
    )
    raise SystemExit(1)


def _refuse_a_past_window(spec: author.NewIncident, clock: Clock) -> None:
    """A window in the past is most often a typo in a date; recording one is deliberate (--force)."""
    if not spec.maintenance or spec.scheduled_until is None or spec.scheduled_until > clock.now:
        return
    assert spec.scheduled_for is not None
    click.echo(
        f"balise new: the maintenance window {format_utc(spec.scheduled_for)} to {format_utc(spec.scheduled_until)} "
        f"has already ended (now: {format_utc(clock.now)}); check --start and --end, or pass --force to record a "
        "past maintenance; nothing was written",
        err=True,
    )
    raise SystemExit(1)


def _template(spec: author.NewIncident, config: SiteConfig) -> str:
    listed = ", ".join(f"{c.id} ({c.status})" if c.status else c.id for c in spec.components) or "none"
    if not spec.maintenance:
        local = spec.at.astimezone(config.timezone)
        return INCIDENT_TEMPLATE.format(
            title=spec.title,
            components=listed,
            started=format_utc(spec.started) if spec.started else "",
            example=local.strftime("%Y-%m-%d %H:%M"),
            zone=str(config.timezone),
        )
    assert spec.scheduled_for is not None and spec.scheduled_until is not None
    return MAINTENANCE_TEMPLATE.format(
        title=spec.title,
        start=format_utc(spec.scheduled_for),
        end=format_utc(spec.scheduled_until),
        components=listed,
    )

