"""`balise serve` keeps its site up to date in place: after an incident file changes, the preview
re-renders what the file touches and overwrites it, and the site is the one a full build makes."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from support.many_incidents import hostile_project
from support.site_project import EXAMPLE_NOW, example_project

from site_builder.mkdocs_plugin.preview import Preview

NOW = datetime.fromisoformat(EXAMPLE_NOW)
SERVED_AT = "http://127.0.0.1:8000/"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class CountingPreview(Preview):
    """A preview driven without its web server: full builds are counted."""

    def __init__(self, config: Path, site: Path) -> None:
        super().__init__(config, {}, NOW)
        site.mkdir(parents=True)
        self.site_dir, self.serve_url = str(site), SERVED_AT
        self.full_builds = 0

    def build(self) -> None:
        self.full_builds += 1
        super().build()


def fresh(config: Path, site: Path) -> dict[str, bytes]:
    """The site a full build of the same files makes, in another folder."""
    preview = CountingPreview(config, site)
    preview.build()
    return tree(site)


def touched(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000_000  # a later stamp, even on coarse file-system clocks
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def example(tmp_path: Path) -> tuple[Path, CountingPreview]:
    config = example_project(tmp_path)
    (config.parent / "docs").mkdir()  # `balise serve` lends MkDocs an empty one; the preview itself needs one
    preview = CountingPreview(config, tmp_path / "served")
    preview.build()
    return config, preview


def test_an_edited_incident_is_updated_in_place_as_a_full_build_would_make_it(example, tmp_path):
    config, preview = example
    incident = config.parent / "incidents" / "2026-08-27-api-outage.md"
    untouched = Path(preview.site_dir) / "incidents" / "2026-10-03-payouts-delayed" / "index.html"
    before = untouched.stat().st_mtime_ns
    touched(incident, "---\n", "---\n")  # the same bytes, a new date: nothing to show
    touched(incident, "title: ", "title: Edited — ")
    preview.rebuild()
    assert preview.full_builds == 1
    assert untouched.stat().st_mtime_ns == before  # overwritten only where the change shows
    site = tree(Path(preview.site_dir))
    assert "Edited — ".encode() in site["incidents/2026-08-27-api-outage/index.html"]
    assert site == fresh(config, tmp_path / "fresh")


def test_a_change_every_page_shows_rebuilds_the_whole_site(example, tmp_path):
    config, preview = example
    # Resolving the open incident changes the overall status, the site's icon and every page's summary.
    open_incident = config.parent / "incidents" / "2026-11-22-sign-in-failures.md"
    text = open_incident.read_text(encoding="utf-8")
    open_incident.write_text(_resolve(text), encoding="utf-8")
    preview.rebuild()
    assert preview.full_builds == 2
    assert tree(Path(preview.site_dir)) == fresh(config, tmp_path / "fresh")


def _resolve(text: str) -> str:
    head, _, body = text.partition("\n---\n")
    head = "\n".join(line for line in head.splitlines() if not line.startswith("next_update:"))
    return f"{head}\n  - at: 2026-11-22T11:55:00Z\n    status: resolved\n    message: Sign-in works again.\n---\n{body}"


def test_an_added_incident_file_rebuilds_the_whole_site(example, tmp_path):
    config, preview = example
    incidents = config.parent / "incidents"
    shutil.copy(incidents / "2026-08-27-api-outage.md", incidents / "2026-08-28-api-outage-again.md")
    preview.rebuild()
    assert preview.full_builds == 2
    assert tree(Path(preview.site_dir)) == fresh(config, tmp_path / "fresh")


def test_a_changed_config_rebuilds_the_whole_site(example, tmp_path):
    config, preview = example
    touched(config, "site_name: Northwind Status", "site_name: Northwind Status (preview)")
    preview.rebuild()
    assert preview.full_builds == 2
    assert b"Northwind Status (preview)" in tree(Path(preview.site_dir))["index.html"]


def test_an_edit_with_an_error_keeps_the_last_good_site(example, caplog):
    config, preview = example
    before = tree(Path(preview.site_dir))
    touched(config.parent / "incidents" / "2026-08-27-api-outage.md", "impact:", "imapct:")
    with pytest.raises(Abort):
        preview.rebuild()
    assert "2026-08-27-api-outage.md:" in caplog.text
    assert tree(Path(preview.site_dir)) == before


def test_an_incident_swapped_for_a_link_out_of_the_repository_while_serving_is_refused(example, tmp_path, caplog):
    config, preview = example
    before = tree(Path(preview.site_dir))
    outside = tmp_path / "outside.md"
    incident = config.parent / "incidents" / "2026-08-27-api-outage.md"
    outside.write_text(incident.read_text(encoding="utf-8").replace("title: ", "title: Never reviewed "), encoding="utf-8")
    incident.unlink()
    incident.symlink_to(outside)
    with pytest.raises(Abort):
        preview.rebuild()
    assert "2026-08-27-api-outage.md:1: symbolic link to a path outside the repository" in caplog.text
    assert tree(Path(preview.site_dir)) == before


def test_an_incident_deleted_during_a_rebuild_leaves_the_last_good_site(example, monkeypatch, caplog):
    from site_builder.mkdocs_plugin import preview as module

    config, preview = example
    before = tree(Path(preview.site_dir))
    incident = config.parent / "incidents" / "2026-08-27-api-outage.md"
    touched(incident, "title: ", "title: Edited — ")
    reading = module.read_incident

    def vanishing(path, *args, **kwargs):  # the file goes between the listing and its reading
        path.unlink(missing_ok=True)
        return reading(path, *args, **kwargs)

    monkeypatch.setattr(module, "read_incident", vanishing)
    with pytest.raises(Abort):
        preview.rebuild()
    assert "2026-08-27-api-outage.md" in caplog.text
    assert tree(Path(preview.site_dir)) == before


def test_updates_in_place_with_many_incidents_match_a_full_build(tmp_path):
    config = hostile_project(tmp_path / "p", 210, site_url="https://status.example.com/")
    preview = CountingPreview(config, tmp_path / "served")
    preview.build()
    incidents = sorted((config.parent / "incidents").glob("*.md"))
    touched(incidents[3], "Looking into", "Still looking into")
    touched(incidents[150], "title: ", "title: Renamed ")
    preview.rebuild()
    touched(incidents[3], "Fixed.", "Fixed for good.")
    preview.rebuild()
    assert preview.full_builds == 1
    assert tree(Path(preview.site_dir)) == fresh(config, tmp_path / "fresh")
