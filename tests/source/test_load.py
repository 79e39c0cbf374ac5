"""Reading a file: encoding, front-matter fences, YAML syntax, file names and ids."""

from __future__ import annotations

from support.checked_project import NOW, VALID

from site_builder.source.project import load_project


def test_a_valid_file_has_no_problem(project):
    project.write("2026-11-20-api-errors.md", VALID)
    assert project.problems() == []


def test_an_empty_file_is_reported(project):
    project.write("2026-11-20-empty.md", b"")
    assert project.problems() == [
        "incidents/2026-11-20-empty.md:1: empty file: an incident file starts with '---' front-matter"
    ]


def test_a_file_that_is_not_utf8_is_reported_at_the_line_of_the_bad_byte(project):
    project.write("2026-11-20-latin1.md", VALID.replace("Fixed.", "Réparé.").encode("latin-1"))
    assert project.problems() == [
        "incidents/2026-11-20-latin1.md:12: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]


def test_a_file_without_front_matter_is_reported(project):
    project.write("2026-11-20-no-front-matter.md", "# Outage\n\nThe API is down.\n")
    assert project.problems() == [
        "incidents/2026-11-20-no-front-matter.md:1: missing front-matter: the file must start with a line '---'"
    ]


def test_unterminated_front_matter_is_reported(project):
    project.write("2026-11-20-open.md", "---\ntitle: Outage\nimpact: major\n")
    assert project.problems() == [
        "incidents/2026-11-20-open.md:1: front-matter is not terminated: add a line '---' after the last key"
    ]


def test_a_yaml_syntax_error_is_reported_at_its_line(project):
    project.write("2026-11-20-bad-yaml.md", VALID.replace("impact: major", "impact: [major"))
    assert project.problems() == [
        "incidents/2026-11-20-bad-yaml.md:4: YAML syntax error: expected ',' or ']', but got ':'"
    ]


def test_a_duplicate_key_is_reported_at_the_second_occurrence(project):
    project.write("2026-11-20-twice.md", VALID.replace("impact: major\n", "impact: major\nimpact: minor\n"))
    assert project.problems() == [
        'incidents/2026-11-20-twice.md:4: YAML error: found duplicate key "impact" with value "minor" '
        '(original value: "major")'
    ]


def test_python_tags_are_refused_in_incident_files(project):
    project.write("2026-11-20-tag.md", VALID.replace("title: Elevated", "title: !!python/object/apply:os.system\n  - Elevated"))
    problems = project.problems()
    assert problems == [
        "incidents/2026-11-20-tag.md:2: the YAML tag '!!python/object/apply:os.system' is not allowed here"
    ]


def test_front_matter_that_is_not_a_mapping_is_reported(project):
    project.write("2026-11-20-list.md", "---\n- title\n- impact\n---\n")
    assert project.problems() == [
        "incidents/2026-11-20-list.md:2: front-matter must be a mapping of keys (title, impact, updates…)"
    ]


def test_empty_front_matter_is_reported(project):
    project.write("2026-11-20-blank.md", "---\n---\nBody\n")
    assert project.problems() == [
        "incidents/2026-11-20-blank.md:1: front-matter is empty: it needs at least 'title' and 'updates'"
    ]


def test_a_file_name_without_a_date_gets_a_name_dated_the_day_the_incident_started(project):
    project.write("API_Errors.md", VALID)
    assert project.problems() == [
        "incidents/API_Errors.md:1: file name 'API_Errors.md' must be YYYY-MM-DD-slug.md "
        "(lowercase letters, digits, hyphens); e.g. '2026-11-20-api-errors.md'"
    ]


def test_a_misnamed_file_is_dated_by_its_started_at_in_the_site_time_zone(project):
    # 23:30 UTC on the 19th is already the 20th in Paris.
    project.write("outage.md", VALID.replace("impact: major\n", "impact: major\nstarted_at: 2026-11-19T23:30:00Z\n"))
    assert project.problems()[0].endswith("e.g. '2026-11-20-outage.md'")


def test_a_misnamed_maintenance_is_dated_by_the_day_its_window_opens(project):
    maintenance = (
        "---\nkind: maintenance\ntitle: Database upgrade\nscheduled_for: 2026-11-25T22:00:00Z\n"
        "scheduled_until: 2026-11-26T00:00:00Z\nupdates:\n  - at: 2026-11-20T09:00:00Z\n    status: scheduled\n"
        "    message: We will upgrade the database.\n---\n"
    )
    project.write("db upgrade.md", maintenance)
    assert project.problems()[0].endswith("e.g. '2026-11-25-db-upgrade.md'")


def test_a_file_name_with_capitals_gets_a_lowercase_suggestion(project):
    project.write("2026-11-20-API-Errors.md", VALID)
    assert project.problems() == [
        "incidents/2026-11-20-API-Errors.md:1: file name '2026-11-20-API-Errors.md' must be YYYY-MM-DD-slug.md "
        "(lowercase letters, digits, hyphens); e.g. '2026-11-20-api-errors.md'"
    ]


def test_a_file_name_with_an_impossible_date_gets_the_incidents_own_date(project):
    project.write("2026-02-30-api.md", VALID)
    assert project.problems() == [
        "incidents/2026-02-30-api.md:1: file name '2026-02-30-api.md' starts with an impossible date; "
        "e.g. '2026-11-20-api.md'"
    ]


def test_a_bad_file_name_is_reported_together_with_the_content_problems(project):
    project.write("Bad.md", "---\ntitle: x\n")
    assert project.problems() == [
        "incidents/Bad.md:1: file name 'Bad.md' must be YYYY-MM-DD-slug.md (lowercase letters, digits, hyphens); "
        "e.g. 'YYYY-MM-DD-bad.md', dated the day it started",
        "incidents/Bad.md:1: front-matter is not terminated: add a line '---' after the last key",
    ]


def test_two_files_with_the_same_id_are_reported(project):
    (project.incidents / "2025").mkdir()
    (project.incidents / "2026").mkdir()
    project.write("2025/2026-11-20-api-errors.md", VALID)
    project.write("2026/2026-11-20-api-errors.md", VALID)
    assert project.problems() == [
        "incidents/2026/2026-11-20-api-errors.md:1: duplicate id '2026-11-20-api-errors': "
        "incidents/2025/2026-11-20-api-errors.md has the same file name"
    ]


def test_a_readme_in_the_incidents_folder_is_not_an_incident(project):
    project.write("README.md", "How to write incidents.\n")
    assert project.problems() == []


def test_the_id_is_the_file_name_without_extension(project):
    project.write("2026-11-20-api-errors.md", VALID)
    incidents = load_project(project.incidents, project.config_path, NOW).incidents
    assert [i.id for i in incidents] == ["2026-11-20-api-errors"]


def test_the_body_is_kept_as_markdown_with_its_first_line(project):
    project.write("2026-11-20-api-errors.md", VALID)
    incident = load_project(project.incidents, project.config_path, NOW).incidents[0]
    assert (incident.body, incident.body_line) == ("Body.\n", 14)


def test_problems_from_every_file_are_reported_in_one_run(project):
    project.write("2026-11-20-a.md", b"")
    project.write("2026-11-20-b.md", "no front matter\n")
    project.write("2026-11-20-c.md", VALID.replace("impact: major", "impact: huge"))
    assert len(project.problems()) == 3
