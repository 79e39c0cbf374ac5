"""Status badges: the SVG people embed and the shields.io endpoint JSON."""

from __future__ import annotations

import functools
import json
import xml.etree.ElementTree as ET

import pytest
from support.machine_site import EXAMPLE_NOW, Comp, Site, U, config_text, example_snapshot, incident_text, outputs

from site_builder.outputs.badges import (
    INDICATOR_COLOURS,
    LABEL_BACKGROUND,
    STATUS_COLOURS,
    Badge,
    badge_svg,
    text_width,
)

SVG = "{http://www.w3.org/2000/svg}"


@functools.cache
def example_files() -> dict[str, bytes]:
    return outputs(example_snapshot())


def svg(content: bytes) -> ET.Element:
    return ET.fromstring(content)


def texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def test_site_badge_says_the_overall_status_in_words():
    root = svg(example_files()["badge.svg"])
    assert texts(root) == ["status", "Partial System Outage"]


def test_badge_has_an_accessible_name_and_title():
    root = svg(example_files()["badge.svg"])
    assert root.get("role") == "img"
    assert root.get("aria-label") == "status: Partial System Outage"
    assert root.findtext(f"{SVG}title") == "status: Partial System Outage"


def test_badge_colour_follows_the_indicator():
    root = svg(example_files()["badge.svg"])
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    assert fills == [f"#{LABEL_BACKGROUND}", f"#{INDICATOR_COLOURS['major']}"]


def test_shields_endpoint_json_follows_the_schema():
    assert json.loads(example_files()["api/badge.json"]) == {
        "schemaVersion": 1,
        "label": "status",
        "message": "Partial System Outage",
        "color": INDICATOR_COLOURS["major"],
        "cacheSeconds": 300,  # shields.io's minimum: the status can change any minute
    }


def test_every_component_has_an_svg_and_a_json_badge():
    files = example_files()
    for component in ("api", "auth", "support-portal"):
        assert f"components/{component}/badge.svg" in files
        assert f"components/{component}/badge.json" in files


def test_component_badge_names_the_component_and_its_status():
    root = svg(example_files()["components/auth/badge.svg"])
    assert texts(root) == ["Sign-in and accounts", "Major outage"]
    assert json.loads(example_files()["components/auth/badge.json"])["color"] == STATUS_COLOURS["major_outage"]


def test_operational_component_badge_is_green_and_says_so():
    badge = json.loads(example_files()["components/api/badge.json"])
    assert (badge["label"], badge["message"], badge["color"]) == (
        "Public API",
        "Operational",
        STATUS_COLOURS["operational"],
    )


def test_all_clear_badge_says_all_systems_operational(tmp_path):
    files = Site.create(tmp_path).outputs(EXAMPLE_NOW)
    assert texts(svg(files["badge.svg"])) == ["status", "All Systems Operational"]


def relative_luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@pytest.mark.parametrize("colour", sorted({LABEL_BACKGROUND, *INDICATOR_COLOURS.values(), *STATUS_COLOURS.values()}))
def test_white_text_on_every_badge_colour_meets_wcag_aa_contrast(colour):
    assert (1.0 + 0.05) / (relative_luminance(colour) + 0.05) >= 4.5


def test_each_status_has_its_own_colour():
    assert len(set(STATUS_COLOURS.values())) == len(STATUS_COLOURS)


def test_longer_text_makes_a_wider_badge():
    short = svg(badge_svg(Badge("status", "Operational", "2e7d32")))
    long = svg(badge_svg(Badge("status", "Major System Outage", "b91c1c")))
    assert int(long.get("width")) > int(short.get("width"))


def test_wide_characters_count_wider_than_latin_letters():
    assert text_width("状態") > text_width("ab")


def test_hostile_component_name_stays_text_in_the_svg(tmp_path):
    name = '</text><script>alert(1)</script> "A&B" <b>'
    site = Site.create(tmp_path, config_text(groups=(), components=(Comp("api", name),)))
    content = site.outputs(EXAMPLE_NOW)["components/api/badge.svg"]
    root = svg(content)
    assert [e.tag for e in root.iter() if "script" in e.tag] == []
    assert texts(root)[0] == name
    assert root.get("aria-label") == f"{name}: Operational"
    assert b"<script>" not in content


def test_a_degraded_component_badge_updates_with_an_incident(tmp_path):
    site = Site.create(tmp_path)
    site.add(
        "2026-11-20-api.md",
        incident_text("API slow", [U("2026-11-20T14:00:00Z", "investigating")], {"api": "degraded_performance"}),
    )
    files = site.outputs(EXAMPLE_NOW)
    assert texts(svg(files["components/api/badge.svg"])) == ["API", "Degraded performance"]
    assert json.loads(files["api/badge.json"])["message"] == "Partially Degraded Service"
