"""`balise notify` as the deploy step runs it: dry runs, test messages, exit status, and the
problems that stop it before anything is sent."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from support.notify_project import NotifyProject, channel, open_incident
from support.receivers import http_receiver
from support.site_project import build

from site_builder.cli import main

NOW = "2026-11-20T14:10:00Z"
SECRET = "hookSecretPath0123456789"


@pytest.fixture
def receiver():
    with http_receiver() as server:
        yield server


def two_hooks(tmp_path, receiver, **env: str) -> NotifyProject:
    channels = [channel("first", "webhook", "${FIRST_URL}"), channel("second", "webhook", "${SECOND_URL}")]
    defaults = {"FIRST_URL": f"{receiver.base}/first/{SECRET}", "SECOND_URL": f"{receiver.base}/second"}
    project = NotifyProject(tmp_path, channels, env={**defaults, **env}).write_config()
    project.incident("2026-11-20-api-errors.md", open_incident())
    return project


def test_a_dry_run_says_what_would_go_where_and_sends_nothing(tmp_path, receiver):
    project = two_hooks(tmp_path, receiver)
    result = project.run("--dry-run", now=NOW)
    assert result.exit_code == 0, result.output
    assert "first (webhook): first run, nothing before 2026-11-20 11:10 UTC is announced" in result.stdout
    assert "  send     2026-11-20-api-errors#0  new incident, 2026-11-20 14:05 UTC: Elevated API errors" in result.stdout
    assert receiver.requests == [] and not project.ledger.exists()


def test_a_dry_run_says_why_a_channel_does_not_hear_of_an_incident(tmp_path, receiver):
    project = NotifyProject(tmp_path, [channel("db-team", "webhook", "${URL}", components=["db"])], env={"URL": receiver.base})
    project.write_config().incident("2026-11-20-api-errors.md", open_incident())
    assert "filter   2026-11-20-api-errors#0  new incident, 2026-11-20 14:05 UTC: Elevated API errors: it affects none of db" in (
        project.run("--dry-run", now=NOW).stdout
    )


def test_a_test_message_goes_to_the_named_channel_only_and_is_not_recorded(tmp_path, receiver):
    project = two_hooks(tmp_path, receiver)
    result = project.run("--test", "second", now=NOW)
    assert result.exit_code == 0, result.output
    (request,) = receiver.requests
    assert request.path == "/second" and request.json()["incident"]["name"] == "Test notification from Northwind Status"
    assert not project.ledger.exists()


def test_a_test_message_to_an_unknown_channel_is_a_usage_error(tmp_path, receiver):
    result = two_hooks(tmp_path, receiver).run("--test", "thrid", now=NOW)
    assert result.exit_code == 2 and "no channel named 'thrid' (channels: first, second)" in result.output


def test_a_failed_test_message_says_why_and_exits_1(tmp_path, receiver):
    receiver.status = 404
    result = two_hooks(tmp_path, receiver).run("--test", "first", now=NOW)
    assert result.exit_code == 1
    assert "first: the test message was not delivered: HTTP 404 Not Found" in result.output and SECRET not in result.output


def test_every_channel_problem_is_listed_at_once_and_nothing_is_sent(tmp_path, receiver):
    project = two_hooks(tmp_path, receiver, FIRST_URL="", SECOND_URL=f"ftp://127.0.0.1/{SECRET}")
    result = project.run(now=NOW)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].endswith("mkdocs.yml:19: notify channel 'first': environment variable ${FIRST_URL} is not set")
    assert lines[1].endswith("mkdocs.yml:22: notify channel 'second': malformed target: a webhook target starts with https://, http://")
    assert lines[2] == "balise notify: 2 problem(s); nothing was sent"
    assert receiver.requests == [] and SECRET not in result.output and not project.ledger.exists()


def test_a_failing_channel_does_not_stop_the_others_and_the_run_exits_1(tmp_path, receiver):
    project = two_hooks(tmp_path, receiver, FIRST_URL=f"http://127.0.0.1:9/{SECRET}")
    result = project.run(now=NOW)
    assert result.exit_code == 1
    assert "first (webhook): 0 sent, 1 failed" in result.output and "could not connect (connection refused)" in result.output
    assert "second (webhook): 1 sent" in result.output and SECRET not in result.output
    assert {r.path for r in receiver.requests} == {"/second"}


def test_an_unreadable_ledger_stops_the_run_before_anything_is_sent(tmp_path, receiver):
    project = two_hooks(tmp_path, receiver)
    project.ledger.write_text("{half a ledger", encoding="utf-8")
    result = project.run(now=NOW)
    assert result.exit_code == 1
    assert "the ledger cannot be used: it is not valid JSON (JSONDecodeError); nothing was sent" in result.output
    assert receiver.requests == []


def test_a_run_finding_another_run_sending_leaves_it_to_that_run(tmp_path, receiver):
    project = two_hooks(tmp_path, receiver)
    busy = {"format": "balise-notify-ledger", "version": 1, "lease": {"holder": "run-other", "since": "2026-11-20T14:05:00Z"}, "channels": {}}
    project.ledger.write_text(json.dumps(busy), encoding="utf-8")
    result = project.run(now=NOW)
    assert result.exit_code == 0 and "another run has been sending since 2026-11-20 14:05 UTC" in result.output
    assert receiver.requests == []


def test_a_lease_left_by_a_crashed_run_is_taken_over(tmp_path, receiver):
    project = two_hooks(tmp_path, receiver)
    stale = {"format": "balise-notify-ledger", "version": 1, "lease": {"holder": "run-dead", "since": "2026-11-20T13:00:00Z"}, "channels": {}}
    project.ledger.write_text(json.dumps(stale), encoding="utf-8")
    result = project.run(now=NOW)
    assert result.exit_code == 0 and len(receiver.requests) == 4
    assert json.loads(project.ledger.read_text())["lease"] is None


def test_a_channel_failing_in_a_way_nobody_anticipated_is_a_redacted_failure_not_a_crash(tmp_path, receiver, monkeypatch):
    from site_builder.notify.channels.webhook import WebhookChannel

    original = WebhookChannel.deliver

    def deliver(self, part):
        if "/first/" in self.target.url:
            raise RuntimeError(f"library bug while posting to {self.target.url}")
        original(self, part)

    monkeypatch.setattr(WebhookChannel, "deliver", deliver)
    result = two_hooks(tmp_path, receiver).run(now=NOW)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "failed 2026-11-20-api-errors#0/incident: unexpected error (RuntimeError); please report it" in result.output
    assert "second (webhook): 1 sent" in result.output and SECRET not in result.output


def future_ledger(**parts: object) -> str:
    document = {"format": "balise-notify-ledger", "version": 1, "lease": None, "channels": {}, **parts}
    return json.dumps(document)


@pytest.mark.parametrize(
    ("ledger", "said"),
    [
        (future_ledger(lease={"holder": "run-x", "since": "2099-01-01T00:00:00Z"}), "a lease is held since 2099-01-01T00:00:00Z"),
        (
            future_ledger(channels={"first": {"since": "2099-01-01T00:00:00Z", "settled": {}, "failing": {}}}),
            "channel 'first' starts at 2099-01-01T00:00:00Z",
        ),
    ],
    ids=["lease", "since"],
)
def test_a_ledger_dated_in_the_future_is_refused_loudly_rather_than_silencing_every_run(tmp_path, receiver, ledger, said):
    project = two_hooks(tmp_path, receiver)
    project.ledger.write_text(ledger, encoding="utf-8")
    for args in ((), ("--dry-run",)):
        result = project.run(*args, now=NOW)
        assert result.exit_code == 1, result.output
        assert said in result.output and "nothing would ever be sent" in result.output
    assert receiver.requests == []


def test_text_from_the_ledger_and_titles_reach_the_terminal_spelled_out(tmp_path, receiver):
    project = two_hooks(tmp_path, receiver)
    record = {"since": "2026-11-20T00:00:00Z", "settled": {}, "failing": {
        "2026-11-20-api-errors#0": {"attempts": 1, "event_at": "2026-11-20T14:05:00Z", "first_at": "2026-11-20T14:06:00Z",
                                    "last_at": "2026-11-20T14:06:00Z", "error": "\x1b]0;pwned\x07\x1b[2J"}}}  # fmt: skip
    project.ledger.write_text(future_ledger(channels={"first": record}), encoding="utf-8")
    result = project.run("--dry-run", now=NOW)
    assert result.exit_code == 0, result.output
    assert "last failure: \\x1b]0;pwned\\x07\\x1b[2J" in result.stdout and "\x1b" not in result.output


def test_a_ledger_nested_past_pythons_recursion_is_unreadable_not_a_crash(tmp_path, receiver):
    project = two_hooks(tmp_path, receiver)
    project.ledger.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = project.run(now=NOW)
    assert result.exit_code == 1 and "it is not valid JSON (RecursionError)" in result.output


def test_an_invalid_incident_file_stops_the_run(tmp_path, receiver):
    project = two_hooks(tmp_path, receiver)
    project.incident("2026-11-21-broken.md", open_incident().replace("impact: major", "impact: huge"))
    result = project.run(now=NOW)
    assert result.exit_code == 1 and "unknown impact 'huge'" in result.output and receiver.requests == []


def test_a_site_without_channels_has_nothing_to_do(tmp_path):
    project = NotifyProject(tmp_path, []).write_config()
    project.config.write_text(project.config.read_text().replace("      notify:\n", ""), encoding="utf-8")
    result = project.run(now=NOW)
    assert result.exit_code == 0 and "has no 'notify:' channels; nothing to do" in result.output


def test_balise_check_reports_the_notify_problems_it_can_see_without_secrets(tmp_path, receiver):
    project = two_hooks(tmp_path, receiver)
    text = project.config.read_text().replace("kind: webhook", "kind: webhok", 1).replace("${SECOND_URL}", "https://example.test/")
    project.config.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(project.root / "incidents"), "--now", NOW, "--format", "text"])
    assert result.exit_code == 1
    assert "mkdocs.yml:18: unknown channel kind 'webhok' in notify channel 'first'" in result.stdout
    assert "mkdocs.yml:22: the target in notify channel 'second' must come from the environment" in result.stdout


def test_a_site_with_channels_builds_and_lists_the_public_ones_for_readers(tmp_path):
    entries = [
        channel("ops", "slack", "${SLACK_WEBHOOK_URL}"),
        channel("push", "ntfy", "${NTFY_URL}", public_url="https://ntfy.sh/northwind-status", public_name="Phone alerts"),
    ]
    project = NotifyProject(tmp_path / "project", entries).write_config()
    project.incident("2026-11-20-api-errors.md", open_incident())
    result = build(project.config, tmp_path / "site", NOW)
    assert result.exit_code == 0, result.output
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://ntfy.sh/northwind-status"' in home and "Phone alerts" in home
    assert "hooks.slack.com" not in home and "SLACK_WEBHOOK_URL" not in home
