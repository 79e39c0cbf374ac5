"""`balise update`: append an update to an incident's or a maintenance's timeline."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import click

from ..authoring import author
from ..authoring.moments import Moment, format_utc
from ..model import Incident
from .authoring import (
    PLACEHOLDER,
    Clock,
    at_option,
    common_options,
    component_option,
    current_incident,
    message_from_editor,
    message_option,
    next_update_option,
    post,
    quote,
    refusals,
    site_config,
    started_option,
)

TEMPLATE = """
# Update to: {title}
# Status: {status} (pass --status to change it)
# Last update, {at}:
{last}
#
# Write the update for customers above. Lines starting with '#' are
# dropped; an empty message cancels and nothing is written.
#
# Customers want to know:
#   - what changed since the last update (even "no news yet" reassures)
#   - what they can do meanwhile
#   - when the next update comes
{started}"""


@click.command()
@click.argument("reference", metavar="ID|PATH")
@click.option(
    "--status",
    "-s",
    help="The new status. Incident: investigating, identified, monitoring, resolved, postmortem; "
    "maintenance: scheduled, in_progress, verifying, completed. Default: unchanged.",
)
@message_option
@component_option("A component whose status changes from this update on, e.g. api=major_outage; repeat for more.")
@next_update_option
@at_option
@started_option
@common_options
def update(
    reference: str,
    status: str | None,
    message: str | None,
    components: tuple[author.ComponentChange, ...],
    next_update: Moment | None,
    at: Moment,
    started: Moment | None,
    incidents_dir: Path | None,
    config_path: Path | None,
    now: datetime | None,
) -> None:
    """Append an update to the incident ID or the file PATH.

    ID is the file name without .md (2026-11-20-api-errors), or without its date (api-errors).

    \b
    balise update 2026-11-20-api-errors -s identified -m "A faulty deploy is being rolled back." --next-update 1h

    A fulfilled next_update is removed unless --next-update sets a new one; --started sets
    when the impact began (started_at). The edit keeps every other byte of the file. Exit status: 0 written, 1 refused, 2 usage error.
    """
    config, incidents_dir = site_config(incidents_dir, config_path)
    path, data, current = current_incident(reference, incidents_dir, config)
    clock = Clock.of(now, config)
    request = author.NewUpdate(
        at=clock.time(at),
        message=message if message is not None else PLACEHOLDER,
        status=status,
        components=components,
        next_update=clock.optional(next_update),
        started=clock.optional(started),
    )
    if message is None:
        with refusals(path):
            author.add_update(path, data, current, request, config)  # refuse before anything is typed
        request = replace(request, message=message_from_editor(_template(current, request)))
    post(path, data, current, request, config)


def _template(current: Incident, request: author.NewUpdate) -> str:
    last = current.updates[-1]
    started = ""
    if not current.is_maintenance and request.started is None:
        since = f"now {format_utc(current.started_at)}" if current.impact_started_at else "the first update"
        started = f"#\n# Did the impact begin earlier than {since}? Quit and pass --started TIME.\n"
    return TEMPLATE.format(
        title=current.title,
        status=request.status or current.status.value,
        at=format_utc(last.at),
        last=quote(last.message),
        started=started,
    )
