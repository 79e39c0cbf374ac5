"""Every page of the site as data: the home page, one per incident, per component, per year of history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from ...engine.forking import parallel_map
from ...engine.recency import latest_change_at
from ...engine.status import Snapshot
from ...model import Component, ComponentGroup, Incident
from ..i18n import Localizer
from ..labels import component_status_label, impact_label
from ..markup import Converter, plain_text
from ..urls import HISTORY, HOME, component_path, incident_path
from .chrome import site_description
from .facts import placed_at
from .render import Renderer
from .site_page import SitePage


def year_path(year: int) -> str:
    return f"{HISTORY}{year}/"


@dataclass(frozen=True)
class LayoutEntry:
    """A group with its components, or (group None) one component shown on its own."""

    group: ComponentGroup | None
    components: tuple[Component, ...]


def layout(groups: tuple[ComponentGroup, ...], components: tuple[Component, ...]) -> list[LayoutEntry]:
    """Groups in their listed order with their components, then the components of no group, each on its own."""
    ordered = sorted(components, key=lambda c: c.position)
    entries = [
        LayoutEntry(group, members)
        for group in sorted(groups, key=lambda g: g.position)
        if (members := tuple(c for c in ordered if c.group == group.id))
    ]
    known = {g.id for g in groups}
    entries.extend(LayoutEntry(None, (c,)) for c in ordered if c.group not in known)
    return entries


def build_pages(
    snapshot: Snapshot, localizer: Localizer, workers: int = 1, converter: Converter | None = None
) -> list[SitePage]:
    """Every page, rendered by `workers` processes: at 10,000 incidents this is CPU-bound work.

    With one worker, `converter` keeps what it converted for the feeds (see markup.Converter).
    """
    renderer = Renderer(snapshot, localizer, converter or Converter())
    jobs: list[Callable[[], SitePage | list[SitePage]]] = [
        partial(home_page, renderer),
        partial(history_pages, renderer),
        *(partial(component_page, renderer, component) for component in snapshot.config.components),
        *(partial(incident_page, renderer, incident) for incident in snapshot.incidents),
    ]
    pages: list[SitePage] = []
    for done in parallel_map(_run, jobs, workers):
        pages.extend(done if isinstance(done, list) else [done])
    return pages


def _run(job: Callable[[], SitePage | list[SitePage]]) -> SitePage | list[SitePage]:
    return job()


def home_page(renderer: Renderer) -> SitePage:
    snapshot = renderer.snapshot
    html = renderer.render(
        "home.html",
        HOME,
        overall=snapshot.overall,
        active=sorted(snapshot.active_incidents, key=lambda i: (i.started_at, i.id), reverse=True),
        running=snapshot.active_maintenances,
        upcoming=snapshot.upcoming_maintenances,
        layout=layout(snapshot.config.groups, snapshot.config.components),
        status_now=snapshot.component_status,
        recent_days=renderer.recent_days(),
    )
    return SitePage(
        HOME,
        renderer.localizer.gettext("Current status"),
        html,
        in_nav=True,
        description=site_description(renderer.snapshot, renderer.localizer),
        # With no incident yet, the home page still changes with each build ("status as of"); a
        # sitemap needs at least one dated page (MkDocs dates its gzip from the newest).
        updated=latest_change_at(snapshot.incidents, snapshot.now) or snapshot.now,
    )


def incident_description(renderer: Renderer, incident: Incident) -> str:
    """Impact, where it stands, and the latest news: what a chat unfurls for a shared incident link."""
    gettext = renderer.localizer.gettext
    impact = gettext("Maintenance") if incident.is_maintenance else (
        gettext("Impact: %(impact)s") % {"impact": impact_label(incident.impact, gettext)}
    )
    latest = renderer.converter.to_html(incident.updates[-1].message)
    status = renderer.env.globals["progress_label"](incident)
    return f"{impact} · {status}: {plain_text(latest)}"


def incident_page(renderer: Renderer, incident: Incident) -> SitePage:
    year = placed_at(incident).astimezone(renderer.snapshot.config.timezone).year
    path = incident_path(incident.id)
    html = renderer.render("incident.html", path, item=incident, history_year=year_path(year))
    updated = latest_change_at([incident], renderer.snapshot.now)
    return SitePage(path, incident.title, html, description=incident_description(renderer, incident), updated=updated)


def component_page(renderer: Renderer, component: Component) -> SitePage:
    groups = {g.id: g for g in renderer.snapshot.config.groups}
    path = component_path(component.id)
    status = renderer.snapshot.component_status[component.id]
    incidents = renderer.index.by_component.get(component.id, ())
    html = renderer.render(
        "component.html",
        path,
        item=component,
        group=groups.get(component.group or ""),
        status=status,
        incidents=incidents,
    )
    gettext = renderer.localizer.gettext
    said = gettext("%(component)s: %(status)s.") % {
        "component": component.name,
        "status": component_status_label(status, gettext),
    }
    description = f"{said} {component.description}".strip()
    updated = latest_change_at(incidents, renderer.snapshot.now)
    return SitePage(path, component.name, html, description=description, component=component.id, updated=updated)


def _months(year: int, items: tuple[Incident, ...], renderer: Renderer) -> list[tuple[int, list[Incident]]]:
    """Months newest first: every month up to now (empty ones say so) and any later one with news.

    The first year starts at its first incident: months before the site existed had no incidents to report.
    """
    zone = renderer.snapshot.config.timezone
    today = renderer.snapshot.now.astimezone(zone)
    by_month: dict[int, list[Incident]] = {}
    for incident in items:
        by_month.setdefault(placed_at(incident).astimezone(zone).month, []).append(incident)
    last = 12 if year < today.year else max([today.month if year == today.year else 1, *by_month])
    first = min(by_month) if by_month and year == min(renderer.index.by_year) else 1
    return [(month, by_month.get(month, [])) for month in range(last, first - 1, -1)]


def history_pages(renderer: Renderer) -> list[SitePage]:
    """One page per year keeps each page small; /history/ repeats the current year and links the others."""
    gettext = renderer.localizer.gettext
    current = renderer.snapshot.now.astimezone(renderer.snapshot.config.timezone).year
    by_year = renderer.index.by_year
    years = sorted({current, *by_year}, reverse=True)

    def page(year: int, path: str) -> str:
        items = by_year.get(year, ())
        return renderer.render(
            "history.html", path, year=year, years=years, months=_months(year, items, renderer), year_path=year_path
        )

    description = site_description(renderer.snapshot, renderer.localizer)
    now = renderer.snapshot.now

    def updated(year: int) -> datetime | None:
        return latest_change_at(by_year.get(year, ()), now)

    pages = [
        SitePage(
            HISTORY, gettext("History"), page(current, HISTORY), in_nav=True, description=description, updated=updated(current)
        )
    ]
    for year in years:
        title = gettext("History %(year)s") % {"year": year}
        pages.append(
            SitePage(year_path(year), title, page(year, year_path(year)), description=description, updated=updated(year))
        )
    return pages
