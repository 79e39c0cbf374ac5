"""`balise alert --pull-request` as the alert workflow runs it: a fresh checkout of main for each
payload, branches pushed to a local bare repository, GitHub's API served on 127.0.0.1 by a test
server that records every call. One pull request per episode, opened then updated, never two."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.alert_project import CONFIG, DATA, SEQUENCE, STEPS
from support.github_api import FakeGitHub, github_api

from site_builder.source.config import read_config
from site_builder.source.project import parse_incident

GIT = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.test", "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.test"}
HUMAN = """\
---
title: API errors
impact: major
components:
  api: partial_outage
updates:
  - at: 2020-02-06T00:10:00Z
    status: investigating
    message: We are looking into API errors.
---
"""


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT}, check=True)
    return done.stdout.strip()


class Remote:
    """A bare repository standing for GitHub's, and fresh checkouts of it as a runner makes."""

    def __init__(self, tmp: Path, fake: FakeGitHub) -> None:
        self.tmp, self.fake, self.runs = tmp, fake, 0
        self.bare = tmp / "remote.git"
        git("init", "-q", "--bare", "-b", "main", str(self.bare), cwd=tmp)
        seed = tmp / "seed"
        seed.mkdir()
        (seed / "incidents").mkdir()
        (seed / "incidents" / "README.md").write_text("Incidents.\n")
        (seed / "mkdocs.yml").write_text(CONFIG)
        git("init", "-q", "-b", "main", cwd=seed)
        git("add", "-A", cwd=seed)
        git("commit", "-q", "-m", "start", cwd=seed)
        git("remote", "add", "origin", str(self.bare), cwd=seed)
        git("push", "-q", "origin", "main", cwd=seed)
        self.seed = seed

    def checkout(self) -> Path:
        self.runs += 1
        folder = self.tmp / f"run-{self.runs}"
        git("clone", "-q", str(self.bare), str(folder), cwd=self.tmp)
        return folder

    def alert(self, payload: Path, now: str, *extra: str) -> subprocess.CompletedProcess[str]:
        folder = self.checkout()
        environment = {
            **{k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GITHUB_ACTIONS", "BALISE_GITHUB_TOKEN")},
            "GITHUB_TOKEN": self.fake.token, "GITHUB_API_URL": self.fake.url, "GITHUB_REPOSITORY": self.fake.repository,
            "GITHUB_SERVER_URL": "https://github.test", "GITHUB_RUN_ID": str(1000 + self.runs),
        }  # fmt: skip
        return subprocess.run(
            [sys.executable, "-m", "site_builder", "alert", str(payload), "--pull-request", "--json", "--now", now, *extra],
            cwd=folder, capture_output=True, text=True, env=environment, timeout=300, check=False,
        )  # fmt: skip

    def branch(self, name: str) -> str | None:
        found = git("ls-remote", "--heads", str(self.bare), f"refs/heads/{name}", cwd=self.tmp)
        return found.split("\t")[0] if found else None

    def file_on(self, ref: str) -> tuple[str, bytes]:
        listed = git("ls-tree", "-r", "--name-only", ref, "--", "incidents", cwd=self.bare).splitlines()
        (name,) = [path for path in listed if path.endswith(".md") and not path.endswith("README.md")]
        data = subprocess.run(["git", "cat-file", "blob", f"{ref}:{name}"], cwd=self.bare, capture_output=True, check=True).stdout
        return name, data

    def merge(self, branch: str, number: int) -> None:
        """A person merges the pull request: main moves to the branch's tip (a fast-forward)."""
        git("update-ref", "refs/heads/main", self.branch(branch), cwd=self.bare)
        self.fake.pulls[number].update({"state": "closed", "merged_at": "2020-02-06T00:30:00Z"})


@pytest.fixture
def remote(tmp_path):
    with github_api() as fake:
        yield Remote(tmp_path, fake)


def statuses(data: bytes, root: Path) -> dict[str, str]:
    incident = parse_incident(root / "incidents" / "2020-02-06-draft.md", data, read_config(root / "mkdocs.yml"))
    found = {ident: status.value for ident, status in incident.components.items()}
    for update in incident.updates:
        found.update({ident: status.value for ident, status in update.components.items()})
    return found


def test_the_sequence_opens_one_pull_request_and_updates_it(remote):
    expected = [
        {"api": "degraded_performance"},
        {"api": "major_outage", "web": "partial_outage"},
        {"api": "degraded_performance", "web": "operational"},
    ]
    tips = []
    for index, (name, now) in enumerate(STEPS):
        for attempt in range(2):  # every payload delivered twice
            result = remote.alert(SEQUENCE / name, now)
            assert result.returncode == 0, result.stdout + result.stderr
            report = json.loads(result.stdout)
            if attempt == 0:
                (pull,) = report["pull_requests"]
                branch = pull["branch"]
                assert pull["action"] == ("opened" if index == 0 else "updated"), pull
                tips.append(remote.branch(branch))
            else:
                assert report["pull_requests"] == []  # the draft already says it: no push, no call to change it
                assert report["groups"][0]["action"] == "unchanged"
                assert remote.branch(branch) == tips[-1]
        _name, data = remote.file_on(f"refs/heads/{branch}")
        if index < 3:
            assert statuses(data, remote.seed) == expected[index]
    assert len(set(tips)) == 4
    assert len(remote.fake.made("POST", "/pulls")) == 1  # one pull request, never two
    assert len(remote.fake.pulls) == 1
    assert len(remote.fake.made("PATCH", "/pulls/1")) == 3  # updated at each step that changed the draft
    assert remote.fake.labels == {1: ["incident"]}
    pull = remote.fake.pulls[1]
    assert pull["title"] == "Incident draft: Service disruption: Public API"
    assert "- [ ] Merge to publish" in pull["body"] and "The `resolved` update is a suggestion" in pull["body"]
    assert "http://cobalt:9090/graph?" in pull["body"]
    assert git("rev-parse", "main", cwd=remote.bare) == git("rev-parse", "HEAD", cwd=remote.seed)  # main untouched


def test_each_pushed_commit_gets_the_check_as_a_status(remote):
    result = remote.alert(SEQUENCE / STEPS[0][0], STEPS[0][1])
    assert result.returncode == 0, result.stderr
    tip = remote.branch(json.loads(result.stdout)["pull_requests"][0]["branch"])
    (status,) = remote.fake.statuses[tip]
    assert status == {"state": "success", "context": "balise check", "description": "balise check and build --strict pass",
                      "target_url": "https://github.test/acme/status/actions/runs/1001"}  # fmt: skip


def test_the_token_travels_in_a_header_and_never_in_the_output(remote):
    result = remote.alert(SEQUENCE / STEPS[0][0], STEPS[0][1])
    assert result.returncode == 0, result.stderr
    assert all(call.headers["authorization"] == f"Bearer {remote.fake.token}" for call in remote.fake.calls)
    assert remote.fake.token not in result.stdout + result.stderr
    assert remote.fake.token not in (remote.tmp / "run-1" / ".git" / "config").read_text()


def test_a_merged_draft_gets_a_follow_up_pull_request(remote):
    first = remote.alert(SEQUENCE / STEPS[0][0], STEPS[0][1])
    branch = json.loads(first.stdout)["pull_requests"][0]["branch"]
    remote.merge(branch, 1)
    result = remote.alert(SEQUENCE / STEPS[3][0], STEPS[3][1])
    assert result.returncode == 0, result.stderr
    (pull,) = json.loads(result.stdout)["pull_requests"]
    assert (pull["action"], pull["number"], pull["published"]) == ("opened", 2, True)
    assert remote.fake.pulls[2]["title"].startswith("Incident update: ")
    name, data = remote.file_on(f"refs/heads/{branch}")
    same, on_main = remote.file_on("refs/heads/main")
    config = read_config(remote.seed / "mkdocs.yml")
    proposed, published = (parse_incident(remote.seed / name, text, config) for text in (data, on_main))
    def timeline(incident):
        return [(u.at, u.status, u.message, u.components) for u in incident.updates]

    assert same == name and timeline(proposed)[:-1] == timeline(published)  # main's file plus the resolution
    assert proposed.updates[-1].status.value == "resolved"
    assert git("rev-parse", f"refs/heads/{branch}^", cwd=remote.bare) == git("rev-parse", "main", cwd=remote.bare)


def test_a_draft_a_person_closed_is_not_proposed_again(remote):
    remote.alert(SEQUENCE / STEPS[0][0], STEPS[0][1])
    remote.fake.pulls[1]["state"] = "closed"
    result = remote.alert(SEQUENCE / STEPS[1][0], STEPS[1][1])
    assert result.returncode == 0, result.stderr
    (pull,) = json.loads(result.stdout)["pull_requests"]
    assert pull["action"] == "declined"
    assert len(remote.fake.pulls) == 1


def test_an_alert_on_a_persons_incident_leaves_one_note_on_its_pull_request(remote):
    (remote.seed / "incidents" / "2020-02-06-api-errors.md").write_text(HUMAN)
    git("add", "-A", cwd=remote.seed)
    git("commit", "-q", "-m", "Incident: API errors (#7)", cwd=remote.seed)
    git("push", "-q", "origin", "main", cwd=remote.seed)
    remote.fake.open_pull(7, "incident/api-errors")["state"] = "closed"
    remote.fake.commit_pulls[git("rev-parse", "HEAD", cwd=remote.seed)] = [7]
    for _ in range(2):
        result = remote.alert(SEQUENCE / STEPS[0][0], STEPS[0][1])
        assert result.returncode == 0, result.stderr
    (comment,) = remote.fake.comments[7]
    assert "An open incident written by a person already covers them" in comment["body"]
    assert "api: degraded_performance" in comment["body"]
    assert remote.fake.made("POST", "/pulls") == []


def test_a_failing_check_is_reported_on_the_commit_and_in_the_body(remote):
    (remote.seed / "incidents" / "2020-02-01-broken.md").write_text("---\ntitle: Broken\n---\n")
    git("add", "-A", cwd=remote.seed)
    git("commit", "-q", "-m", "broken", cwd=remote.seed)
    git("push", "-q", "origin", "main", cwd=remote.seed)
    result = remote.alert(SEQUENCE / STEPS[0][0], STEPS[0][1])
    assert result.returncode == 0, result.stderr
    tip = remote.branch(json.loads(result.stdout)["pull_requests"][0]["branch"])
    (status,) = remote.fake.statuses[tip]
    assert status["state"] == "failure"
    assert "missing required key" in status["description"]
    assert "**`balise check` or `balise build --strict` failed**" in remote.fake.pulls[1]["body"]


def test_without_a_token_nothing_is_pushed(remote, tmp_path):
    folder = remote.checkout()
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_TOKEN", "BALISE_GITHUB_TOKEN")}
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", "alert", str(SEQUENCE / STEPS[0][0]), "--pull-request", "--now", STEPS[0][1]],
        cwd=folder, capture_output=True, text=True, env=environment, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "no token: set GITHUB_TOKEN" in result.stderr
    assert remote.branch("alert/*") is None


def test_grafanas_test_notification_opens_no_pull_request(remote):
    result = remote.alert(DATA / "grafana" / "alert_new.json", "2022-08-31T06:00:00Z")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pull_requests"] == []
    assert remote.fake.made("POST", "/pulls") == []


def auto_publish(remote: Remote, now: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "GITHUB_TOKEN": remote.fake.token, "GITHUB_API_URL": remote.fake.url,
                   "GITHUB_REPOSITORY": remote.fake.repository}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "site_builder", "alert", "--auto-publish-after", "15m", "--now", now],
        cwd=remote.tmp, capture_output=True, text=True, env=environment, timeout=120, check=False,
    )  # fmt: skip


