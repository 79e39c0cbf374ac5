"""The pages readers see, read from the example site as `balise build` publishes it.

The example (incidents/ and mkdocs.yml) at 2026-11-22 12:00 UTC has one open incident
(sign-in, auth in major outage, dashboard and mobile apps degraded), a promised update
at 12:30 UTC and a database upgrade scheduled for 26 November. The site's zone is
Europe/Paris (UTC+1 in November), so a reader without JavaScript sees UTC+1 times.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.site_project import EXAMPLE_NOW, REPO, Project, build, example_project, find, outage, page, words

from site_builder.source.config import read_config

SIGN_IN = "2026-11-22-sign-in-failures"
API_OUTAGE = "2026-08-27-api-outage"
DATABASE_UPGRADE = "2026-11-19-database-upgrade"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("example") / "site"
    result = build(REPO / "mkdocs.yml", target)
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def home(site: Path) -> str:
    return page(site, "")


def text_of(html: str, tag: str, **attrs: str) -> list[str]:
    return [words(e.text) for e in find(html, tag, **attrs)]


# --- Home: the answer at a glance -------------------------------------------------------------


def test_home_says_the_overall_status_in_words(home):
    assert text_of(home, "h1") == ["Partial System Outage"]


def test_home_overall_status_has_a_colour_class_for_its_indicator(home):
    assert find(home, "div", class_="bl-overall")[0].attrs["class"] == "bl-overall bl-ind-major"


def test_home_says_when_the_status_was_computed_in_the_sites_zone(home):
    asof = find(home, "p", class_="bl-asof")[0]
    assert words(asof.text) == "Status as of 1:00 PM UTC+1"
    assert find(home, "time", datetime=EXAMPLE_NOW)


def test_home_lists_the_active_incident_with_its_title_link(home):
    card = find(home, "article", class_="bl-card")[0]
    links = [a for a in find(home, "a") if a.attrs.get("href") == f"incidents/{SIGN_IN}/"]
    assert links and words(links[0].text) == "Customers unable to sign in to the dashboard and mobile apps"
    assert "Identified" in words(card.text)


def test_home_active_incident_shows_what_is_affected_with_its_status(home):
    card = words(find(home, "article", class_="bl-card")[0].text)
    assert "Sign-in and accounts Major outage" in card
    assert "Web dashboard Degraded performance" in card


def test_home_active_incident_shows_since_when(home):
    card = words(find(home, "article", class_="bl-card")[0].text)
    assert "Since 11:40 AM UTC+1 (1 hour ago)" in card


def test_home_active_incident_shows_only_its_latest_update(home):
    card = words(find(home, "article", class_="bl-card")[0].text)
    assert "The new certificate is in place" in card
    assert "We have found the cause" not in card


def test_home_shows_the_next_update_promise(home):
    promise = find(home, "p", class_="bl-promise")[0]
    assert words(promise.text) == "Next update by 1:30 PM UTC+1 (in 30 minutes)"
    assert 'datetime="2026-11-22T12:30:00Z"' in home


def test_a_promise_past_the_build_time_is_said_to_be_overdue(tmp_path):
    result = build(REPO / "mkdocs.yml", tmp_path / "site", "2026-11-22T13:00:00Z")
    promise = find(page(tmp_path / "site", ""), "p", class_="bl-promise")[0]
    assert words(promise.text) == "The next update was promised by 1:30 PM UTC+1 and is overdue."
    assert "bl-overdue" in promise.attrs["class"], result.output


def test_home_lists_groups_in_their_configured_order(home):
    assert re.findall(r'<li class="bl-group">\s*<h3><bdi>([^<]*)</bdi></h3>', home) == ["Platform", "Apps", "Payments"]


def test_home_lists_every_component_in_configured_order(home):
    config = read_config(REPO / "mkdocs.yml")
    rows = [words(e.text) for e in find(home, "div", class_="bl-row")]
    assert [row.split(" ")[0] for row in rows] == [c.name.split(" ")[0] for c in config.components]


def test_home_gives_each_component_its_status_now_in_words(home):
    rows = {words(e.text) for e in find(home, "div", class_="bl-row")}
    assert "Sign-in and accounts Major outage" in rows
    assert "Mobile apps Degraded performance" in rows
    assert "Public API Operational" in rows


def test_a_component_without_a_group_is_listed_after_the_groups(home):
    items = find(home, "li", class_="bl-component")
    assert words(items[-1].text).startswith("Support portal")


def test_home_lists_upcoming_maintenance(home):
    section = next(s for s in find(home, "section") if "Scheduled maintenance" in s.text)
    assert "Database upgrade for the API, dashboard and invoicing" in words(section.text)
    assert "From Nov 26, 2026, 11:00 PM UTC+1 to Nov 27, 2026, 1:00 AM UTC+1" in words(section.text)


def test_home_shows_running_maintenance_while_its_window_is_open(tmp_path):
    build(REPO / "mkdocs.yml", tmp_path / "site", "2026-11-26T22:30:00Z")
    home = page(tmp_path / "site", "")
    section = next(s for s in find(home, "section") if "Maintenance in progress" in s.text)
    assert "Database upgrade for the API, dashboard and invoicing" in words(section.text)


def test_a_cancelled_maintenance_says_so_and_never_shows_as_running(tmp_path):
    config = example_project(tmp_path, {})
    upgrade = config.parent / "incidents" / f"{DATABASE_UPGRADE}.md"
    upgrade.write_text(upgrade.read_text(encoding="utf-8").replace("kind: maintenance\n", "kind: maintenance\ncancelled: true\n", 1), encoding="utf-8")
    build(config, tmp_path / "site", "2026-11-26T22:30:00Z")
    home = page(tmp_path / "site", "")
    assert not [s for s in find(home, "section") if "Maintenance in progress" in s.text]
    assert "Cancelled" in words(page(tmp_path / "site", f"incidents/{DATABASE_UPGRADE}"))


def test_home_without_open_incidents_says_all_systems_operational(tmp_path):
    project = Project(tmp_path / "project")
    project.write_config()
    project.incident("2026-11-10-api-down.md", outage("2026-11-10T10:00:00Z", "2026-11-10T11:00:00Z", "major_outage"))
    build(project.config, tmp_path / "site")
    home = page(tmp_path / "site", "")
    assert text_of(home, "h1") == ["All Systems Operational"]
    assert not find(home, "article", class_="bl-card")


# --- Uptime bars ---------------------------------------------------------------------------------


def test_every_component_has_90_day_bars(home):
    charts = find(home, "ol", class_="bl-bars")
    assert len(charts) == 11
    assert home.count('<li tabindex="0"') == 11 * 90


def test_each_day_says_its_date_uptime_and_incidents(home):
    chart = find(home, "ol", class_="bl-bars")[0]  # Public API
    assert chart.attrs["aria-label"] == "Daily uptime of Public API"
    assert "Aug 27: 97.70% uptime, Major outage. Public API and dashboard unavailable" in words(chart.text)
    assert "Aug 28: 100.00% uptime. No incidents." in words(chart.text)


def test_a_day_with_an_outage_has_a_status_class_beside_its_words(home):
    chart = find(home, "ol", class_="bl-bars")[0]
    assert '<li tabindex="0" class="bl-mo"><span>Aug 27:' in home
    assert chart


def test_each_chart_states_the_uptime_percentage_of_the_days_it_shows(home):
    legend = home[home.index('class="bl-legend"') :]
    legend = legend[: legend.index("</p>")]
    wide = [words(e.text) for e in find(legend, "span", class_="bl-wide")]
    narrow = [words(e.text) for e in find(legend, "span", class_="bl-narrow")]
    assert wide == ["90 days ago", "99.96% uptime"]  # the 90 bars of a wide screen
    assert narrow == ["30 days ago", "99.96% uptime"]  # the 30 bars of a phone


# --- Incident page ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def incident(site: Path) -> str:
    return page(site, f"incidents/{SIGN_IN}")


def test_incident_page_has_its_title_as_heading(incident):
    assert text_of(incident, "h1") == ["Customers unable to sign in to the dashboard and mobile apps"]


def test_incident_page_shows_impact_and_current_status(incident):
    banner = words(find(incident, "p", class_="bl-banner-status")[0].text)
    assert banner == "Identified Impact: Major"


def test_incident_page_lists_affected_components_with_links(incident):
    links = {a.attrs["href"]: words(a.text) for a in find(incident, "a") if "components/" in a.attrs.get("href", "")}
    assert links == {
        "../../components/auth/": "Sign-in and accounts",
        "../../components/dashboard/": "Web dashboard",
        "../../components/mobile-apps/": "Mobile apps",
    }


def facts(html: str) -> dict[str, str]:
    """The incident's facts list as {term: description}."""
    terms = [words(e.text) for e in find(html, "dt")]
    return dict(zip(terms, [words(e.text) for e in find(html, "dd")], strict=True))


