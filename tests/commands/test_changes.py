"""`balise changes`: the files of a pull request that need a maintainer's review, flagged on the diff."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_builder.cli import main

CONFIG = "site_name: S\ntheme:\n  name: material\n  custom_dir: theme\nplugins:\n  - balise\n"


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.invalid", *args], cwd=repo, check=True,
        capture_output=True,
    )  # fmt: skip


def commit(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "change")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose last commit is the pull request: HEAD^1 is its base."""
    git(tmp_path, "init", "-q")
    commit(tmp_path, {"mkdocs.yml": CONFIG, "incidents/README.md": "x", "theme/main.html": "x"})
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def changes(*args: str):
    return CliRunner().invoke(main, ["changes", *args], catch_exceptions=False)


def test_an_incident_only_change_flags_nothing(repo):
    commit(repo, {"incidents/2026-11-20-x.md": "---\n"})
    result = changes()
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "balise changes: 0 files need a maintainer's review\n"


def test_config_docs_theme_and_workflows_are_flagged(repo):
    commit(repo, {
        "incidents/2026-11-20-x.md": "---\n", "mkdocs.yml": CONFIG + "extra_javascript: [x.js]\n",
        "docs/faq.md": "# FAQ\n", "theme/main.html": "y", ".github/workflows/check.yml": "on: push\n",
        "README.md": "x",
    })  # fmt: skip
    assert changes().stdout.splitlines() == [
        ".github/workflows/check.yml: changes how the repository checks, reviews or deploys changes (.github/)",
        "docs/faq.md: changes a hand-written page or file of the status site (docs/)",
        "mkdocs.yml: changes the site's config (site name, theme, plugins, extensions, scripts)",
        "theme/main.html: changes the site's templates, styles or scripts (theme/)",
    ]


def test_a_config_file_mkdocs_yml_inherits_is_flagged_as_the_config(repo):
    commit(repo, {"mkdocs.yml": "INHERIT: config/base.yml\n", "config/base.yml": CONFIG})
    commit(repo, {"config/base.yml": CONFIG + "extra_javascript: [https://evil.test/x.js]\n"})
    assert changes().stdout.splitlines() == [
        "config/base.yml: changes the site's config: mkdocs.yml inherits this file (INHERIT)"
    ]


def test_what_the_workflows_install_and_who_reviews_are_flagged(repo):
    commit(repo, {"requirements.txt": "balise==9.9.9\n", "CODEOWNERS": "* @someone\n", "docs/CODEOWNERS": "x"})
    assert changes().stdout.splitlines() == [
        "CODEOWNERS: changes who must review changes (CODEOWNERS)",
        "docs/CODEOWNERS: changes who must review changes (CODEOWNERS)",
        "requirements.txt: changes the Balise release and libraries the workflows install (requirements.txt)",
    ]


def test_the_vendored_balise_wheel_is_flagged_as_code_the_workflows_run(repo):
    commit(repo, {"vendor/balise-9.9.9-py3-none-any.whl": "PK", "theme/assets/brand.css": ":root{}"})
    assert changes().stdout.splitlines() == [
        "theme/assets/brand.css: changes the site's templates, styles or scripts (theme/)",
        "vendor/balise-9.9.9-py3-none-any.whl: changes code the workflows install and run (vendor/)",
    ]


def test_under_github_actions_each_file_is_a_warning_annotation(repo, monkeypatch):
    commit(repo, {"docs/faq.md": "# FAQ\n"})
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert changes().stdout == (
        "::warning file=docs/faq.md,title=Needs a maintainer's review::"
        "docs/faq.md changes a hand-written page or file of the status site (docs/)\n"
    )


def test_a_docs_dir_moved_in_mkdocs_yml_is_followed(repo):
    commit(repo, {"mkdocs.yml": CONFIG + "docs_dir: pages\n"})
    commit(repo, {"pages/faq.md": "# FAQ\n"})
    assert changes().stdout.splitlines() == [
        "pages/faq.md: changes a hand-written page or file of the status site (pages/)"
    ]


def test_a_file_moved_out_of_docs_is_flagged_on_both_sides(repo):
    commit(repo, {"docs/faq.md": "# FAQ\n"})
    git(repo, "mv", "docs/faq.md", "incidents/faq.md")
    git(repo, "commit", "-q", "-m", "move")
    assert [line.split(":")[0] for line in changes().stdout.splitlines()] == ["docs/faq.md"]


def test_a_hostile_file_name_cannot_forge_a_workflow_command(repo, monkeypatch):
    name = "docs/x\n::error file=a.md::forged%0A\x1b[2J.md"
    (repo / "docs").mkdir()
    (repo / name).write_text("x", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "hostile")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    (line,) = changes().stdout.splitlines()
    assert line.startswith("::warning file=docs/x\\n%3A%3Aerror file=a.md%3A%3Aforged%250A\\x1b[2J.md,")
    assert "\x1b" not in line


def test_more_files_than_github_shows_end_with_one_annotation_naming_the_rest(repo, monkeypatch):
    commit(repo, {f"docs/page-{n:02}.md": "x" for n in range(12)})
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    lines = changes().stdout.splitlines()
    assert len(lines) == 10
    assert lines[-1].endswith("::and 3 more: docs/page-09.md, docs/page-10.md, docs/page-11.md")


def test_an_unknown_base_is_a_usage_error(repo):
    result = changes("--base", "no-such-branch")
    assert result.exit_code == 2
    assert "git cannot compare no-such-branch with HEAD" in result.stderr


def test_a_base_that_looks_like_an_option_is_refused(repo):
    assert changes("--base", "--output=/tmp/x").exit_code == 2
