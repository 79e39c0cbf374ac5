"""`balise init`: a new status-page repository, ready to build, check and deploy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..model import Component
from ..outputs.i18n import LANGUAGES
from ..scaffold import files as scaffold
from ..scaffold.requirement import Requirement, RequirementError, given_requirement, installed_origin, requirement_for
from ..scaffold.settings import (
    EXAMPLE_LANGUAGE,
    SettingsError,
    SiteSettings,
    component_spec,
    components_from_list,
    example_settings,
    language_code,
    material_language,
    validated,
    web_address,
)
from ..source.problems import display_path, printable
from .authoring import on_a_terminal

#: The settings a page cannot do without, in the order `init` asks for them.
REQUIRED = ("language", "name", "url", "timezone", "components")
#: What the page's readers see of each, to say which values are only examples.
SHOWN = {"name": "name", "url": "address", "timezone": "time zone", "language": "language", "components": "components"}
LANGUAGE_NAMES = ", ".join(material_language(language) for language in LANGUAGES)


class LanguageParam(click.ParamType):
    """One of the eight languages, however it is spelled (`pt-BR`, `pt_BR`, `pt-br`)."""

    name = "LANGUAGE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return language_code(str(value))
        except SettingsError as error:
            self.fail(str(error), param, ctx)


def _checked(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    """A prompt's answer converted, or asked again with the reason (click re-prompts on UsageError)."""

    def check(answer: str) -> Any:
        try:
            return convert(answer)
        except SettingsError as error:
            raise click.UsageError(printable(str(error))) from None

    return check


def _one_setting(field: str, normal: Callable[[str], Any] = str.strip) -> Callable[[str], Any]:
    """Validates one answer by validating example settings with it in place; '' is none for an optional one."""

    def check(answer: str) -> Any:
        value = normal(answer) if answer.strip() else None
        if value is None and field in REQUIRED:
            raise SettingsError(f"the {SHOWN[field]} cannot be empty")
        validated(replace(example_settings(), **{field: value}))
        return value

    return check


def _ask(given: dict[str, Any]) -> dict[str, Any]:
    """Asks on the terminal for every setting no flag gave; the language first, so that the
    example answers offered are in it."""
    answers: dict[str, Any] = {}
    if given.get("language") is None:
        answers["language"] = click.prompt(
            f"Language of the page ({LANGUAGE_NAMES})", default=EXAMPLE_LANGUAGE, value_proc=_checked(language_code)
        )
    examples = example_settings(answers.get("language") or given.get("language") or EXAMPLE_LANGUAGE)
    questions = (
        ("name", "Name of the status page", examples.name, str.strip),
        ("url", "Its public address (site_url; a host name is enough)", examples.url, _site_url),
        ("timezone", "Your team's time zone (IANA name)", examples.timezone, str.strip),
    )
    for key, question, default, normal in questions:
        if given.get(key) is None:
            answers[key] = click.prompt(question, default=default, value_proc=_checked(_one_setting(key, normal)))
    if not given.get("components"):
        offered = ", ".join(component.name for component in examples.components)
        answers["components"] = click.prompt(
            "Components, comma-separated (a name, or id=Name)",
            default=offered,
            value_proc=_checked(lambda text: examples.components if text.strip() == offered else _components(text)),
        )
    support = (
        ("support_email", "Support email readers can write to during an incident (Enter: none)", str.strip),
        ("support_url", "Support page readers can open (a host name is enough; Enter: none)", _support_url),
    )
    for key, question, normal in support:
        if given.get(key) is None:
            answers[key] = click.prompt(question, default="", show_default=False, value_proc=_checked(_one_setting(key, normal)))
    reachable = any(given.get(key) or answers.get(key) for key in ("support_email", "support_url"))
    if reachable and given.get("support_hours") is None:
        answers["support_hours"] = click.prompt(
            "When support answers, as readers will read it, in the page's language (e.g. Mon–Fri 9:00–18:00 CET; "
            "Enter: not shown)",
            default="", show_default=False, value_proc=_checked(_one_setting("support_hours")),
        )  # fmt: skip
    return answers


def _components(text: str) -> tuple[Component, ...]:
    found = components_from_list(text)
    if not found:
        raise SettingsError("a page needs at least one component")
    return found


def _site_url(text: str) -> str:
    return web_address(text, folder=True)


