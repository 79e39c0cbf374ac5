"""What every page has around its content, whichever engine lays it out: the <head> lines for
feed discovery and link previews, the <title>, the Subscribe menu of the header, the 404 page.

Rendered with the same autoescaping environment as the pages: the engine's own templates
print these strings as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from babel.core import get_global
from jinja2 import Environment

from ...engine.status import Snapshot
from ...model import Component
from ..bidi import isolated_plain
from ..favicon import favicon_path
from ..i18n import Localizer
from ..urls import HISTORY, HOME, absolute, component_path
from .render import make_environment, reach_url, time_tag


def og_locale(localizer: Localizer) -> str:
    """`en_US`, `fr_FR`, `pt_BR`: Open Graph wants a language and a territory."""
    locale = localizer.locale
    if locale.territory:
        return f"{locale.language}_{locale.territory}"
    likely = get_global("likely_subtags").get(locale.language, "")
    territory = likely.split("_")[-1] if likely.count("_") >= 1 else ""
    return f"{locale.language}_{territory}" if territory.isupper() and territory.isalpha() else locale.language


def site_description(snapshot: Snapshot, localizer: Localizer) -> str:
    """The status in words, then what the site is: a shared link unfurls with the status."""
    gettext = localizer.gettext
    return gettext("%(status)s. Live status, incidents and scheduled maintenance of %(site)s.") % {
        "status": gettext(snapshot.overall.description),
        "site": snapshot.config.site_name,
    }


@dataclass
class Chrome:
    snapshot: Snapshot
    localizer: Localizer
    env: Environment = field(init=False)

    def __post_init__(self) -> None:
        self.env = make_environment(self.localizer)
        config = self.snapshot.config
        self.env.globals.update(
            site=config,
            component_path=component_path,
            history_path=HISTORY,
            overall=self.snapshot.overall,
            now=self.snapshot.now,
            time_tag=partial(time_tag, self.localizer, self.snapshot.now),
            channels=[c for c in config.reader_channels if reach_url(c.url)],
            og_locale=og_locale(self.localizer),
        )

    @property
    def favicon(self) -> str:
        return favicon_path(self.snapshot.overall.indicator)

    def description(self) -> str:
        return site_description(self.snapshot, self.localizer)

    def status_text(self) -> str:
        return self.localizer.gettext(self.snapshot.overall.description)

    def title(self, path: str, page_title: str) -> str:
        """The <title>, plain text: the home page's says the status, so a tab or a bookmark does.

        Names are isolated with Unicode's marks (bidi.isolated_plain): a tab title has no elements.
        """
        site = isolated_plain(self.snapshot.config.site_name)
        if path == HOME:
            return f"{self.status_text()} - {site}"
        return f"{isolated_plain(page_title)} - {site}" if page_title else site

    def _component(self, component_id: str | None) -> Component | None:
        return self.snapshot.config.component(component_id) if component_id else None

    def head(self, root: str, path: str | None, title: str, description: str, component_id: str | None = None) -> str:
        """`root` leads from the page to the site root ("../../", or "/status/" for the 404 page)."""
        return self.env.get_template("_head.html").render(
            root=root,
            title=title,
            description=description,
            page_url=absolute(self.snapshot.config, path) if path is not None else None,
            component=self._component(component_id),
        )

    def header(self, root: str, component_id: str | None = None) -> str:
        return self.env.get_template("_header.html").render(root=root, component=self._component(component_id))

    def not_found(self, root: str) -> str:
        return self.env.get_template("_notfound.html").render(root=root)
