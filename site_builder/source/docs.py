"""What `docs/` may hold: hand-written pages of the status site, and files they show.

MkDocs copies every file of docs_dir to the site as it is, under the status page's own
domain, where readers trust what they see. A pull request could add an `.html` or `.svg`
file that runs script there, a `.js` or `.css` file that loads another site's resources,
or a page at a path the build generates (`_headers`, `api/v2/summary.json`, an incident).
So docs/ holds Markdown pages (cleaned like incident bodies when they are rendered), raster
images, `.txt` and `.pdf` files and a `CNAME`, nowhere the build writes, and no link out of
the repository. Everything else is a problem naming the file, before MkDocs reads any of it.
Hidden files and the top `templates/` folder are never published by MkDocs and are left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .layout import Layout, repository_root
from .problems import Problem, display_path
from .tree import list_files, shown

#: MkDocs' own list of Markdown extensions (mkdocs.utils.markdown_extensions); it reads them case-sensitively.
MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
#: Files a browser shows without running anything from them and that load nothing from elsewhere.
PASSIVE = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".txt", ".pdf")
#: GitHub Pages' custom-domain file, plain text, kept by people who deploy from a branch.
PASSIVE_NAMES = ("CNAME",)


def site_path(relative: PurePosixPath) -> str:
    """Where MkDocs (with directory URLs) publishes a docs file: `faq.md` → `faq/`, `index.md` → ``."""
    if relative.suffix not in MARKDOWN:
        return relative.as_posix()
    page = relative.with_suffix("")
    if page.name in ("index", "README"):
        return "" if page.parent == PurePosixPath(".") else f"{page.parent.as_posix()}/"
    return f"{page.as_posix()}/"


def published(relative: PurePosixPath) -> bool:
    """MkDocs never publishes hidden files and folders, nor the top `templates/` folder."""
    return not any(part.startswith(".") for part in relative.parts) and relative.parts[0] != "templates"


def published_folder_problems(layout: Layout, generated: Callable[[str], bool]) -> list[Problem]:
    """Everything wrong with what the site publishes besides incidents: docs_dir and the theme.

    docs_dir must lie in the repository, or a pull request's `docs_dir: /etc` would publish
    files nobody can review; links in the theme folder are judged like those of docs/.
    """
    repository = layout.repository.resolve()
    docs = layout.docs.resolve()
    if docs != repository and repository not in docs.parents:
        where = display_path(layout.config_file)
        return [Problem(where, 1, f"docs_dir '{docs}' is outside the repository ({repository}); refused")]
    problems = docs_problems(docs, repository, generated)
    if layout.theme is not None and layout.theme.is_dir():
        problems += list_files(layout.theme, repository_root(layout.theme)).problems
    return problems


def docs_problems(docs: Path, boundary: Path, generated: Callable[[str], bool]) -> list[Problem]:
    """Every reason the files of `docs` may not be published; `generated` says which site paths the build owns."""
    if not docs.is_dir():
        return []
    listing = list_files(docs, boundary)
    problems = list(listing.problems)
    for path in listing.files:
        relative = PurePosixPath(path.relative_to(docs).as_posix())
        if not published(relative):
            continue
        message = _problem(relative, generated)
        if message:
            problems.append(Problem(shown(path), 1, message))
    return problems


def _problem(relative: PurePosixPath, generated: Callable[[str], bool]) -> str | None:
    target = site_path(relative)
    if generated(target):
        return f"the build generates '/{target}' itself; rename or move this file"
    suffix = relative.suffix
    if suffix not in MARKDOWN and suffix.lower() in MARKDOWN:
        lower = suffix.lower()
        return f"not published: Markdown pages end in lowercase '{lower}'; rename it to '{relative.stem}{lower}'"
    if suffix not in MARKDOWN + PASSIVE and relative.name not in PASSIVE_NAMES:
        kind = f"a '{suffix}' file" if suffix else "a file without an extension"
        return (
            f"not published: docs/ may hold Markdown pages, images ({', '.join(PASSIVE[:7])}), .txt, .pdf and "
            f"CNAME; {kind} could run script, load other sites' resources or pass for one of the site's outputs"
        )
    return None
