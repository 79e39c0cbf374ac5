"""Typed values out of a payload's JSON, each failure one line naming the payload and the field.

A payload is untrusted: it comes through a webhook anyone holding the token can call, or is
pasted by hand. Nothing here trusts a type, a length or a time it did not check.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from ..source.problems import printable
from .model import Link, PayloadError

#: RFC 3339 as Alertmanager and Grafana write it (nanoseconds included), or Uptime Kuma's
#: `2024-09-24 23:51:35.527`, which is UTC without saying so.
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})?$")
#: Go's zero time: Alertmanager's `endsAt` of an alert still firing.
_ZERO_YEAR = 1
#: A link shown in the pull request: http(s), nothing that ends a Markdown autolink.
_LINK = re.compile(r"^https?://[^\s<>\"'`\\\x00-\x1f\x7f]+$", re.IGNORECASE)
MAX_LINK = 2000
#: What a report shows of one text from a payload.
SHOWN = 80


def shown(text: str, limit: int = SHOWN) -> str:
    """Payload text as a report may print it: inert (controls spelled out) and short."""
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Fields:
    """Reads one JSON object of a payload; `where` names it in messages (`alerts[2]`)."""

    def __init__(self, origin: str, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise PayloadError(f"{origin}: {where or 'the payload'} must be a JSON object, not {_kind(data)}")
        self.origin = origin
        self.data = data
        self.where = where

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key: str, message: str) -> PayloadError:
        return PayloadError(f"{self.origin}: '{self._name(key)}' {message}")

    def text(self, key: str, *, required: bool = True, limit: int = 10_000) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.fail(key, "is missing")
            return None
        if not isinstance(value, str):
            raise self.fail(key, f"must be text, not {_kind(value)}")
        if len(value) > limit:
            raise self.fail(key, f"is {len(value):,} characters; at most {limit:,} are read")
        return value

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self.text(key)
        assert value is not None
        if value not in choices:
            raise self.fail(key, f"must be {' or '.join(choices)}, not '{shown(value)}'")
        return value

    def integer(self, key: str, *, required: bool = True) -> int | None:
        value = self.data.get(key)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"must be a whole number, not {_kind(value)}")
        return value

    def obj(self, key: str, *, required: bool = True) -> Fields | None:
        value = self.data.get(key)
        if value is None and not required:
            return None
        return Fields(self.origin, value, self._name(key))

    def items(self, key: str, limit: int) -> list[Any]:
        value = self.data.get(key)
        if not isinstance(value, list):
            raise self.fail(key, f"must be a list, not {_kind(value)}")
        if len(value) > limit:
            raise self.fail(key, f"holds {len(value):,} entries; at most {limit:,} are read")
        return value

    def labels(self, key: str, *, limit: int = 200) -> dict[str, str]:
        """A mapping of text to text, as labels and annotations always are."""
        value = self.data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(key, f"must be a mapping of text to text, not {_kind(value)}")
        if len(value) > limit:
            raise self.fail(key, f"holds {len(value):,} labels; at most {limit:,} are read")
        for name, text in value.items():
            if not isinstance(text, str):
                raise self.fail(key, f"label '{shown(name)}' must be text, not {_kind(text)}")
            if len(name) + len(text) > 10_000:
                raise self.fail(key, f"label '{shown(name)}' is longer than 10,000 characters")
        return dict(value)

    def time(self, key: str, *, required: bool = True) -> datetime | None:
        """A time; Go's zero time (`0001-01-01T00:00:00Z`) and an empty text mean none."""
        text = self.text(key, required=required, limit=64)
        if text is None or text == "":
            if required:
                raise self.fail(key, "is empty")
            return None
        match = _TIME.match(text)
        if not match:
            raise self.fail(key, f"is not a time such as 2026-11-20T14:05:00Z: '{shown(text)}'")
        fraction, zone = match.groups()
        plain = text[: 19].replace(" ", "T").replace("t", "T")
        if fraction:
            plain += "." + fraction[:6].ljust(6, "0")
        try:
            moment = datetime.fromisoformat(plain + ("+00:00" if zone in (None, "Z", "z") else zone))
        except ValueError:
            raise self.fail(key, f"is not a real time: '{shown(text)}'") from None
        if moment.year == _ZERO_YEAR:
            return None
        return moment.astimezone(UTC)

    def link(self, key: str, label: str) -> Link | None:
        """A link for the pull request, if the payload has a usable http(s) one (anything else is dropped)."""
        value = self.data.get(key)
        if not isinstance(value, str) or len(value) > MAX_LINK or not _LINK.match(value):
            return None
        host = urlsplit(value).hostname
        return Link(label, value) if host else None


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "something else"
