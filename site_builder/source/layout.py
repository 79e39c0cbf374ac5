"""Where a project's folders are, and the one rule for the folder a build replaces.

A build empties or replaces its site folder whole. Whoever opens a pull request can set
`site_dir` in mkdocs.yml, and a typo in `--site-dir` costs as much, so the folder is
checked against every source folder first: it may not be one, contain one, or lie inside
one (the repository, the project, `incidents/`, `docs/`, the theme, `.git`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .config_file import read_config_document
from .problems import BaliseError
from .tree import repository_root

INCIDENTS_FOLDER = "incidents"
DEFAULT_DOCS_DIR = "docs"
DEFAULT_SITE_DIR = "site"

#: What the team's workflows install (scaffold/): the code that checks and builds every change.
REQUIREMENTS = "requirements.txt"
#: Where `balise init` puts the Balise wheel that requirements.txt names, when no index holds it.
VENDOR = "vendor"

#: A folder that already holds files is replaced only if it looks like a site someone built.
SITE_MARKER = "index.html"


@dataclass(frozen=True)
class Layout:
    """A project's folders, resolved: symbolic links followed, so `site -> incidents` is seen for what it is."""

    config_file: Path
    docs: Path
    site: Path
    theme: Path | None = None
    #: The config files mkdocs.yml inherits from (INHERIT), resolved: they are the config too.
    inherited: tuple[Path, ...] = ()

    @property
    def root(self) -> Path:
        """The project: the folder of mkdocs.yml."""
        return self.config_file.parent

    @property
    def incidents(self) -> Path:
        """The incidents folder sits beside mkdocs.yml (DESIGN.md, repository layout)."""
        return self.root / INCIDENTS_FOLDER

    @property
    def repository(self) -> Path:
        """The nearest folder holding `.git` at or above the project; the project when there is none."""
        return repository_root(self.root)

    @classmethod
    def of(cls, config_file: Path, *, docs: str | Path | None = None, site: str | Path | None = None,
           theme: str | Path | None = None, inherited: tuple[Path, ...] = ()) -> Layout:  # fmt: skip
        """Relative folders are read from the config file's folder, as MkDocs reads them."""
        config_file = config_file.resolve()
        base = config_file.parent
        return cls(
            config_file=config_file,
            docs=(base / (docs if docs is not None else DEFAULT_DOCS_DIR)).resolve(),
            site=(base / (site if site is not None else DEFAULT_SITE_DIR)).resolve(),
            theme=(base / theme).resolve() if theme else None,
            inherited=tuple(path.resolve() for path in inherited),
        )

    @classmethod
    def read(cls, config_file: Path) -> Layout:
        """The folders mkdocs.yml names; an unreadable file gives the defaults (MkDocs reports why)."""
        try:
            # As MkDocs reads it: a site_dir or docs_dir may come from an INHERIT parent or !ENV.
            read = read_config_document(config_file)
            document, inherited = read.data, read.files[1:]
        except BaliseError:
            document, inherited = {}, ()
        theme = document.get("theme")
        custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
        return cls.of(
            config_file,
            docs=_text(document.get("docs_dir")),
            site=_text(document.get("site_dir")),
            theme=_text(custom_dir),
            inherited=inherited,
        )

    def sources(self) -> Iterator[tuple[str, Path]]:
        """Every folder whose loss would lose work, named for a message."""
        yield "the repository", self.repository
        yield "the project (the folder of mkdocs.yml)", self.root
        yield from self._insides()

    def _insides(self) -> Iterator[tuple[str, Path]]:
        """The source folders nothing built may be written into."""
        yield "the incidents folder", self.incidents
        yield "docs_dir", self.docs
        if self.theme is not None:
            yield "the theme folder", self.theme
        for git in git_folders(self.repository):
            yield "the git folder", git

    def site_folder_problem(self, site: Path) -> str | None:
        """Why a build may not delete and replace `site`, or None when it may.

        The one rule for every build: `balise build` checks its target before it builds, and
        the MkDocs plugin checks `site_dir` before MkDocs empties it.
        """
        site = site.resolve()
        for name, folder in self.sources():
            folder = folder.resolve()
            if site == folder:
                return f"it is {name}"
            if site in folder.parents:
                return f"it contains {name} ({folder})"
        for name, folder in self._insides():
            if folder.resolve() in site.parents:
                return f"it is inside {name} ({folder.resolve()})"
        if site.exists() and not site.is_dir():
            return "it is a file, not a folder"
        if (site / ".git").exists():  # a gh-pages checkout, say: its history would go with it
            return "it holds a git repository (.git)"
        if site.is_dir() and not (site / SITE_MARKER).exists() and any(site.iterdir()):
            return f"it holds files but no {SITE_MARKER}, so it is not a site built before"
        return None


    def review_reason(self, path: str) -> str | None:
        """Why a change to `path` (relative to the repository, as git names it) needs a maintainer's review.

        Incident files are the responders' business; these change what every page shows or runs,
        or how the repository checks and deploys them, whoever wrote the pull request.
        """
        changed = PurePosixPath(path)
        if changed == self._in_repository(self.config_file):
            return "changes the site's config (site name, theme, plugins, extensions, scripts)"
        if any(changed == self._in_repository(parent) for parent in self.inherited):
            return "changes the site's config: mkdocs.yml inherits this file (INHERIT)"
        if changed.parts[:1] == (".github",):
            return "changes how the repository checks, reviews or deploys changes (.github/)"
        if changed.name == "CODEOWNERS" and changed.parts[:-1] in ((), ("docs",)):
            return "changes who must review changes (CODEOWNERS)"
        if changed == self._in_repository(self.root / REQUIREMENTS):
            return "changes the Balise release and libraries the workflows install (requirements.txt)"
        vendor = self._in_repository(self.root / VENDOR)
        if vendor is not None and changed.parts[: len(vendor.parts)] == vendor.parts:
            return f"changes code the workflows install and run ({vendor}/)"
        for folder, reason in (
            (self.docs, "changes a hand-written page or file of the status site"),
            (self.theme, "changes the site's templates, styles or scripts"),
        ):
            inside = self._in_repository(folder) if folder else None
            if inside is not None and inside.parts and changed.parts[: len(inside.parts)] == inside.parts:
                return f"{reason} ({inside}/)"
        return None

    def _in_repository(self, path: Path) -> PurePosixPath | None:
        try:
            return PurePosixPath(path.relative_to(self.repository.resolve()).as_posix())
        except ValueError:
            return None


def git_folders(repository: Path) -> Iterator[Path]:
    """`.git`, and where a worktree's `.git` file points (its own folder and the shared one)."""
    dot_git = repository / ".git"
    if dot_git.is_dir():
        yield dot_git
        return
    if not dot_git.is_file():
        return
    yield dot_git
    try:
        first = dot_git.read_text(encoding="utf-8").splitlines()[0]
    except (OSError, UnicodeDecodeError, IndexError):
        return
    if not first.startswith("gitdir:"):
        return
    git_dir = (repository / first.removeprefix("gitdir:").strip()).resolve()
    yield git_dir
    try:
        common = (git_dir / "commondir").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return
    if common:
        yield (git_dir / common).resolve()


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
