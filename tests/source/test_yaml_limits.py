"""Hostile YAML: what a pull request's front-matter may ask of the reader, and the one line that refuses the rest."""

from __future__ import annotations

from support.checked_project import NOW, VALID, project  # noqa: F401
from support.hostile import balise

from site_builder.source.yamlread import LIMITS

WHERE = "incidents/2026-11-20-hostile.md"


def test_nesting_thirty_thousand_levels_deep_is_refused_at_its_line_without_crashing_check(project):
    # 60 KB: LibYAML's composer recursed in C and the process died of a segmentation fault.
    project.write("2026-11-20-hostile.md", "---\ntitle: " + "[" * 30_000 + "]" * 30_000 + "\n---\n")
    result = balise("check", "--now", "2026-11-20T16:00:00Z", cwd=project.root)
    assert (result.returncode, result.crashed) == (1, False), result.stderr
    assert result.stdout == f"{WHERE}:2: the YAML nests lists and mappings more than {LIMITS.depth} levels deep\n"


def test_block_nesting_past_the_limit_is_refused_at_the_first_line_too_deep(project):
    # The front-matter is the first level, `updates` the second, each "- " one more.
    lines = "".join("  " * level + "- \n" for level in range(LIMITS.depth + 5))
    project.write("2026-11-20-hostile.md", "---\ntitle: x\nupdates:\n" + lines + "---\n")
    assert project.problems() == [
        f"{WHERE}:{3 + LIMITS.depth}: the YAML nests lists and mappings more than {LIMITS.depth} levels deep"
    ]


def test_an_alias_bomb_is_refused_before_it_expands(project):
    # 1 KB that stands for a billion strings: the old reader ran out of memory.
    bomb = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for name, previous in zip("bcdefghi", "abcdefgh"):
        bomb.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    # A maintenance lists its components: each "unknown component" message spelled a billion strings out.
    project.write("2026-11-20-hostile.md", "---\n" + "\n".join(bomb) + "\nkind: maintenance\ncomponents: *i\n---\n")
    result = balise("check", "--now", "2026-11-20T16:00:00Z", cwd=project.root, memory=1 << 30)
    assert (result.returncode, result.crashed) == (1, False), result.stderr
    assert result.stdout.startswith(f"{WHERE}:")
    assert "once its aliases (*name) are expanded" in result.stdout
    assert len(result.stdout.splitlines()) == 1


def test_one_long_message_repeated_by_aliases_is_refused_where_it_grows_too_large(project):
    # Each alias alone is cheap to read, but every page and feed would render the 100 KB text 2,000 times.
    message = "x" * 100_000
    updates = [f"  - at: 2026-11-20T14:05:00Z\n    status: investigating\n    message: &m {message}"]
    updates += ["  - at: 2026-11-20T14:06:00Z\n    status: investigating\n    message: *m"] * 2_000
    project.write("2026-11-20-hostile.md", "---\ntitle: x\nimpact: major\nupdates:\n" + "\n".join(updates) + "\n---\n")
    problems = project.problems()
    assert len(problems) == 1
    # With the ninth alias the text passes a million characters: its `message:` is on line 7 + 3 × 9.
    assert problems[0] == (
        f"{WHERE}:34: the YAML is larger than {LIMITS.expanded:,} characters once its aliases (*name) are expanded; "
        "write each text out once"
    )


def test_more_aliases_than_the_limit_are_refused_at_the_first_one_too_many(project):
    aliases = "".join(f"k{i}: *c\n" for i in range(LIMITS.aliases + 1))
    project.write("2026-11-20-hostile.md", "---\nc: &c api\n" + aliases + "---\n")
    assert project.problems() == [
        f"{WHERE}:{3 + LIMITS.aliases}: the YAML uses aliases (*name) more than {LIMITS.aliases} times"
    ]


def test_a_few_aliases_are_still_read(project):
    text = VALID.replace("components:\n  api: partial_outage", "components: &c\n  api: partial_outage")
    text = text.replace("    status: resolved\n", "    status: resolved\n    components: *c\n")
    project.write("2026-11-20-api-errors.md", text)
    assert project.problems() == []


def test_an_alias_inside_the_value_it_names_is_refused(project):
    project.write("2026-11-20-hostile.md", "---\ntitle: x\ncomponents: &c\n  api: *c\n---\n")
    assert project.problems() == [f"{WHERE}:4: the alias *c is inside the value it names"]


def test_a_list_as_a_key_is_refused_at_its_line_instead_of_crashing_check(project):
    project.write("2026-11-20-hostile.md", "---\ntitle: x\n? [[1]]\n: y\n---\n")
    assert project.problems() == [
        f"{WHERE}:3: a key must be a single value, not a list or a mapping ('? ' starts a complex key)"
    ]


def test_an_escape_past_the_last_unicode_code_point_is_refused_at_its_line(project):
    project.write("2026-11-20-hostile.md", VALID.replace("message: Fixed.", 'message: "\\U00110000"'))
    assert project.problems() == [
        f"{WHERE}:12: YAML syntax error: found invalid Unicode character escape code"
    ]


def test_a_tag_outside_the_core_schema_is_refused(project):
    project.write("2026-11-20-hostile.md", VALID.replace("title: Elevated", "title: !!binary Elevated"))
    assert project.problems() == [f"{WHERE}:2: the YAML tag '!!binary' is not allowed here"]


def test_a_time_inside_a_flow_mapping_is_read(project):
    # LibYAML (YAML 1.1) refuses ':' in a plain scalar inside {…}; YAML 1.2 and ruamel.yaml read it.
    text = VALID.replace(
        "  - at: 2026-11-20T14:40:00Z\n    status: resolved\n    message: Fixed.\n",
        "  - {at: 2026-11-20T14:40:00Z, status: resolved, message: Fixed.}\n",
    )
    project.write("2026-11-20-api-errors.md", text)
    assert project.problems(NOW) == []