def test_incident_page_shows_start_and_duration_so_far(incident):
    assert facts(incident)["Started"] == "Nov 22, 2026, 11:40 AM UTC+1 (1 hour ago)"
    assert facts(incident)["Duration"] == "Ongoing: 1 hr 20 min so far"


def test_incident_timeline_is_newest_first(incident):
    timeline = find(incident, "ol", class_="bl-timeline")[0]
    stamps = re.findall(r'datetime="([^"]+)"', incident[incident.index('class="bl-timeline"') :])
    assert stamps == ["2026-11-22T11:35:00Z", "2026-11-22T11:05:00Z", "2026-11-22T10:40:00Z"]
    assert timeline


def test_incident_timeline_labels_each_update(incident):
    labels = [words(h.text) for h in find(incident, "h3")]
    assert labels == ["Update", "Identified", "Investigating"]


def test_incident_timeline_shows_each_message(incident):
    timeline = words(find(incident, "ol", class_="bl-timeline")[0].text)
    assert (
        timeline.index("The new certificate")
        < timeline.index("We have found the cause")
        < timeline.index("Since 10:25 UTC")
    )


def test_resolved_incident_shows_its_duration_and_postmortem(site):
    html = page(site, f"incidents/{API_OUTAGE}")
    assert facts(html)["Duration"] == "57 min (resolved Aug 27, 2026, 7:05 PM UTC+2)"
    body = words(find(html, "section", class_="bl-body")[0].text)
    assert body.startswith("Details Summary Between 16:02 and 16:41 UTC")


