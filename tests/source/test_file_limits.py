"""Sizes and shapes past which a file is refused at its line, before reading or converting it costs much."""

from __future__ import annotations

from support.checked_project import VALID

from site_builder.source.limits import BODY_CHARACTERS, CONFIG_BYTES, FILE_BYTES, MARKDOWN, MESSAGE_CHARACTERS, TITLE_CHARACTERS

NAME = "2026-11-20-api-errors.md"
WHERE = f"incidents/{NAME}"


def test_a_file_larger_than_the_limit_is_refused_on_its_first_line(project):
    project.write(NAME, VALID + "x" * FILE_BYTES)
    assert project.problems() == [
        f"{WHERE}:1: the file is larger than {FILE_BYTES:,} bytes; move long material to a page it links to"
    ]


def test_a_config_larger_than_the_limit_is_refused(project):
    with project.config_path.open("a", encoding="utf-8") as config:
        config.write("#" * CONFIG_BYTES + "\n")
    assert project.problems() == [
        f"mkdocs.yml:1: the file is larger than {CONFIG_BYTES:,} bytes; move long material to a page it links to"
    ]


def test_a_title_longer_than_the_limit_is_refused_at_its_line(project):
    project.write(NAME, VALID.replace("title: Elevated", "title: " + "x" * TITLE_CHARACTERS + " Elevated"))
    assert project.problems() == [
        f"{WHERE}:2: 'title' is {TITLE_CHARACTERS + 32:,} characters; the limit is {TITLE_CHARACTERS:,}"
    ]


def test_a_message_longer_than_the_limit_is_refused_at_its_line(project):
    project.write(NAME, VALID.replace("message: Fixed.", "message: " + "x" * (MESSAGE_CHARACTERS + 1)))
    assert project.problems() == [
        f"{WHERE}:12: 'message' in update 2 is {MESSAGE_CHARACTERS + 1:,} characters; the limit is {MESSAGE_CHARACTERS:,}"
    ]


def test_a_body_longer_than_the_limit_is_refused_at_its_first_line(project):
    project.write(NAME, VALID.replace("Body.", "word " * (BODY_CHARACTERS // 5 + 1)))
    assert project.problems() == [
        f"{WHERE}:14: the Markdown body is {BODY_CHARACTERS + 6:,} characters; the limit is {BODY_CHARACTERS:,}: "
        "publish long material elsewhere and link to it"
    ]


def test_lists_nested_past_the_limit_are_refused_at_the_deepest_line(project):
    # "- - - … x" on one line: Python-Markdown recursed once per level and the build crashed at about 250.
    project.write(NAME, VALID.replace("Body.", "Intro.\n\n" + "- " * 300 + "x"))
    assert project.problems() == [
        f"{WHERE}:16: lists and quotes are nested 300 levels deep in the Markdown; the limit is {MARKDOWN.nesting}"
    ]


def test_a_message_nested_past_the_limit_is_refused_at_its_line(project):
    message = "message: |\n      Fine.\n      " + "> " * 40 + "x"
    project.write(NAME, VALID.replace("message: Fixed.", message))
    assert project.problems() == [
        f"{WHERE}:14: lists and quotes are nested 40 levels deep in the Markdown; the limit is {MARKDOWN.nesting}"
    ]


def test_a_long_run_of_backticks_is_refused(project):
    # 3 KB of backticks took Python-Markdown's code-span pattern over a minute.
    project.write(NAME, VALID.replace("message: Fixed.", "message: '" + "`" * 3000 + "'"))
    assert project.problems() == [
        f"{WHERE}:12: a run of 3000 backticks in the Markdown; the limit is {MARKDOWN.backticks}"
    ]


def test_a_paragraph_of_brackets_too_costly_to_convert_is_refused(project):
    # 14 KB of `[` took Python-Markdown's link patterns over a minute, once per page and feed.
    project.write(NAME, VALID.replace("Body.", "[" * 14_000))
    problems = project.problems()
    assert len(problems) == 1
    assert problems[0].startswith(f"{WHERE}:14: this Markdown would take too long to convert (cost 196,014,000, limit")


def test_the_cost_counts_every_text_of_the_file(project):
    # Each message alone is affordable (4 million); together they are not. The problem is where the
    # total passes the limit: the fifth added message, on line 12 + 3 × 4.
    message = "message: '" + "[" * 2_000 + "'"
    updates = "".join(f"  - at: 2026-11-20T14:{10 + i}:00Z\n    status: investigating\n    {message}\n" for i in range(6))
    project.write(NAME, VALID.replace("  - at: 2026-11-20T14:40:00Z", updates + "  - at: 2026-11-20T14:40:00Z"))
    problems = project.problems()
    assert len(problems) == 1
    assert problems[0].startswith(f"{WHERE}:24: this Markdown would take too long to convert (cost 20,010,000, limit")


def test_a_long_postmortem_in_ordinary_paragraphs_is_accepted(project):
    paragraph = (
        "Requests to `api.example.com` failed with **502** errors; see [the dashboard](https://example.com/d) "
        "and <https://example.com>. We rolled back at 14:40 and are adding a canary stage. "
    ) * 6
    body = "## What happened\n\n" + "\n\n".join([paragraph] * 150) + "\n\n```\n[error] " + "x" * 80 + "\n```\n"
    project.write(NAME, VALID.replace("Body.", body))
    assert project.problems() == []
