"""Editing keeps the file: only the appended update and the next_update line change, byte for byte."""

from __future__ import annotations

import os
from datetime import timedelta

from support.author_project import NOW, OPEN, OPEN_NAME, project  # noqa: F401

from site_builder.model.vocabulary import IncidentStatus

LATER = NOW + timedelta(minutes=35)  # 14:40 UTC

NAME = "2026-11-20-checkout.md"
TRAILING = "   "  # trailing spaces are part of the test: an editor must not strip them

HAND_WRITTEN = (
    "---\n"
    "# Incident file kept by hand; please keep the comments.\n"
    "title: 'Checkout: payments \"failing\"'   # single-quoted on purpose\n"
    "impact:   major\n"
    "components: { api: partial_outage,  web: degraded_performance }\n"
    'next_update: "2026-11-20T14:35:00Z"   # the promise readers see\n'
    "updates:   # oldest first\n"
    "  - at: 2026-11-20T14:05:00Z\n"
    '    status: "investigating"\n'
    "    components: {api: major_outage}\n"
    "    message: >-\n"
    "      Folded text that\n"
    "      spans lines.\n"
    "  # a comment between updates\n"
    "  - at: '2026-11-20T14:20:00Z'\n"
    "    status: identified    # we know\n"
    "    message: A plain message that\n"
    "      continues on a second line.   # trailing comment\n"
    "\n"
    "# A comment after the list, before the end.\n"
    "---\n"
    "# Postmortem\n"
    "\n"
    f"Body with **Markdown**, trailing spaces{TRAILING}\n"
    "and a table:\n"
    "\n"
    "| a | b |\n"
    "|---|---|\n"
    "| 1 | 2 |\n"
    "\n"
    f"- list item{TRAILING}\n"
    "---\n"
    "Not front-matter: a horizontal rule in the body.\n"
)

LAST_LINE = "      continues on a second line.   # trailing comment\n"

APPENDED = (
    "  - at: 2026-11-20T14:40:00Z\n"
    "    status: monitoring\n"
    "    message: |\n"
    "      A fix is live.\n"
    "      We are watching.\n"
)


def test_an_update_to_a_hand_written_file_changes_only_the_new_update_and_the_promise(project):
    assert HAND_WRITTEN.count(LAST_LINE) == HAND_WRITTEN.count('"2026-11-20T14:35:00Z"') == 1
    path = project.write(NAME, HAND_WRITTEN)
    result = project.run(
        "update", NAME.removesuffix(".md"), "-s", "monitoring", "-m", "A fix is live.\nWe are watching.",
        "--next-update", "2026-11-20T16:30", now=LATER,
    )
    assert result.exit_code == 0, result.stderr
    expected = (
        HAND_WRITTEN.replace('"2026-11-20T14:35:00Z"', '"2026-11-20T15:30:00Z"')  # its quotes and comment kept
        .replace(LAST_LINE, LAST_LINE + APPENDED)
    )
    assert path.read_text(encoding="utf-8") == expected
    project.assert_check_is_clean(LATER)


def test_resolving_a_hand_written_file_removes_only_the_next_update_line(project):
    path = project.write(NAME, HAND_WRITTEN)
    project.run("resolve", NAME, "-m", "Fixed.", now=LATER)
    expected = HAND_WRITTEN.replace('next_update: "2026-11-20T14:35:00Z"   # the promise readers see\n', "").replace(
        LAST_LINE, LAST_LINE + "  - at: 2026-11-20T14:40:00Z\n    status: resolved\n    message: Fixed.\n"
    )
    assert path.read_text(encoding="utf-8") == expected
    assert project.incident(NAME).status is IncidentStatus.RESOLVED


def test_a_new_next_update_goes_above_updates_and_the_comments_that_introduce_it(project):
    text = OPEN.replace("next_update: 2026-11-20T14:35:00Z\n", "").replace("updates:\n", "# The timeline.\nupdates:\n")
    path = project.write(OPEN_NAME, text)
    project.run("update", OPEN_NAME, "-m", "x", "--next-update", "30m", now=LATER)
    assert path.read_text(encoding="utf-8").startswith(
        "---\ntitle: Elevated error rates on the API\nimpact: major\ncomponents:\n  api: partial_outage\n"
        "next_update: 2026-11-20T15:10:00Z\n# The timeline.\nupdates:\n"
    )


def test_an_update_follows_an_indentless_list(project):
    text = OPEN.replace("  - at:", "- at:").replace("    status:", "  status:").replace("    message:", "  message:")
    path = project.write(OPEN_NAME, text)
    project.run("update", OPEN_NAME, "-c", "api=major_outage", "-m", "Worse.", now=LATER)
    assert path.read_text(encoding="utf-8").endswith(
        "  message: We are investigating.\n"
        "- at: 2026-11-20T14:40:00Z\n"
        "  status: investigating\n"
        "  components:\n"
        "    api: major_outage\n"
        "  message: Worse.\n"
        "---\n"
    )


