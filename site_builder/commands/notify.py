"""`balise notify`: announce new incidents and updates on the channels of mkdocs.yml, once each."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import click

from ..notify.ledger import LedgerError
from ..notify.ledger_store import FileLedgerStore, GitLedgerStore, LedgerStore
from ..notify.notifier import Notifier, NotifyError, Outcome, Settings, describe_plans
from ..notify.plan import DEFAULT_MAX_ATTEMPTS
from ..notify.run import ChannelReport
from ..source.problems import BaliseError, Problem, display_path, printable
from ..source.project import load_project
from .options import DurationParam, locate_config, now_option, resolve_now, site_config_option

DEFAULT_BRANCH = "balise-notify-ledger"
#: The token that lets the ledger's branch be pushed (GitHub Actions' job token).
TOKEN_VARIABLE = "GITHUB_TOKEN"


@click.command()
@site_config_option()
@now_option
@click.option("--dry-run", is_flag=True, help="Print what would go to which channel and why; send nothing, write nothing.")
@click.option("--test", "test_channel", metavar="CHANNEL", help="Send a test message to the channel named CHANNEL, and nothing else.")
@click.option(
    "--ledger-branch",
    default=DEFAULT_BRANCH,
    show_default=True,
    help="The branch of the remote that holds the record of what was sent.",
)
@click.option("--ledger-remote", default="origin", show_default=True, help="The git remote of --ledger-branch.")
@click.option(
    "--ledger-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Keep the record in this file instead of a branch (for a machine that keeps its files).",
)
@click.option(
    "--horizon",
    type=DurationParam(),
    default="3h",
    show_default=True,
    help="On a channel's first run, announce nothing older than this.",
)
@click.option(
    "--max-attempts",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_ATTEMPTS,
    show_default=True,
    help="Drop (and report) a notice that failed this many runs in a row.",
)
def notify(
    config_path: Path | None,
    now: datetime | None,
    dry_run: bool,
    test_channel: str | None,
    ledger_branch: str,
    ledger_remote: str,
    ledger_file: Path | None,
    horizon: timedelta,
    max_attempts: int,
) -> None:
    """Announce each new incident, update and maintenance on the `notify:` channels of the config.

    Run it after the deploy, with the same --now as the build: each event is sent once per
    channel; what failed is retried on the next run. Secrets come from the environment
    variables the targets name. Exit status: 0 when every channel succeeded (or nothing was
    due), 1 when a channel failed or a problem stopped the run (nothing was sent), 2 on a
    usage error.
    """
    config_path = locate_config(config_path)
    moment = resolve_now(now)
    shown = display_path(config_path)
    notifier = _notifier(config_path, moment, shown)
    if not notifier.config.notify:
        click.echo(f"balise notify: {shown} has no 'notify:' channels; nothing to do", err=True)
        return
    if test_channel is not None:
        _test(notifier, test_channel)
        return
    store = _store(config_path, ledger_file, ledger_branch, ledger_remote)
    settings = Settings(horizon=horizon, max_attempts=max_attempts)
    try:
        if dry_run:
            # Titles come from pull requests and reasons from the ledger's branch: printed inert.
            describe_plans(notifier.plans(store.load(), settings), lambda line: click.echo(printable(line)))
            return
        outcome = notifier.run(store, settings)
    except LedgerError as error:
        _stop([f"balise notify: the ledger cannot be used: {error}; nothing was sent (see DEPLOY.md, 'The notification ledger')"])
    _report(outcome)


def _notifier(config_path: Path, now: datetime, shown: str) -> Notifier:
    incidents_dir = config_path.resolve().parent / "incidents"
    try:
        project = load_project(incidents_dir, config_path, now)
    except BaliseError as error:
        _stop([*map(str, error.problems), f"balise notify: {len(error.problems)} problem(s); nothing was sent"])
    if project.errors:
        _stop([*map(str, project.errors), f"balise notify: {len(project.errors)} problem(s); nothing was sent"])
    try:
        return Notifier(project.config, project.incidents, now, shown)
    except NotifyError as error:
        _stop([*map(str, sorted(error.problems)), f"balise notify: {len(error.problems)} problem(s); nothing was sent"])


def _store(config_path: Path, ledger_file: Path | None, branch: str, remote: str) -> LedgerStore:
    if ledger_file is not None:
        return FileLedgerStore(ledger_file)
    return GitLedgerStore(config_path.resolve().parent, branch, remote, os.environ.get(TOKEN_VARIABLE) or None)


def _test(notifier: Notifier, name: str) -> None:
    names = [c.name for c in notifier.config.notify]
    if name not in names:
        raise click.UsageError(f"no channel named '{name}' (channels: {', '.join(names)})")
    failure = notifier.test(name)
    if failure:
        _stop([f"balise notify: {name}: the test message was not delivered: {failure}"])
    click.echo(f"balise notify: {name}: test message sent", err=True)


def _report(outcome: Outcome) -> None:
    if outcome.busy is not None:
        click.echo(
            f"balise notify: another run has been sending since {outcome.busy.since:%Y-%m-%d %H:%M} UTC; "
            "this one sent nothing (what is due is sent by the next run)",
            err=True,
        )
        return
    if not outcome.reports:
        click.echo("balise notify: nothing new to announce", err=True)
        return
    for report in outcome.reports:
        if not (report.sent or report.failed or report.dropped or report.filtered or report.covered or report.waiting):
            continue
        click.echo(_line(report), err=True)
        for key, error, attempts in report.failed:
            click.echo(printable(f"  failed {key}: {error} (attempt {attempts}; retried on the next run)"), err=True)
        for key, error in report.dropped:
            click.echo(printable(f"  dropped {key}: {error} (failed too often; not retried)"), err=True)
    if not outcome.ok:
        raise SystemExit(1)


def _line(report: ChannelReport) -> str:
    words = [f"{len(report.sent)} sent"]
    if report.failed:
        words.append(f"{len(report.failed)} failed")
    if report.dropped:
        words.append(f"{len(report.dropped)} dropped")
    if report.waiting:
        words.append(f"{report.waiting} waiting for the next run")
    if report.filtered:
        words.append(f"{report.filtered} filtered out")
    return f"balise notify: {report.name} ({report.kind}): {', '.join(words)}"


def _stop(lines: list[str | Problem]) -> None:
    for line in lines:
        click.echo(printable(str(line)), err=True)
    raise SystemExit(1)