def opened_draft(remote: Remote) -> tuple[int, str]:
    result = remote.alert(SEQUENCE / STEPS[0][0], STEPS[0][1])
    (pull,) = json.loads(result.stdout)["pull_requests"]
    remote.fake.pulls[1].update({"created_at": "2020-02-06T00:20:05Z"})
    remote.fake.pulls[1]["head"]["sha"] = pull["commit"]
    remote.fake.commits[1] = [{"commit": {"author": {"email": "alert@balise.invalid"}}}]
    return 1, pull["commit"]


def test_an_untouched_draft_is_merged_once_its_time_is_up(remote):
    number, _commit = opened_draft(remote)
    early = auto_publish(remote, "2020-02-06T00:30:00Z")
    assert early.returncode == 0 and "waiting" in early.stdout
    assert remote.fake.merged == []
    late = auto_publish(remote, "2020-02-06T00:36:00Z")
    assert late.returncode == 0, late.stderr
    assert remote.fake.merged == [number]
    assert "merged: nobody acted for 15 min" in late.stdout


@pytest.mark.parametrize("touch", ["pushed", "reviewed", "commented"])
def test_a_draft_a_person_touched_is_never_merged_automatically(remote, touch):
    opened_draft(remote)
    if touch == "pushed":
        remote.fake.commits[1].append({"commit": {"author": {"email": "oncall@example.test"}}})
    elif touch == "reviewed":
        remote.fake.reviews[1] = [{"state": "COMMENTED"}]
    else:
        remote.fake.comments[1] = [{"body": "Looking at it", "user": {"login": "oncall"}}]
    result = auto_publish(remote, "2020-02-06T01:00:00Z")
    assert result.returncode == 0, result.stderr
    assert remote.fake.merged == []
    assert f"a person {touch}" in result.stdout


def test_a_note_with_no_pull_request_to_go_to_is_in_the_output_and_the_summary(remote):
    (remote.seed / "incidents" / "2020-02-06-api-errors.md").write_text(HUMAN)
    git("add", "-A", cwd=remote.seed)
    git("commit", "-q", "-m", "pushed straight to main", cwd=remote.seed)
    git("push", "-q", "origin", "main", cwd=remote.seed)
    summary = remote.tmp / "summary.md"
    os.environ["GITHUB_STEP_SUMMARY"] = str(summary)
    try:
        result = remote.alert(SEQUENCE / STEPS[0][0], STEPS[0][1])
    finally:
        del os.environ["GITHUB_STEP_SUMMARY"]
    assert result.returncode == 0, result.stderr
    (proposal,) = json.loads(result.stdout)["pull_requests"]
    assert proposal["action"] == "note-unplaced"
    assert "already covers them" in proposal["note"]
    assert "already covers them" in summary.read_text()
    assert remote.fake.comments == {}
