"""Public identifiers for the machine outputs: Statuspage-style ids, feed ids, calendar UIDs.

Clients store these ids (to notify once per update, to keep a calendar event in place,
to mark a feed entry read), so each is derived from something that never changes — the
incident's file name, a component's catalog id — and never from a position in a list
or from the time of the build.
"""

from __future__ import annotations

import hashlib
import re
import string
from urllib.parse import urlsplit, urlunsplit

from .catalog import SiteConfig

#: Statuspage ids are 12 characters of lowercase letters and digits; clients may rely on that.
ID_LENGTH = 12
_ALPHABET = string.digits + string.ascii_lowercase


def public_id(namespace: str, key: str) -> str:
    """A 12-character `[a-z0-9]` id for `key`; the namespace keeps a group and a component
    that share a catalog id (or an incident and an update) from sharing a public id."""
    digest = hashlib.sha256(f"{namespace}\0{key}".encode()).digest()
    number = int.from_bytes(digest[:16], "big") % len(_ALPHABET) ** ID_LENGTH
    chars = []
    for _ in range(ID_LENGTH):
        number, digit = divmod(number, len(_ALPHABET))
        chars.append(_ALPHABET[digit])
    return "".join(reversed(chars))


def page_id(config: SiteConfig) -> str:
    return public_id("page", _site_key(config))


def incident_id(incident_key: str) -> str:
    return public_id("incident", incident_key)


def update_id(incident_key: str, index: int) -> str:
    """Updates are only ever appended, so an update's place in its timeline is stable."""
    return public_id("update", f"{incident_key}#{index}")


def component_id(component_key: str) -> str:
    return public_id("component", component_key)


def group_id(group_key: str) -> str:
    return public_id("group", group_key)


def authority(config: SiteConfig) -> str:
    """The DNS name that scopes tag URIs and calendar UIDs: the site's host, or a reserved
    `.invalid` name from the site name when no `site_url` is configured."""
    if config.site_url:
        host = urlsplit(config.site_url).hostname
        if host:
            return host
    slug = re.sub(r"[^a-z0-9]+", "-", config.site_name.lower()).strip("-") or "status"
    return f"{slug}.invalid"


def site_prefix(config: SiteConfig) -> str:
    """The site's sub-path (`status/` for https://example.com/status/), so two status pages
    on one host mint different tags."""
    if not config.site_url:
        return ""
    path = urlsplit(config.site_url).path.strip("/")
    return f"{path}/" if path else ""


def incident_tag(config: SiteConfig, incident_key: str) -> str:
    """An RFC 4151 tag URI for an incident: fixed by its file name, whatever is appended to it.

    The date part is the date in the file name (the incident's permanent id starts with it),
    so the tag does not move when a time in the file is corrected.
    """
    dated = re.match(r"^(\d{4}-\d{2}-\d{2})-", incident_key)
    day = dated.group(1) if dated else "2000-01-01"
    return f"tag:{authority(config)},{day}:{site_prefix(config)}incidents/{incident_key}"


def _site_key(config: SiteConfig) -> str:
    """The site's address as it identifies the page: the same however `site_url` was spelled
    (with or without a trailing slash, the host in any case)."""
    if config.site_url:
        parts = urlsplit(config.site_url.strip())
        return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), "", ""))
    return config.site_name
