"""Wall time of `balise notify` announcing one new incident on ten channels, one of each kind.

    python bench/notify.py --runs 5

Every channel is delivered for real to servers on 127.0.0.1: HTTP receivers for the webhook,
Mattermost, Mastodon and ntfy (their targets point there), an aiosmtpd server for email, and
for the services with a fixed host (Slack, Discord, Teams, Google Chat, Telegram) their exact
requests redirected at the HTTP layer, as the tests do (tests/support/receivers.py). Each run
starts from an empty ledger file, so each sends ten notices; a last run finds nothing to do.
The command runs in this process (the redirect lives here), so imports are paid once: the
first run is reported apart as the cold one.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support.notify_project import NotifyProject, channel, open_incident
from support.receivers import http_receiver, redirected, smtp_receiver

NOW = "2026-11-20T14:10:00Z"
FIXED_HOSTS = ("hooks.slack.com", "discord.com", "prod-161.westeurope.logic.azure.com", "chat.googleapis.com", "api.telegram.org")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with http_receiver(answer=b'{"ok": true, "result": {"message_id": 1}, "id": "1"}') as hub, smtp_receiver() as smtp:
        env = {
            "HOOK": f"{hub.base}/hook",
            "SLACK": "https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/benchSecret",
            "DISCORD": "https://discord.com/api/webhooks/1122334455/benchSecret",
            "TEAMS": "https://prod-161.westeurope.logic.azure.com:443/workflows/643e69f83c8944438d68119179a10a64/"
            "triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=benchSig",
            "MATTERMOST": f"mmost://127.0.0.1:{hub.port}/benchHookKey",
            "GCHAT": "https://chat.googleapis.com/v1/spaces/AAAA/messages?key=benchKey&token=benchToken",
            "TELEGRAM": "tgram://123456789:benchBotTokenABCDEFGHIJKLMNOPQRS/-1001234",
            "MASTODON": f"mastodon://benchToken@127.0.0.1:{hub.port}",
            "NTFY": f"ntfy://127.0.0.1:{hub.port}/bench",
            "SMTP": f"smtp+plain://127.0.0.1:{smtp.port}",
        }
        channels = [
            channel("hook", "webhook", "${HOOK}"), channel("slack", "slack", "${SLACK}"),
            channel("discord", "discord", "${DISCORD}"), channel("teams", "teams", "${TEAMS}"),
            channel("mattermost", "mattermost", "${MATTERMOST}"), channel("gchat", "google_chat", "${GCHAT}"),
            channel("telegram", "telegram", "${TELEGRAM}"), channel("mastodon", "mastodon", "${MASTODON}"),
            channel("ntfy", "ntfy", "${NTFY}"),
            channel("mail", "email", "${SMTP}", **{"from": "Status <status@bench.test>", "to": "ops@bench.test"}),
        ]  # fmt: skip
        project = NotifyProject(Path(tempfile.mkdtemp(prefix="balise-notify-bench-")), channels, env=env).write_config()
        project.incident("2026-11-20-api-errors.md", open_incident())
        times = []
        with redirected(hub, FIXED_HOSTS):
            for _ in range(runs + 1):
                project.ledger.unlink(missing_ok=True)
                start = time.perf_counter()
                result = project.run(now=NOW)
                times.append(time.perf_counter() - start)
                if result.exit_code != 0:
                    raise SystemExit(result.output)
            start = time.perf_counter()
            idle = project.run(now=NOW)
            idle_time = time.perf_counter() - start
        assert "nothing new to announce" in idle.output
        delivered = len(hub.requests) + len(smtp.mails)
        # The whole command in a fresh process (interpreter, imports, project, plans), sending nothing.
        command = [sys.executable, "-m", "site_builder", "notify", "--config", str(project.config), "--now", NOW, "--dry-run",
                   "--ledger-file", str(project.ledger)]  # fmt: skip
        start = time.perf_counter()
        subprocess.run(command, env={**os.environ, **env}, check=True, capture_output=True)
        process_time = time.perf_counter() - start
    cold, warm = times[0], times[1:]
    print(f"Python {platform.python_version()} on {platform.machine()}, {runs} warm runs, 10 channels, 1 incident")
    print(f"requests and mails delivered: {delivered} (11 per run: the webhook sends the incident and its component)")
    print(f"first run (Apprise loads its plugins): {cold:.2f} s")
    print(f"warm runs: median {statistics.median(warm):.2f} s, min {min(warm):.2f} s, max {max(warm):.2f} s")
    print(f"a run with nothing to announce: {idle_time:.2f} s")
    print(f"`balise notify --dry-run` as a new process (start-up, imports, project, plans): {process_time:.2f} s")


if __name__ == "__main__":
    main()
