"""Two edits of one incident at the same moment: both are kept, or the second is refused aloud.

Each edit re-reads the file under a lock beside it just before writing, and applies its
update to the file as it is then. Nothing is ever lost without a word.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest
from support.author_project import NOW, OPEN, OPEN_NAME, iso, project  # noqa: F401

from site_builder.commands import authoring, update
from site_builder.source.config import read_config

PAIRS = 20


def test_every_update_of_simultaneous_pairs_is_kept_or_refused_with_a_message(project):
    project.write(OPEN_NAME, OPEN)
    outcomes = []
    for pair in range(PAIRS):
        now = iso(NOW + timedelta(minutes=pair + 1))
        messages = [f"Update {pair}{side}." for side in "ab"]
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "site_builder", "update", "api-errors", "-m", message, "--now", now],
                cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )  # fmt: skip
            for message in messages
        ]
        for message, process in zip(messages, processes):
            _, stderr = process.communicate(timeout=60)
            outcomes.append((message, process.returncode, stderr))
    text = project.text(OPEN_NAME)
    lost = [(m, code, err) for m, code, err in outcomes if m not in text and (code == 0 or not err.strip())]
    assert lost == []
    kept = [m for m, _, _ in outcomes if m in text]
    assert len(kept) == len(project.incident(OPEN_NAME).updates) - 1
    project.assert_check_is_clean(now=NOW + timedelta(minutes=PAIRS + 1))


@pytest.fixture
def read_too_early(project, monkeypatch):
    """The next command works from the file as it was when this fixture ran (it lost a race)."""
    project.write(OPEN_NAME, OPEN)
    stale = authoring.current_incident("api-errors", project.incidents, read_config(project.config_path))
    monkeypatch.setattr(update, "current_incident", lambda *args: stale)


def test_an_update_that_lost_a_race_is_added_after_the_one_that_won(project, read_too_early):
    assert project.run("update", "api-errors", "-m", "News from the other engineer.").exit_code == 0
    result = project.run("update", "api-errors", "-s", "identified", "-m", "We found the cause.")
    assert result.exit_code == 0, result.stderr
    messages = [u.message for u in project.incident(OPEN_NAME).updates]
    assert messages == ["We are investigating.", "News from the other engineer.", "We found the cause."]
    assert "changed since balise read it" in result.stderr


def test_an_update_that_lost_a_race_and_no_longer_fits_is_refused_aloud(project, read_too_early):
    assert project.run("resolve", "api-errors", "-m", "Fixed by the other engineer.").exit_code == 0
    before = project.text(OPEN_NAME)
    result = project.run("update", "api-errors", "-s", "identified", "-m", "Found it.")
    assert result.exit_code == 1
    assert "changed since balise read it" in result.stderr
    assert "after the incident was resolved" in result.stderr or "resolved" in result.stderr
    assert project.text(OPEN_NAME) == before