def test_maintenance_page_shows_its_window(site):
    html = page(site, f"incidents/{DATABASE_UPGRADE}")
    assert facts(html)["Scheduled"] == "From Nov 26, 2026, 11:00 PM UTC+1 to Nov 27, 2026, 1:00 AM UTC+1"


def test_a_root_relative_link_in_an_incident_body_is_made_relative(tmp_path):
    project = Project(tmp_path / "project")
    project.write_config()
    text = outage("2026-11-10T10:00:00Z", "2026-11-10T11:00:00Z", "major_outage")
    project.incident(
        "2026-11-10-api-down.md", text + "See the [calendar](/maintenance.ics) and [api](//cdn.example/x).\n"
    )
    build(project.config, tmp_path / "site")
    html = page(tmp_path / "site", "incidents/2026-11-10-api-down")
    hrefs = [a.attrs["href"] for a in find(html, "a", rel="nofollow noopener noreferrer")]
    assert hrefs == ["../../maintenance.ics", "//cdn.example/x"]


def test_prose_that_shows_a_root_relative_link_is_left_as_written(tmp_path):
    # The rebasing regex rewrote `href="/…"` wherever it appeared, code samples included.
    project = Project(tmp_path / "project")
    project.write_config()
    text = outage("2026-11-10T10:00:00Z", "2026-11-10T11:00:00Z", "major_outage")
    sample = 'Embed `<a href="/api/v2/status.json">status</a>` in your page, or read [the API](/api/v2/summary.json).'
    project.incident("2026-11-10-api-down.md", text + sample + "\n")
    build(project.config, tmp_path / "site")
    html = page(tmp_path / "site", "incidents/2026-11-10-api-down")
    assert [words(code.text) for code in find(html, "code")] == ['<a href="/api/v2/status.json">status</a>']
    assert [a.attrs["href"] for a in find(html, "a", rel="nofollow noopener noreferrer")] == ["../../api/v2/summary.json"]


