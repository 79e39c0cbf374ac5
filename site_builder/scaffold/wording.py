"""The words `balise init` writes where readers will see them, in the page's language.

mkdocs.yml's `site_description` (which Material prints on pages Balise does not describe
itself, such as the 404 page) and the example name and components of a starter page reach
every reader: they come from the site's catalogs like every other word of the pages, so a
German page says nothing in English from its first build.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..outputs.i18n import translations


@dataclass(frozen=True)
class SiteWords:
    """What a new page says of itself before the team has said anything, in one language."""

    #: `%(site)s` is the page's name, kept apart from the words: "Acme Status: current
    #: incidents…" reads well whatever the name ends with (never "status of Acme Status").
    description: str
    example_name: str
    example_website: str

    def described(self, site_name: str) -> str:
        return self.description % {"site": site_name}


def site_words(language: str) -> SiteWords:
    gettext = translations(language).gettext
    return SiteWords(
        description=gettext("%(site)s: current incidents, scheduled maintenance and 90 days of uptime history."),
        example_name=gettext("Example Status"),
        example_website=gettext("Website"),
    )
