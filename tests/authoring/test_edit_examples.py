"""Every example incident shipped in incidents/ can be updated with a diff of added lines only.

The examples are hand-written the way teams write them, so they are the realistic input for
the editor: closing each one (or adding a postmortem to a closed incident, once its body holds
the postmortem) must keep every existing line, except the `next_update` line that closing removes.
"""

from __future__ import annotations

import difflib
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.author_project import balise, iso

from site_builder.source.config import read_config
from site_builder.source.project import incident_files, parse_incident

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = incident_files(REPO / "incidents") if (REPO / "incidents").is_dir() else []


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_an_example_incident_is_edited_by_adding_lines_only(example, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "incidents").mkdir()
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    path = tmp_path / "incidents" / example.name
    shutil.copy(example, path)
    incident = parse_incident(path, path.read_bytes(), read_config(tmp_path / "mkdocs.yml"))
    if incident.is_resolved and not incident.body.strip():  # the postmortem is written before it is announced
        path.write_text(path.read_text(encoding="utf-8") + "\n## What happened\n\nA postmortem.\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    if incident.is_maintenance and incident.is_resolved:
        pytest.skip("nothing may follow a completed maintenance")
    later = iso(incident.last_update_at + timedelta(minutes=5))
    if incident.is_resolved:
        args = ["update", example.name, "-s", "postmortem", "-m", "What happened, and what we changed."]
    else:
        args = ["resolve", example.name]
    result = CliRunner().invoke(balise, [*args, "--now", later], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    old_lines = before.splitlines(keepends=True)
    changes = difflib.SequenceMatcher(None, old_lines, after.splitlines(keepends=True)).get_opcodes()
    removed = [line for tag, i1, i2, _, _ in changes if tag in ("delete", "replace") for line in old_lines[i1:i2]]
    assert all(line.startswith("next_update:") for line in removed), removed
    assert sum(tag in ("insert", "replace") for tag, *_ in changes) == 1  # one block, in one place
