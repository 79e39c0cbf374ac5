"""What `balise check` echoes from files and file names reaches the terminal and the workflow log inert.

A key or file name may hold an escape sequence (ESC [ 2 J clears a screen; GitHub's log
renders colour codes) or a newline followed by `::error::`, which the Actions runner reads
as a command of its own. Every echoed value is printed with such characters spelled out
(`\\x1b`, `\\n`), in every format.
"""

from __future__ import annotations

import json
import os

import pytest
from support.checked_project import VALID, project  # noqa: F401
from support.hostile import balise

NOW = "2026-11-20T16:00:00Z"
UNSAFE = [chr(c) for c in (*range(0x00, 0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0))] + ["\u202e", "\u2066"]


def check(project, fmt: str):
    result = balise("check", "--now", NOW, "--format", fmt, cwd=project.root)
    assert not result.crashed, result.stderr
    return result


def assert_inert(output: str) -> None:
    assert not any(c in output.replace("\n", "") for c in UNSAFE), ascii(output)


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_a_newline_in_an_echoed_key_cannot_start_a_line_of_its_own(project, fmt):
    project.write("2026-11-20-api-errors.md", VALID.replace("impact: major", 'impact: major\n"x\\n::error file=a.md,line=1::forged": 1'))
    result = check(project, fmt)
    assert result.returncode == 1
    assert not any(line.lstrip(' "').startswith("::error file=a.md") for line in result.stdout.splitlines())
    assert_inert(result.stdout)


def test_the_text_format_spells_the_newline_out(project):
    project.write("2026-11-20-api-errors.md", VALID.replace("impact: major", 'impact: major\n"x\\n::error::forged": 1'))
    (line,) = check(project, "text").stdout.splitlines()
    assert line.startswith("incidents/2026-11-20-api-errors.md:4: unknown key 'x\\n::error::forged' (known keys: ")


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_escape_sequences_in_a_file_name_are_spelled_out(project, fmt):
    name = "2026-11-20-\x1b[2J\x9b31m\u202e\n::error::x.md"
    project.write(name, VALID)
    result = check(project, fmt)
    assert result.returncode == 1
    assert_inert(result.stdout)
    assert_inert(result.stderr)
    spelled = "2026-11-20-\\x1b[2J\\x9b31m\\u202e\\n"
    assert spelled in (result.stdout if fmt != "json" else result.stdout.replace("\\\\", "\\"))
    if fmt == "json":
        (problem,) = json.loads(result.stdout)["problems"]
        assert problem["path"] == "incidents/2026-11-20-\\x1b[2J\\x9b31m\\u202e\\n::error::x.md"


def test_a_file_name_that_is_not_utf8_is_reported_not_a_crash(project):
    # os gives such a name as a lone surrogate, which printing to a UTF-8 terminal crashed on.
    os.close(os.open(os.fsencode(project.incidents) + b"/2026-11-20-\xff.md", os.O_CREAT | os.O_WRONLY))
    result = check(project, "text")
    assert result.returncode == 1
    assert result.stdout.startswith("incidents/2026-11-20-\\udcff.md:1: ")
