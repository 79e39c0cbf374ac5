"""A deploy's life, run after run: each published update reaches each channel exactly once.

Every run is a fresh CI machine (a new clone of the project) whose only memory is the ledger
branch on a shared git remote, as in the deploy workflow. Three channels: a Statuspage-shaped
webhook (HTTP on 127.0.0.1), email (aiosmtpd on 127.0.0.1) and Slack (its exact request,
redirected to 127.0.0.1). Between runs, incidents change as the authoring commands change
them, a receiver goes down and comes back, and a maintenance window opens with no commit.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result
from support.notify_project import NotifyProject, append_update, channel, open_incident
from support.receivers import HttpReceiver, SmtpReceiver, http_receiver, redirected, smtp_receiver

SLACK = "https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/slackWebhookSecret123"

HISTORY = """\
---
title: Old payouts delay
impact: minor
components:
  db: degraded_performance
updates:
  - at: 2026-11-18T09:00:00Z
    status: investigating
    message: Payouts are slow.
  - at: 2026-11-18T10:00:00Z
    status: resolved
    message: Payouts are back to normal.
---
"""

MAINTENANCE = """\
---
kind: maintenance
title: Database upgrade
scheduled_for: 2026-11-20T22:00:00Z
scheduled_until: 2026-11-20T23:00:00Z
components: [db]
updates:
  - at: 2026-11-20T09:00:00Z
    status: scheduled
    message: We will upgrade the database tonight.
---
"""


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


class Deploys:
    """The repository (files as committed) and the machine each run gets."""

    def __init__(self, tmp_path: Path, env: dict[str, str]) -> None:
        self.tmp_path = tmp_path
        self.remote = tmp_path / "origin.git"
        git(tmp_path, "init", "--bare", "-q", str(self.remote))
        channels = [
            channel("hook", "webhook", "${HOOK_URL}"),
            channel("mail", "email", "smtp+plain://${SMTP_HOST}", **{"from": "Status <status@northwind.test>", "to": "ops@northwind.test"}),
            channel("ops", "slack", "${SLACK_URL}"),
        ]
        self.repo = NotifyProject(tmp_path / "repo", channels, env=env).write_config()
        self.runs = 0

    def notify(self, now: str, chat: HttpReceiver) -> Result:
        """`balise notify` on a fresh machine: a new folder with the repository's files and the remote."""
        self.runs += 1
        machine = self.tmp_path / f"machine-{self.runs}"
        shutil.copytree(self.repo.root, machine)
        git(machine, "init", "-q")
        git(machine, "remote", "add", "origin", str(self.remote))
        project = NotifyProject(machine, [], env=self.repo.env)
        with redirected(chat, ("hooks.slack.com",)):
            return project.run("--ledger-branch", "balise-notify-ledger", now=now, ledger=False)


@dataclass
class World:
    deploys: Deploys
    hook: HttpReceiver  # the webhook's receiver
    chat: HttpReceiver  # where Slack's requests land
    smtp: SmtpReceiver

    def notify(self, now: str) -> Result:
        return self.deploys.notify(now, self.chat)

    def received(self, start: tuple[int, int, int]) -> dict[str, list[str]]:
        """What each channel received since `start` (counts of webhook requests, Slack requests, mails)."""
        hook = [
            f"{r.json()['incident']['name']}: {r.json()['incident']['status']}"
            for r in self.hook.requests[start[0] :]
            if "incident" in r.json()
        ]
        slack = [r.json()["text"] for r in self.chat.requests[start[1] :]]
        mail = [
            m.message["Subject"] + " / " + m.message.get_body(("plain",)).get_content().splitlines()[0]
            for m in self.smtp.mails[start[2] :]
        ]
        return {"hook": hook, "mail": mail, "ops": slack}

    @property
    def counts(self) -> tuple[int, int, int]:
        return len(self.hook.requests), len(self.chat.requests), len(self.smtp.mails)


@pytest.fixture
def world(tmp_path):
    with http_receiver() as hook, http_receiver() as chat, smtp_receiver() as smtp:
        env = {"HOOK_URL": f"{hook.base}/hook", "SMTP_HOST": f"127.0.0.1:{smtp.port}", "SLACK_URL": SLACK}
        yield World(Deploys(tmp_path, env), hook, chat, smtp)


