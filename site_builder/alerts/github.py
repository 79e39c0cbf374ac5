"""The few GitHub REST calls the alert workflow makes: pull requests, labels, commit statuses,
comments, merges.

The base address comes from `GITHUB_API_URL` (set on every Actions runner; GitHub Enterprise has
its own), the repository from `GITHUB_REPOSITORY`, the token from the environment only:
`BALISE_GITHUB_TOKEN` (a GitHub App's or a fine-grained token, whose pull requests start the
other workflows) else `GITHUB_TOKEN` (the workflow's own). The token is sent in a header, never
follows a redirect, and never appears in a message: errors quote GitHub's own `message` field,
with the token removed should it ever be echoed.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

TOKEN_VARIABLES = ("BALISE_GITHUB_TOKEN", "GITHUB_TOKEN")
DEFAULT_API = "https://api.github.com"
MAX_ANSWER = 5 << 20
TIMEOUT_SECONDS = 30
_REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


class GitHubError(Exception):
    """A call GitHub refused or that did not reach it; one line, without the token."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # urllib's signature
        raise urllib.error.HTTPError(req.full_url, code, "redirect refused: the token is never sent elsewhere", headers, fp)


@dataclass(frozen=True)
class GitHub:
    api: str
    repository: str
    token: str

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> GitHub:
        token = next((environ[name] for name in TOKEN_VARIABLES if environ.get(name)), None)
        if token is None:
            raise GitHubError("no token: set GITHUB_TOKEN (the workflow's own) or BALISE_GITHUB_TOKEN in the environment")
        if not re.fullmatch(r"[!-~]+", token):
            raise GitHubError("the token in the environment is not one line of visible ASCII")
        repository = environ.get("GITHUB_REPOSITORY", "")
        if not _REPOSITORY.match(repository):
            raise GitHubError("GITHUB_REPOSITORY must name the repository as OWNER/NAME")
        api = environ.get("GITHUB_API_URL") or DEFAULT_API
        if urlsplit(api).scheme not in ("http", "https") or not urlsplit(api).netloc:
            raise GitHubError("GITHUB_API_URL must be an http(s) address")
        return cls(api.rstrip("/"), repository, token)

    @property
    def owner(self) -> str:
        return self.repository.split("/")[0]

    def call(self, method: str, path: str, body: Any = None, query: Mapping[str, str] | None = None) -> Any:
        url = f"{self.api}/repos/{self.repository}{path}" + (f"?{urlencode(query)}" if query else "")
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        request.add_header("User-Agent", "balise-alert")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=TIMEOUT_SECONDS) as answer:
                raw = answer.read(MAX_ANSWER + 1)
        except urllib.error.HTTPError as error:
            said = _message(error.read(64_000) if error.fp else b"")
            raise GitHubError(self._clean(f"GitHub answered {error.code} to {method} {path}{': ' + said if said else ''}")) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise GitHubError(self._clean(f"cannot reach GitHub at {self.api} ({type(reason).__name__})")) from None
        if len(raw) > MAX_ANSWER:
            raise GitHubError(f"GitHub's answer to {method} {path} is larger than {MAX_ANSWER >> 20} MiB")
        if not raw.strip():
            return None
        try:
            return json.loads(raw)
        except (ValueError, RecursionError):
            raise GitHubError(f"GitHub's answer to {method} {path} is not JSON") from None

    def _clean(self, text: str) -> str:
        return text.replace(self.token, "***")

    # -- pull requests -----------------------------------------------------------------

    def pulls(self, branch: str, state: str) -> list[dict[str, Any]]:
        found = self.call("GET", "/pulls", query={"head": f"{self.owner}:{branch}", "state": state, "per_page": "100"})
        return [pull for pull in found or [] if isinstance(pull, dict) and pull.get("head", {}).get("ref") == branch]

    def open_alert_pulls(self) -> dict[str, dict[str, Any]]:
        """Open pull requests from this repository's `alert/…` branches, by branch."""
        found = self.call("GET", "/pulls", query={"state": "open", "per_page": "100"}) or []
        pulls = {}
        for pull in found:
            head = pull.get("head") or {}
            ref = head.get("ref") or ""
            if ref.startswith("alert/") and (head.get("repo") or {}).get("full_name") == self.repository:
                pulls[ref] = pull
        return pulls

    def create_pull(self, title: str, branch: str, base: str, body: str) -> dict[str, Any]:
        return self.call("POST", "/pulls", {"title": title, "head": branch, "base": base, "body": body})

    def update_pull(self, number: int, title: str, body: str) -> None:
        self.call("PATCH", f"/pulls/{number}", {"title": title, "body": body})

    def add_labels(self, number: int, labels: list[str]) -> None:
        self.call("POST", f"/issues/{number}/labels", {"labels": labels})

    def set_status(self, sha: str, state: str, description: str, target_url: str | None) -> None:
        body = {"state": state, "context": "balise check", "description": description[:140]}
        if target_url:
            body["target_url"] = target_url
        self.call("POST", f"/statuses/{quote(sha)}", body)

    def comments(self, number: int) -> list[dict[str, Any]]:
        return self.call("GET", f"/issues/{number}/comments", query={"per_page": "100"}) or []

    def comment(self, number: int, body: str) -> None:
        self.call("POST", f"/issues/{number}/comments", {"body": body})

    def pulls_of_commit(self, sha: str) -> list[dict[str, Any]]:
        return self.call("GET", f"/commits/{quote(sha)}/pulls") or []

    def pull_commits(self, number: int) -> list[dict[str, Any]]:
        return self.call("GET", f"/pulls/{number}/commits", query={"per_page": "100"}) or []

    def reviews(self, number: int) -> list[dict[str, Any]]:
        return self.call("GET", f"/pulls/{number}/reviews") or []

    def status(self, sha: str) -> dict[str, Any]:
        return self.call("GET", f"/commits/{quote(sha)}/status") or {}

    def merge(self, number: int, sha: str) -> None:
        self.call("PUT", f"/pulls/{number}/merge", {"sha": sha})


def _message(raw: bytes) -> str:
    try:
        said = json.loads(raw).get("message", "")
    except (ValueError, AttributeError, RecursionError):
        return ""
    return " ".join(str(said).split())[:200]
