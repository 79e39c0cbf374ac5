"""Every page of the site as data: the home page, one per incident, per component, per year of history."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import Protocol

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
from .page_cache import PageCache
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


@dataclass(frozen=True)
class PlannedPage:
    """A page before it is rendered: its outline (a SitePage without content or description,
    enough for an engine to place it in the navigation and the sitemap) and how to render it."""

    outline: SitePage
    content: Callable[[Renderer], tuple[str, str]]
    #: What the page shows besides the site-wide state: its incident's source (Project.sources),
    #: for pages the page cache may keep; None for pages rendered every time.
    source: str | None = None

    def render(self, renderer: Renderer) -> SitePage:
        html, description = self.content(renderer)
        return replace(self.outline, html=html, description=description)


class PageWriter(Protocol):
    """Writes a finished page where the site engine would, in the worker that rendered it;
    False when the page must go back to the engine instead."""

    def write(self, page: SitePage) -> bool: ...


def build_pages(
    snapshot: Snapshot, localizer: Localizer, workers: int = 1, converter: Converter | None = None
) -> list[SitePage]:
    """Every page, rendered by `workers` processes: at 10,000 incidents this is CPU-bound work.

    With one worker, `converter` keeps what it converted for the feeds (see markup.Converter).
    """
    renderer = Renderer(snapshot, localizer, converter or Converter())
    return render_pages(renderer, page_plan(renderer), workers)


def render_pages(
    renderer: Renderer,
    plan: Sequence[PlannedPage],
    workers: int = 1,
    writer: PageWriter | None = None,
    kept: PageCache | None = None,
) -> list[SitePage]:
    """The pages of `plan`, in its order. Those `writer` writes come back without their content
    (`written`): only their outline crosses back from a worker, not 10,000 pages of HTML.

    With `kept`, a page whose inputs did not change since a build kept it is not rendered again;
    the Markdown the workers converted goes back to the renderer's converter, to be kept too.
    """
    pages = []
    finish = kept.finish if kept is not None else None
    for page, reused, used, added in parallel_map(partial(_render, renderer, writer, kept), plan, workers, finish):
        renderer.converter.keep(used, added)
        pages.append(page)
        if kept is not None:
            kept.reused = kept.reused or reused
    if kept is not None:
        kept.done()
    return pages


def _render(
    renderer: Renderer, writer: PageWriter | None, kept: PageCache | None, planned: PlannedPage
) -> tuple[SitePage, bool, list[str], list[tuple[str, str]]]:
    key = kept.key(planned.outline.path, planned.source) if kept is not None and planned.source is not None else None
    content = kept.get(key) if kept is not None and key is not None else None
    if content is not None:
        page = replace(planned.outline, html=content[0], description=content[1])
    else:
        page = planned.render(renderer)
        if kept is not None and key is not None:
            kept.put(key, page.html, page.description)
    if writer is not None and writer.write(page):
        page = replace(page, html="", written=True)
    return (page, content is not None, *renderer.converter.take_news())


def page_plan(
    renderer: Renderer, sources: Mapping[str, str] | None = None, only: AbstractSet[str] | None = None
) -> list[PlannedPage]:
    """Every page in the site's order: home, history, components, incidents. With `sources`
    (Project.sources), incident pages can be kept between builds (page_cache.py); with `only`,
    just the pages at those paths (what a change touches)."""
    snapshot = renderer.snapshot
    sources = sources or {}
    components = snapshot.config.components
    incidents = snapshot.incidents
    if only is not None:
        components = tuple(c for c in components if component_path(c.id) in only)
        incidents = tuple(i for i in incidents if incident_path(i.id) in only)
    plan = [
        home_plan(renderer),
        *history_plan(renderer),
        *(component_plan(renderer, component) for component in components),
        *(incident_plan(renderer, incident, sources.get(incident.id)) for incident in incidents),
    ]
    return plan if only is None else [p for p in plan if p.outline.path in only]


def home_plan(renderer: Renderer) -> PlannedPage:
    snapshot = renderer.snapshot
    outline = SitePage(
        HOME,
        renderer.localizer.gettext("Current status"),
        "",
        in_nav=True,
        # With no incident yet, the home page still changes with each build ("status as of"); a
        # sitemap needs at least one dated page (MkDocs dates its gzip from the newest).
        updated=latest_change_at(snapshot.incidents, snapshot.now) or snapshot.now,
    )
    return PlannedPage(outline, home_content)


def home_content(renderer: Renderer) -> tuple[str, str]:
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
    return html, site_description(snapshot, renderer.localizer)


def incident_description(renderer: Renderer, incident: Incident) -> str:
    """Impact, where it stands, and the latest news: what a chat unfurls for a shared incident link."""
    gettext = renderer.localizer.gettext
    impact = gettext("Maintenance") if incident.is_maintenance else (
        gettext("Impact: %(impact)s") % {"impact": impact_label(incident.impact, gettext)}
    )
    latest = renderer.converter.to_html(incident.updates[-1].message)
    status = renderer.env.globals["progress_label"](incident)
    return f"{impact} · {status}: {plain_text(latest)}"


def incident_plan(renderer: Renderer, incident: Incident, source: str | None = None) -> PlannedPage:
    outline = SitePage(
        incident_path(incident.id), incident.title, "", updated=latest_change_at([incident], renderer.snapshot.now)
    )
    return PlannedPage(outline, partial(incident_content, incident=incident), source)


def incident_content(renderer: Renderer, incident: Incident) -> tuple[str, str]:
    year = placed_at(incident).astimezone(renderer.snapshot.config.timezone).year
    html = renderer.render("incident.html", incident_path(incident.id), item=incident, history_year=year_path(year))
    return html, incident_description(renderer, incident)


def component_plan(renderer: Renderer, component: Component) -> PlannedPage:
    incidents = renderer.index.by_component.get(component.id, ())
    outline = SitePage(
        component_path(component.id),
        component.name,
        "",
        component=component.id,
        updated=latest_change_at(incidents, renderer.snapshot.now),
    )
    return PlannedPage(outline, partial(component_content, component=component))


def component_content(renderer: Renderer, component: Component) -> tuple[str, str]:
    groups = {g.id: g for g in renderer.snapshot.config.groups}
    status = renderer.snapshot.component_status[component.id]
    html = renderer.render(
        "component.html",
        component_path(component.id),
        item=component,
        group=groups.get(component.group or ""),
        status=status,
        incidents=renderer.index.by_component.get(component.id, ()),
    )
    gettext = renderer.localizer.gettext
    said = gettext("%(component)s: %(status)s.") % {
        "component": component.name,
        "status": component_status_label(status, gettext),
    }
    return html, f"{said} {component.description}".strip()


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


def history_years(renderer: Renderer) -> list[int]:
    current = renderer.snapshot.now.astimezone(renderer.snapshot.config.timezone).year
    return sorted({current, *renderer.index.by_year}, reverse=True)


def history_plan(renderer: Renderer) -> list[PlannedPage]:
    """One page per year keeps each page small; /history/ repeats the current year and links the others."""
    gettext = renderer.localizer.gettext
    years = history_years(renderer)
    current = renderer.snapshot.now.astimezone(renderer.snapshot.config.timezone).year
    now = renderer.snapshot.now

    def updated(year: int) -> datetime | None:
        return latest_change_at(renderer.index.by_year.get(year, ()), now)

    plan = [
        PlannedPage(
            SitePage(HISTORY, gettext("History"), "", in_nav=True, updated=updated(current)),
            partial(history_content, year=current, path=HISTORY),
        )
    ]
    for year in years:
        title = gettext("History %(year)s") % {"year": year}
        outline = SitePage(year_path(year), title, "", updated=updated(year))
        plan.append(PlannedPage(outline, partial(history_content, year=year, path=year_path(year))))
    return plan


def history_content(renderer: Renderer, year: int, path: str) -> tuple[str, str]:
    items = renderer.index.by_year.get(year, ())
    html = renderer.render(
        "history.html",
        path,
        year=year,
        years=history_years(renderer),
        months=_months(year, items, renderer),
        year_path=year_path,
    )
    return html, site_description(renderer.snapshot, renderer.localizer)
