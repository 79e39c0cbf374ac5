"""`balise import`: bring a team's history from Statuspage or cState into this project."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from ..authoring.locking import FileLocked
from ..importers import cstate, fetch, plan, statuspage
from ..importers.source import SourceData
from ..source.problems import BaliseError, display_path, printable
from .options import project_paths

API_KEY_VARIABLE = "STATUSPAGE_API_KEY"

project_options = [
    click.option("--dir", "incidents_dir", metavar="INCIDENTS_DIR", type=click.Path(file_okay=False, path_type=Path),
                 help="The incidents folder. Default: incidents beside the project's mkdocs.yml."),  # fmt: skip
    click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                 help="The site config. Default: the nearest mkdocs.yml at or above the current folder."),  # fmt: skip
    click.option("--dry-run", is_flag=True, help="Say what would be written, and write nothing."),
]


def with_project_options(command: Any) -> Any:
    for option in reversed(project_options):
        command = option(command)
    return command


@click.group("import")
def import_() -> None:
    """Import components, incidents and maintenances from another status page.

    Imported files keep their original times, pass `balise check`, and never replace a file;
    importing again adds only what is new. New components and groups are added to the
    catalog in mkdocs.yml, keeping its comments.
    """


@import_.command("statuspage")
@click.argument("sources", nargs=-1, metavar="[URL|PATH]...")
@click.option("--page-id", help="The page's id, to fetch its whole history with the management API.")
@click.option("--api-key-env", default=API_KEY_VARIABLE, show_default=True,
              help="The environment variable holding a page API key (never pass the key itself).")  # fmt: skip
@click.option("--api-base", default=fetch.MANAGEMENT_API, show_default=True, help="The management API's address.")
@with_project_options
def import_statuspage(
    sources: tuple[str, ...],
    page_id: str | None,
    api_key_env: str,
    api_base: str,
    incidents_dir: Path | None,
    config_path: Path | None,
    dry_run: bool,
) -> None:
    """Import a Statuspage page: from its public URL, from saved v2 JSON files or folders, or
    (with --page-id and a page API key in $STATUSPAGE_API_KEY) its whole history.

    \b
    balise import statuspage https://status.example.com
    balise import statuspage saved/summary.json saved/incidents.json
    STATUSPAGE_API_KEY=… balise import statuspage --page-id abc123def456

    The public API holds only the 50 latest incidents and the 50 latest maintenances;
    the management API (an API key) gives them all.
    """
    key = os.environ.get(api_key_env, "").strip()
    if page_id is not None and not key:
        raise click.UsageError(f"--page-id needs a page API key in ${api_key_env}")
    if not sources and page_id is None:
        raise click.UsageError("give a page's URL, saved JSON files, or --page-id with a page API key")

    def documents() -> Iterator[tuple[str, Any]]:
        for source in sources:
            if source.startswith(("http://", "https://")):
                yield from fetch.public_pages(source)
            else:
                yield from fetch.json_files(Path(source))
        if page_id is not None:
            yield from fetch.management_pages(page_id, key, api_base)

    try:
        data = statuspage.read_documents(documents())
    except (fetch.SourceError, statuspage.StatuspageFormatError) as error:
        raise click.ClickException(printable(str(error))) from None
    _import(data, incidents_dir, config_path, dry_run)


@import_.command("cstate")
@click.argument("site", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR")
@with_project_options
def import_cstate(site: Path, incidents_dir: Path | None, config_path: Path | None, dry_run: bool) -> None:
    """Import a cState site in DIR: its systems and categories (the catalog) and its issues
    in content/issues/ (incidents, and maintenances for `notice` issues with an end).

    Updates stamped with {{< track "…" >}} become a timeline; other text is the body.
    """
    try:
        data = cstate.read_site(site)
    except (cstate.CStateError, OSError) as error:
        # One line per problem; names and values from the site spelled out, never obeyed by the terminal.
        raise click.ClickException("\n".join(printable(line) for line in str(error).split("\n"))) from None
    _import(data, incidents_dir, config_path, dry_run)


def _import(data: SourceData, incidents_dir: Path | None, config_path: Path | None, dry_run: bool) -> None:
    paths = project_paths(incidents_dir, config_path)
    try:
        planned = plan.make_plan(data, paths.config, paths.incidents)
    except BaliseError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise SystemExit(1) from None
    # Everything below echoes names, ids and titles from the other page: spelled out, never obeyed.
    for note in planned.notes:
        click.echo(printable(f"note: {note}"), err=True)
    for line in plan.describe(planned):
        click.echo(printable(line), err=True)
    for reason in planned.refused:
        click.echo(printable(f"not imported: {reason}"), err=True)
    if dry_run:
        for file in planned.files:
            click.echo(printable(f"would write {display_path(file.path)}"))
    else:
        try:
            written = plan.apply(planned)
        except FileExistsError as error:
            raise click.ClickException(printable(f"{error.filename} appeared meanwhile; run the import again")) from None
        except plan.ConfigChanged as error:
            message = f"{error} changed meanwhile; nothing was written, run the import again"
            raise click.ClickException(printable(message)) from None
        except FileLocked as error:
            raise click.ClickException(printable(f"{error}; nothing was written, run the import again")) from None
        except OSError as error:
            raise click.ClickException(f"cannot write {error.filename}: {error.strerror}") from None
        for path in written:
            click.echo(printable(display_path(path)))
    verb = "would import" if dry_run else "imported"
    click.echo(
        f"balise import: {verb} {len(planned.files)} file(s), {len(planned.components_added)} component(s), "
        f"{len(planned.groups_added)} group(s); {len(planned.already_imported)} already there, "
        f"{len(planned.refused)} not imported",
        err=True,
    )
    if planned.refused:
        raise SystemExit(1)

