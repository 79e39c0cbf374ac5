"""Reading an importer's input: JSON files and folders on disk, or a Statuspage page over HTTP.

Over HTTP only `http(s)` URLs are fetched, and only `http(s)` redirects followed (never from
https to http); each answer is capped in size, and in time both per read and as a whole, so a
server that drips bytes cannot hold the import. A page API key is sent only to the management
API, in the `Authorization` header, never printed, and never carried by a redirect: a
redirect to another origin (scheme, host or port) is refused outright, since following it
without the key would only fail, and a key must not travel where it was not sent.
Every failure is one line naming the address; nothing the HTTP library says about the
request itself (which holds the key) is repeated.
"""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlencode, urlsplit

#: No status page's JSON comes near this; a bigger answer is not what we asked for.
MAX_BYTES = 50 * 1024 * 1024
#: Seconds to connect and between two reads; and for a whole answer.
TIMEOUT_SECONDS = 30
TOTAL_SECONDS = 300
#: The management API's largest page; past this many pages something is wrong.
PAGE_SIZE = 100
MAX_PAGES = 1000
MANAGEMENT_API = "https://api.statuspage.io/v1"
PUBLIC_ENDPOINTS = ("components.json", "incidents.json", "scheduled-maintenances.json")
#: What a page API key is made of (visible ASCII); anything else would not survive an HTTP header.
_KEY = re.compile(r"[!-~]+")
_CHUNK = 1 << 16


class SourceError(ValueError):
    """An input that cannot be read; the message names it and says why."""


def _parsed(data: bytes, name: str) -> Any:
    """JSON from bytes; SourceError when it is not JSON or nests deeper than Python can read."""
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceError(f"{name}: not JSON ({error})") from None
    except RecursionError:
        raise SourceError(f"{name}: the JSON nests too deeply to be a status page's") from None


def json_files(path: Path) -> Iterator[tuple[str, Any]]:
    """A saved JSON file, or every `*.json` file of a folder (sorted), parsed."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.json") if p.is_file())
        if not files:
            raise SourceError(f"{path}: no .json file in this folder")
    elif path.is_file():
        files = [path]
    else:
        raise SourceError(f"{path}: no such file or folder")
    for file in files:
        try:
            with file.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise SourceError(f"{file}: cannot read it ({error.strerror})") from None
        if len(data) > MAX_BYTES:
            raise SourceError(f"{file}: larger than {MAX_BYTES // (1024 * 1024)} MB; not a status page's JSON")
        yield str(file), _parsed(data, str(file))


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or {"http": 80, "https": 443}.get(scheme)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to http(s), never from https to http, and an authenticated
    request only within its origin."""

    def redirect_request(  # type: ignore[override]
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        old, new = _origin(req.full_url), _origin(newurl)
        if new[0] not in ("http", "https"):
            scheme = new[0]
            raise SourceError(f"{req.full_url}: the server redirects to a '{scheme}' address; not followed (http(s) only)")
        if old[0] == "https" and new[0] == "http":
            raise SourceError(f"{req.full_url}: the server redirects from https to plain http; not followed")
        if req.has_header("Authorization") and new != old:
            raise SourceError(
                f"{req.full_url}: the server redirects to another host ({new[1]}); "
                "not followed, the API key is never sent anywhere else"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_Redirects)


def _read(response: IO[bytes], url: str) -> bytes:
    """The answer's bytes, refused past MAX_BYTES or TOTAL_SECONDS."""
    deadline = time.monotonic() + TOTAL_SECONDS
    length = response.headers.get("Content-Length", "") if hasattr(response, "headers") else ""
    if length.strip().isdigit() and int(length) > MAX_BYTES:
        raise SourceError(f"{url}: the answer is larger than {MAX_BYTES // (1024 * 1024)} MB")
    read = getattr(response, "read1", response.read)
    chunks: list[bytes] = []
    size = 0
    while chunk := read(_CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BYTES:
            raise SourceError(f"{url}: the answer is larger than {MAX_BYTES // (1024 * 1024)} MB")
        if time.monotonic() > deadline:
            raise SourceError(f"{url}: the answer took longer than {TOTAL_SECONDS} s; stopped")
    return b"".join(chunks)


def get_json(url: str, headers: dict[str, str] | None = None) -> Any:
    if urlsplit(url).scheme not in ("http", "https"):
        raise SourceError(f"{url}: only http and https addresses are fetched")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    for name, value in (headers or {}).items():
        request.add_unredirected_header(name, value)  # a redirect never carries it
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            data = _read(response, url)
    except SourceError:
        raise
    except urllib.error.HTTPError as error:
        raise SourceError(f"{url}: the server answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise SourceError(f"{url}: cannot fetch it ({reason})") from None
    except (http.client.InvalidURL, UnicodeError):
        reason = "not an address that can be fetched (spaces, control or non-ASCII characters?)"
        raise SourceError(f"{url}: {reason}") from None
    except http.client.HTTPException as error:
        raise SourceError(f"{url}: the server's answer is not HTTP ({type(error).__name__})") from None
    except ValueError:
        # http.client's other checks of the request; their messages quote the headers, key included.
        raise SourceError(f"{url}: the request could not be made (a header or the address is malformed)") from None
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SourceError(f"{url}: the answer is not JSON; is this a Statuspage page?") from None
    except RecursionError:
        raise SourceError(f"{url}: the answer nests too deeply to be a status page's JSON") from None


def public_pages(page_url: str) -> Iterator[tuple[str, Any]]:
    """A page's public v2 API: its components, latest incidents and latest maintenances."""
    base = page_url.rstrip("/")
    if base.endswith("/api/v2"):
        base = base[: -len("/api/v2")]
    for endpoint in PUBLIC_ENDPOINTS:
        url = f"{base}/api/v2/{endpoint}"
        yield url, get_json(url)


def management_pages(page_id: str, api_key: str, api_base: str = MANAGEMENT_API) -> Iterator[tuple[str, Any]]:
    """The whole history through the management API: components, groups, every incident."""
    if not (page_id.isascii() and page_id.isalnum()):
        raise SourceError(f"page id '{page_id}' must be letters and digits, as Statuspage shows it")
    if not _KEY.fullmatch(api_key):
        raise SourceError("the page API key holds spaces, line breaks or non-ASCII characters; it is not a key")
    headers = {"Authorization": f"OAuth {api_key}"}
    base = f"{api_base.rstrip('/')}/pages/{page_id}"
    yield f"{base}/components", get_json(f"{base}/components", headers)
    yield f"{base}/component-groups", get_json(f"{base}/component-groups", headers)
    for number in range(1, MAX_PAGES + 1):
        url = f"{base}/incidents?{urlencode({'limit': PAGE_SIZE, 'page': number})}"
        batch = get_json(url, headers)
        if not isinstance(batch, list):
            raise SourceError(f"{url}: expected a list of incidents")
        if batch:
            yield url, batch
        if len(batch) < PAGE_SIZE:
            return
    raise SourceError(f"{base}/incidents: more than {MAX_PAGES} pages of incidents; stopped")