def test_an_update_follows_a_four_space_layout(project):
    text = (
        "---\ntitle: Errors\nimpact: major\nupdates:\n"
        "    -   at: 2026-11-20T14:05:00Z\n"
        "        status: investigating\n"
        "        components:\n"
        "            api: partial_outage\n"
        "        message: |\n"
        "            We are investigating.\n"
        "---\n"
    )
    path = project.write(OPEN_NAME, text)
    project.run("update", OPEN_NAME, "-c", "api=major_outage", "-m", "Worse.\nMuch worse.", now=LATER)
    assert path.read_text(encoding="utf-8") == text.removesuffix("---\n") + (
        "    -   at: 2026-11-20T14:40:00Z\n"
        "        status: investigating\n"
        "        components:\n"
        "            api: major_outage\n"
        "        message: |\n"
        "            Worse.\n"
        "            Much worse.\n"
        "---\n"
    )


def test_an_update_goes_before_blank_lines_that_end_a_block_message(project):
    text = OPEN.replace("    message: We are investigating.\n", "    message: |\n      We are investigating.\n\n\n")
    path = project.write(OPEN_NAME, text)
    project.run("update", OPEN_NAME, "-m", "x", "--next-update", "1h", now=LATER)
    appended = "  - at: 2026-11-20T14:40:00Z\n    status: investigating\n    message: x\n"
    assert f"      We are investigating.\n{appended}\n\n---\n" in path.read_text(encoding="utf-8")


def test_an_update_goes_after_the_blank_lines_a_kept_block_owns(project):
    text = OPEN.replace("    message: We are investigating.\n", "    message: |+\n      We are investigating.\n\n")
    path = project.write(OPEN_NAME, text)
    project.run("update", OPEN_NAME, "-m", "x", "--next-update", "1h", now=LATER)
    assert project.incident(OPEN_NAME).updates[0].message == "We are investigating.\n\n"
    assert "      We are investigating.\n\n  - at: 2026-11-20T14:40:00Z\n" in path.read_text(encoding="utf-8")


def test_a_long_message_is_never_wrapped(project):
    project.write(OPEN_NAME, OPEN)
    long = "word " * 80 + "end."
    project.run("update", OPEN_NAME, "-m", long, "--next-update", "1h", now=LATER)
    assert f"    message: {long}\n" in project.text(OPEN_NAME)


def test_a_message_that_looks_like_yaml_is_quoted_and_read_back_as_typed(project):
    project.write(OPEN_NAME, OPEN)
    message = "- 50%: errors # not a comment"
    project.run("update", OPEN_NAME, "-m", message, "--next-update", "1h", now=LATER)
    assert project.incident(OPEN_NAME).updates[-1].message == message


def test_a_windows_file_keeps_its_line_endings(project):
    path = project.incidents / OPEN_NAME
    path.write_bytes(OPEN.replace("\n", "\r\n").encode())
    result = project.run("update", OPEN_NAME, "-m", "Two\nlines", "--next-update", "1h", now=LATER)
    assert result.exit_code == 0, result.stderr
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.startswith(OPEN.replace("\n", "\r\n").split("next_update")[0].encode())


def test_a_byte_order_mark_is_kept(project):
    path = project.incidents / OPEN_NAME
    path.write_bytes(("\ufeff" + OPEN).encode())
    project.run("update", OPEN_NAME, "-m", "x", "--next-update", "1h", now=LATER)
    assert path.read_bytes().startswith("\ufeff---\ntitle:".encode())


def test_a_one_line_updates_list_is_refused_rather_than_rewritten(project):
    text = (
        "---\ntitle: Errors\nimpact: major\n"
        "updates: [{at: 2026-11-20T14:05:00Z, status: investigating, message: x}]\n---\n"
    )
    path = project.write(OPEN_NAME, text)
    result = project.run("update", OPEN_NAME, "-m", "y", now=LATER)
    assert result.exit_code == 1
    refusal = "cannot edit this file safely: 'updates' is not a list written one item per line"
    assert f"incidents/{OPEN_NAME}: {refusal}" in result.stderr
    assert path.read_text(encoding="utf-8") == text


def test_an_interrupted_write_leaves_the_file_and_no_temporary_file(project, monkeypatch):
    path = project.write(NAME, HAND_WRITTEN)

    def crash(source, target):
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr(os, "replace", crash)
    result = project.run("update", NAME, "-m", "x", "--next-update", "1h", now=LATER)
    assert result.exit_code == 1
    assert "No space left on device; nothing was changed" in result.stderr
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
    assert project.files() == [NAME]


def test_an_edit_that_would_change_anything_else_is_caught_before_writing(project, monkeypatch):
    from site_builder.authoring import edit

    splice = edit.append_update
    monkeypatch.setattr(edit, "append_update", lambda text, update: splice(text, update).replace("Elevated", "Raised"))
    path = project.write(OPEN_NAME, OPEN)
    result = project.run("update", OPEN_NAME, "-m", "x", "--next-update", "1h", now=LATER)
    assert result.exit_code == 1
    assert "cannot edit this file safely: the edit would have changed more than the new update" in result.stderr
    assert path.read_text(encoding="utf-8") == OPEN


def test_a_new_next_update_never_splits_the_text_of_the_key_above_it(project):
    above = "---\nimpact: major\ntitle: |\n  Errors\n  # part of the title, not a comment\n"
    text = above + "updates:\n  - at: 2026-11-20T14:05:00Z\n    status: investigating\n    message: x\n---\n"
    path = project.write(OPEN_NAME, text)
    result = project.run("update", OPEN_NAME, "-m", "y", "--next-update", "1h", now=LATER)
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8").startswith(above + "next_update: 2026-11-20T15:40:00Z\nupdates:\n")
    assert project.incident(OPEN_NAME).title == "Errors # part of the title, not a comment"  # titles are one line
