"""Reads one incident file into its front-matter (with lines) and its Markdown body."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .limits import FILE_BYTES
from .problems import BaliseError, Problem
from .text import TextError, clean
from .yamlread import YamlSyntaxError, load_untrusted

FENCE = "---"
_CLOSING_FENCES = ("---", "...")


@dataclass(frozen=True)
class Source:
    """A file split into parts; `offset` turns a 0-based YAML line into a file line."""

    path: Path
    shown: str
    front_matter: dict[Any, Any]
    offset: int
    body: str
    body_line: int

    @property
    def id(self) -> str:
        return self.path.name.removesuffix(".md")


def read_limited(path: Path, shown: str, limit: int = FILE_BYTES) -> bytes:
    """A file's bytes, refused past `limit` without reading further (OSError if it cannot be read).

    Unbuffered, in as few calls as the file's size allows: a build reads 10,000 of them.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        chunks = []
        total = 0
        want = min(os.fstat(descriptor).st_size, limit) + 1  # one more: a file that grew is still refused
        while total <= limit:
            chunk = os.read(descriptor, want)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = limit + 1 - total
    finally:
        os.close(descriptor)
    data = chunks[0] if len(chunks) == 1 else b"".join(chunks)  # one chunk: no copy
    if len(data) > limit:
        raise BaliseError(
            [Problem(shown, 1, f"the file is larger than {limit:,} bytes; move long material to a page it links to")]
        )
    return data


def decode(data: bytes, shown: str) -> str:
    if not data.strip():
        raise BaliseError([Problem(shown, 1, "empty file: an incident file starts with '---' front-matter")])
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = data[error.start : error.start + 1].hex()
        raise BaliseError([Problem(shown, line, f"not valid UTF-8 (byte 0x{bad}); save the file as UTF-8")]) from None


def read_source(path: Path, data: bytes, shown: str) -> Source:
    """Split and parse a file's bytes; raises BaliseError with every problem found."""
    # Only "\n" ends a line, as in editors and in GitHub's annotations.
    lines = [line for line in re.split(r"(?<=\n)", decode(data, shown)) if line]
    if lines[0].strip() != FENCE:
        if "\r" in lines[0].rstrip("\r\n"):  # "---\rtitle: …": old Mac line endings, one long line for us
            message = "lines end in bare carriage returns (old Mac line endings); save the file with LF line endings"
            raise BaliseError([Problem(shown, 1, message)])
        raise BaliseError([Problem(shown, 1, "missing front-matter: the file must start with a line '---'")])
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _CLOSING_FENCES), None)
    if closing is None:
        raise BaliseError(
            [Problem(shown, 1, "front-matter is not terminated: add a line '---' after the last key")]
        )
    offset = 2  # the YAML text starts on the file's second line
    try:
        document = load_untrusted("".join(lines[1:closing]))
    except YamlSyntaxError as error:
        raise BaliseError([Problem(shown, min(error.line + offset, closing + 1), error.message)]) from None
    if document is None:
        raise BaliseError([Problem(shown, 1, "front-matter is empty: it needs at least 'title' and 'updates'")])
    if not isinstance(document, dict):
        raise BaliseError([Problem(shown, offset, "front-matter must be a mapping of keys (title, impact, updates…)")])
    body_line = closing + 2
    try:
        body = clean("".join(lines[closing + 1 :]))
    except TextError as error:
        line = body_line + "".join(lines[closing + 1 :])[: error.index].count("\n")
        raise BaliseError([Problem(shown, line, error.message)]) from None
    return Source(path=path, shown=shown, front_matter=document, offset=offset, body=body, body_line=body_line)
