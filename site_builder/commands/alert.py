"""`balise alert`: monitoring alerts into draft incidents, and the pull request that carries them."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import click

from ..alerts.drafting import Outcome
from ..alerts.fields import shown
from ..alerts.ingest import AlertError, Run, plan, read_payloads, write
from ..alerts.model import PayloadError
from ..alerts.payloads import SOURCES, read_stream
from ..authoring.locking import FileLocked
from ..source.problems import display_path, printable
from .authoring import common_options, site_config
from .options import DurationParam, resolve_now

#: One webhook delivers one payload; a run replaying a day of them needs tens, and each may be 1 MiB.
MAX_PAYLOADS = 100


@click.command()
@click.argument("payloads", metavar="FILE...", nargs=-1, required=False)
@click.option(
    "--source",
    type=click.Choice(SOURCES),
    default="auto",
    show_default=True,
    help="Who sent the payloads; auto tells Alertmanager, Grafana, Uptime Kuma and the generic JSON apart.",
)
@click.option("--json", "as_json", is_flag=True, help="Print what was done as JSON, for the pull-request step and scripts.")
@click.option(
    "--pull-request",
    is_flag=True,
    help="Then commit each draft to its branch alert/KEY, push it and open or update its pull request "
    "(GitHub; token from BALISE_GITHUB_TOKEN or GITHUB_TOKEN). For the alert workflow.",
)
@click.option(
    "--auto-publish-after",
    type=DurationParam(),
    help="Instead of reading payloads: merge every draft pull request opened at least this long ago "
    "that nobody touched and whose check passed (off unless given; the alert workflow's schedule).",
)
@common_options
def alert(
    payloads: tuple[str, ...],
    source: str,
    as_json: bool,
    pull_request: bool,
    auto_publish_after: timedelta | None,
    incidents_dir: Path | None,
    config_path: Path | None,
    now: datetime | None,
) -> None:
    """Draft incidents from alert payloads: each FILE (or - for standard input) is one webhook body.

    \b
    balise alert alertmanager.json
    curl … | balise alert - --source grafana --json

    One incident per alert group and episode: the first payload of an episode opens a draft
    in incidents/, later ones move its components and finally suggest its resolution; the same
    payload twice changes nothing. Rules: `alerts:` in the balise block of mkdocs.yml. No
    network unless --pull-request. Exit status: 0 done (or nothing to do), 1 a payload or a
    draft was refused (nothing written), 2 usage error.
    """
    if auto_publish_after is not None:
        if payloads or pull_request:
            raise click.UsageError("--auto-publish-after reads no payload; run it on its own")
        from .alert_pr import auto_publish  # networked

        auto_publish(auto_publish_after, resolve_now(now), as_json)
        return
    if not payloads:
        raise click.UsageError("give at least one payload file, or - to read one from standard input")
    if len(payloads) > MAX_PAYLOADS:
        raise click.UsageError(f"at most {MAX_PAYLOADS} payloads in one run (each may be 1 MiB); split them")
    config, incidents = site_config(incidents_dir, config_path)
    if not incidents.is_dir():
        raise click.UsageError(f"incidents folder '{incidents}' not found; pass --dir")
    moment = resolve_now(now)
    try:
        groups = read_payloads(*_read_all(payloads), source=source)
        if pull_request:
            from .alert_pr import propose_command  # networked: imported only when asked for

            propose_command(groups, config, incidents, config_path, moment, as_json)
            return
        run = plan(groups, config, incidents, moment)
        if not run.refused:
            write(run)
    except AlertError as error:
        _refuse(error.lines, as_json)
    except FileLocked as error:
        _refuse([f"{display_path(error.path)}: another command is editing this file; nothing was written, run again"], as_json)
    except OSError as error:
        _refuse([f"cannot write {error.filename or 'a file'}: {error.strerror}; nothing was written"], as_json)
    report(run, as_json)
    if run.refused:
        raise SystemExit(1)


def _read_all(names: tuple[str, ...]) -> tuple[list[tuple[str, bytes]], list[str]]:
    read: list[tuple[str, bytes]] = []
    problems: list[str] = []
    for name in names:
        origin = "stdin" if name == "-" else printable(name)
        try:
            if name == "-":
                read.append((origin, read_stream(sys.stdin.buffer, origin)))
                continue
            path = Path(name)
            if not path.is_file():
                problems.append(f"{origin}: no such file")
                continue
            with path.open("rb") as stream:
                read.append((origin, read_stream(stream, origin)))
        except PayloadError as error:
            problems.append(str(error))
        except OSError as error:
            problems.append(f"{origin}: cannot read: {error.strerror}")
    return read, problems


def _refuse(lines: list[str], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"ok": False, "problems": lines, "groups": []}, indent=2))
    for line in lines:
        click.echo(f"balise alert: {line}", err=True)
    raise SystemExit(1)


def outcome_record(outcome: Outcome) -> dict[str, Any]:
    """One outcome as the JSON output names it (payload text made inert)."""
    return {
        "payload": outcome.origin,
        "source": outcome.source,
        "action": outcome.action,
        "detail": printable(outcome.detail),
        "group": outcome.group,
        "key": outcome.key,
        "branch": f"alert/{outcome.key}" if outcome.key else None,
        "file": display_path(outcome.path) if outcome.path else None,
        "title": outcome.title,
        "components": {ident: status.value for ident, status in outcome.statuses.items()},
        "unmatched": [shown(name) for name in outcome.unmatched],
        "covered_by": list(outcome.covered_by),
        "links": [{"label": link.label, "url": link.url} for link in outcome.links[:20]],
    }


def report(run: Run, as_json: bool) -> None:
    if as_json:
        records = [outcome_record(outcome) for outcome in run.outcomes]
        click.echo(json.dumps({"ok": not run.refused, "problems": [], "groups": records}, indent=2, ensure_ascii=True))
        return
    for outcome in run.outcomes:
        line = f"{outcome.origin}: {outcome.source}: {printable(outcome.detail)}"
        if outcome.key:
            line += f" [{outcome.key}]"
        click.echo(line, err=outcome.action == "refused")
        if outcome.unmatched:
            names = ", ".join(shown(name, 40) for name in outcome.unmatched[:5])
            more = f" and {len(outcome.unmatched) - 5} more" if len(outcome.unmatched) > 5 else ""
            click.echo(f"{outcome.origin}: {len(outcome.unmatched)} alert(s) matched no rule and were ignored: {names}{more}")
    if run.refused:
        click.echo("balise alert: refused; nothing was written", err=True)
