"""The one rule for text from a file: refused where it is not text, stripped of what no reader can see."""

from __future__ import annotations

from support.checked_project import NOW, VALID

from site_builder.source.project import load_project

NAME = "2026-11-20-api-errors.md"
WHERE = f"incidents/{NAME}"


def only(project):
    return load_project(project.incidents, project.config_path, NOW).incidents[0]


def test_control_characters_are_removed_from_titles_messages_and_the_body(project):
    text = VALID.replace("title: Elevated", 'title: "\\e[2J\\x07Elevated').replace("on the API\n", 'on the API\\x9b"\n')
    text = text.replace("message: Fixed.", 'message: "Fixed.\\x00\\x7f"').replace("Body.", "Bo\x01dy\x1b.")
    project.write(NAME, text)
    incident = only(project)
    assert (incident.title, incident.updates[-1].message, incident.body) == (
        "[2JElevated error rates on the API", "Fixed.", "Body.\n"
    )


def test_tabs_newlines_and_right_to_left_marks_are_kept(project):
    project.write(NAME, VALID.replace("message: Fixed.", 'message: "a\\tb\\nc \\u202eevil\\u202c \\u200f"'))
    assert only(project).updates[-1].message == "a\tb\nc \u202eevil\u202c \u200f"


def test_a_title_made_only_of_control_characters_is_empty(project):
    project.write(NAME, VALID.replace("title: Elevated error rates on the API", 'title: "\\x1b\\x07\\x00"'))
    assert project.problems() == [f"{WHERE}:2: 'title' is empty"]


def test_a_non_character_written_in_the_file_is_refused_at_its_line(project):
    project.write(NAME, VALID.replace("message: Fixed.", "message: |\n      Fixed.\n      Really \ufdd0 fixed."))
    assert project.problems() == [f"{WHERE}:14: U+FDD0 is a Unicode non-character, not text; remove it"]


def test_a_non_character_spelled_as_an_escape_is_refused_at_its_value(project):
    project.write(NAME, VALID.replace("message: Fixed.", 'message: "Fixed \\U0010FFFF"'))
    assert project.problems() == [f"{WHERE}:12: U+10FFFF is a Unicode non-character, not text; remove it"]


def test_a_lone_surrogate_spelled_as_an_escape_is_refused_at_its_value(project):
    # ruamel.yaml's parser, which reads what LibYAML refuses, read it, and the build crashed writing it out.
    project.write(NAME, VALID.replace("title: Elevated", 'title: "\\ud800 Elevated').replace("on the API\n", 'on the API"\n'))
    assert project.problems() == [f"{WHERE}:2: U+D800 is a lone surrogate (half of a UTF-16 pair), not text; remove it"]


def test_a_character_spelled_as_a_pair_of_surrogate_escapes_is_that_character(project):
    # JSON writes 🔥 as "\ud83d\udd25" (Python's json.dumps does by default), and YAML 1.2 reads JSON:
    # front-matter written by such a tool holds the character, not two halves.
    project.write(NAME, VALID.replace("title: Elevated", 'title: "\\ud83d\\udd25 Elevated').replace("on the API\n", 'on the API"\n'))
    assert only(project).title == "🔥 Elevated error rates on the API"


def test_a_reversed_or_broken_pair_of_surrogates_is_still_refused(project):
    project.write(NAME, VALID.replace("title: Elevated", 'title: "\\udd25\\ud83d Elevated').replace("on the API\n", 'on the API"\n'))
    assert project.problems() == [f"{WHERE}:2: U+DD25 is a lone surrogate (half of a UTF-16 pair), not text; remove it"]


def test_a_non_character_in_the_body_is_refused_at_its_line(project):
    project.write(NAME, VALID.replace("Body.\n", "Body.\n\nMore \uffff.\n"))
    assert project.problems() == [f"{WHERE}:16: U+FFFF is a Unicode non-character, not text; remove it"]


def test_control_characters_in_the_config_are_removed(project):
    config = project.config_path.read_text(encoding="utf-8").replace("name: Database", 'name: "Data\\x1bbase"')
    project.config_path.write_text(config, encoding="utf-8")
    assert [c.name for c in project.config().components][-1] == "Database"


def test_a_title_written_over_several_lines_is_one_line(project):
    project.write(NAME, VALID.replace("title: Elevated error rates on the API", "title: |\n  Elevated error rates\n  on the API"))
    assert only(project).title == "Elevated error rates on the API"


def test_a_site_name_or_component_name_with_a_line_break_is_one_line(project):
    config = project.config_path.read_text(encoding="utf-8")
    config = config.replace("site_name: Test Status", 'site_name: "Test\\nStatus\\n"').replace("name: Database", 'name: "Data\\u2028base"')
    project.config_path.write_text(config, encoding="utf-8")
    assert (project.config().site_name, project.config().components[-1].name) == ("Test Status", "Data base")
