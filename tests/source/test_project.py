"""Loading the incidents folder: every file that could be an incident is read or named in a problem."""

from __future__ import annotations

from support.checked_project import VALID, project  # noqa: F401
from support.unlistable import make_unlistable


def test_a_link_to_an_incident_file_outside_the_repository_is_refused_not_loaded(project, tmp_path):
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    outside.write_text(VALID.replace("Elevated error rates", "Not reviewed by anyone"), encoding="utf-8")
    (project.incidents / "2026-11-20-x.md").symlink_to(outside)
    assert project.problems() == [
        "incidents/2026-11-20-x.md:1: symbolic link to a path outside the repository; refused, it is never followed"
    ]


def test_a_link_to_an_incident_file_inside_the_repository_is_read(project):
    (project.root / "archive").mkdir()
    (project.root / "archive" / "2026-11-20-x.md").write_text(VALID, encoding="utf-8")
    (project.incidents / "2026-11-20-x.md").symlink_to("../archive/2026-11-20-x.md")
    assert project.problems() == []


def test_a_broken_link_in_the_incidents_folder_is_an_error(project):
    (project.incidents / "2026-11-20-x.md").symlink_to("gone.md")
    assert project.problems() == [
        "incidents/2026-11-20-x.md:1: broken symbolic link: its target does not exist; remove it or restore the target"
    ]


def test_a_file_ending_in_upper_case_md_is_named_not_skipped(project):
    project.write("2026-11-20-api-errors.MD", VALID)
    assert project.problems() == [
        "incidents/2026-11-20-api-errors.MD:1: not read: incident files end in lowercase '.md'; "
        "rename it to '2026-11-20-api-errors.md'"
    ]


def test_a_readme_in_any_case_is_still_ignored(project):
    project.write("README.MD", "# About these files\n")
    assert project.problems() == []


def test_a_sub_folder_that_cannot_be_listed_is_an_error(project, monkeypatch):
    (project.incidents / "2025").mkdir()
    make_unlistable(monkeypatch, "2025")
    assert project.problems() == ["incidents/2025:1: cannot list this folder: Permission denied; nothing in it was read"]


def test_a_file_with_old_mac_line_endings_is_named_for_what_it_is(project):
    project.write("2026-11-20-api-errors.md", VALID.replace("\n", "\r").encode("utf-8"))
    (problem,) = project.problems()
    assert problem.startswith("incidents/2026-11-20-api-errors.md:1: ")
    assert "carriage returns" in problem and "missing front-matter" not in problem
