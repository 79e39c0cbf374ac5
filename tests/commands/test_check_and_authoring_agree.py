"""`balise check` and the authoring commands read files with the same reader: a file one accepts, the other can edit."""

from __future__ import annotations

from datetime import timedelta

from support.author_project import NOW, OPEN, OPEN_NAME, project  # noqa: F401

LATER = NOW + timedelta(minutes=35)


def test_a_tab_after_a_value_is_accepted_by_check_and_by_update(project):
    # LibYAML reads a tab after a value as the space it is; ruamel.yaml's scanner refused it, and
    # `update` composed the file with ruamel.yaml while `check` read it with LibYAML.
    project.write(OPEN_NAME, OPEN.replace("message: We are investigating.", "message: We are investigating.\t"))
    project.assert_check_is_clean()
    result = project.run("update", OPEN_NAME, "-m", "Still investigating.", "--next-update", "30m", now=LATER)
    assert result.exit_code == 0, result.stderr
    assert [u.message for u in project.incident(OPEN_NAME).updates] == ["We are investigating.", "Still investigating."]
    project.assert_check_is_clean(now=LATER)


def test_a_file_check_refuses_is_refused_by_update_with_the_same_line(project):
    project.write(OPEN_NAME, OPEN.replace("impact: major", "impact: [major"))
    check = project.run("check", "incidents")
    update = project.run("update", OPEN_NAME, "-m", "x", now=LATER)
    assert check.exit_code == update.exit_code == 1
    problem = check.stdout.splitlines()[0]
    assert problem.startswith(f"incidents/{OPEN_NAME}:4: YAML syntax error")
    assert problem in update.stderr.splitlines()


def test_update_at_a_local_time_the_clocks_showed_twice_is_a_usage_error_with_both_readings(project):
    project.write(OPEN_NAME, OPEN)
    result = project.run("update", OPEN_NAME, "-m", "x", "--at", "2026-10-25 02:30", now=LATER)
    assert result.exit_code == 2
    assert "'2026-10-25 02:30' happened twice in Europe/Paris (the clocks went back an hour): write " in result.stderr
    assert project.text(OPEN_NAME) == OPEN
