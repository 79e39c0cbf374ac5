"""A stand-in for GitHub's REST API on 127.0.0.1, for the alert workflow's tests: it keeps pull
requests, labels, statuses and comments as GitHub would for the calls Balise makes, and records
every request (method, path, query, headers, JSON body) so a test can assert on each call."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any


@dataclass
class FakeGitHub:
    repository: str
    token: str
    url: str = ""
    calls: list[Call] = field(default_factory=list)
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    labels: dict[int, list[str]] = field(default_factory=dict)
    statuses: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    #: commit SHA → pull request numbers (GitHub's "pull requests associated with a commit").
    commit_pulls: dict[str, list[int]] = field(default_factory=dict)
    reviews: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    commits: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    merged: list[int] = field(default_factory=list)
    dispatches: list[Any] = field(default_factory=list)

    def made(self, method: str, prefix: str) -> list[Call]:
        return [call for call in self.calls if call.method == method and call.path.startswith(f"/repos/{self.repository}{prefix}")]

    def open_pull(self, number: int, branch: str, title: str = "Human", created_at: str = "2020-02-06T00:00:00Z") -> dict[str, Any]:
        pull = {
            "number": number, "state": "open", "title": title, "body": "", "merged_at": None,
            "html_url": f"https://github.test/{self.repository}/pull/{number}", "created_at": created_at,
            "draft": False, "head": {"ref": branch, "sha": "", "repo": {"full_name": self.repository}}, "base": {"ref": "main"},
        }  # fmt: skip
        self.pulls[number] = pull
        return pull

    def answer(self, method: str, path: str, query: dict[str, str], body: Any) -> tuple[int, Any]:
        prefix = f"/repos/{self.repository}"
        if not path.startswith(prefix):
            return 404, {"message": "Not Found"}
        rest = path[len(prefix):]
        parts = rest.strip("/").split("/")
        if rest == "/dispatches" and method == "POST":
            self.dispatches.append(body)
            return 204, None
        if rest == "/pulls" and method == "GET":
            found = list(self.pulls.values())
            if query.get("state", "open") != "all":
                found = [p for p in found if p["state"] == query.get("state", "open")]
            if "head" in query:
                _owner, _, branch = query["head"].partition(":")
                found = [p for p in found if p["head"]["ref"] == branch]
            return 200, found
        if rest == "/pulls" and method == "POST":
            if any(p["head"]["ref"] == body["head"] and p["state"] == "open" for p in self.pulls.values()):
                return 422, {"message": "Validation Failed: A pull request already exists"}
            number = max([0, *self.pulls]) + 1
            pull = self.open_pull(number, body["head"], body["title"])
            pull["body"] = body["body"]
            return 201, pull
        if parts[0] == "pulls" and len(parts) == 2 and method == "PATCH":
            self.pulls[int(parts[1])].update({"title": body["title"], "body": body["body"]})
            return 200, self.pulls[int(parts[1])]
        if parts[0] == "pulls" and len(parts) == 3 and parts[2] == "merge" and method == "PUT":
            number = int(parts[1])
            self.merged.append(number)
            self.pulls[number].update({"state": "closed", "merged_at": "2020-02-06T01:00:00Z"})
            return 200, {"merged": True}
        if parts[0] == "pulls" and len(parts) == 3 and parts[2] == "commits":
            return 200, self.commits.get(int(parts[1]), [])
        if parts[0] == "pulls" and len(parts) == 3 and parts[2] == "reviews":
            return 200, self.reviews.get(int(parts[1]), [])
        if parts[0] == "issues" and parts[2] == "labels" and method == "POST":
            self.labels.setdefault(int(parts[1]), []).extend(body["labels"])
            return 200, [{"name": name} for name in self.labels[int(parts[1])]]
        if parts[0] == "issues" and parts[2] == "comments":
            if method == "POST":
                self.comments.setdefault(int(parts[1]), []).append({"body": body["body"], "user": {"login": "github-actions[bot]"}})
                return 201, {}
            return 200, self.comments.get(int(parts[1]), [])
        if parts[0] == "statuses" and method == "POST":
            self.statuses.setdefault(parts[1], []).append(body)
            return 201, body
        if parts[0] == "commits" and parts[2] == "pulls":
            return 200, [self.pulls[number] for number in self.commit_pulls.get(parts[1], [])]
        if parts[0] == "commits" and parts[2] == "status":
            found = self.statuses.get(parts[1], [])
            return 200, {"state": found[-1]["state"] if found else "pending", "statuses": found}
        return 404, {"message": "Not Found"}


@contextmanager
def github_api(repository: str = "acme/status", token: str = "ghs_secretTOKEN1234567890") -> Iterator[FakeGitHub]:
    fake = FakeGitHub(repository, token)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            parts = urlsplit(self.path)
            query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            headers = {name.lower(): value for name, value in self.headers.items()}
            with lock:
                fake.calls.append(Call(self.command, parts.path, query, headers, body))
                if headers.get("authorization") != f"Bearer {fake.token}":
                    status, answer = 401, {"message": "Bad credentials"}
                else:
                    status, answer = fake.answer(self.command, parts.path, query, body)
            data = b"" if status == 204 else json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = do_PUT = _serve  # the names http.server calls

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
