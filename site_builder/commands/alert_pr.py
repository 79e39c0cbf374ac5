"""`balise alert --pull-request`: the drafts to their branches and pull requests, and the check
run on them here, since a pull request opened with the workflow's own token starts no workflow."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import click

from ..alerts.branches import Git, GitError
from ..alerts.github import TOKEN_VARIABLES, GitHub, GitHubError
from ..alerts.ingest import AlertError
from ..alerts.model import AlertGroup, Notice
from ..alerts.proposal import Context, Proposal, propose
from ..alerts.publish import publish_untouched
from ..model import SiteConfig
from ..model.times import iso_utc
from .options import locate_config

CHECK_TIMEOUT = 600


def run_url(environ: dict[str, str]) -> str | None:
    """This workflow run's page, for the commit status and notes (Actions sets these variables)."""
    server, repository, number = (environ.get(name) for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    return f"{server}/{repository}/actions/runs/{number}" if server and repository and number else None


def checker(config_path: Path, now: datetime):
    """`balise check` and `balise build --strict` on the working tree, as the PR check runs them,
    in child processes that never see the token."""

    def run() -> tuple[bool, list[str]]:
        environment = {k: v for k, v in os.environ.items() if k not in (*TOKEN_VARIABLES, "GITHUB_ACTIONS")}
        moment = iso_utc(now)
        lines: list[str] = []
        with tempfile.TemporaryDirectory(prefix="balise-alert-site-") as site:
            for args in (
                ["check", "--config", str(config_path), "--format", "text", "--now", moment],
                ["build", "--strict", "--config", str(config_path), "--site-dir", str(Path(site) / "site"), "--now", moment],
            ):
                try:
                    done = subprocess.run(
                        [sys.executable, "-m", "site_builder", *args], capture_output=True, text=True,
                        env=environment, timeout=CHECK_TIMEOUT, check=False,
                    )  # fmt: skip
                except subprocess.TimeoutExpired:
                    return False, [f"balise {args[0]} took longer than {CHECK_TIMEOUT} s"]
                if done.returncode != 0:
                    lines += [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
                    return False, lines or [f"balise {args[0]} failed"]
        return True, lines

    return run


def propose_command(
    groups: Sequence[AlertGroup | Notice], config: SiteConfig, incidents: Path, config_path: Path | None, now: datetime, as_json: bool
) -> None:
    environ = dict(os.environ)
    try:
        github = GitHub.from_environment(environ)
        root = Path(Git(Path.cwd()).text("rev-parse", "--show-toplevel"))
        git = Git(root, token=github.token, environ=environ)
        context = Context(git, github, git.current_branch(), run_url(environ))
        run = propose(groups, config, incidents, now, context, checker(locate_config(config_path), now))
    except (GitHubError, GitError, AlertError) as error:
        lines = error.lines if isinstance(error, AlertError) else [str(error)]
        if as_json:
            click.echo(json.dumps({"ok": False, "problems": lines, "groups": [], "pull_requests": []}, indent=2))
        for line in lines:
            click.echo(f"balise alert: {line}", err=True)
        raise SystemExit(1) from None
    from .alert import outcome_record, report  # the same report as without --pull-request

    if as_json:
        records = {
            "ok": not run.refused,
            "problems": [],
            "groups": [outcome_record(outcome) for outcome in run.outcomes],
            "pull_requests": [_record(proposal) for proposal in context.proposals],
        }
        click.echo(json.dumps(records, indent=2, ensure_ascii=True))
    else:
        report(run, False)
        for proposal in context.proposals:
            click.echo(f"{proposal.key}: {proposal.detail}" + (f" {proposal.url}" if proposal.url else ""))
            if proposal.note:
                click.echo("".join(f"    {line}\n" for line in proposal.note.splitlines() if line), nl=False)
    _summarise(context.proposals, environ.get("GITHUB_STEP_SUMMARY"))
    if run.refused:
        raise SystemExit(1)


def _summarise(proposals: list[Proposal], summary: str | None) -> None:
    """The run's summary page on GitHub: what was done, and any note that found no pull request."""
    if not summary or not proposals:
        return
    lines = ["### balise alert", ""]
    for proposal in proposals:
        lines.append(f"- `{proposal.key}`: {proposal.detail}" + (f" <{proposal.url}>" if proposal.url else ""))
        if proposal.note:
            lines += ["", proposal.note]
    try:
        with open(summary, "a", encoding="utf-8") as stream:
            stream.write("\n".join(lines) + "\n")
    except OSError:
        pass  # the summary is a convenience; the output above says the same


def _record(proposal: Proposal) -> dict[str, object]:
    return {
        "key": proposal.key, "action": proposal.action, "detail": proposal.detail, "branch": proposal.branch,
        "number": proposal.number, "url": proposal.url, "commit": proposal.commit, "published": proposal.published,
        "note": proposal.note,
    }  # fmt: skip


def auto_publish(after: timedelta, now: datetime, as_json: bool) -> None:
    try:
        decisions = publish_untouched(GitHub.from_environment(dict(os.environ)), after, now)
    except GitHubError as error:
        click.echo(f"balise alert: {error}", err=True)
        raise SystemExit(1) from None
    if as_json:
        click.echo(json.dumps([decision.__dict__ for decision in decisions], indent=2))
        return
    for decision in decisions:
        click.echo(f"#{decision.number} ({decision.branch}): {decision.reason}")
    if not decisions:
        click.echo("no open draft pull request")
