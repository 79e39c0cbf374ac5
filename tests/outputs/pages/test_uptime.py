"""Uptime bars and percentages, checked against figures worked out by hand.

The project: one component in UTC, built at 2026-11-22 12:00 UTC, so the 90-day window
is 25 Aug 00:00 to 22 Nov 12:00 — 89 full days and half a day, 2,148 hours.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.site_project import Project, build, find, outage, page, words

NOW = "2026-11-22T12:00:00Z"
WINDOW_HOURS = 89 * 24 + 12


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("uptime")
    project = Project(root / "project", components=[("api", "Public API", None), ("web", "Website", None)])
    project.write_config()
    # 2 h 24 min of major outage: 10 % of 10 November.
    project.incident("2026-11-10-down.md", outage("2026-11-10T10:00:00Z", "2026-11-10T12:24:00Z", "major_outage"))
    # 10 h of partial outage count as 3 h down (the 0.3 weight): 12.5 % of 15 November.
    project.incident("2026-11-15-partial.md", outage("2026-11-15T08:00:00Z", "2026-11-15T18:00:00Z", "partial_outage"))
    # Degraded performance counts as up.
    project.incident(
        "2026-11-18-slow.md", outage("2026-11-18T02:00:00Z", "2026-11-18T04:00:00Z", "degraded_performance")
    )
    result = build(project.config, root / "site", NOW)
    assert result.exit_code == 0, result.output
    return root / "site"


def days(html: str) -> dict[str, tuple[str, str]]:
    """Each day of the first chart: its words, and its class (empty for an operational day)."""
    chart = html[html.index('class="bl-bars"') :]
    chart = chart[: chart.index("</ol>")]
    found = re.findall(r'<li tabindex="0"(?: class="([^"]*)")?><span>([^:]*): (.*?)</span>', chart)
    return {day: (re.sub(r"<[^>]+>", "", text), css) for css, day, text in found}


def test_the_window_uptime_is_computed_from_weighted_downtime(site):
    down_hours = 2.4 + 0.3 * 10
    expected = 100 * (1 - down_hours / WINDOW_HOURS)  # 99.7486…
    legend = words(find(page(site, "components/api"), "p", class_="bl-legend")[0].text)
    assert f"{int(expected * 100) / 100:.2f}% uptime" in legend
    assert "99.74% uptime" in legend  # floored, never rounded up


def test_a_day_with_a_major_outage_shows_its_uptime_and_the_incident(site):
    text, css = days(page(site, "components/api"))["Nov 10"]
    assert text == "90.00% uptime, Major outage. Outage"
    assert css == "bl-mo"


def test_partial_outage_time_counts_three_tenths(site):
    text, css = days(page(site, "components/api"))["Nov 15"]
    assert text.startswith("87.50% uptime, Partial outage.")
    assert css == "bl-po"


def test_degraded_performance_counts_as_up_but_is_shown(site):
    text, css = days(page(site, "components/api"))["Nov 18"]
    assert text.startswith("100.00% uptime, Degraded performance.")
    assert css == "bl-dg"


def test_a_quiet_day_says_there_was_no_incident(site):
    assert days(page(site, "components/api"))["Nov 11"] == ("100.00% uptime. No incidents.", "")


def test_the_chart_covers_90_days_ending_today(site):
    found = list(days(page(site, "components/api")))
    assert len(found) == 90
    assert (found[0], found[-1]) == ("Aug 25", "Nov 22")


def test_a_component_without_incidents_has_full_uptime(site):
    legend = words(find(page(site, "components/web"), "p", class_="bl-legend")[0].text)
    assert "100.00% uptime" in legend


def test_home_and_component_page_show_the_same_chart(site):
    home = page(site, "")
    component = page(site, "components/api")
    assert days(home) == days(component)


def test_a_phone_states_the_uptime_of_the_30_days_it_shows(site):
    down_hours = 2.4 + 0.3 * 10  # all of it within the last 30 days
    expected = 100 * (1 - down_hours / (29 * 24 + 12))  # 99.2372…
    html = page(site, "components/api")
    legend = html[html.index('class="bl-legend"') :]
    narrow = [words(e.text) for e in find(legend[: legend.index("</p>")], "span", class_="bl-narrow")]
    assert narrow == ["30 days ago", f"{int(expected * 100) / 100:.2f}% uptime"] == ["30 days ago", "99.23% uptime"]
