"""Status badges: an SVG to embed in a README or a wiki, and shields.io endpoint JSON.

The words carry the status ("Major outage"), so the badge reads the same without colour;
the colours keep at least 4.5:1 contrast with the white text (WCAG AA). Text is escaped and
measured without fonts, so the file is the same on every machine.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..engine.status import Snapshot
from ..model.vocabulary import ComponentStatus
from .i18n import translations
from .labels import BADGE_LABEL, component_status_label
from .output import OutputFile
from .urls import component_path
from .bidi import without_controls as without_bidi_controls
from .xmltext import xml_safe

GREEN, YELLOW, ORANGE, RED, BLUE = "2e7d32", "a16207", "c2410c", "b91c1c", "1d4ed8"
LABEL_BACKGROUND = "555555"

#: Page indicator → colour (Statuspage's none, minor, major, critical, maintenance).
INDICATOR_COLOURS = {"none": GREEN, "minor": YELLOW, "major": ORANGE, "critical": RED, "maintenance": BLUE}
STATUS_COLOURS = {
    ComponentStatus.OPERATIONAL: GREEN,
    ComponentStatus.DEGRADED_PERFORMANCE: YELLOW,
    ComponentStatus.PARTIAL_OUTAGE: ORANGE,
    ComponentStatus.MAJOR_OUTAGE: RED,
    ComponentStatus.UNDER_MAINTENANCE: BLUE,
}

#: How long shields.io may cache the endpoint JSON: its minimum, as the status can change any minute.
CACHE_SECONDS = 300
HEIGHT = 20
PADDING = 6  # each side of each half
FONT_SIZE = 11


@dataclass(frozen=True)
class Badge:
    label: str
    message: str
    colour: str  # six hex digits, no "#": the form both SVG (with "#") and shields accept

    @property
    def text(self) -> str:
        """What a screen reader says: the same words a sighted reader sees."""
        return f"{self.label}: {self.message}"


def badge_outputs(snapshot: Snapshot) -> list[OutputFile]:
    overall = snapshot.overall
    # In the site's language, like the page the badge links to.
    gettext = translations(snapshot.config.language).gettext
    badges = {"": Badge(gettext(BADGE_LABEL), gettext(overall.description), INDICATOR_COLOURS[overall.indicator])}
    for component in snapshot.config.components:
        status = snapshot.component_status[component.id]
        badges[component_path(component.id)] = Badge(
            component.name, component_status_label(status, gettext), STATUS_COLOURS[status]
        )
    files = []
    for directory, badge in badges.items():
        files.append(OutputFile(directory + "badge.svg", badge_svg(badge)))
        # The site-wide JSON sits with the API (api/badge.json); a component's beside its SVG.
        files.append(OutputFile((directory or "api/") + "badge.json", shields_json(badge)))
    return files


def shields_json(badge: Badge) -> bytes:
    """shields.io's endpoint schema: https://img.shields.io/endpoint?url=<this file's URL>."""
    document = {
        "schemaVersion": 1,
        "label": badge.label,
        "message": badge.message,
        "color": badge.colour,
        "cacheSeconds": CACHE_SECONDS,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def text_width(text: str) -> int:
    """An estimate of the text's width in pixels at 11px Verdana, without font files.

    Rendered text is squeezed or stretched to this width (textLength), so the estimate
    only has to be close, and the same everywhere.
    """
    width = 0.0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        if unicodedata.east_asian_width(char) in ("W", "F"):
            width += 11.0
        elif char in "fijlrtI.,:;'!|() ":
            width += 4.0
        elif char in "mwMW@%":
            width += 10.0
        elif char.isupper() or char.isdigit():
            width += 7.5
        else:
            width += 6.8
    return max(1, round(width))


def badge_svg(badge: Badge) -> bytes:
    label, message = (xml_safe(without_bidi_controls(text)) for text in (badge.label, badge.message))
    label_text, message_text = text_width(label), text_width(message)
    label_width = label_text + 2 * PADDING
    message_width = message_text + 2 * PADDING
    width = label_width + message_width
    spoken = xml_safe(without_bidi_controls(badge.text))
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
        f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label={_attribute(spoken)}>'
        f"<title>{escape(spoken)}</title>"
        f'<rect width="{label_width}" height="{HEIGHT}" fill="#{LABEL_BACKGROUND}"/>'
        f'<rect x="{label_width}" width="{message_width}" height="{HEIGHT}" fill="#{badge.colour}"/>'
        f'<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" '
        f'font-size="{FONT_SIZE}" aria-hidden="true">'
        f'<text x="{label_width / 2:g}" y="14" textLength="{label_text}" lengthAdjust="spacingAndGlyphs">'
        f"{escape(label)}</text>"
        f'<text x="{label_width + message_width / 2:g}" y="14" textLength="{message_text}" '
        f'lengthAdjust="spacingAndGlyphs">{escape(message)}</text>'
        "</g></svg>\n"
    )
    return svg.encode("utf-8")


def _attribute(value: str) -> str:
    """A double-quoted XML attribute value."""
    return '"' + escape(value, {'"': "&quot;"}) + '"'
