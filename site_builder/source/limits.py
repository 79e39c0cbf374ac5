"""How much one file may ask of `balise check` and the build.

Anyone can open a pull request, and the PR check reads and builds what it contains. Past
these limits a file is refused with one line (`path:line: message`) before it can cost
minutes or gigabytes. Each limit is far above what a status page needs (the example
incidents are 1 to 3 KB, their longest message 600 characters) and far below what hurts.
"""

from __future__ import annotations

from dataclasses import dataclass

#: An incident file, read at most this far. The longest real postmortems run to tens of KB.
FILE_BYTES = 1 << 20
#: mkdocs.yml.
CONFIG_BYTES = 1 << 20

#: A title is shown in every list, feed and uptime-bar tooltip that names the incident.
TITLE_CHARACTERS = 300
#: One update's message: the news of the moment; details belong in the body.
MESSAGE_CHARACTERS = 20_000
#: The Markdown body after the front-matter: the summary and the postmortem.
BODY_CHARACTERS = 200_000


@dataclass(frozen=True)
class YamlLimits:
    """What one YAML text may ask of the reader (source/yamlread.py)."""

    #: Lists and mappings inside one another; an incident file needs 4, mkdocs.yml about 7.
    depth: int = 64
    #: Uses of an alias (`*name`); no incident file needs one.
    aliases: int = 100
    #: Characters of text (plus one per value) once every alias is expanded: about as large as a file may be.
    expanded: int = 1_000_000


YAML = YamlLimits()


@dataclass(frozen=True)
class MarkdownLimits:
    """What the Markdown of one file may cost to convert (source/markdown_cost.py).

    Python-Markdown's inline patterns are quadratic in the length of a paragraph times the
    number of characters that may start a pattern (a 14 KB paragraph of `[` took a minute)
    and cubic in a run of backticks; its block parser recurses once per level of nesting.
    """

    #: Lists and quotes inside one another (Python-Markdown crashes at about 250).
    nesting: int = 16
    #: A run of backticks: 3 opens a code fence, 1 or 2 a code span; 16 is already absurd.
    backticks: int = 16
    #: Work units (see markdown_cost.work) for the whole file: about two seconds at worst on a
    #: 2-core build machine, while a 100 KB postmortem in ordinary paragraphs costs about 3 million.
    work: int = 20_000_000


MARKDOWN = MarkdownLimits()
