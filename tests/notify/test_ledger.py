"""The ledger: what was sent where, kept in a file or on a branch of a real git remote."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from site_builder.notify.ledger import Lease, Ledger, LedgerError, Outcome
from site_builder.notify.ledger_store import FileLedgerStore, GitLedgerStore

NOW = datetime(2026, 11, 20, 14, 10, tzinfo=UTC)


def ledger_with(*keys: str, channel: str = "ops", at: datetime = NOW) -> Ledger:
    ledger = Ledger()
    record = ledger.channel(channel, first_since=at - timedelta(hours=3))
    for key in keys:
        record.settle(key, Outcome.SENT, at, at)
    return ledger


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "origin.git"
    git(tmp_path, "init", "--bare", "-q", str(bare))
    return bare


def clone(tmp_path: Path, remote: Path, name: str) -> GitLedgerStore:
    """A fresh CI machine: a new repository whose origin is the shared remote."""
    work = tmp_path / name
    work.mkdir()
    git(work, "init", "-q")
    git(work, "remote", "add", "origin", str(remote))
    return GitLedgerStore(work, "balise-notify-ledger")


def test_a_ledger_reads_back_what_it_wrote():
    ledger = ledger_with("a#0", "a#1")
    ledger.channels["ops"].fail("b#0", NOW, NOW, "HTTP 500")
    ledger.lease = Lease("run-1", NOW)
    again = Ledger.from_json(ledger.to_json())
    assert again == ledger


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"format": "something-else"}', "not a Balise notification ledger"),
        (b'{"format": "balise-notify-ledger", "version": 99, "channels": {}}', "upgrade Balise"),
        (b'{"format": "balise-notify-ledger", "version": 1, "channels": {"ops": {"since": 3}}}', "malformed"),
    ],
)
def test_an_unreadable_ledger_is_an_error_not_a_first_run(data, reason):
    with pytest.raises(LedgerError, match=reason):
        Ledger.from_json(data)


def test_pruning_forgets_what_is_older_than_the_retention_and_moves_since():
    ledger = ledger_with("old#0", at=NOW - timedelta(days=20))
    ledger.channels["ops"].settle("new#0", Outcome.SENT, NOW, NOW)
    ledger.prune(NOW, timedelta(days=14))
    record = ledger.channels["ops"]
    assert list(record.settled) == ["new#0"] and record.since == NOW - timedelta(days=14)


def test_merging_keeps_what_either_run_sent():
    mine, theirs = ledger_with("a#0"), ledger_with("b#0")
    theirs.channels["ops"].fail("a#0", NOW, NOW, "HTTP 500")
    merged = mine.merge(theirs)
    assert sorted(merged.channels["ops"].settled) == ["a#0", "b#0"] and merged.channels["ops"].failing == {}


def test_a_file_ledger_that_does_not_exist_is_empty(tmp_path):
    assert FileLedgerStore(tmp_path / "ledger.json").load().is_empty


def test_a_file_ledger_is_written_whole(tmp_path):
    store = FileLedgerStore(tmp_path / "state" / "ledger.json")
    store.save(ledger_with("a#0"), "test")
    assert store.load() == ledger_with("a#0")


def test_a_remote_without_the_branch_is_a_first_run(tmp_path, remote):
    assert clone(tmp_path, remote, "ci-1").load().is_empty


def test_a_ledger_pushed_by_one_machine_is_read_by_the_next(tmp_path, remote):
    first = clone(tmp_path, remote, "ci-1")
    first.load()
    first.save(ledger_with("a#0"), "balise notify: 1 sent")
    assert clone(tmp_path, remote, "ci-2").load() == ledger_with("a#0")
    assert git(remote, "log", "--format=%s", "balise-notify-ledger").strip() == "balise notify: 1 sent"


def test_the_branch_keeps_each_runs_ledger_in_its_history(tmp_path, remote):
    store = clone(tmp_path, remote, "ci-1")
    store.load()
    store.save(ledger_with("a#0"), "run 1")
    store.save(ledger_with("a#0", "a#1"), "run 2")
    assert git(remote, "log", "--format=%s", "balise-notify-ledger").split() == ["run", "2", "run", "1"]


def test_two_machines_writing_at_once_lose_nothing(tmp_path, remote):
    one, two = clone(tmp_path, remote, "ci-1"), clone(tmp_path, remote, "ci-2")
    one.load(), two.load()
    one.save(ledger_with("a#0"), "one")
    stored = two.save(ledger_with("b#0"), "two")  # refused, merged, pushed again
    assert sorted(stored.channels["ops"].settled) == ["a#0", "b#0"]
    assert sorted(clone(tmp_path, remote, "ci-3").load().channels["ops"].settled) == ["a#0", "b#0"]


def test_an_unchanged_ledger_makes_no_commit(tmp_path, remote):
    store = clone(tmp_path, remote, "ci-1")
    store.load()
    store.save(ledger_with("a#0"), "one")
    store.save(ledger_with("a#0"), "again")
    assert git(remote, "rev-list", "--count", "balise-notify-ledger").strip() == "1"


def test_an_unreachable_remote_is_an_error_not_a_first_run(tmp_path):
    store = clone(tmp_path, tmp_path / "no-such-remote.git", "ci-1")
    with pytest.raises(LedgerError, match="cannot read the branch 'balise-notify-ledger' of 'origin'"):
        store.load()


def test_a_branch_holding_something_else_is_unreadable(tmp_path, remote):
    work = tmp_path / "someone"
    git(tmp_path, "clone", "-q", str(remote), str(work))
    (work / "ledger.json").write_text("garbage", encoding="utf-8")
    git(work, "checkout", "-q", "-b", "balise-notify-ledger")
    git(work, "add", "ledger.json")
    git(work, "-c", "user.name=x", "-c", "user.email=x@x.invalid", "commit", "-qm", "oops")
    git(work, "push", "-q", "origin", "balise-notify-ledger")
    with pytest.raises(LedgerError, match="not valid JSON"):
        clone(tmp_path, remote, "ci-1").load()


def test_the_token_never_shows_in_an_error(tmp_path):
    work = tmp_path / "ci"
    work.mkdir()
    git(work, "init", "-q")
    git(work, "remote", "add", "origin", "http://127.0.0.1:9/owner/repo.git")
    store = GitLedgerStore(work, "balise-notify-ledger", token="ghs_secretTokenValue123")
    with pytest.raises(LedgerError) as caught:
        store.load()
    assert "ghs_secretTokenValue123" not in str(caught.value)
