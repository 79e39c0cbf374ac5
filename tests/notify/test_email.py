"""Email through a real SMTP server on 127.0.0.1 (aiosmtpd), read back with the `email` package."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from support.notify_project import NotifyProject, append_update, channel, open_incident
from support.receivers import self_signed, smtp_receiver

#: The test server takes AUTH without TLS (a relay on a trusted network); aiosmtpd warns about it.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

PAGE = "https://status.northwind.test/incidents/2026-11-20-api-errors/"
SENDER = "Northwind Status <status@northwind.test>"


def mail_project(tmp_path, target: str, to: object = "ops@northwind.test", **env: str) -> NotifyProject:
    entry = channel("mail", "email", target, **{"from": SENDER, "to": to})
    return NotifyProject(tmp_path, [entry], env=env).write_config()


def parts(message: EmailMessage) -> dict[str, str]:
    return {part.get_content_type(): part.get_content() for part in message.iter_parts()}


@pytest.fixture
def smtp():
    with smtp_receiver() as server:
        yield server


def test_an_incident_arrives_with_a_text_part_an_html_part_and_the_link(tmp_path, smtp):
    project = mail_project(tmp_path, "smtp+plain://${SMTP_HOST}", SMTP_HOST=f"127.0.0.1:{smtp.port}")
    project.incident("2026-11-20-api-errors.md", open_incident(message="Requests **fail** with 5xx."))
    assert project.run(now="2026-11-20T14:10:00Z").exit_code == 0
    (mail,) = smtp.mails
    assert (mail.sender, mail.recipients) == ("status@northwind.test", ["ops@northwind.test"])
    message = mail.message
    assert message["Subject"] == "[Northwind Status] Elevated API errors"
    assert message["From"] == SENDER and message["To"] == "ops@northwind.test"
    assert message["Auto-Submitted"] == "auto-generated"
    body = parts(message)
    assert set(body) == {"text/plain", "text/html"}
    assert "Requests fail with 5xx." in body["text/plain"] and PAGE in body["text/plain"]
    assert "Requests <strong>fail</strong> with 5xx." in body["text/html"] and f'<a href="{PAGE}">' in body["text/html"]


def test_every_update_of_an_incident_joins_its_first_messages_thread(tmp_path, smtp):
    project = mail_project(tmp_path, "smtp+plain://${SMTP_HOST}", SMTP_HOST=f"127.0.0.1:{smtp.port}")
    path = project.incident("2026-11-20-api-errors.md", open_incident())
    project.run(now="2026-11-20T14:10:00Z")
    append_update(path, "2026-11-20T14:40:00Z", "identified", "Found.")
    project.run(now="2026-11-20T14:45:00Z")
    first, second = (m.message for m in smtp.mails)
    root = "<2026-11-20-api-errors.mail@status.northwind.test>"
    assert first["Message-ID"] == root and first["In-Reply-To"] is None
    assert second["Message-ID"] == "<2026-11-20-api-errors.1.mail@status.northwind.test>"
    assert second["In-Reply-To"] == root and second["References"] == root
    assert second["Subject"] == first["Subject"]


def test_the_html_part_shows_the_authors_markup_as_text(tmp_path, smtp):
    project = mail_project(tmp_path, "smtp+plain://${SMTP_HOST}", SMTP_HOST=f"127.0.0.1:{smtp.port}")
    project.incident(
        "2026-11-20-api-errors.md",
        open_incident(title='<img src=x onerror="alert(1)"> down', message='<script>alert(1)</script> [x](javascript:alert(1))'),
    )
    project.run(now="2026-11-20T14:10:00Z")
    html = parts(smtp.mails[0].message)["text/html"]
    assert "<img" not in html and "<script" not in html and "javascript:" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; down" in html


def test_a_title_cannot_add_a_header(tmp_path, smtp):
    project = mail_project(tmp_path, "smtp+plain://${SMTP_HOST}", SMTP_HOST=f"127.0.0.1:{smtp.port}")
    project.incident("2026-11-20-api-errors.md", open_incident(title="Down\nBcc: spy@evil.test"))
    project.run(now="2026-11-20T14:10:00Z")
    (mail,) = smtp.mails
    assert mail.recipients == ["ops@northwind.test"] and mail.message["Bcc"] is None
    assert mail.message["Subject"] == "[Northwind Status] Down Bcc: spy@evil.test"


def test_several_recipients_do_not_see_each_others_addresses(tmp_path, smtp):
    project = mail_project(
        tmp_path, "smtp+plain://${SMTP_HOST}", ["a@customer.test", "b@other.test"], SMTP_HOST=f"127.0.0.1:{smtp.port}"
    )
    project.incident("2026-11-20-api-errors.md", open_incident())
    project.run(now="2026-11-20T14:10:00Z")
    (mail,) = smtp.mails
    assert mail.recipients == ["a@customer.test", "b@other.test"]
    assert "customer.test" not in str(mail.message["To"]) and "other.test" not in mail.message.as_string()


# smtplib encodes credentials as ASCII: `pässwörd` crashed the run with a traceback; it logs in in UTF-8.
@pytest.mark.parametrize(("user", "password"), [("status", "s3cret-pass"), ("státus", "pässwörd-€")])
def test_the_smtp_login_comes_from_the_environment(tmp_path, user, password):
    with smtp_receiver(user=user, password=password) as smtp:
        project = mail_project(
            tmp_path, "smtp+plain://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:" + str(smtp.port),
            SMTP_USER=user, SMTP_PASSWORD=password,
        )  # fmt: skip
        project.incident("2026-11-20-api-errors.md", open_incident())
        result = project.run(now="2026-11-20T14:10:00Z")
        assert result.exit_code == 0, result.output
        assert smtp.logins == [(user, password)] and len(smtp.mails) == 1


def test_a_refused_login_fails_without_showing_the_password(tmp_path):
    with smtp_receiver(user="status", password="right") as smtp:
        project = mail_project(
            tmp_path, "smtp+plain://status:${SMTP_PASSWORD}@127.0.0.1:" + str(smtp.port), SMTP_PASSWORD="wrong-s3cret"
        )
        project.incident("2026-11-20-api-errors.md", open_incident())
        result = project.run(now="2026-11-20T14:10:00Z")
    assert result.exit_code == 1
    assert "SMTP authentication failed (535)" in result.output and "wrong-s3cret" not in result.output


def test_a_wrong_password_that_is_not_ascii_fails_without_showing_it(tmp_path):
    with smtp_receiver(user="status", password="right") as smtp:
        project = mail_project(tmp_path, "smtp+plain://status:${SMTP_PASSWORD}@127.0.0.1:" + str(smtp.port), SMTP_PASSWORD="fälsch-s3cret")
        project.incident("2026-11-20-api-errors.md", open_incident())
        result = project.run(now="2026-11-20T14:10:00Z")
    assert result.exit_code == 1
    assert "SMTP authentication failed (535)" in result.output and "s3cret" not in result.output


def test_smtp_refuses_to_send_a_password_in_clear(tmp_path, smtp):
    project = mail_project(tmp_path, "smtp://status:${SMTP_PASSWORD}@127.0.0.1:" + str(smtp.port), SMTP_PASSWORD="pw-123456")
    project.incident("2026-11-20-api-errors.md", open_incident())
    result = project.run(now="2026-11-20T14:10:00Z")
    assert result.exit_code == 1 and "offers no STARTTLS" in result.output and not smtp.mails


def test_a_refusing_server_is_a_failure_retried_next_run(tmp_path):
    with smtp_receiver(refuse=True) as smtp:
        project = mail_project(tmp_path, "smtp+plain://${SMTP_HOST}", SMTP_HOST=f"127.0.0.1:{smtp.port}")
        project.incident("2026-11-20-api-errors.md", open_incident())
        result = project.run(now="2026-11-20T14:10:00Z")
    assert result.exit_code == 1
    assert "failed 2026-11-20-api-errors#0: SMTP 554: 5.7.1 rejected for the test (attempt 1; retried on the next run)" in result.output


@pytest.fixture
def certificate(tmp_path, monkeypatch):
    made = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(made.cert))  # what ssl.create_default_context() trusts
    return made


def test_smtp_sends_over_starttls_with_a_verified_certificate(tmp_path, certificate):
    with smtp_receiver(user="status", password="s3cret", tls="starttls", certificate=certificate) as smtp:
        project = mail_project(tmp_path, "smtp://status:${SMTP_PASSWORD}@127.0.0.1:" + str(smtp.port), SMTP_PASSWORD="s3cret")
        project.incident("2026-11-20-api-errors.md", open_incident())
        result = project.run(now="2026-11-20T14:10:00Z")
        assert result.exit_code == 0, result.output
        assert smtp.logins == [("status", "s3cret")] and len(smtp.mails) == 1


def test_smtps_sends_over_tls_from_the_first_byte(tmp_path, certificate):
    with smtp_receiver(tls="smtps", certificate=certificate) as smtp:
        project = mail_project(tmp_path, "smtps://${SMTP_HOST}", SMTP_HOST=f"127.0.0.1:{smtp.port}")
        project.incident("2026-11-20-api-errors.md", open_incident())
        result = project.run(now="2026-11-20T14:10:00Z")
        assert result.exit_code == 0, result.output
        assert len(smtp.mails) == 1


def test_a_certificate_nobody_vouches_for_is_refused(tmp_path):
    certificate = self_signed(tmp_path)  # not trusted: SSL_CERT_FILE is not set
    with smtp_receiver(tls="smtps", certificate=certificate) as smtp:
        project = mail_project(tmp_path, "smtps://${SMTP_HOST}", SMTP_HOST=f"127.0.0.1:{smtp.port}")
        project.incident("2026-11-20-api-errors.md", open_incident())
        result = project.run(now="2026-11-20T14:10:00Z")
    assert result.exit_code == 1 and "TLS error (CERTIFICATE_VERIFY_FAILED)" in result.output and not smtp.mails
