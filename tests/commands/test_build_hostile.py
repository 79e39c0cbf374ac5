"""`balise build` on hostile files, in a fenced child process: one line per problem, never a traceback."""

from __future__ import annotations

from pathlib import Path

from support.hostile import balise
from support.site_project import Project


def project_at(tmp_path: Path) -> Project:
    project = Project(tmp_path / "project")
    project.write_config()
    return project


def test_a_config_nested_thirty_thousand_levels_deep_is_refused_at_its_line(tmp_path):
    project = project_at(tmp_path)
    with project.config.open("a", encoding="utf-8") as config:
        config.write("extra:\n  x: " + "[" * 30_000 + "]" * 30_000 + "\n")
    lines = len(project.config.read_text(encoding="utf-8").splitlines())
    result = balise("build", "--now", "2026-11-22T12:00:00Z", "--site-dir", str(tmp_path / "site"), cwd=project.root)
    assert (result.returncode, result.crashed) == (1, False), result.stderr
    assert result.stderr.splitlines()[0] == f"mkdocs.yml:{lines}: the YAML nests lists and mappings more than 64 levels deep"
    assert not (tmp_path / "site").exists()
