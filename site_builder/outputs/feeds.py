"""Atom 1.0 and RSS 2.0 history feeds: the whole site's, and one pair per component.

One entry per incident or maintenance. Its id is a tag URI fixed by the incident's file
name, so a reader shows one item that changes as updates are appended, not a new item per
update; `updated` moves with each update so readers notice. The content is the update trail,
newest first, each message through the same Markdown sanitiser as the page.

feedgen stamps feeds and entries with the clock unless told otherwise; every time here
comes from the data instead, so a rebuild gives the same bytes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape

from feedgen.feed import FeedGenerator

from ..engine.recency import by_latest_activity, latest_update_at, touches
from ..engine.status import Snapshot
from ..model import Incident, SiteConfig, ids
from .bidi import without_controls as without_bidi_controls
from .i18n import Localizer
from .labels import Gettext, update_labels
from .markup import Converter, to_html
from .output import OutputFile
from .urls import HOME, absolute, component_path, incident_path, relative
from .xmltext import xml_safe

#: Entries per feed: the latest incidents by latest activity, as Statuspage's feeds keep.
FEED_LIMIT = 50
ATOM_NAME = "history.atom"
RSS_NAME = "history.rss"


@dataclass(frozen=True)
class FeedSpec:
    """One feed pair: where it lives, the page it belongs to, and what it lists."""

    directory: str  # "" for the site's feed, "components/<id>/" for a component's
    page: str  # the HTML page the feed belongs to (root-relative directory URL)
    title: str
    description: str
    incidents: tuple[Incident, ...]


def feed_specs(snapshot: Snapshot, _: Gettext) -> list[FeedSpec]:
    config = snapshot.config
    site = config.site_name
    specs = [
        FeedSpec(
            directory="",
            page=HOME,
            title=_("%(site)s — incident history") % {"site": site},
            description=_("Incidents and scheduled maintenance reported on %(site)s.") % {"site": site},
            incidents=tuple(snapshot.incidents),
        )
    ]
    for component in config.components:
        specs.append(
            FeedSpec(
                directory=component_path(component.id),
                page=component_path(component.id),
                title=_("%(site)s — %(component)s") % {"site": site, "component": component.name},
                description=_("Incidents and scheduled maintenance affecting %(component)s on %(site)s.")
                % {"component": component.name, "site": site},
                incidents=tuple(i for i in snapshot.incidents if touches(i, component.id)),
            )
        )
    return specs


@dataclass(frozen=True)
class FeedFormat:
    file_name: str
    media_type: str
    #: RSS never said whether its titles and descriptions are text or HTML, and readers differ:
    #: many (feedparser among them) render them as HTML, so an incident title escaped once ran
    #: `<img onerror>` in those readers. RSS text is therefore written as HTML text (escaped
    #: twice in the file): readers that take it as HTML show the literal text and no tag; readers
    #: that take it as plain text show `&amp;` for `&`, which only titles with `&` or `<` carry.
    #: Atom declares its titles and subtitle plain text (`type="text"`), and readers honour it.
    html_text: bool

    def text(self, text: str) -> str:
        """A title or description as this format carries it."""
        return xml_safe(escape(text, quote=False) if self.html_text else text)

    def title(self, text: str) -> str:
        return self.text(without_bidi_controls(text))


ATOM = FeedFormat(ATOM_NAME, "application/atom+xml", html_text=False)
RSS = FeedFormat(RSS_NAME, "application/rss+xml", html_text=True)


class Trails:
    """Each incident's trail HTML, rendered once per build: an incident appears in the site's
    feed and in each of its components' feeds, in two formats, and Markdown is the slow part."""

    def __init__(self, localizer: Localizer, converter: Converter) -> None:
        self.localizer = localizer
        self.converter = converter
        self._rendered: dict[str, str] = {}

    def __call__(self, incident: Incident) -> str:
        if incident.id not in self._rendered:
            html = trail_html(incident, self.localizer, self.converter.to_html)
            self._rendered[incident.id] = xml_safe(html)
        return self._rendered[incident.id]


