"""Reading alert payloads: files or standard input, at most 1 MiB each, as JSON, from any source.

`--source auto` tells the senders apart by shape: Alertmanager and Grafana send `groupKey` and
`alerts` (Grafana's own webhook says `version: "1"`), Uptime Kuma `heartbeat`, `monitor` and
`msg`, the generic JSON `key` and `status`. Anything else is refused with its top-level keys
named, so a misrouted webhook is recognised at a glance.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO

from . import generic, prometheus, uptime_kuma
from .fields import shown
from .model import AlertGroup, Notice, PayloadError

#: A payload is a few KB (a group of a hundred alerts: about 100 KB); past this it is refused.
MAX_BYTES = 1 << 20
SOURCES = ("auto", "alertmanager", "grafana", "uptime-kuma", "generic")


def read_stream(stream: BinaryIO, origin: str) -> bytes:
    """At most MAX_BYTES of a stream; PayloadError past that, without reading the rest."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PayloadError(f"{origin}: larger than {MAX_BYTES // (1 << 20)} MiB; an alert payload is a few KB, refused")
    return data


def parse(data: bytes, origin: str, source: str = "auto") -> AlertGroup | Notice:
    """The group (or the notice) a payload holds; PayloadError, one line, when it holds neither."""
    if len(data) > MAX_BYTES:
        raise PayloadError(f"{origin}: larger than {MAX_BYTES // (1 << 20)} MiB; an alert payload is a few KB, refused")
    document = _json(data, origin)
    kind = detect(document, origin) if source == "auto" else source
    if kind in ("alertmanager", "grafana"):
        if not isinstance(document, dict) or "alerts" not in document:
            raise PayloadError(f"{origin}: not an {kind} payload: it has no 'alerts' list")
        return prometheus.read(origin, document, kind)
    if kind == "uptime-kuma":
        if not uptime_kuma.looks_like(document):
            raise PayloadError(f"{origin}: not an Uptime Kuma payload: it has no 'heartbeat', 'monitor' and 'msg'")
        return uptime_kuma.read(origin, document, kind)
    if not generic.looks_like(document):
        raise PayloadError(f"{origin}: not a generic alert payload: it needs 'key' and 'status'")
    return generic.read(origin, document, kind)


def detect(document: Any, origin: str) -> str:
    if not isinstance(document, dict):
        what = "a list" if isinstance(document, list) else "a single value"
        raise PayloadError(f"{origin}: not an alert payload: the JSON is {what}, not an object")
    if "alerts" in document and "groupKey" in document:
        version = document.get("version")
        if version == "1" or "orgId" in document:
            return "grafana"
        if version == "4":
            return "alertmanager"
        raise PayloadError(
            f"{origin}: an Alertmanager-style payload of version '{shown(str(version))}'; "
            "Balise reads version 4 (Alertmanager) and 1 (Grafana); pass --source to read it anyway"
        )
    if uptime_kuma.looks_like(document):
        return "uptime-kuma"
    if generic.looks_like(document):
        return "generic"
    keys = ", ".join(shown(str(key), 30) for key in list(document)[:8]) or "none"
    raise PayloadError(
        f"{origin}: not an alert payload (top-level keys: {keys}); Balise reads Alertmanager, Grafana, "
        "Uptime Kuma and its generic JSON (key, status, components)"
    )


def _json(data: bytes, origin: str) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PayloadError(f"{origin}: not UTF-8 (byte {error.start + 1} cannot be read)") from None
    if not text.strip():
        raise PayloadError(f"{origin}: empty; expected an alert payload (JSON)")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise PayloadError(f"{origin}:{error.lineno}:{error.colno}: not JSON: {error.msg}") from None
    except RecursionError:
        raise PayloadError(f"{origin}: the JSON nests too deeply to be an alert payload") from None
