"""The files of a new status-page repository, rendered from the package's templates, and
written without ever replacing one that exists."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path, PurePosixPath

from jinja2 import Environment, StrictUndefined

from ..authoring.atomic import create_file
from ..authoring.catalog import yaml_scalar
from .requirement import Requirement
from .settings import SiteSettings, material_language
from .wording import site_words
from .workflows import WORKFLOWS

TEMPLATES = files("site_builder.scaffold").joinpath("templates")

#: (where the file goes in the new repository, the template it comes from); a `.jinja`
#: template is rendered with the page's settings, any other file is copied as it is.
LAYOUT: tuple[tuple[str, str], ...] = (
    ("mkdocs.yml", "mkdocs.yml.jinja"),
    ("incidents/README.md", "incidents-README.md.jinja"),
    ("README.md", "README.md.jinja"),
    ("requirements.txt", "requirements.txt.jinja"),
    (".pre-commit-config.yaml", "pre-commit-config.yaml.jinja"),
    (".gitignore", "gitignore.jinja"),
    # The engine needs the folder (plain `properdocs build` / `mkdocs build` and `serve` work in the project).
    ("docs/.gitkeep", "docs-gitkeep"),
    ("theme/README.md", "theme/README.md"),
    ("theme/assets/brand.css", "theme/assets/brand.css"),
    *((f".github/workflows/{name}", f"workflows/{name}") for name in WORKFLOWS),
)


class UnsafeFolder(OSError):
    """A folder `init` will not write into: the message says why; nothing was written."""


class ExistingFiles(FileExistsError):
    """Files `init` would have to replace; nothing was written."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__(", ".join(path.as_posix() for path in paths))
        self.paths = paths


@dataclass(frozen=True)
class PlannedFile:
    path: PurePosixPath  # relative to the new repository's root
    content: str | bytes  # bytes: an archive copied as it is (vendor/)


def _environment() -> Environment:
    # Not HTML: autoescape off. Every user value in YAML goes through the `yaml` filter.
    environment = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    environment.filters["yaml"] = lambda value: yaml_scalar(str(value))
    environment.filters["comment"] = lambda text: "\n".join(f"# {line}" for line in textwrap.wrap(str(text), 90))
    return environment


def plan(settings: SiteSettings, version: str, requirement: Requirement) -> list[PlannedFile]:
    """Every file of the new repository and its content; `requirement` installs Balise in CI."""
    environment = _environment()
    values = {
        "name": settings.name,
        "url": settings.url,
        "timezone": settings.timezone,
        "language": settings.language,
        "description": site_words(settings.language).described(settings.name),
        # Material names its languages with a hyphen (`pt-BR`); Balise's catalogs take either.
        "theme_language": material_language(settings.language),
        "components": settings.components,
        "groups": settings.groups,
        "support_email": settings.support_email,
        "support_url": settings.support_url,
        "support_hours": settings.support_hours,
        "first_component": settings.components[0].id,
        "component_ids": ", ".join(f"`{c.id}`" for c in settings.components),
        "version": version,
        "requirement": requirement.line,
        "upgrade": requirement.upgrade,
        "vendored": requirement.vendored.path if requirement.vendored else None,
    }
    planned = []
    for target, template in LAYOUT:
        text = TEMPLATES.joinpath(template).read_text(encoding="utf-8")
        content = environment.from_string(text).render(values) if template.endswith(".jinja") else text
        planned.append(PlannedFile(PurePosixPath(target), content))
    if requirement.vendored is not None:
        planned.append(PlannedFile(PurePosixPath(requirement.vendored.path), requirement.vendored.data))
    return planned


def _unsafe(root: Path, planned: list[PlannedFile]) -> str | None:
    """Why writing under `root` could land outside it, or in a git folder's internals."""
    if ".git" in root.resolve().parts:
        return f"{root.as_posix()} is inside a .git folder"
    for file in planned:
        folder = root
        for part in file.path.parts[:-1]:
            folder = folder / part
            if folder.is_symlink():
                return f"{folder.as_posix()} is a symbolic link; its files would be written where it points"
            if folder.exists() and not folder.is_dir():
                return f"{folder.as_posix()} is a file, where a folder is needed"
    return None


def write(root: Path, planned: list[PlannedFile]) -> list[Path]:
    """Writes every planned file under `root`; refuses, writing nothing, if any exists or if a
    folder on the way is a symbolic link (the files would land outside `root`)."""
    reason = _unsafe(root, planned)
    if reason is not None:
        raise UnsafeFolder(reason)
    targets = [root.joinpath(*file.path.parts) for file in planned]
    existing = [target for target in targets if target.exists() or target.is_symlink()]
    if existing:
        raise ExistingFiles(existing)
    written = []
    for target, file in zip(targets, planned, strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        data = file.content if isinstance(file.content, bytes) else file.content.encode("utf-8")
        create_file(target, data)
        written.append(target)
    return written
