"""Every page of the site as data: the home page, one per incident, per component, per year of history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ...engine.forking import parallel_map
from ...engine.status import Snapshot
from ...model import Component, ComponentGroup, Incident
from ..i18n import Localizer
from ..markup import Converter
from ..urls import HISTORY, HOME, component_path, incident_path
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
    )
    return SitePage(HOME, renderer.localizer.gettext("Current status"), html, in_nav=True)


def incident_page(renderer: Renderer, incident: Incident) -> SitePage:
    year = placed_at(incident).astimezone(renderer.snapshot.config.timezone).year
    path = incident_path(incident.id)
    html = renderer.render("incident.html", path, item=incident, history_year=year_path(year))
    return SitePage(path, incident.title, html)


def component_page(renderer: Renderer, component: Component) -> SitePage:
    groups = {g.id: g for g in renderer.snapshot.config.groups}
    path = component_path(component.id)
    html = renderer.render(
        "component.html",
        path,
        item=component,
        group=groups.get(component.group or ""),
        status=renderer.snapshot.component_status[component.id],
        incidents=renderer.index.by_component.get(component.id, ()),
    )
    return SitePage(path, component.name, html)


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

    pages = [SitePage(HISTORY, gettext("History"), page(current, HISTORY), in_nav=True)]
    for year in years:
        pages.append(
            SitePage(year_path(year), gettext("History %(year)s") % {"year": year}, page(year, year_path(year)))
        )
    return pages
