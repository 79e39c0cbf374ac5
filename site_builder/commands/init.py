"""`balise init`: a new status-page repository, ready to build, check and deploy."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..model import Component
from ..outputs.i18n import LANGUAGES
from ..scaffold import files as scaffold
from ..scaffold.settings import (
    EXAMPLE_COMPONENTS,
    SettingsError,
    SiteSettings,
    component_spec,
    components_from_list,
    validated,
)
from ..source.problems import display_path, printable


def on_a_terminal() -> bool:
    """Questions only make sense when a person can answer them (not in CI, not from a pipe)."""
    return sys.stdin.isatty()


def _checked(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    """A prompt's answer converted, or asked again with the reason (click re-prompts on UsageError)."""

    def check(answer: str) -> Any:
        try:
            return convert(answer)
        except SettingsError as error:
            raise click.UsageError(printable(str(error))) from None

    return check


def _one_setting(field: str) -> Callable[[str], str]:
    """Validates one answer by validating example settings with it in place."""

    def check(answer: str) -> str:
        validated(SiteSettings(**{field: answer.strip()}))
        return answer.strip()

    return check


def _ask(settings: SiteSettings, given: dict[str, Any]) -> SiteSettings:
    """Asks on the terminal for every setting no flag gave."""
    answers: dict[str, Any] = {}
    questions = (
        ("name", "Name of the status page", settings.name),
        ("url", "Its public address (site_url)", settings.url),
        ("timezone", "Your team's time zone (IANA name)", settings.timezone),
    )
    for key, question, default in questions:
        if given.get(key) is None:
            answers[key] = click.prompt(question, default=default, value_proc=_checked(_one_setting(key)))
    if given.get("language") is None:
        answers["language"] = click.prompt("Language of the page", default=settings.language, type=click.Choice(LANGUAGES))
    if not given.get("components"):
        answers["components"] = click.prompt(
            "Components, comma-separated (a name, or id=Name)",
            default=", ".join(EXAMPLE_COMPONENTS),
            value_proc=_checked(components_from_list),
        )
    return SiteSettings(**{**settings.__dict__, **answers})


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The page's name (site_name), e.g. 'Acme Status'.")
@click.option("--url", help="Its public address (site_url), e.g. https://status.acme.com/.")
@click.option("--timezone", help="Your team's time zone, an IANA name (Europe/Paris); times without a zone are read in it.")
@click.option("--language", type=click.Choice(LANGUAGES), help="The page's language.")
@click.option(
    "--component", "-c", "components", multiple=True, metavar="ID=NAME",
    help="A component of the catalog: id=Name, or a name alone; repeat for more.",
)
@click.option("--support-email", help="Where readers can write during an incident.")
@click.option("--support-url", help="A support page readers can open during an incident.")
@click.option(
    "--requirement", default=f"balise=={__version__}", show_default=True,
    help="How requirements.txt names Balise for pip (a pinned version, or a URL).",
)
@click.option("--yes", "-y", "no_input", is_flag=True, help="Ask nothing: example values for what no flag gives.")
def init(
    directory: Path,
    name: str | None,
    url: str | None,
    timezone: str | None,
    language: str | None,
    components: tuple[str, ...],
    support_email: str | None,
    support_url: str | None,
    requirement: str,
    no_input: bool,
) -> None:
    """Start a status-page repository in DIRECTORY (default: here).

    Writes mkdocs.yml (name, address, time zone, language, components), incidents/ with a
    README, the pull-request check and deploy workflows, a pre-commit config, requirements.txt
    (the Balise version: upgrading is changing that line) and a README for the team.

    \b
    balise init status-page --name "Acme Status" --url https://status.acme.com/ \\
      --timezone Europe/Paris -c api="Public API" -c dashboard=Dashboard

    On a terminal it asks for what no flag gives; otherwise (or with --yes) it uses example
    values. It never replaces a file: if any it would write exists, it writes nothing.
    Exit status: 0 written, 1 refused, 2 usage error.
    """
    try:
        flags: dict[str, Any] = {
            "name": name,
            "url": url,
            "timezone": timezone,
            "language": language,
            "components": tuple(component_spec(text) for text in components) or None,
            "support_email": support_email,
            "support_url": support_url,
        }
        settings = SiteSettings(**{key: value for key, value in flags.items() if value is not None})
        if not no_input and on_a_terminal():
            settings = _ask(settings, flags)
        settings = validated(settings)
        if not requirement.strip() or any(not character.isprintable() for character in requirement):
            raise SettingsError("--requirement must be one line, e.g. balise==1.2.0 or a wheel's URL")
    except SettingsError as error:
        raise click.UsageError(printable(str(error))) from None
    planned = scaffold.plan(settings, __version__, requirement)
    try:
        written = scaffold.write(directory, planned)
    except scaffold.ExistingFiles as error:
        for path in error.paths:
            click.echo(printable(f"{display_path(path)} already exists"), err=True)
        click.echo("balise init: refused, nothing was written; choose an empty folder", err=True)
        raise SystemExit(1) from None
    except scaffold.UnsafeFolder as error:
        click.echo(printable(f"balise init: refused, nothing was written: {error}"), err=True)
        raise SystemExit(1) from None
    except OSError as error:
        click.echo(f"balise init: cannot write {error.filename}: {error.strerror}", err=True)
        raise SystemExit(1) from None
    for path in written:
        click.echo(display_path(path))
    _next_steps(directory, settings.components[0])


def _next_steps(directory: Path, first: Component) -> None:
    where = "" if directory.resolve() == Path.cwd().resolve() else f"cd {display_path(directory)} && "
    click.echo(
        "\nbalise init: done. Next:\n"
        f"  {where}balise build   # the site, its API and feeds in site/\n"
        "  balise serve   # a preview at http://127.0.0.1:8000/\n"
        f'  balise new "What is broken" -c {first.id}=partial_outage --impact minor -m "…"\n'
        "Then push to GitHub and turn on Pages (Settings → Pages → Source: GitHub Actions).",
        err=True,
    )
