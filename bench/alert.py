"""From an alert payload arriving to its pull request opened, in the alert workflow's terms.

    python bench/alert.py [--repeat 5]

The alert workflow's `draft` job, after checkout and install, is: save the payload (jq), then
`balise alert PAYLOAD --pull-request`, which lays the open drafts over the checkout (GitHub API
+ git fetch), plans and writes the draft (the pure `balise alert`), runs `balise check` and
`balise build --strict` on it, commits and pushes the branch, sets the commit status and opens
or updates the pull request. This measures each part on this machine, against a bare
repository on local disk and the recording API server of the tests on 127.0.0.1, in a project
shaped like this repository's example (its incidents and catalog, with alert rules):

- checkout: `git clone` of the bare repository (the runner's checkout step, less the network);
- pure: `balise alert PAYLOAD --json` as a new process in a fresh checkout;
- check: `balise check` and `balise build --strict` on the drafted tree, as the workflow runs them;
- full: `balise alert PAYLOAD --pull-request` as a new process, for the first payload of an
  episode (the pull request opened) and for the next one (the pull request updated);
- of the full step, measured inside one run of the same code in this process: the time in git
  commands, in GitHub API calls, in the check (child processes), and the rest (planning,
  writing, rendering the body).

Setting up Python and installing Balise on a runner are not measured here (see the README).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support.alert_project import SEQUENCE
from support.github_api import github_api

from site_builder.alerts import branches, github
from site_builder.alerts.ingest import read_payloads
from site_builder.alerts.proposal import Context, propose
from site_builder.commands.alert_pr import checker
from site_builder.model.times import parse_time
from site_builder.source.config import read_config

RULES = """
      alerts:
        - match: {alertname: High CPU Temperature, severity: warning}
          components: {api: degraded_performance}
        - match: {alertname: High CPU Temperature, severity: critical}
          components: {api: major_outage, dashboard: partial_outage}
"""
GIT = {"GIT_AUTHOR_NAME": "B", "GIT_AUTHOR_EMAIL": "b@example.test", "GIT_COMMITTER_NAME": "B", "GIT_COMMITTER_EMAIL": "b@example.test"}


def run(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


class Spent:
    """Seconds spent in git and in GitHub calls, counted by wrapping the two clients' one door."""

    def __init__(self) -> None:
        self.git = self.api = 0.0
        self._git_run, self._api_call = branches.Git.run, github.GitHub.call
        spent = self

        def git_run(git, *args, **kwargs):
            start = time.perf_counter()
            try:
                return spent._git_run(git, *args, **kwargs)
            finally:
                spent.git += time.perf_counter() - start

        def api_call(client, *args, **kwargs):
            start = time.perf_counter()
            try:
                return spent._api_call(client, *args, **kwargs)
            finally:
                spent.api += time.perf_counter() - start

        branches.Git.run, github.GitHub.call = git_run, api_call

    def restore(self) -> None:
        branches.Git.run, github.GitHub.call = self._git_run, self._api_call


def in_process(work: Path, payload: Path, moment: str, fake, env: dict[str, str]) -> dict[str, float]:
    """One `--pull-request` step run here, its time split into git, API, check and the rest."""
    spent = Spent()
    config_path = work / "mkdocs.yml"
    now = parse_time(moment, UTC)
    check = checker(config_path, now)
    checked = [0.0]

    def timed_check() -> tuple[bool, list[str]]:
        start = time.perf_counter()
        try:
            return check()
        finally:
            checked[0] += time.perf_counter() - start

    start = time.perf_counter()
    try:
        client = github.GitHub(fake.url, fake.repository, fake.token)
        context = Context(branches.Git(work, environ=env), client, "main")
        propose(read_payloads([(payload.name, payload.read_bytes())]), read_config(config_path), work / "incidents", now, context, timed_check)
    finally:
        spent.restore()
    total = time.perf_counter() - start
    return {"git": spent.git, "api": spent.api, "check": checked[0], "rest": total - spent.git - spent.api - checked[0]}


def cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    balise = [sys.executable, "-m", "site_builder"]
    environment = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GITHUB_ACTIONS")} | GIT
    names = ("checkout", "pure", "check", "opened", "updated")
    parts = ("git", "api", "check", "rest")
    figures: dict[str, list[float]] = {name: [] for name in names + tuple(f"{step} {part}" for step in ("opened", "updated") for part in parts)}
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, {cpu()}, "
          f"Python {platform.python_version()}, load {os.getloadavg()[0]:.2f}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="balise-alert-bench-") as folder, github_api() as fake:
        tmp = Path(folder)
        env = environment | {"GITHUB_TOKEN": fake.token, "GITHUB_API_URL": fake.url, "GITHUB_REPOSITORY": fake.repository}
        for attempt in range(options.repeat):
            bare = tmp / f"remote-{attempt}.git"
            seed = tmp / f"seed-{attempt}"
            seed.mkdir()
            shutil.copytree(REPO / "incidents", seed / "incidents")
            (seed / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text() + RULES)
            for args in (["init", "-q", "--bare", "-b", "main", str(bare)], ["init", "-q", "-b", "main", str(seed)]):
                subprocess.run(["git", *args], check=True, env=env)
            for args in (["add", "-A"], ["commit", "-q", "-m", "start"], ["push", "-q", str(bare), "main"]):
                subprocess.run(["git", *args], cwd=seed, check=True, env=env)
            fake.pulls.clear()
            now = "2020-02-06T00:20:00Z"
            first, second = SEQUENCE / "1-firing.json", SEQUENCE / "2-more-alerts.json"
            checkout = tmp / f"pure-{attempt}"
            figures["checkout"].append(run(["git", "clone", "-q", str(bare), str(checkout)], tmp, env))
            figures["pure"].append(run([*balise, "alert", str(first), "--json", "--now", now], checkout, env))
            site = tmp / f"site-{attempt}"
            figures["check"].append(
                run([*balise, "check", "--format", "text", "--now", now], checkout, env)
                + run([*balise, "build", "--strict", "--site-dir", str(site), "--now", now], checkout, env)
            )
            steps = (("opened", first, now), ("updated", second, "2020-02-06T00:25:00Z"))
            for name, payload, moment in steps:
                work = tmp / f"{name}-{attempt}"
                subprocess.run(["git", "clone", "-q", str(bare), str(work)], check=True, env=env)
                figures[name].append(run([*balise, "alert", str(payload), "--pull-request", "--json", "--now", moment], work, env))
            assert len(fake.pulls) == 1, fake.pulls
            # The same two steps again, on a new episode's repository, timed from inside.
            subprocess.run(["git", "push", "-q", "-f", str(bare), "main"], cwd=seed, check=True, env=env)
            for ref in subprocess.run(["git", "for-each-ref", "--format=%(refname)", "refs/heads/alert"], cwd=bare,
                                      capture_output=True, text=True, check=True).stdout.split():  # fmt: skip
                subprocess.run(["git", "update-ref", "-d", ref], cwd=bare, check=True)
            fake.pulls.clear()
            for name, payload, moment in steps:
                work = tmp / f"inside-{name}-{attempt}"
                subprocess.run(["git", "clone", "-q", str(bare), str(work)], check=True, env=env)
                for part, value in in_process(work, payload, moment, fake, env).items():
                    figures[f"{name} {part}"].append(value)
    median = {name: statistics.median(values) for name, values in figures.items()}
    print(f"median of {options.repeat} runs, seconds")
    for name, value in median.items():
        print(f"  {name:16} {value:6.2f}   (min {min(figures[name]):.2f}, max {max(figures[name]):.2f})")


if __name__ == "__main__":
    main()