def _support_url(text: str) -> str:
    return web_address(text)


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The page's name (site_name), e.g. 'Acme Status'.")
@click.option("--url", help="Its public address (site_url): https://status.acme.com/, or just status.acme.com.")
@click.option("--timezone", help="Your team's time zone, an IANA name (Europe/Paris); times without a zone are read in it.")
@click.option("--language", type=LanguageParam(), help=f"The page's language: {LANGUAGE_NAMES} (pt_BR works too).")
@click.option(
    "--component", "-c", "components", multiple=True, metavar="ID=NAME",
    help="A component of the catalog: id=Name, or a name alone; repeat for more.",
)
@click.option("--support-email", help="Where readers can write during an incident.")
@click.option("--support-url", help="A support page readers can open during an incident (a host name is enough).")
@click.option(
    "--support-hours",
    help="When support answers, shown as written: in the page's language, e.g. 'Lun–Ven 9h–18h'.",
)
@click.option(
    "--requirement",
    help="How requirements.txt names Balise for pip (balise==1.2.0, a URL, or a local wheel, copied into vendor/). "
    "Default: from how this Balise was installed.",
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
    support_hours: str | None,
    requirement: str | None,
    no_input: bool,
) -> None:
    """Start a status-page repository in DIRECTORY (default: here).

    Writes mkdocs.yml (name, address, time zone, language, components, support contact),
    incidents/ with a README, docs/ for hand-written pages, theme/ (the page's own look), the
    pull-request check and deploy workflows, a pre-commit config, requirements.txt and a
    README for the team.

    \b
    balise init status-page --name "Acme Status" --url status.acme.com \\
      --timezone Europe/Paris --language fr -c api="API publique" -c dashboard="Tableau de bord" \\
      --support-email help@acme.com

    requirements.txt installs this Balise in CI: the same release from the package index, the
    same commit of a git repository, or a copy of its wheel in vendor/ (built first when
    Balise runs from a checkout); `init` says which.

    On a terminal it asks for what no flag gives; otherwise (or with --yes) it uses example
    values, and says so. It never replaces a file: if any it would write exists, it writes
    nothing. Exit status: 0 written, 1 refused, 2 usage error.
    """
    try:
        given: dict[str, Any] = {
            "name": name.strip() if name is not None else None,
            "url": _site_url(url) if url is not None else None,
            "timezone": timezone.strip() if timezone is not None else None,
            "language": language,
            "components": tuple(component_spec(text) for text in components) or None,
            "support_email": support_email.strip() if support_email is not None else None,
            "support_url": _support_url(support_url) if support_url is not None else None,
            "support_hours": support_hours.strip() if support_hours is not None else None,
        }
        asking = not no_input and on_a_terminal()
        chosen = {**given, **(_ask(given) if asking else {})}
        chosen = {key: value for key, value in chosen.items() if value is not None}
        settings = validated(replace(example_settings(chosen.get("language", EXAMPLE_LANGUAGE)), **chosen))
        if requirement is not None and (not requirement.strip() or not requirement.isprintable()):
            raise SettingsError("--requirement must be one line, e.g. balise==1.2.0 or a wheel's URL")
    except SettingsError as error:
        raise click.UsageError(printable(str(error))) from None
    try:
        chose = given_requirement(requirement) if requirement is not None else _detected_requirement()
    except RequirementError as error:
        click.echo(printable(f"balise init: refused, nothing was written: {error}"), err=True)
        raise SystemExit(1) from None
    planned = scaffold.plan(settings, __version__, chose)
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
    click.echo("\n" + printable(f"balise init: {chose.how}."), err=True)
    if not asking:
        _say_what_is_only_an_example(settings, chosen, no_input)
    _next_steps(directory, settings.components[0])


def _detected_requirement() -> Requirement:
    origin = installed_origin()
    direct = origin.direct_url
    if direct is not None and not isinstance(direct.get("archive_info"), dict) and not _remote_vcs(direct):
        click.echo("balise init: building a wheel of this Balise for the new project (pip wheel)…", err=True)
    return requirement_for(origin, __version__)


def _remote_vcs(direct: dict[str, Any]) -> bool:
    return isinstance(direct.get("vcs_info"), dict) and not str(direct.get("url", "")).startswith("file:")


def _say_what_is_only_an_example(settings: SiteSettings, chosen: dict[str, Any], no_input: bool) -> None:
    """Without questions, what came from no flag is an example: a team must know before it publishes."""
    values = {
        "name": f"'{settings.name}'",
        "url": settings.url,
        "timezone": settings.timezone,
        "language": material_language(settings.language),
        "components": ", ".join(component.name for component in settings.components),
    }
    examples = [f"{SHOWN[key]} {values[key]}" for key in REQUIRED if key not in chosen]
    contact = not any(key in chosen for key in ("support_email", "support_url"))
    if not examples and not contact:
        return
    why = "--yes" if no_input else "no terminal to ask on"
    said = f"balise init: {why}, so it used example values: {'; '.join(examples)}." if examples else ""
    if contact:
        nobody = "wrote no support contact for readers (--support-email, --support-url)."
        said = f"{said} It {nobody}" if said else f"balise init: {why}, so it {nobody}"
    click.echo(
        printable(f"{said} Change them in mkdocs.yml before you publish, or run balise init again with flags."),
        err=True,
    )


def _next_steps(directory: Path, first: Component) -> None:
    where = "" if directory.resolve() == Path.cwd().resolve() else f"cd {display_path(directory)} && "
    click.echo(
        "\nbalise init: done. Next:\n"
        f"  {where}balise build   # the site, its API and feeds in site/\n"
        "  balise serve   # a preview at http://127.0.0.1:8000/\n"
        f'  balise new "What is broken" -c {first.id}=partial_outage --impact minor -m "…"\n'
        "Then commit everything, push to GitHub and turn on Pages (Settings → Pages → Source: GitHub Actions).",
        err=True,
    )
