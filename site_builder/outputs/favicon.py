"""The site's icon, drawn in the colour and shape of the current status, so a browser tab says
whether things are fine. One file per indicator: its name changes with the status, so no
cache can keep showing an old one."""

from __future__ import annotations

from ..engine.status import Snapshot
from .badges import INDICATOR_COLOURS
from .output import OutputFile

#: White marks on the status colour: a tick, an exclamation mark, a cross, a wrench.
MARKS = {
    "none": "M10 17.5 5 12.5l1.6-1.6 3.4 3.4 7.4-7.4L19 8.5z",
    "minor": "M11 6h2v8h-2zm0 10h2v2h-2z",
    "major": "M11 6h2v8h-2zm0 10h2v2h-2z",
    "critical": "M16.6 8.8 13.4 12l3.2 3.2-1.4 1.4-3.2-3.2-3.2 3.2-1.4-1.4 3.2-3.2-3.2-3.2 1.4-1.4 3.2 3.2 3.2-3.2z",
    "maintenance": "M18.7 15.9 12.9 10c.5-1.4.2-3-.9-4.1-1.2-1.2-3-1.4-4.4-.8l2.6 2.6-1.8 1.8-2.7-2.6c-.7 1.4-.4 3.2.8 4.4 1.1 1.1 2.7 1.4 4.1.9l5.9 5.8c.3.3.7.3.9 0l1.3-1.3c.3-.3.3-.7 0-.8z",
}


def favicon_path(indicator: str) -> str:
    return f"assets/balise/status-{indicator}.svg"


def favicon_svg(indicator: str) -> bytes:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        f'<circle cx="12" cy="12" r="12" fill="#{INDICATOR_COLOURS[indicator]}"/>'
        f'<path fill="#fff" d="{MARKS[indicator]}"/></svg>\n'
    ).encode("ascii")


def favicon_outputs(snapshot: Snapshot) -> list[OutputFile]:
    indicator = snapshot.overall.indicator
    return [OutputFile(favicon_path(indicator), favicon_svg(indicator))]
