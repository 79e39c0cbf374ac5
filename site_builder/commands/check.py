"""`balise check`: validate every incident file and report every problem at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import click

from ..outputs.urls import is_generated
from ..source.docs import published_folder_problems
from ..source.layout import Layout
from ..source.problems import BaliseError, Severity
from ..source.project import incident_files, load_project
from ..source.report import Format, render, summary
from .options import config_option, default_format, incidents_argument, now_option, project_paths, resolve_now


@click.command()
@incidents_argument
@config_option
@now_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in Format]),
    default=default_format,
    show_default="github under GitHub Actions, else text",
    help="How to print problems.",
)
def check(incidents_dir: Path | None, config_path: Path | None, now: datetime | None, strict: bool, fmt: str) -> None:
    """Validate the incident files in INCIDENTS_DIR (default: incidents beside the project's mkdocs.yml,
    found in the current folder or the nearest one above it), and what docs/ holds.

    Exit status: 0 when clean (warnings allowed unless --strict), 1 when a problem
    was found, 2 on a usage error.
    """
    paths = project_paths(incidents_dir, config_path)
    incidents_dir, config_file = paths.incidents, paths.config
    if not incidents_dir.is_dir():
        raise click.UsageError(f"incidents folder '{incidents_dir}' not found; create it or pass INCIDENTS_DIR")
    files = len(incident_files(incidents_dir))
    try:
        project = load_project(incidents_dir, config_file, resolve_now(now))
        problems = list(project.problems)
    except BaliseError as error:
        problems = list(error.problems)
    # The build refuses the same docs/ and theme files: what check accepts, the build builds.
    problems = sorted([*problems, *published_folder_problems(Layout.read(config_file), is_generated)])
    if strict:
        problems = [replace(p, severity=Severity.ERROR) for p in problems]
    output = render(problems, Format(fmt), files)
    if output:
        click.echo(output)
    click.echo(f"balise check: {summary(problems, files)}", err=True)
    if any(p.is_error for p in problems):
        raise SystemExit(1)
