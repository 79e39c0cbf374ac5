"""What converting a piece of Markdown will cost, known before converting it.

`balise check` does not convert Markdown (the build does, several hundred times per second),
yet it must refuse what the build cannot convert in reasonable time, or at all. Python-Markdown
is the reference: its inline patterns search a paragraph once per character that may start
one (`[`, `` ` ``, `*`…) and each search may read to the paragraph's end; a run of backticks
costs the square of its length more; an unclosed code fence is searched to the end of the
text; and its block parser recurses once per level of nested lists and quotes. So the cost of
a text is estimated from those shapes, in linear time, and measured against limits.MARKDOWN.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

from .limits import MARKDOWN, MarkdownLimits

#: Characters that may start one of Python-Markdown's inline patterns.
_TRIGGERS = re.compile(r"[`\[\]*_<&\\!]")
_BACKTICKS = re.compile(r"`+")
#: Lines after which Python-Markdown's block processors split a block and search the rest again:
#: headings (`# x`, or a line of `=` or `-` under one), rules, table rows; and a line ending in
#: two spaces, a line break for the inline patterns.
_SPLITS_A_BLOCK = re.compile(r"^[ ]{0,3}#|^[ ]{0,3}[-=*_ ]{3,}$|^[ ]{0,3}[=-]+[ ]*$|\||  $")
#: The fences fenced_code reads: at the start of a line, three or more backticks or tildes,
#: then at most a language. Fences with `{attributes}` are not recognised here, so their code
#: is counted as text: an overestimate, never an underestimate.
_FENCE = re.compile(r"^(`{3,}|~{3,})[ ]*\.?[\w#.+-]*[ ]*$")
_CONTAINER = re.compile(r"(?:>|[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")


@dataclass(frozen=True)
class Cost:
    work: int  # about one unit per character a pattern search reads
    nesting: int  # lists and quotes inside one another, at the deepest line
    nesting_line: int  # 0-based line of that deepest line
    backtick_run: int  # the longest run of backticks
    backtick_line: int


def _nesting(line: str) -> int:
    expanded = line.expandtabs(4)
    stripped = expanded.lstrip(" ")
    depth = (len(expanded) - len(stripped)) // 4
    while match := _CONTAINER.match(stripped):
        depth += 1
        stripped = stripped[match.end() :]
    return depth


def _closing_fences(lines: list[str]) -> dict[str, list[int]]:
    """For each fence text, the lines that would close it (the fence alone, then spaces)."""
    found: dict[str, list[int]] = defaultdict(list)
    for number, line in enumerate(lines):
        bare = line.rstrip(" ")
        if bare and bare[0] in "`~" and _FENCE.match(bare) and len(set(bare)) == 1:
            found[bare].append(number)
    return found


def cost(text: str) -> Cost:
    lines = text.split("\n")
    closings = _closing_fences(lines)
    work = unclosed = 0
    block_length = block_triggers = 0
    deepest = (0, 0)
    longest = (0, 0)

    def end_block() -> None:
        nonlocal work, block_length, block_triggers
        work += block_length * block_triggers
        block_length = block_triggers = 0

    number = 0
    while number < len(lines):
        line = lines[number]
        fence = _FENCE.match(line)
        if fence:
            ends = closings.get(fence.group(1), [])
            after = bisect.bisect_right(ends, number)
            if after < len(ends):  # a code block: stashed whole, never searched by inline patterns
                end_block()
                number = ends[after] + 1
                continue
            unclosed += 1
        if not line.strip():
            end_block()
        else:
            block_length += len(line) + 1
            block_triggers += len(_TRIGGERS.findall(line)) + bool(_SPLITS_A_BLOCK.search(line))
            deepest = max(deepest, (_nesting(line), -number))
            for run in _BACKTICKS.finditer(line):
                longest = max(longest, (len(run.group()), -number))
        number += 1
    end_block()
    work += unclosed * len(text)
    return Cost(work, deepest[0], -deepest[1], longest[0], -longest[1])


def problem(found: Cost, limits: MarkdownLimits = MARKDOWN) -> tuple[int, str] | None:
    """The shape that makes a text unconvertible, with its 0-based line, or None."""
    if found.nesting > limits.nesting:
        return found.nesting_line, (
            f"lists and quotes are nested {found.nesting} levels deep in the Markdown; the limit is {limits.nesting}"
        )
    if found.backtick_run > limits.backticks:
        return found.backtick_line, (
            f"a run of {found.backtick_run} backticks in the Markdown; the limit is {limits.backticks}"
        )
    return None


def over_budget(work: int, limits: MarkdownLimits = MARKDOWN) -> str | None:
    """Why one file's Markdown, costing `work` units in all, would take too long to convert; None within the limit."""
    if work <= limits.work:
        return None
    return (
        f"this Markdown would take too long to convert (cost {work:,}, limit {limits.work:,}): "
        "long paragraphs full of [ ] ` * _ < & \\ ! or headings; split them with blank lines"
    )
