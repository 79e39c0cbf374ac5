"""JSON over HTTP for the channels we write ourselves, with errors that never show the URL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import requests

from ... import __version__
from ...model.notify import NotifyChannel
from ..targets import ExpandedTarget
from .base import CONNECT_TIMEOUT, READ_TIMEOUT, Channel, Context, DeliveryError

USER_AGENT = f"Balise/{__version__} (status page notifications)"
#: A receiver's error text is shown to help, cut short: it is not ours and may be long.
ANSWER_SHOWN = 200


class JsonPoster:
    """Posts JSON to one URL through one connection pool."""

    def __init__(self, redact: Callable[[str], str]) -> None:
        self.redact = redact
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT})

    def post(self, url: str, payload: Any, params: dict[str, str] | None = None) -> requests.Response:
        try:
            response = self.session.post(url, json=payload, params=params, timeout=(CONNECT_TIMEOUT, READ_TIMEOUT))
        except requests.Timeout:
            raise DeliveryError("timed out") from None
        except requests.ConnectionError as error:
            raise DeliveryError(f"could not connect ({_cause(error)})") from None
        except requests.RequestException as error:
            raise DeliveryError(self.redact(f"request failed: {type(error).__name__}")) from None
        if not 200 <= response.status_code < 300:
            answer = " ".join(response.text[:ANSWER_SHOWN].split())
            detail = f": {self.redact(answer)}" if answer else ""
            raise DeliveryError(f"HTTP {response.status_code} {response.reason or ''}".rstrip() + detail)
        return response

    def close(self) -> None:
        self.session.close()


def _cause(error: Exception) -> str:
    """The innermost reason (refused, name not resolved, TLS), never the URL requests puts around it."""
    text = str(error)
    for marker, said in (
        ("Connection refused", "connection refused"),
        ("Name or service not known", "host not found"),
        ("nodename nor servname", "host not found"),
        ("CERTIFICATE_VERIFY_FAILED", "TLS certificate not trusted"),
        ("SSLError", "TLS error"),
        ("RemoteDisconnected", "the server closed the connection"),
        ("Connection reset", "connection reset"),
        ("timed out", "timed out"),
    ):
        if marker in text:
            return said
    return type(error).__name__


class HttpChannel(Channel):
    """A channel that posts JSON to its target through one connection pool."""

    def __init__(self, spec: NotifyChannel, target: ExpandedTarget, context: Context) -> None:
        super().__init__(spec, target, context)
        self.http = JsonPoster(target.redact)

    def close(self) -> None:
        self.http.close()


def apprise_spelling(target: str, scheme: str, webhook_base: str) -> str:
    """Apprise spells a webhook `scheme://PATH` (`slack://T…/B…/X…`); the service's URL is
    `webhook_base` + PATH. Users may write either: both reach the same hook."""
    parts = urlsplit(target)
    if parts.scheme == scheme:
        return f"{webhook_base}{parts.netloc}{parts.path}".rstrip("/")
    return target
