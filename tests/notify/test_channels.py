"""Each chat, push and social channel, run by `balise notify`, as its service receives it.

Services a team can host (Mattermost, Mastodon, ntfy) are pointed at a real HTTP server on
127.0.0.1; services with a fixed host (Slack, Discord, Teams, Google Chat, Telegram) get the
exact request they would receive, redirected to that server at the HTTP layer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notify_project import NotifyProject, channel, open_incident
from support.receivers import HttpReceiver, Request, http_receiver, redirected

NOW = "2026-11-20T14:10:00Z"
HOSTILE = "Errors <!channel> <https://evil.test|Docs> @everyone <@123> <at>Bob</at> <users/all> @alice@mastodon.test & more"
TITLE = "API <b>errors</b> @here"
PAGE = "https://status.northwind.test/incidents/2026-11-20-api-errors/"

SLACK = "https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/slackWebhookSecret123"
DISCORD = "https://discord.com/api/webhooks/112233445566/discordWebhookSecret_456"
TEAMS = (
    "https://prod-161.westeurope.logic.azure.com:443/workflows/643e69f83c8944438d68119179a10a64/triggers/manual/"
    "paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=teamsSignatureSecret789"
)
GOOGLE_CHAT = "https://chat.googleapis.com/v1/spaces/AAAAspace/messages?key=gchatKeySecret&token=gchatTokenSecret"
TELEGRAM = "tgram://123456789:telegramBotTokenSecretABCDEFGHIJ/-1001234567"
FIXED_HOSTS = ("hooks.slack.com", "discord.com", "prod-161.westeurope.logic.azure.com", "chat.googleapis.com", "api.telegram.org")


def announce(tmp_path: Path, receiver: HttpReceiver, kind: str, target: str, **extra: object) -> list[Request]:
    """One incident with hostile text, announced on one channel of `kind`; what the service received."""
    project = NotifyProject(tmp_path, [channel("chan", kind, "${TARGET}", **extra)], env={"TARGET": target}).write_config()
    project.incident("2026-11-20-api-errors.md", open_incident(title=TITLE, message=HOSTILE))
    with redirected(receiver, FIXED_HOSTS):
        result = project.run(now=NOW)
    assert result.exit_code == 0, result.output
    assert target not in result.output
    return receiver.requests


@pytest.fixture
def receiver():
    with http_receiver(answer=b'{"ok": true, "result": {"message_id": 1}, "id": "1"}') as server:
        yield server


def test_slack_gets_block_kit_with_the_authors_text_inert(tmp_path, receiver):
    (request,) = announce(tmp_path, receiver, "slack", SLACK)
    assert request.url == SLACK and request.headers["Content-Type"] == "application/json"
    message = request.json()
    section = next(b for b in message["blocks"] if b["type"] == "section")["text"]["text"]
    assert section.startswith("Errors &lt;!channel&gt; https://evil.test|Docs @everyone")
    assert "<!channel>" not in request.body.decode() and "<https://evil.test|" not in section
    assert message["blocks"][0] == {"type": "header", "text": {"type": "plain_text", "text": "🟠 API <b>errors</b> @here"}}
    assert f"<{PAGE}|Details and updates>" in request.body.decode()
    assert message["unfurl_links"] is False


def test_discord_gets_an_embed_that_notifies_nobody(tmp_path, receiver):
    (request,) = announce(tmp_path, receiver, "discord", DISCORD)
    assert request.url == DISCORD + "?wait=true"
    message = request.json()
    assert message["allowed_mentions"] == {"parse": []}
    (embed,) = message["embeds"]
    assert (embed["title"], embed["url"]) == (TITLE, PAGE)
    assert "@everyone" not in embed["description"] and "@\u200beveryone" in embed["description"]
    assert {"name": "Affected components", "value": "Public API: Operational → Partial outage", "inline": False} in embed["fields"]


def test_teams_gets_an_adaptive_card_whose_mentions_stay_text(tmp_path, receiver):
    (request,) = announce(tmp_path, receiver, "teams", TEAMS)
    assert request.url == TEAMS
    card = request.json()["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    texts = [b["text"] for b in card["content"]["body"] if b["type"] == "TextBlock"]
    assert "<at>" not in request.body.decode() and "msteams" in card["content"]
    assert "\"entities\"" not in request.body.decode()  # no mention was made
    assert f"[Details and updates]({PAGE})" in texts[-1]


def test_mattermost_gets_markdown_with_every_mention_broken(tmp_path, receiver):
    (request,) = announce(tmp_path, receiver, "mattermost", f"mmost://127.0.0.1:{receiver.port}/mattermostHookKey")
    assert request.path == "/hooks/mattermostHookKey"
    text = request.json()["text"]
    assert "@everyone" not in text and "@here" not in text and "@alice" not in text
    assert "\\<\\!channel\\>" in text and f"[Details and updates]({PAGE})" in text
    assert request.json()["username"] == "Northwind Status"


def test_mattermost_accepts_the_webhook_url_mattermost_shows(tmp_path, receiver):
    with redirected(receiver, ("chat.northwind.test",)):
        (request,) = announce(tmp_path, receiver, "mattermost", "https://chat.northwind.test/hooks/mattermostHookKey")
    assert request.url == "https://chat.northwind.test/hooks/mattermostHookKey"


def test_google_chat_threads_each_incident_and_breaks_mentions(tmp_path, receiver):
    (request,) = announce(tmp_path, receiver, "google_chat", GOOGLE_CHAT)
    assert request.url.startswith("https://chat.googleapis.com/v1/spaces/AAAAspace/messages?")
    message = request.json()
    assert message["thread"] == {"thread_key": "2026-11-20-api-errors"}
    assert "<users/all>" not in message["text"]


def test_telegram_gets_html_with_the_authors_markup_escaped(tmp_path, receiver):
    (request,) = announce(tmp_path, receiver, "telegram", TELEGRAM)
    assert request.url == "https://api.telegram.org/bot123456789:telegramBotTokenSecretABCDEFGHIJ/sendMessage"
    message = request.json()
    assert message["parse_mode"] == "HTML" and message["chat_id"] == -1001234567
    assert "API &lt;b&gt;errors&lt;/b&gt;" in message["text"] and "&lt;!channel&gt;" in message["text"]
    assert PAGE in message["text"]


def test_mastodon_gets_one_status_within_500_characters_that_mentions_nobody(tmp_path, receiver):
    (request,) = announce(tmp_path, receiver, "mastodon", f"mastodon://mastodonAccessToken@127.0.0.1:{receiver.port}")
    assert request.path == "/api/v1/statuses" and request.headers["Authorization"] == "Bearer mastodonAccessToken"
    status = request.json()["status"]
    assert len(status) <= 500 and status.endswith(PAGE)
    assert "@alice@mastodon.test" not in status and "@here" not in status


def test_ntfy_gets_a_titled_push_that_opens_the_incident(tmp_path, receiver):
    (request,) = announce(tmp_path, receiver, "ntfy", f"ntfy://127.0.0.1:{receiver.port}/northwind-status")
    message = request.json()
    assert message["topic"] == "northwind-status"
    assert message["title"] == f"🟠 New incident: {TITLE}"
    assert (request.headers["X-Click"], request.headers["X-Priority"], request.headers.get("X-Tags")) == (PAGE, "high", "warning")
    assert "Public API: Operational → Partial outage" in message["message"]


@pytest.mark.parametrize(
    ("kind", "target"),
    [("slack", SLACK), ("discord", DISCORD), ("teams", TEAMS), ("google_chat", GOOGLE_CHAT), ("telegram", TELEGRAM)],
)
def test_no_message_makes_the_service_fetch_an_image_from_a_third_party(tmp_path, receiver, kind, target):
    (request,) = announce(tmp_path, receiver, kind, target)
    assert "github" not in request.body.decode() and "apprise" not in request.body.decode().lower()


def test_a_french_channel_speaks_french(tmp_path, receiver):
    (request,) = announce(tmp_path, receiver, "discord", DISCORD, language="fr")
    embed = request.json()["embeds"][0]
    assert embed["author"]["name"] == "🟠 Nouvel incident"
    assert embed["fields"][0]["name"] == "État"