# --- History and component pages -------------------------------------------------------------


def test_history_lists_every_incident_and_maintenance(site):
    html = page(site, "history")
    linked = {a.attrs["href"] for a in find(html, "a") if a.attrs.get("href", "").startswith("../incidents/")}
    assert linked == {f"../incidents/{p.stem}/" for p in (REPO / "incidents").glob("2026-*.md")}


def test_history_groups_incidents_by_month_newest_first(site):
    months = text_of(page(site, "history"), "h2")
    assert months[:5] == ["November 2026", "October 2026", "September 2026", "August 2026", "July 2026"]


def test_history_starts_at_the_month_of_the_first_incident(site):
    assert text_of(page(site, "history"), "h2")[-1] == "July 2026"


def test_each_year_has_its_own_history_page(site):
    html = page(site, "history/2026")
    assert text_of(html, "h1") == ["History 2026"]


def test_older_years_get_their_own_page_linked_from_history(tmp_path):
    config = example_project(tmp_path)
    (config.parent / "incidents" / "2025-03-02-old-outage.md").write_text(
        "---\ntitle: An old outage\nimpact: minor\ncomponents: {api: partial_outage}\nupdates:\n"
        "  - at: 2025-03-02T10:00:00Z\n    status: resolved\n    message: Done.\n---\n",
        encoding="utf-8",
    )
    build(config, tmp_path / "site")
    years = {a.attrs["href"] for a in find(page(tmp_path / "site", "history"), "a") if "20" in a.attrs.get("href", "")}
    assert {"2026/", "2025/"} <= years
    assert "An old outage" in page(tmp_path / "site", "history/2025")
    assert "An old outage" not in page(tmp_path / "site", "history")


def test_every_configured_component_has_a_page(site):
    config = read_config(REPO / "mkdocs.yml")
    for component in config.components:
        assert text_of(page(site, f"components/{component.id}"), "h1") == [component.name]


def test_component_page_shows_status_bars_and_its_incidents(site):
    html = page(site, "components/auth")
    assert words(find(html, "p", class_="bl-meta")[0].text) == "Major outage"
    assert len(find(html, "ol", class_="bl-bars")) == 1
    listed = [words(a.text) for a in find(html, "a") if a.attrs.get("href", "").startswith("../../incidents/")]
    listed = [words(li.text).split(" Impact:")[0] for li in find(html, "li", class_="bl-item")]
    assert listed == [
        "Customers unable to sign in to the dashboard and mobile apps",
        "Two-step verification codes by text message delayed",
    ]


# --- Navigation and links --------------------------------------------------------------------------


