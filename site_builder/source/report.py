"""Renders problems for people (text), for GitHub pull requests (workflow commands) and for tools (JSON)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum

from .problems import Problem


class Format(StrEnum):
    TEXT = "text"
    GITHUB = "github"
    JSON = "json"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """A workflow command, so the problem shows on the pull request's diff at its line."""
    return (
        f"::{problem.severity.value} file={_escape_property(problem.path)},line={problem.line},"
        f"title={_escape_property('balise check')}::{_escape_data(problem.message)}"
    )


def render(problems: Sequence[Problem], fmt: Format, files: int) -> str:
    if fmt is Format.JSON:
        errors = sum(p.is_error for p in problems)
        document = {
            "files": files,
            "errors": errors,
            "warnings": len(problems) - errors,
            "problems": [
                {"path": p.path, "line": p.line, "severity": p.severity.value, "message": p.message} for p in problems
            ],
        }
        return json.dumps(document, indent=2, ensure_ascii=False)
    if fmt is Format.GITHUB:
        return "\n".join(github_annotation(p) for p in problems)
    return "\n".join(str(p) for p in problems)


def summary(problems: Sequence[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"


def github_file_warning(path: str, title: str, message: str) -> str:
    """A warning annotation on a whole file (no line), escaped like every other workflow command."""
    return f"::warning file={_escape_property(path)},title={_escape_property(title)}::{_escape_data(message)}"