def test_every_update_reaches_every_channel_exactly_once_across_runs(world):
    deploys = world.deploys
    mark = world.counts

    def step(now: str, exit_code: int = 0) -> dict[str, list[str]]:
        nonlocal mark
        result = world.notify(now)
        assert result.exit_code == exit_code, result.output
        heard = world.received(mark)
        mark = world.counts
        return heard

    # 1. First run on a site with history: only what is newer than the horizon (3 h) is announced.
    deploys.repo.incident("2026-11-18-payouts.md", HISTORY)
    deploys.repo.incident("2026-11-20-database-upgrade.md", MAINTENANCE)
    path = deploys.repo.incident("2026-11-20-api-errors.md", open_incident())
    assert step("2026-11-20T14:10:00Z") == {
        "hook": ["Elevated API errors: investigating"],
        "mail": ["[Northwind Status] Elevated API errors / New incident: Elevated API errors"],
        "ops": ["🟠 New incident: Elevated API errors"],
    }

    # 2. An update: one message per channel.
    append_update(path, "2026-11-20T14:40:00Z", "identified", "A faulty deploy is being rolled back.")
    assert step("2026-11-20T14:45:00Z") == {
        "hook": ["Elevated API errors: identified"],
        "mail": ["[Northwind Status] Elevated API errors / Incident update: Elevated API errors"],
        "ops": ["🟠 Incident update: Elevated API errors"],
    }

    # 3. The scheduled re-run, nothing changed: nothing is sent again.
    assert step("2026-11-20T14:55:00Z") == {"hook": [], "mail": [], "ops": []}

    # 4. The webhook's receiver is down: the others still get the update; the run says it failed.
    append_update(path, "2026-11-20T15:05:00Z", "monitoring", "The rollback is done; we are watching.")
    world.hook.status = 503
    heard = step("2026-11-20T15:10:00Z", exit_code=1)
    assert heard["mail"] == ["[Northwind Status] Elevated API errors / Incident update: Elevated API errors"]
    assert heard["ops"] == ["🟠 Incident update: Elevated API errors"]
    assert heard["hook"] == ["Elevated API errors: monitoring"]  # tried, refused with 503

    # 5. The receiver is back: only the webhook gets the update it missed, once.
    world.hook.status = 200
    assert step("2026-11-20T15:20:00Z") == {"hook": ["Elevated API errors: monitoring"], "mail": [], "ops": []}

    # 6. Resolved: once everywhere.
    append_update(path, "2026-11-20T15:30:00Z", "resolved", "Error rates are back to normal.")
    assert step("2026-11-20T15:35:00Z") == {
        "hook": ["Elevated API errors: resolved"],
        "mail": ["[Northwind Status] Elevated API errors / Incident resolved: Elevated API errors"],
        "ops": ["✅ Incident resolved: Elevated API errors"],
    }

    # 7. The maintenance window opens by itself at 22:00: the 10-minute scheduled run announces it, once.
    assert step("2026-11-20T22:05:00Z") == {
        "hook": ["Database upgrade: in_progress"],
        "mail": ["[Northwind Status] Database upgrade / Maintenance started: Database upgrade"],
        "ops": ["🔧 Maintenance started: Database upgrade"],
    }
    assert step("2026-11-20T22:15:00Z") == {"hook": [], "mail": [], "ops": []}


def test_the_first_run_announces_nothing_older_than_the_horizon(world):
    world.deploys.repo.incident("2026-11-18-payouts.md", HISTORY)
    world.deploys.repo.incident("2026-11-20-api-errors.md", open_incident(at="2026-11-20T10:00:00Z"))
    result = world.notify("2026-11-20T14:10:00Z")
    assert result.exit_code == 0, result.output
    assert world.counts == (0, 0, 0)
    assert "nothing new to announce" in result.output


def test_a_receiver_failing_too_often_is_dropped_and_reported(world):
    world.deploys.repo.incident("2026-11-20-api-errors.md", open_incident())
    world.hook.status = 500
    outputs = [world.notify(f"2026-11-20T14:{minute:02d}:00Z").output for minute in range(10, 22)]
    assert "failed 2026-11-20-api-errors#0/incident: HTTP 500 Internal Server Error: ok (attempt 11;" in outputs[10]
    assert "dropped 2026-11-20-api-errors#0/incident: HTTP 500 Internal Server Error: ok (failed too often" in outputs[11]
    # The incident notification was tried 12 times, then its component notification once.
    assert ["incident" in r.json() for r in world.hook.requests] == [True] * 12 + [False]
    world.hook.status = 200
    later = world.notify("2026-11-20T14:30:00Z")
    assert later.exit_code == 0, later.output
    assert ["incident" in r.json() for r in world.hook.requests[13:]] == [False]  # only what was not dropped
    assert world.notify("2026-11-20T14:40:00Z").output.strip() == "balise notify: nothing new to announce"