def test_incident_pages_are_not_in_the_navigation(home):
    nav = home[home.index('class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "incidents/" not in nav
    assert "history/" in nav


def test_under_a_sub_path_no_link_starts_with_a_slash(tmp_path):
    config = example_project(
        tmp_path, {"site_url: https://status.northwind.example/": "site_url: https://example.org/status/"}
    )
    build(config, tmp_path / "site")
    for html_file in (tmp_path / "site").rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        # The 404 page is served at any URL, so MkDocs anchors its links to site_url's path.
        allowed = "/status/" if html_file.name == "404.html" else "http"
        for element in find(html, "a") + find(html, "link") + find(html, "script") + find(html, "img"):
            for name in ("href", "src"):
                value = element.attrs.get(name, "x")
                assert not value.startswith("/") or value.startswith(allowed), (html_file, element.attrs)


def test_every_relative_link_reaches_a_built_file(site):
    for html_file in site.rglob("index.html"):
        here = html_file.parent
        for element in find(html_file.read_text(encoding="utf-8"), "a") + find(html_file.read_text(), "link"):
            href = element.attrs.get("href", "")
            if not href or ":" in href or href.startswith("#"):
                continue
            target = (here / href.split("#")[0]).resolve()
            assert target.is_file() or (target / "index.html").is_file(), (html_file, href)


# --- What a customer needs mid-outage -----------------------------------------------------------


def test_home_sections_come_in_the_order_a_reader_needs_them(home):
    order = [home.index(f'id="{anchor}"') for anchor in ("bl-active", "bl-upcoming", "bl-components", "bl-past", "bl-more")]
    assert order == sorted(order)
    assert home.index('class="bl-overall') < home.index('class="bl-support"') < order[0]


def test_home_lists_the_last_15_days_with_their_incidents_or_none(home):
    past = home[home.index('id="bl-past"') : home.index('id="bl-more"')]
    days = re.findall(r'<h3 class="bl-day"><time datetime="([^"]+)">', past)
    assert len(days) == 15 and days[0] == "2026-11-22" and days[-1] == "2026-11-08"
    day = past[past.index('datetime="2026-11-21"') : past.index('datetime="2026-11-20"')]
    assert "Receipts and reminder emails delayed" in day and "Resolved" in day
    empty = past[past.index('datetime="2026-11-20"') : past.index('datetime="2026-11-19"')]
    assert "No incidents reported." in empty


def test_cards_are_coloured_by_the_severity_of_their_impact(home, site):
    assert find(home, "article", class_="bl-sev-major")  # the sign-in incident
    assert find(home, "article", class_="bl-sev-maintenance")
    history = page(site, "history")
    assert find(history, "li", class_="bl-sev-critical") and find(history, "li", class_="bl-sev-minor")


def test_a_scheduled_maintenance_says_when_it_starts_and_what_it_affects(home):
    card = find(home, "article", class_="bl-sev-maintenance")[0]
    text = words(card.text)
    assert "Scheduled" in text and "Starts in 4 days" in text
    assert "From Nov 26, 2026, 11:00 PM UTC+1 to Nov 27, 2026, 1:00 AM UTC+1" in text
    assert "Public API" in text and "Invoicing" in text


def test_an_incident_page_opens_with_a_banner_in_the_colour_of_its_state(site, incident):
    assert find(incident, "div", class_="bl-state-major")
    resolved = page(site, "incidents/2026-11-03-card-payments-failing")
    assert find(resolved, "div", class_="bl-state-resolved")


def test_a_postmortem_is_linked_at_the_top_and_marked_in_lists(site):
    html = page(site, "incidents/2026-11-03-card-payments-failing")
    assert find(html, "a", href="#bl-postmortem")
    assert html.index('href="#bl-postmortem"') < html.index('id="bl-postmortem"')
    history = page(site, "history")
    marked = [words(li.text) for li in find(history, "li", class_="bl-item") if "Postmortem" in words(li.text)]
    assert len(marked) == 1 and marked[0].startswith(words(find(html, "h1")[0].text))


def test_incidents_in_a_days_popover_are_links(site):
    html = page(site, "components/auth")
    chart = html[html.index('class="bl-bars"') : html.index("</ol>")]
    assert f'<a href="../../incidents/{SIGN_IN}/" tabindex="-1">' in chart


def test_every_title_and_name_from_a_file_is_isolated_from_the_text_around_it(tmp_path):
    # A right-to-left override left open in a title reversed the rest of its line (test_browser.py shows it).
    title, name = "Outage \u202egnp.exe", "API \u202eevil"
    project = Project(tmp_path / "project", components=[("api", name, "core")], groups=[("core", "Core \u202ex")])
    project.write_config()
    project.incident("2026-11-20-rlo.md", outage("2026-11-20T10:00:00Z", None, "major_outage", title=title))
    assert build(project.config, tmp_path / "site", "2026-11-20T12:00:00Z").exit_code == 0
    for path in ("", "history/", "components/api/", "incidents/2026-11-20-rlo/"):
        html = page(tmp_path / "site", path)
        content = html[html.index('<article class="md-content__inner') :]
        for text in (title, name, "Core \u202ex"):
            shown = content.count(text)
            assert content.count(f"<bdi>{text}</bdi>") == shown, (path, text)
        assert "\u202e" not in re.sub(r"<bdi>[^<]*</bdi>", "", content), path
