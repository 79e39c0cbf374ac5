"""A JSON server on 127.0.0.1 for the importer tests: fixed answers by path, requests recorded.

A route answers (status, JSON body); or a `Raw` answer, for what a hostile or broken server
sends: any headers (a redirect's Location), any bytes, or bytes that are not HTTP at all."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

@dataclass(frozen=True)
class Raw:
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    #: Bytes written instead of an HTTP answer (a broken status line, say).
    wire: bytes | None = None
    #: Seconds between two bytes of the body: a server that drips its answer.
    pause: float = 0.0


#: (path with query, request headers) → (status, JSON body), or Raw
Route = Callable[[str, dict[str, str]], "tuple[int, Any] | Raw"]


@dataclass
class Served:
    url: str
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)


@contextmanager
def json_server(route: Route) -> Iterator[Served]:
    served = Served("")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            headers = {name.lower(): value for name, value in self.headers.items()}
            served.requests.append((self.path, headers))
            answer = route(self.path, headers)
            if isinstance(answer, Raw):
                self.raw(answer)
                return
            status, body = answer
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def raw(self, answer: Raw) -> None:
            if answer.wire is not None:
                self.wfile.write(answer.wire)
                return
            self.send_response(answer.status)
            for name, value in answer.headers:
                self.send_header(name, value)
            self.end_headers()
            if not answer.pause:
                self.wfile.write(answer.body)
                return
            for index in range(len(answer.body)):
                try:
                    self.wfile.write(answer.body[index : index + 1])
                    self.wfile.flush()
                except OSError:  # the client gave up: what the test wants
                    return
                time.sleep(answer.pause)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
