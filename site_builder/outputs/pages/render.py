"""The Jinja environment our page content is written in: autoescaping, translated, relative links.

Everything a template may call is here, so templates hold layout and words, not logic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal, Protocol
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from ...engine.status import Snapshot
from ...engine.uptime_bars import UptimeChart, status_code, uptime_chart
from ...model import Component, Incident, Update
from ...model.times import iso_utc
from ...model.vocabulary import ComponentStatus, Impact
from .. import bidi, labels
from ..api import StatuspageApi
from ..i18n import Localizer
from ..markup import Converter
from ..urls import HISTORY, component_path, incident_path, relative
from .facts import duration, latest_statuses, placed_at, promise, severity, state
from .index import SiteIndex, build_index
from .links import rebase_links
from .live import summary_signature


class KeptRows(Protocol):
    """Rows kept between builds (page_cache.KeptRows): an incident's row as rendered for a page at a depth."""

    def get(self, incident_id: str, root: str) -> str | None: ...

    def put(self, incident_id: str, root: str, html: str) -> None: ...


TimeStyle = Literal["auto", "datetime", "date", "relative"]
#: How a <time> is worded; the letter tells the theme's script to word it the same way locally.
#: "auto" is the time alone on the reader's today, with its date on any other day.
#: "relative" is only "in 4 days" / "2 hours ago".
TIME_STYLES: dict[TimeStyle, str] = {"auto": "a", "datetime": "dt", "date": "d", "relative": "r"}
#: The templates pages are rendered from.
PAGE_TEMPLATES = ("home.html", "incident.html", "component.html", "history.html", "_page.html", "_macros.html")
#: How many days of past incidents the home page lists, today included (as Statuspage does).
RECENT_DAYS = 15


def time_tag(
    loc: Localizer, now: datetime, moment: datetime, style: TimeStyle = "auto", relative_time: bool = False
) -> Markup:
    """A <time> in UTC for machines and scripts, its text in the site's zone for people.

    With `relative_time`, "(in 4 days)" follows as of the build; the script keeps it current.
    """
    if style == "auto":
        words = loc.moment_text(moment, now)
    elif style == "datetime":
        words = loc.datetime_text(moment)
    elif style == "date":
        words = loc.date_text(moment)
    else:
        words = loc.relative_text(moment, now) or loc.time_text(moment)
    relative_mark = " data-r" if relative_time else ""
    tag = f'<time datetime="{iso_utc(moment)}" data-f="{TIME_STYLES[style]}"{relative_mark}>{escape(words)}</time>'
    if relative_time and (text := loc.relative_text(moment, now)):
        tag += f'<span class="bl-rel"> ({escape(text)})</span>'
    return Markup(tag)


def bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept between runs, in Jinja's own folder for this user.

    A compiled template is code: it is kept where only this user can write (Jinja checks the
    folder's owner and mode), never in the project's cache folder, which a repository or a CI
    cache could fill. Without such a folder, templates are compiled as usual.
    """
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


def remembered(gettext: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's `gettext` (and `_`), each text without variables translated once: a page says
    "Current status" or "Updates" the same way every time, and 10,000 pages say it often."""
    said: dict[tuple[str, bool], Any] = {}

    @pass_context
    def remembering(context: Context, text: str, **variables: Any) -> Any:
        if variables:
            return gettext(context, text, **variables)
        key = (text, context.eval_ctx.autoescape)
        if key not in said:
            said[key] = gettext(context, text)
        return said[key]

    return remembering


def make_environment(localizer: Localizer) -> Environment:
    env = Environment(
        loader=PackageLoader("site_builder.outputs.pages", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        # The templates are the package's files: they do not change while a build runs.
        auto_reload=False,
        bytecode_cache=bytecode_cache(),
    )
    env.install_gettext_callables(localizer.gettext, localizer.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["gettext"] = env.globals["_"] = remembered(env.globals["gettext"])
    # Text from files, isolated so right-to-left controls in it cannot reorder the page around it;
    # in an attribute, where nothing can isolate it, without those controls.
    env.globals.update(isolated=bidi.isolated, plain=bidi.without_controls)
    return env


@dataclass
class Renderer:
    """Renders our templates for one build: one snapshot, one language."""

    snapshot: Snapshot
    localizer: Localizer
    index: SiteIndex = field(init=False)
    env: Environment = field(init=False)
    charts: dict[str, UptimeChart] = field(init=False)
    components: dict[str, Component] = field(init=False)
    converter: Converter = field(default_factory=Converter)
    #: Rendered history rows by (incident id, path to the site root): history and component pages share them.
    rows: dict[tuple[str, str], Markup] = field(init=False, default_factory=dict)
    #: Time tags by moment and wording: a moment is worded once however many pages show it.
    times: dict[tuple[datetime, str, bool], Markup] = field(init=False, default_factory=dict)
    #: The path of the page being rendered: links and Markdown are made relative to it.
    here: str = field(init=False, default="")
    #: The signature of the summary this build publishes (see live.py).
    signature: str = field(init=False)
    #: Rows kept from earlier builds, when the build keeps pages (history and component pages list 10,000 rows).
    kept_rows: KeptRows | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.index = build_index(self.snapshot)
        self.env = make_environment(self.localizer)
        self.components = {c.id: c for c in self.snapshot.config.components}
        self.charts = {c: uptime_chart(self.snapshot, c) for c in self.components}
        self.signature = summary_signature(StatuspageApi(self.snapshot).summary())
        self.env.globals.update(self._globals())
        # Compiled here, before the build forks its workers, rather than once in each of them.
        for name in PAGE_TEMPLATES:
            self.env.get_template(name)

    def render(self, template: str, here: str, **context: Any) -> str:
        """Templates see the page's path as `here`; so do `url` and `markdown`, through the renderer,
        which lets templates import macros without their context (Jinja then runs the macro file once)."""
        outer, self.here = self.here, here
        try:
            return self.env.get_template(template).render(here=here, **context)
        finally:
            self.here = outer

    def _globals(self) -> dict[str, Any]:
        loc = self.localizer
        gettext = loc.gettext
        return {
            "now": self.snapshot.now,
            "site": self.snapshot.config,
            "loc": loc,
            "url": self.url,
            "incident_path": incident_path,
            "component_path": component_path,
            "history_path": HISTORY,
            "markdown": self.markdown,
            "time_tag": self.time_tag,
            "component": self.components.__getitem__,
            "chart": self.charts.__getitem__,
            "status_code": status_code,
            "status_label": lambda status: labels.component_status_label(ComponentStatus(status), gettext),
            "impact_label": lambda impact: labels.impact_label(Impact(impact), gettext),
            "progress_label": lambda incident: labels.progress_label(incident, self.snapshot.status_of(incident), gettext),
            "timeline": self.timeline,
            "row": self.row,
            "affected": lambda incident: self.index.affected[incident.id],
            "latest_statuses": latest_statuses,
            "incident": self.index.by_id.__getitem__,
            "promise": lambda incident: promise(incident, self.snapshot.now),
            "duration": lambda incident: duration(incident, self.snapshot.now),
            "format_duration": loc.duration_text,
            "web_url": web_url,
            "reach_url": reach_url,
            "severity": severity,
            "state": lambda incident: state(incident, self.snapshot.status_of(incident)),
            "postmortem": postmortem_update,
            "live_open": bool(self.snapshot.active_incidents or self.snapshot.active_maintenances),
            "signature": self.signature,
            "iso_utc": iso_utc,
            "day_tag": self.day_tag,
        }

    def time_tag(self, moment: datetime, style: TimeStyle = "auto", relative_time: bool = False) -> Markup:
        key = (moment, style, relative_time)
        if key not in self.times:
            self.times[key] = time_tag(self.localizer, self.snapshot.now, moment, style, relative_time)
        return self.times[key]

    def url(self, target: str) -> str:
        return relative(self.here, target)

    def day_tag(self, day: date) -> Markup:
        return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), self.localizer.date_text(day))

    def recent_days(self) -> list[tuple[date, list[Incident]]]:
        """The last RECENT_DAYS days in the site's zone, newest first, each with what started
        that day (a maintenance once its window opened): a just-resolved incident stays in view."""
        zone, now = self.snapshot.config.timezone, self.snapshot.now
        today = now.astimezone(zone).date()
        first = today - timedelta(days=RECENT_DAYS - 1)
        days: dict[date, list[Incident]] = {today - timedelta(days=n): [] for n in range(RECENT_DAYS)}
        for incident in self.index.newest_first:
            at = placed_at(incident)
            day = at.astimezone(zone).date()
            if day < first:
                break  # newest first: nothing older can follow
            if at <= now and day in days:
                days[day].append(incident)
        return list(days.items())

    def markdown(self, text: str) -> Markup:
        """Incident Markdown, sanitised by markup; its root-relative links rebased to this page."""
        return Markup(rebase_links(self.converter.to_html(text), self.here))

    def row(self, incident: Incident) -> Markup:
        """One incident in a list, rendered once per depth however many pages list it (and, with
        `kept_rows`, once for as long as its file and what every page depends on stay the same)."""
        root = relative(self.here, "")
        key = (incident.id, root)
        row = self.rows.get(key)
        if row is None:
            kept = self.kept_rows.get(incident.id, root) if self.kept_rows is not None else None
            if kept is None:
                kept = str(self.env.get_template("_macros.html").module.row(incident))
                if self.kept_rows is not None:
                    self.kept_rows.put(incident.id, root, kept)
            row = self.rows[key] = Markup(kept)
        return row

    def timeline(self, incident: Incident) -> list[tuple[Update, str]]:
        """Updates with their label, newest first: during an outage the latest news is what matters."""
        return list(reversed(labels.update_labels(incident, self.localizer.gettext)))


def web_url(address: str | None) -> str | None:
    """An address from the config as a link only if it is a web page: never `javascript:` or `data:`."""
    if address and urlsplit(address).scheme in ("http", "https"):
        return address
    return None


def reach_url(address: str | None) -> str | None:
    """A reader channel's address: a web page or a `mailto:`, nothing else."""
    if address and urlsplit(address).scheme in ("http", "https", "mailto"):
        return address
    return None


def postmortem_update(incident: Incident) -> Update | None:
    for update in incident.updates:
        if update.status == "postmortem":
            return update
    return None
