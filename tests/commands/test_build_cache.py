"""Builds and checks with the cache folder write exactly what they write without it.

The cache (source/cache.py) keeps parsed incident files, converted Markdown and rendered
incident pages in `.balise-cache/` beside mkdocs.yml. Whatever it holds — this project's
entries, another project's, garbage, or entries forged to put markup on the page — the site
is the one a build without any cache makes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.many_incidents import hostile_project
from support.small_file_system import mounted_tmpfs
from support.site_project import EXAMPLE_NOW, Project, build, example_project, outage

from site_builder.cli import main
from site_builder.source.cache import FOLDER_NAME, HEADER, CacheFolder, digest


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built(config: Path, site: Path, monkeypatch: pytest.MonkeyPatch, cache: bool = True) -> dict[str, bytes]:
    with monkeypatch.context() as patch:
        if not cache:
            patch.setenv("BALISE_CACHE", "off")
        result = build(config, site)
    assert result.exit_code == 0, result.output
    return tree(site)


def cache_files(config: Path) -> list[Path]:
    return [p for p in (config.parent / FOLDER_NAME).rglob("*") if p.is_file()]


def test_a_build_with_a_cold_or_warm_cache_writes_what_a_build_without_one_writes(tmp_path, monkeypatch):
    config = example_project(tmp_path)
    without = built(config, tmp_path / "without", monkeypatch, cache=False)
    assert not (config.parent / FOLDER_NAME).exists()
    cold = built(config, tmp_path / "cold", monkeypatch)
    assert {p.name.split("-")[0] for p in cache_files(config)} >= {"incidents.table", "markdown.table", "pages"}
    warm = built(config, tmp_path / "warm", monkeypatch)
    assert cold == without
    assert warm == without


def test_after_incidents_changed_a_warm_build_writes_what_a_fresh_build_writes(tmp_path, monkeypatch):
    config = example_project(tmp_path)
    built(config, tmp_path / "first", monkeypatch)
    incidents = sorted((config.parent / "incidents").glob("*.md"))
    body = incidents[0].read_text(encoding="utf-8") + "\nA **new** paragraph about the cause.\n"
    incidents[0].write_text(body, encoding="utf-8")
    incidents[-1].unlink()
    (config.parent / "incidents" / "2026-11-21-cache-test.md").write_text(
        incidents[1].read_text(encoding="utf-8").replace("title:", "title: Copy of", 1), encoding="utf-8"
    )
    assert built(config, tmp_path / "warm", monkeypatch) == built(config, tmp_path / "fresh", monkeypatch, cache=False)


def test_after_a_title_changed_the_lists_show_the_new_title_as_a_fresh_build_does(tmp_path, monkeypatch):
    config = example_project(tmp_path)
    built(config, tmp_path / "first", monkeypatch)
    incident = sorted((config.parent / "incidents").glob("*.md"))[0]
    incident.write_text(incident.read_text(encoding="utf-8").replace("title: ", "title: Renamed ", 1), encoding="utf-8")
    warm = built(config, tmp_path / "warm", monkeypatch)
    assert warm == built(config, tmp_path / "fresh", monkeypatch, cache=False)
    year = incident.name[:4]
    assert b"Renamed " in warm[f"history/{year}/index.html"]


def test_a_corrupt_cache_is_ignored(tmp_path, monkeypatch):
    config = example_project(tmp_path)
    built(config, tmp_path / "first", monkeypatch)
    for index, path in enumerate(cache_files(config)):
        data = path.read_bytes()
        path.write_bytes([b"", b"\x00\xff garbage", data[: len(data) // 2], data.replace(b'"', b"'")][index % 4])
    assert built(config, tmp_path / "again", monkeypatch) == built(config, tmp_path / "fresh", monkeypatch, cache=False)


def test_another_projects_cache_is_ignored(tmp_path, monkeypatch):
    other = hostile_project(tmp_path / "other", 8, site_url="https://other.example/")
    built(other, tmp_path / "other-site", monkeypatch)
    config = example_project(tmp_path)
    shutil.copytree(other.parent / FOLDER_NAME, config.parent / FOLDER_NAME)
    assert built(config, tmp_path / "site", monkeypatch) == built(config, tmp_path / "fresh", monkeypatch, cache=False)


def test_a_cache_folder_on_a_full_disk_costs_the_build_nothing(tmp_path, monkeypatch):
    config = example_project(tmp_path)
    with mounted_tmpfs(config.parent / FOLDER_NAME, "64k") as cache:
        (cache / "filler").write_bytes(b"\0" * (64 << 10))  # every write there now fails with ENOSPC
        full = built(config, tmp_path / "full", monkeypatch)
        again = built(config, tmp_path / "again", monkeypatch)
    assert full == again == built(config, tmp_path / "fresh", monkeypatch, cache=False)


def forge(config: Path, name: str, entries: dict[str, str]) -> None:
    current = CacheFolder.beside(config).current
    assert current is not None
    current.mkdir(parents=True, exist_ok=True)
    lines = [HEADER] + [f"{key}\t{json.dumps(value)}" for key, value in entries.items()]
    (current / f"{name}.table").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_forged_markdown_entry_cannot_put_markup_on_the_page(tmp_path, monkeypatch):
    project = Project(tmp_path / "p")
    config = project.write_config()
    for name, message in (("2026-11-20-first.md", "First *news*."), ("2026-11-21-second.md", "Second *news*.")):
        project.incident(name, outage(name[:10] + "T10:00:00Z", name[:10] + "T11:00:00Z", "major_outage").replace(
            "Looking into it.", message))  # fmt: skip
    forge(config, "markdown", {
        digest("markdown", "First *news*."): "<p>First</p><script>alert('forged')</script><img src=x onerror=alert(1)>",
        # What the sanitiser lets through is used as kept: the entry was found under its key.
        digest("markdown", "Second *news*."): "<p>kept conversion</p>",
    })  # fmt: skip
    site = built(config, tmp_path / "site", monkeypatch)
    assert not any(b"alert('forged')" in content or b"onerror=" in content for content in site.values())
    assert b"First <em>news</em>." in site["incidents/2026-11-20-first/index.html"]
    assert b"kept conversion" in site["incidents/2026-11-21-second/index.html"]


def test_a_forged_incident_record_is_not_believed(tmp_path, monkeypatch):
    config = example_project(tmp_path)
    built(config, tmp_path / "first", monkeypatch)
    current = CacheFolder.beside(config).current
    assert current is not None
    table = current / "incidents.table"
    lines = table.read_text(encoding="utf-8").split("\n")
    # Every record now names a component the catalog does not have, and a title nobody reviewed.
    forged = [line.replace('"components":{', '"components":{"forged-component":"major_outage",', 1)
              .replace('"title":"', '"title":"FORGED ', 1) for line in lines]  # fmt: skip
    table.write_text("\n".join(forged), encoding="utf-8")
    for pages in current.glob("pages-*.table"):
        pages.unlink()
    site = built(config, tmp_path / "site", monkeypatch)
    assert not any(b"FORGED" in content or b"forged-component" in content for content in site.values())
    assert site == built(config, tmp_path / "fresh", monkeypatch, cache=False)


def test_builds_in_two_processes_with_their_cache_write_what_a_build_without_writes(tmp_path, monkeypatch):
    config = hostile_project(tmp_path / "p", 210, site_url="https://status.example.com/")
    without = built(config, tmp_path / "without", monkeypatch, cache=False)
    assert built(config, tmp_path / "cold", monkeypatch) == without
    assert built(config, tmp_path / "warm", monkeypatch) == without


def check(config: Path, monkeypatch: pytest.MonkeyPatch, cache: bool = True) -> tuple[int, str]:
    with monkeypatch.context() as patch:
        if not cache:
            patch.setenv("BALISE_CACHE", "off")
        result = CliRunner().invoke(
            main, ["check", str(config.parent / "incidents"), "--config", str(config), "--now", EXAMPLE_NOW,
                   "--format", "json"],  # fmt: skip
        )
    return result.exit_code, result.stdout


def test_check_with_its_cache_reports_what_check_without_it_reports(tmp_path, monkeypatch):
    config = example_project(tmp_path)
    without = check(config, monkeypatch, cache=False)
    assert check(config, monkeypatch) == without
    assert check(config, monkeypatch) == without
    broken = sorted((config.parent / "incidents").glob("*.md"))[0]
    broken.write_text(broken.read_text(encoding="utf-8").replace("impact:", "imapct:", 1), encoding="utf-8")
    after = check(config, monkeypatch)
    assert after == check(config, monkeypatch, cache=False)
    assert after[0] == 1 and "imapct" in after[1]
