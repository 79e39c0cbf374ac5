"""Targets: `${VAR}` templates expanded from the environment, and the redaction of what they hold.

An expanded target is a secret as a whole and in its parts (a webhook URL's path, a bot token
in an Apprise URL's host, an SMTP password), so every text that may echo one — an exception,
a library's log line — goes through the channel's Redactor before anyone sees it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

from ..model.notify import KIND_SCHEMES, VARIABLE, ChannelKind, NotifyChannel, target_variables

#: Parts shorter than this are not redacted on their own (a port, "api"): they would blank
#: ordinary words, and are no secret by themselves.
MIN_FRAGMENT = 6
_URL = re.compile(r"\b([a-z][a-z0-9+.-]*)://[^\s\"'<>]+", re.IGNORECASE)
REDACTED = "[redacted]"


class TargetError(ValueError):
    """The target cannot be used; the message never contains any part of it."""


class Redactor:
    """Removes every known secret (and any URL's path, query and credentials) from a text."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        fragments: set[str] = set()
        for secret in secrets:
            fragments.update(_fragments(secret))
        self._fragments = sorted((f for f in fragments if f), key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for fragment in self._fragments:
            text = text.replace(fragment, REDACTED)
        return _URL.sub(_url_origin, text)


def _url_origin(match: re.Match[str]) -> str:
    """`https://hooks.slack.com/services/…` → `https://hooks.slack.com/…`: which service, never which hook."""
    try:
        parts = urlsplit(match.group(0))
        host = parts.hostname or ""
    except ValueError:
        return f"{match.group(1)}://…"
    host = host if parts.scheme.lower() in ("http", "https") else "…"
    return f"{parts.scheme}://{host}/…"


def _fragments(secret: str) -> set[str]:
    found = {secret, unquote(secret)}
    try:
        parts = urlsplit(secret)
    except ValueError:
        return found
    pieces = [parts.path, parts.query, parts.fragment, parts.username or "", parts.password or ""]
    if parts.scheme.lower() not in ("http", "https"):
        pieces.append(parts.netloc)  # Apprise URLs keep tokens where a host would be
    pieces += [segment for segment in parts.path.split("/")]
    pieces += [value for _, value in parse_qsl(parts.query, keep_blank_values=True)]
    for piece in pieces:
        if len(piece) >= MIN_FRAGMENT:
            found.update({piece, unquote(piece)})
    return found


@dataclass(frozen=True)
class ExpandedTarget:
    """A target with its variables replaced: handle as a secret."""

    url: str
    redact: Redactor


def missing_variables(channel: NotifyChannel, environ: Mapping[str, str]) -> list[str]:
    return [name for name in target_variables(channel.target) if not environ.get(name)]


def expand(channel: NotifyChannel, environ: Mapping[str, str]) -> ExpandedTarget:
    """The channel's target with its variables' values; raises TargetError naming what is wrong."""
    missing = missing_variables(channel, environ)
    if missing:
        names = ", ".join(f"${{{name}}}" for name in missing)
        raise TargetError(f"environment variable {names} is not set")
    values = [environ[name] for name in target_variables(channel.target)]
    url = VARIABLE.sub(lambda m: environ[m.group(1)], channel.target).strip()
    redact = Redactor([url, *values])
    check_shape(channel.kind, url)
    return ExpandedTarget(url=url, redact=redact)


def check_shape(kind: ChannelKind, url: str) -> None:
    """What every target of `kind` must look like; services reached through Apprise are also
    checked by Apprise when the channel is prepared."""
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise TargetError("malformed target: its value contains spaces or control characters")
    try:
        parts = urlsplit(url)
        if parts.scheme.lower() in ("http", "https", "smtp", "smtps", "smtp+plain"):
            parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise TargetError(f"malformed target: its value is not a URL a {kind.value} channel can use") from None
    allowed = KIND_SCHEMES[kind]
    if parts.scheme.lower() not in allowed:
        schemes = ", ".join(f"{s}://" for s in allowed)
        raise TargetError(f"malformed target: a {kind.value} target starts with {schemes}")
    if not parts.netloc:
        raise TargetError(f"malformed target: its value has no host (a {kind.value} target is a URL)")
