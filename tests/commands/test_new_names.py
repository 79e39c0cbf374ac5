"""`balise new` names the file after the title in any script, never with a useless `incident`."""

from __future__ import annotations

import pytest
from support.author_project import project  # noqa: F401


def new(project, title: str, *components: str):
    args = ["new", title, "--impact", "major", "-m", "We are investigating."]
    for component in components:
        args += ["-c", component]
    return project.run(*args)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Straße gesperrt", "2026-11-20-strasse-gesperrt.md"),
        ("Сбой оплаты", "2026-11-20-sboi-oplaty.md"),
        ("サーバー障害", "2026-11-20-sabazhang-hai.md"),
        ("Panne de l’API (EU)", "2026-11-20-panne-de-l-api-eu.md"),
    ],
)
def test_a_title_in_any_script_gives_a_readable_file_name(project, title, name):
    result = new(project, title, "api=partial_outage")
    assert result.exit_code == 0, result.stderr
    assert project.files() == [name]
    assert project.incident(name).title == title
    project.assert_check_is_clean()


def test_a_title_with_nothing_to_transliterate_is_named_after_its_components(project):
    result = new(project, "🔥🔥🔥", "api=major_outage", "web=partial_outage")
    assert result.exit_code == 0, result.stderr
    assert project.files() == ["2026-11-20-api-web-incident.md"]
