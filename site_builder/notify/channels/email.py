"""Email over SMTP, written by us on the standard library's smtplib and email packages.

Apprise sends email, but users expect each incident to read as one conversation in their
mail client, which takes headers Apprise does not let us set per message: a stable
`Message-ID` for each notice, and `In-Reply-To` / `References` pointing at the incident's
first one. The message has a plain-text part and an HTML part; the HTML is built from escaped
text and the page's sanitised Markdown (outputs.markup), never from raw incident text.

Targets: `smtps://USER:PASSWORD@HOST[:465]` (TLS from the start), `smtp://USER:PASSWORD@HOST[:587]`
(STARTTLS, refused if the server does not offer it: a password never crosses in clear), and
`smtp+plain://HOST[:25]` for a relay on a trusted network.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
from collections.abc import Callable
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, parseaddr
from html import escape
from urllib.parse import unquote, urlsplit

from ...model import SiteConfig, ids
from ...outputs.markup import Converter
from ..content import Announcement
from ..dialects import Dialect, one_line, render
from .base import CONNECT_TIMEOUT, READ_TIMEOUT, Channel, DeliveryError, Notice, Part
from .chat_blocks import component_lines, mark, plain_body, status_line

DEFAULT_PORTS = {"smtps": 465, "smtp": 587, "smtp+plain": 25}
#: More than one recipient: none sees the others' addresses.
UNDISCLOSED = "undisclosed-recipients:;"


def message_id(config: SiteConfig, channel: str, key: str) -> str:
    """`<2026-11-20-api-errors.2.ops-mail@status.example.com>`: fixed by the incident, the
    update and the channel, so a resend is recognised as the same message. The incident's
    first notice is `<incident.channel@host>`: the root every later one refers to."""
    thread, _, suffix = key.partition("#")
    local = f"{thread}.{channel}" if suffix in ("", "0") else f"{thread}.{suffix.replace('/', '.')}.{channel}"
    return f"<{local}@{ids.authority(config)}>"


class EmailChannel(Channel):
    def parts(self, notice: Notice) -> list[Part]:
        return [Part("", self.message(notice))]

    def message(self, notice: Notice) -> EmailMessage:
        a = notice.announcement
        addressing = self.spec.email
        assert addressing is not None  # the config reader requires from and to for email
        config = self.context.config
        msg = EmailMessage(policy=SMTP)
        msg["Subject"] = f"[{one_line(a.site_name)}] {one_line(a.title)}"
        msg["From"] = addressing.sender
        msg["To"] = addressing.recipients[0] if len(addressing.recipients) == 1 else UNDISCLOSED
        msg["Date"] = formatdate(self.context.now.timestamp(), usegmt=True)
        msg["Message-ID"] = message_id(config, self.spec.name, a.key)
        root = message_id(config, self.spec.name, f"{a.thread}#0")
        if msg["Message-ID"] != root:
            msg["In-Reply-To"] = root
            msg["References"] = root
        msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies
        msg["X-Auto-Response-Suppress"] = "All"
        msg.set_content(text_body(a))
        msg.add_alternative(html_body(a, self.context.localizer.language), subtype="html")
        msg["Content-Language"] = self.context.localizer.language  # after set_content, which drops Content-* headers
        return msg

    def deliver(self, part: Part) -> None:
        addressing = self.spec.email
        assert addressing is not None
        envelope_from = parseaddr(addressing.sender)[1]
        recipients = [parseaddr(r)[1] for r in addressing.recipients]
        send_mail(self.target.url, part.payload, envelope_from, recipients, self.target.redact)


def send_mail(url: str, message: EmailMessage, sender: str, recipients: list[str], redact: Callable[[str], str]) -> None:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    port = parts.port or DEFAULT_PORTS[scheme]
    context = ssl.create_default_context()
    timeout = CONNECT_TIMEOUT + READ_TIMEOUT
    try:
        client = (
            smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
            if scheme == "smtps"
            else smtplib.SMTP(host, port, timeout=timeout)
        )
        with client:
            client.ehlo()
            if scheme == "smtp":
                if not client.has_extn("starttls"):
                    raise DeliveryError("the SMTP server offers no STARTTLS; use smtps:// or, on a trusted network only, smtp+plain://")
                client.starttls(context=context)
                client.ehlo()
            if parts.username:
                _login(client, unquote(parts.username), unquote(parts.password or ""))
            # Recipients the server refuses while it accepts others are not retried: the
            # others have the message, and a retry would send it to them twice.
            client.send_message(message, from_addr=sender, to_addrs=recipients)
    except DeliveryError:
        raise
    except smtplib.SMTPAuthenticationError as error:
        raise DeliveryError(f"SMTP authentication failed ({error.smtp_code})") from None
    except smtplib.SMTPRecipientsRefused:
        raise DeliveryError("the SMTP server refused every recipient") from None
    except smtplib.SMTPSenderRefused as error:
        raise DeliveryError(f"the SMTP server refused the sender ({error.smtp_code})") from None
    except smtplib.SMTPResponseException as error:
        said = error.smtp_error.decode("utf-8", "replace") if isinstance(error.smtp_error, bytes) else str(error.smtp_error)
        raise DeliveryError(redact(f"SMTP {error.smtp_code}: {' '.join(said.split())[:200]}")) from None
    except ssl.SSLError as error:
        raise DeliveryError(f"TLS error ({error.reason or type(error).__name__})") from None
    except (TimeoutError, smtplib.SMTPServerDisconnected) as error:
        raise DeliveryError(f"the SMTP server did not answer ({type(error).__name__})") from None
    except ConnectionRefusedError:
        raise DeliveryError("could not connect (connection refused)") from None
    except OSError as error:
        raise DeliveryError(f"could not connect ({error.strerror or type(error).__name__})") from None
    except smtplib.SMTPException as error:
        raise DeliveryError(f"SMTP error ({type(error).__name__})") from None


def _login(client: smtplib.SMTP, user: str, password: str) -> None:
    """smtplib's login, or AUTH PLAIN in UTF-8 (RFC 4616) when the user or password is not ASCII:
    smtplib encodes credentials as ASCII and would fail on `pässword` with a traceback."""
    if (user + password).isascii():
        client.login(user, password)
        return
    if "plain" not in client.esmtp_features.get("auth", "").lower().split():
        raise DeliveryError(
            "the SMTP user name or password is not ASCII and the server offers no AUTH PLAIN to send it in UTF-8"
        )
    credentials = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, said = client.docmd("AUTH", f"PLAIN {credentials}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, said)


def text_body(a: Announcement) -> str:
    body = plain_body(a, render(a.message, Dialect.PLAIN))
    return f"{a.headline}: {one_line(a.title)}\n\n{body}\n\n-- \n{a.labels.footer}\n"


def html_body(a: Announcement, language: str) -> str:
    """A small, table-free HTML part: every text escaped, the message sanitised as on the page."""
    rows = [f"<p><strong>{escape(a.labels.status)}:</strong> {escape(status_line(a))}</p>"]
    lines = component_lines(a, escape)
    if lines:
        items = "".join(f"<li>{line}</li>" for line in lines)
        rows.append(f"<p><strong>{escape(a.labels.components)}:</strong></p><ul>{items}</ul>")
    if a.window:
        rows.append(f"<p><strong>{escape(a.labels.window)}:</strong> {escape(a.window)}</p>")
    message = Converter().to_html(a.message) if a.message else ""
    tail = []
    if a.next_update:
        tail.append(f"<p><strong>{escape(a.labels.next_update)}:</strong> {escape(a.next_update)}</p>")
    if a.url:
        tail.append(f'<p><a href="{escape(a.url)}">{escape(a.labels.details)}</a></p>')
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<title>{escape(one_line(a.title))}</title></head>\n<body>\n"
        f"<p>{escape(mark(a))} {escape(a.headline)}</p>\n"
        f"<h1>{escape(one_line(a.title))}</h1>\n"
        + "\n".join(rows)
        + f"\n<div>{message}</div>\n"
        + "\n".join(tail)
        + f"\n<hr><p><small>{escape(a.labels.footer)}</small></p>\n</body></html>\n"
    )
