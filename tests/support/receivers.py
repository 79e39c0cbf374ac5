"""Real receivers on 127.0.0.1 for the notification tests: an HTTP server that records every
request, an SMTP server (aiosmtpd), and a redirect for services whose host is fixed.

The redirect works at the HTTP layer, below Apprise and our own clients: `requests` prepares
the exact request it would send to hooks.slack.com or api.telegram.org, and only the socket
it is written to changes, to the local server. The original URL travels in a header the
server strips and records, so a test asserts on the URL, the headers and the body the real
service would have received.
"""

from __future__ import annotations

import json
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests.adapters

ORIGINAL_URL = "X-Test-Original-Url"


@dataclass
class Request:
    method: str
    url: str  # the URL the client meant to reach (the redirect keeps it)
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def path(self) -> str:
        return urlsplit(self.url).path


@dataclass
class HttpReceiver:
    """Answers `status` (and `answer`) to every request, recording each."""

    status: int = 200
    answer: bytes = b"ok"
    requests: list[Request] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def port(self) -> int:
        assert self.server is not None
        return self.server.server_address[1]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> HttpReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k: v for k, v in self.headers.items()}
                url = headers.pop(ORIGINAL_URL, None) or f"{receiver.base}{self.path}"
                receiver.requests.append(Request(self.command, url, headers, body))
                self.send_response(receiver.status)
                content = receiver.answer
                self.send_header("Content-Type", "application/json" if content[:1] in (b"{", b"[") else "text/plain")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_POST = do_GET = do_PUT = _handle

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


@contextmanager
def http_receiver(status: int = 200, answer: bytes = b"ok") -> Iterator[HttpReceiver]:
    receiver = HttpReceiver(status, answer).start()
    try:
        yield receiver
    finally:
        receiver.stop()


@contextmanager
def redirected(receiver: HttpReceiver, hosts: tuple[str, ...]) -> Iterator[None]:
    """Requests to `hosts` (any scheme) are written to the local receiver instead."""
    original = requests.adapters.HTTPAdapter.send

    def send(self: requests.adapters.HTTPAdapter, request: requests.PreparedRequest, **kwargs: Any) -> Any:
        parts = urlsplit(request.url or "")
        if parts.hostname in hosts:
            request.headers[ORIGINAL_URL] = request.url or ""
            request.url = f"{receiver.base}{parts.path}" + (f"?{parts.query}" if parts.query else "")
        return original(self, request, **kwargs)

    requests.adapters.HTTPAdapter.send = send  # type: ignore[method-assign]
    try:
        yield
    finally:
        requests.adapters.HTTPAdapter.send = original  # type: ignore[method-assign]


@dataclass(frozen=True)
class Certificate:
    """A self-signed certificate for 127.0.0.1; clients trust it through SSL_CERT_FILE."""

    cert: Path
    key: Path


def self_signed(folder: Path) -> Certificate:
    """Made by the openssl command line (Debian's openssl, which the machine has)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return Certificate(cert, key)


def free_port() -> int:
    """A port nothing listens on right now (aiosmtpd needs one before it starts)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Mail:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class SmtpReceiver:
    port: int
    mails: list[Mail]
    logins: list[tuple[str, str]]


@contextmanager
def smtp_receiver(
    user: str | None = None, password: str | None = None, refuse: bool = False, tls: str | None = None, certificate: Certificate | None = None
) -> Iterator[SmtpReceiver]:
    """aiosmtpd on 127.0.0.1; with `user`, AUTH is required; `tls` is "starttls" (required before
    anything else) or "smtps" (TLS from the first byte), with `certificate`."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    mails: list[Mail] = []
    logins: list[tuple[str, str]] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            if refuse:
                return "554 5.7.1 rejected for the test"
            message = message_from_bytes(envelope.original_content, policy=policy.default)
            mails.append(Mail(envelope.mail_from, list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
            return "250 OK"

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        if isinstance(data, LoginPassword):
            given = (data.login.decode(), data.password.decode())
            logins.append(given)
            return AuthResult(success=given == (user, password), handled=False)
        return AuthResult(success=False, handled=False)

    options: dict[str, Any] = {}
    if user is not None:
        # AUTH over plain SMTP too, as for a relay on a trusted network.
        options = {"authenticator": authenticator, "auth_required": True, "auth_require_tls": False}
    if tls is not None:
        assert certificate is not None
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(certificate.cert, certificate.key)
        if tls == "starttls":
            options.update(tls_context=context, require_starttls=True)
        else:
            options.update(ssl_context=context)
    port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield SmtpReceiver(port, mails, logins)
    finally:
        controller.stop()
