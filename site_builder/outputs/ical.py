"""`maintenance.ics`: scheduled maintenance as an iCalendar feed that calendar apps subscribe to.

Each maintenance is one event whose UID is fixed by its file name, so a subscribed calendar
moves the event when the window changes instead of adding a second one; SEQUENCE counts the
updates so clients take the newest version. Times are written in UTC, which every client
reads without a VTIMEZONE block.
"""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar, Event, vDuration, vText

from ..engine.status import Snapshot
from ..model import Incident, SiteConfig, ids
from .bidi import isolated_plain
from .i18n import translations
from .output import OutputFile
from .urls import absolute, incident_path

PATH = "maintenance.ics"
PRODID = "-//Balise//Status page maintenance//EN"
#: How often subscribers should poll: maintenance is announced days ahead, an hour is plenty.
REFRESH = timedelta(hours=1)


def ical_outputs(snapshot: Snapshot) -> list[OutputFile]:
    return [OutputFile(PATH, maintenance_calendar(snapshot).to_ical())]


def maintenance_calendar(snapshot: Snapshot) -> Calendar:
    config = snapshot.config
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # The calendar's name and description, in the site's language like the page: TEXT values,
    # escaped as TEXT is (icalendar takes an X- property's plain string as it is, line breaks included).
    gettext = translations(config.language).gettext
    site = isolated_plain(config.site_name)
    calendar.add("x-wr-calname", vText(gettext("%(site)s — maintenance") % {"site": site}))
    calendar.add("x-wr-caldesc", vText(gettext("Scheduled maintenance announced on %(site)s.") % {"site": site}))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    maintenances = [i for i in snapshot.incidents if i.is_maintenance]
    for maintenance in sorted(maintenances, key=lambda i: (i.scheduled_for, i.id)):
        calendar.add_component(maintenance_event(config, maintenance))
    return calendar


def maintenance_event(config: SiteConfig, maintenance: Incident) -> Event:
    assert maintenance.scheduled_for is not None and maintenance.scheduled_until is not None
    event = Event()
    event.add("uid", f"{maintenance.id}@{ids.authority(config)}")
    # DTSTAMP is "when this version was made": the latest update, never the build time.
    event.add("dtstamp", maintenance.last_update_at)
    event.add("created", maintenance.started_at)
    event.add("last-modified", maintenance.last_update_at)
    event.add("sequence", len(maintenance.updates) - 1)
    event.add("dtstart", maintenance.scheduled_for)
    event.add("dtend", maintenance.scheduled_until)
    # A calendar shows the summary beside the time, in lists and chips: an override left open
    # would reorder them, so the title is isolated as a window title is (outputs/bidi.py).
    event.add("summary", isolated_plain(maintenance.title))
    event.add("description", maintenance.updates[-1].message.strip())
    url = absolute(config, incident_path(maintenance.id))
    if url:
        event.add("url", url)
    # Calendar apps strike out or drop a cancelled event when the subscription refreshes.
    event.add("status", "CANCELLED" if maintenance.cancelled else "CONFIRMED")
    # Free, not busy: a maintenance window must not block the subscriber's own calendar.
    event.add("transp", "TRANSPARENT")
    return event
