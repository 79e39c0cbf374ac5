"""What a new status page is made of: its name, address, language, time zone, components and
where readers find help."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..model import Component, ComponentGroup
from ..outputs.i18n import LANGUAGES
from ..source.config import ID_PATTERN, WEB_ADDRESS
from ..source.text import not_text
from ..source.validate import slugify
from .wording import site_words

#: A working page before anyone has answered a question: what `balise init` writes with no
#: flags and no terminal to ask on.
EXAMPLE_NAME = "Example Status"
EXAMPLE_URL = "https://status.example.com/"
EXAMPLE_TIMEZONE = "UTC"
EXAMPLE_LANGUAGE = "en"
EXAMPLE_COMPONENTS = ("API", "Website")
#: The example components' ids, the same in every language (the README's commands use `api`).
EXAMPLE_IDS = ("api", "website")


class SettingsError(ValueError):
    """A setting that would give a page `balise check` rejects; the message says which and why."""


@dataclass(frozen=True)
class SiteSettings:
    name: str = EXAMPLE_NAME
    url: str = EXAMPLE_URL
    timezone: str = EXAMPLE_TIMEZONE
    language: str = EXAMPLE_LANGUAGE
    components: tuple[Component, ...] = field(
        default_factory=lambda: tuple(component_spec(name) for name in EXAMPLE_COMPONENTS)
    )
    groups: tuple[ComponentGroup, ...] = ()
    support_email: str | None = None
    support_url: str | None = None
    support_hours: str | None = None


def example_settings(language: str = EXAMPLE_LANGUAGE) -> SiteSettings:
    """The starter page in `language`: its name and components are words readers see."""
    words = site_words(language)
    api, website = EXAMPLE_IDS
    return SiteSettings(
        name=words.example_name,
        language=language,
        components=(Component(api, EXAMPLE_COMPONENTS[0]), Component(website, words.example_website)),
    )


def language_code(text: str) -> str:
    """One of the eight catalogs, however it is spelled: `pt-BR`, `pt_BR` and `pt-br` are one language."""
    wanted = text.strip().replace("-", "_").casefold()
    for language in LANGUAGES:
        if language.casefold() == wanted:
            return language
    raise SettingsError(f"language '{text}' has no catalog; choose one of {', '.join(LANGUAGES)}")


def material_language(language: str) -> str:
    """How Material names a language in theme.language: with a hyphen (`pt-BR`)."""
    return language.replace("_", "-")


#: A web address typed without its scheme: `status.acme.com`, `acme.com/help`, `localhost:8000`.
_BARE_HOST = re.compile(
    r"^(?:localhost|(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?::\d{1,5})?(?:[/?#]\S*)?$",
    re.IGNORECASE,
)


def web_address(text: str, *, folder: bool = False) -> str:
    """`text` as an absolute https address when it is a bare host name (`status.acme.com` →
    `https://status.acme.com/`); with `folder`, ending in `/` as a site's root does."""
    address = text.strip()
    if "://" not in address and _BARE_HOST.match(address):
        address = f"https://{address}"
    parts = urlsplit(address)
    if parts.scheme in ("http", "https") and parts.netloc and (not parts.path or (folder and not parts.query)):
        path = parts.path if parts.path.endswith("/") else f"{parts.path}/"
        address = parts._replace(path=path, fragment=parts.fragment).geturl()
    return address


def component_spec(text: str) -> Component:
    """`api=Public API`, or a bare name (`Public API`) whose id is made from it."""
    ident, equals, name = text.partition("=")
    if not equals:
        name, ident = text, slugify(text)
    ident, name = ident.strip(), name.strip()
    if not name:
        raise SettingsError(f"component '{text}' has no name; write ID=NAME, e.g. api=Public API")
    if not ident:
        raise SettingsError(f"component '{text}' gives no usable id; write ID=NAME, e.g. api=Public API")
    return Component(ident, name)


def components_from_list(text: str) -> tuple[Component, ...]:
    """A comma-separated answer (`API, Website, db=Database`) as components."""
    return tuple(component_spec(part) for part in text.split(",") if part.strip())


#: What a line of text may not hold: controls (C0, DEL, C1) and every character YAML 1.1 or
#: Unicode reads as a line break (NEL, LINE and PARAGRAPH SEPARATOR). Written into a YAML
#: comment, such a break would end the comment and make the rest of the name a key.
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _line_of_text(text: str, what: str) -> None:
    if not text.strip() or _NOT_ONE_LINE.search(text) or not_text(text) is not None:
        raise SettingsError(f"{what} must be one line of text, without control characters")


def validated(settings: SiteSettings) -> SiteSettings:
    """`settings` if they make a page that passes `balise check`; SettingsError otherwise."""
    _line_of_text(settings.name, "the page's name")
    if settings.support_hours is not None:
        _line_of_text(settings.support_hours, "the support hours")
    parts = urlsplit(settings.url)
    if parts.scheme not in ("http", "https") or not parts.netloc or not WEB_ADDRESS.match(settings.url):
        raise SettingsError(f"the address '{settings.url}' must be an absolute http(s) URL, e.g. {EXAMPLE_URL}")
    if settings.support_url is not None and not WEB_ADDRESS.match(settings.support_url):
        raise SettingsError(f"the support page '{settings.support_url}' must be an http(s) address")
    if settings.support_email is not None:
        _line_of_text(settings.support_email, "the support address")
        if not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+", settings.support_email):
            raise SettingsError(f"the support address '{settings.support_email}' must be one email address")
    try:
        ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"unknown time zone '{settings.timezone}'; use an IANA name such as Europe/Paris or UTC") from None
    language_code(settings.language)
    if not settings.components:
        raise SettingsError("a page needs at least one component")
    group_ids = {group.id for group in settings.groups}
    seen: set[str] = set()
    for component in settings.components:
        _line_of_text(component.name, f"the name of component '{component.id}'")
        if not ID_PATTERN.match(component.id):
            raise SettingsError(f"component id '{component.id}' must be lowercase letters, digits and hyphens")
        if component.id in seen:
            raise SettingsError(f"component id '{component.id}' is given twice")
        if component.group is not None and component.group not in group_ids:
            raise SettingsError(f"component '{component.id}' is in an unknown group '{component.group}'")
        seen.add(component.id)
    return settings
