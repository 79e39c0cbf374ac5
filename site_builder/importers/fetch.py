"""Reading an importer's input: JSON files and folders on disk, or a Statuspage page over HTTP.

Over HTTP only `http(s)` URLs are fetched, each answer is capped in size and time, and a page
API key is sent only to the management API in the `Authorization` header, never printed.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

#: No status page's JSON comes near this; a bigger answer is not what we asked for.
MAX_BYTES = 50 * 1024 * 1024
TIMEOUT_SECONDS = 30
#: The management API's largest page; past this many pages something is wrong.
PAGE_SIZE = 100
MAX_PAGES = 1000
MANAGEMENT_API = "https://api.statuspage.io/v1"
PUBLIC_ENDPOINTS = ("components.json", "incidents.json", "scheduled-maintenances.json")


class SourceError(ValueError):
    """An input that cannot be read; the message names it and says why."""


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
        if file.stat().st_size > MAX_BYTES:
            raise SourceError(f"{file}: larger than {MAX_BYTES // (1024 * 1024)} MB; not a status page's JSON")
        try:
            yield str(file), json.loads(file.read_bytes())
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise SourceError(f"{file}: not JSON ({error})") from None


def get_json(url: str, headers: dict[str, str] | None = None) -> Any:
    if urlsplit(url).scheme not in ("http", "https"):
        raise SourceError(f"{url}: only http and https addresses are fetched")
    request = urllib.request.Request(url, headers={"Accept": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - scheme checked above
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise SourceError(f"{url}: the server answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise SourceError(f"{url}: cannot fetch it ({reason})") from None
    if len(data) > MAX_BYTES:
        raise SourceError(f"{url}: the answer is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SourceError(f"{url}: the answer is not JSON; is this a Statuspage page?") from None


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
    if not page_id.isalnum():
        raise SourceError(f"page id '{page_id}' must be letters and digits, as Statuspage shows it")
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
