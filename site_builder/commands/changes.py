"""`balise changes`: the files of a change that need a maintainer's review, as PR annotations.

An incident update is the on-call engineer's business; the config, hand-written pages, the
theme and the workflows change what every page shows or runs, or how changes get checked
and deployed. The PR check runs this so reviewers see those files flagged on the diff.
Branch protection with CODEOWNERS is what enforces the review (DEPLOY.md); this only
makes it visible. File names come from the pull request: they are passed to git and back
as arguments and NUL-separated bytes, never through a shell, and printed escaped.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import click

from ..source.layout import Layout
from ..source.report import github_file_warning
from .options import default_format, locate_config, site_config_option

TITLE = "Needs a maintainer's review"
#: GitHub shows at most 10 warning annotations of a step; the last one says what else changed.
MAX_ANNOTATIONS = 10


@click.command()
@click.option("--base", default="HEAD^1", show_default=True, help="The revision the change is compared with.")
@site_config_option()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github"]),
    default=default_format,
    show_default="github under GitHub Actions, else text",
    help="How to print the files.",
)
def changes(base: str, config_path: Path | None, fmt: str) -> None:
    """List the files changed since BASE that need a maintainer's review.

    \b
    balise changes --base main

    The site config, docs_dir, the theme folder and .github/ are flagged; incident files are
    not. Exit status: 0 (the list is advice), 2 when git cannot compare the revisions.
    """
    config_path = locate_config(config_path)
    layout = Layout.read(config_path)
    paths = changed_files(layout.repository, base)
    flagged = [(path, reason) for path in paths if (reason := layout.review_reason(path))]
    if fmt == "text":
        for path, reason in flagged:
            click.echo(f"{printable(path)}: {reason}")
    else:
        for line in annotations(flagged):
            click.echo(line)
    count = "1 file needs" if len(flagged) == 1 else f"{len(flagged)} files need"
    click.echo(f"balise changes: {count} a maintainer's review", err=True)


def changed_files(repository: Path, base: str) -> list[str]:
    """Paths (relative to the repository) that differ between `base` and HEAD, renames as two paths."""
    if base.startswith("-"):
        raise click.UsageError(f"'{base}' is not a revision")
    try:
        result = subprocess.run(
            ["git", "diff", "--name-only", "--no-renames", "-z", base, "HEAD", "--"],
            cwd=repository, capture_output=True, check=False,
        )  # fmt: skip
    except OSError as error:
        raise click.UsageError(f"cannot run git: {error.strerror}") from None
    if result.returncode != 0:
        why = os.fsdecode(result.stderr).strip().splitlines()
        raise click.UsageError(f"git cannot compare {base} with HEAD: {printable(why[0] if why else '')}")
    return [os.fsdecode(name) for name in result.stdout.split(b"\0") if name]


def annotations(flagged: list[tuple[str, str]]) -> list[str]:
    shown = flagged if len(flagged) <= MAX_ANNOTATIONS else flagged[: MAX_ANNOTATIONS - 1]
    lines = [github_file_warning(printable(path), TITLE, f"{printable(path)} {reason}") for path, reason in shown]
    rest = flagged[len(shown) :]
    if rest:
        names = ", ".join(printable(path) for path, _ in rest)
        lines.append(github_file_warning(printable(rest[0][0]), TITLE, f"and {len(rest)} more: {names}"))
    return lines


def printable(text: str) -> str:
    """A file name as it can be shown: control, format (bidi) and undecodable characters escaped."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii") for c in text)