def feed_outputs(snapshot: Snapshot, converter: Converter | None = None) -> list[OutputFile]:
    files = []
    fallback = latest_update_at(snapshot.incidents)
    # Labels, titles and times in the site's language and zone, like the pages.
    localizer = Localizer.for_site(snapshot.config.language, snapshot.config.timezone)
    trails = Trails(localizer, converter or Converter())
    for spec in feed_specs(snapshot, localizer.gettext):
        atom = build_feed(snapshot.config, spec, fallback, ATOM, trails)
        rss = build_feed(snapshot.config, spec, fallback, RSS, trails)
        files.append(OutputFile(spec.directory + ATOM_NAME, atom.atom_str(pretty=True, encoding="UTF-8")))
        files.append(OutputFile(spec.directory + RSS_NAME, rss.rss_str(pretty=True, encoding="UTF-8")))
    return files


def build_feed(
    config: SiteConfig, spec: FeedSpec, fallback_updated: datetime, form: FeedFormat, trails: Trails
) -> FeedGenerator:
    """The feed written as `form` (its self link); entries newest activity first."""
    entries = by_latest_activity(spec.incidents)[:FEED_LIMIT]
    # An empty feed still needs a stable `updated`: the site's last update, never the clock.
    updated = latest_update_at(entries, default=fallback_updated)
    feed = FeedGenerator()
    feed.id(feed_id(config, spec.directory + form.file_name))
    feed.title(form.title(spec.title))
    feed.description(form.text(without_bidi_controls(spec.description)))
    feed.author({"name": xml_safe(config.site_name)})
    feed.language(config.language)
    feed.generator("Balise")
    self_url = absolute(config, spec.directory + form.file_name)
    page = _link(config, spec.directory, spec.page)
    if form is ATOM:
        # The page first: readers that take the first link as "the website" get the page.
        feed.link(href=page, rel="alternate", type="text/html")
    if self_url:
        feed.link(href=self_url, rel="self", type=form.media_type)
    if form is RSS:
        # Last: feedgen takes the last link as RSS's channel <link>, which must be the page.
        feed.link(href=page, rel="alternate", type="text/html")
    feed.updated(updated)
    feed.lastBuildDate(updated)
    for incident in entries:
        _add_entry(feed, config, spec, incident, trails(incident), form)
    return feed


def feed_id(config: SiteConfig, path: str) -> str:
    """The feed's own URL when the site has one (Atom's usual id), else a name-based UUID."""
    url = absolute(config, path)
    if url:
        return url
    return uuid.uuid5(uuid.NAMESPACE_URL, f"tag:{ids.authority(config)}:{path}").urn


def trail_html(incident: Incident, localizer: Localizer, markdown: Callable[[str], str] = to_html) -> str:
    """Every update, newest first: its label and time (worded and zoned as on the page), then
    its message as sanitised HTML."""
    blocks = []
    for update, label in reversed(update_labels(incident, localizer.gettext)):
        heading = f"<p><strong>{escape(label)}</strong> — {escape(localizer.datetime_text(update.at))}</p>"
        blocks.append(heading + "\n" + markdown(update.message))
    return "\n".join(blocks)


def _add_entry(
    feed: FeedGenerator, config: SiteConfig, spec: FeedSpec, incident: Incident, content: str, form: FeedFormat
) -> None:
    entry = feed.add_entry(order="append")
    entry.id(ids.incident_tag(config, incident.id))
    entry.title(form.title(incident.title))
    entry.link(href=_link(config, spec.directory, incident_path(incident.id)), rel="alternate", type="text/html")
    entry.published(incident.started_at)
    entry.updated(incident.last_update_at)
    entry.content(content, type="html")


def _link(config: SiteConfig, feed_directory: str, page: str) -> str:
    """Absolute when `site_url` is set; else relative to the feed, which readers resolve."""
    return absolute(config, page) or relative(feed_directory, page)
