"""`balise build`: builds the whole site, or publishes nothing and says why."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.small_file_system import mounted_tmpfs
from support.site_project import REPO, Project, build, example_project, outage, page

from site_builder.cli import main

FULL_DISK = Path(__file__).resolve().parents[1] / "support" / "full_disk.py"


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def broken(tmp_path: Path) -> Project:
    """A project with two invalid incident files and one valid one."""
    project = Project(tmp_path / "project")
    project.write_config()
    project.incident("2026-11-10-ok.md", outage("2026-11-10T10:00:00Z", "2026-11-10T11:00:00Z", "major_outage"))
    project.incident("2026-11-11-typo.md", outage("2026-11-11T10:00:00Z", None, "major_outage", component="apii"))
    project.incident("2026-11-12-bad-status.md", outage("2026-11-12T10:00:00Z", None, "down"))
    return project


def test_the_example_site_builds(tmp_path):
    result = build(REPO / "mkdocs.yml", tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "index.html").is_file()
    assert "site written to" in result.output


def test_an_invalid_incident_fails_the_build(broken, tmp_path):
    assert build(broken.config, tmp_path / "site").exit_code == 1


def test_every_problem_is_reported_with_file_and_line(broken, tmp_path):
    output = build(broken.config, tmp_path / "site").output
    assert "2026-11-11-typo.md:5: unknown component 'apii'" in output
    assert "2026-11-12-bad-status.md:5:" in output


def test_a_failed_build_leaves_the_site_folder_untouched(broken, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site as it was", encoding="utf-8")
    before = files_in(site)
    build(broken.config, site)
    assert files_in(site) == before


def test_a_failed_build_leaves_no_staging_folder_behind(broken, tmp_path):
    build(broken.config, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]


def test_a_successful_build_replaces_the_previous_site_whole(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the home page of an older build", encoding="utf-8")
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    build(REPO / "mkdocs.yml", site)
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file()


def test_an_invalid_config_fails_the_build(tmp_path):
    config = example_project(tmp_path, {"          group: payments\n": "          group: paymnets\n"})
    result = build(config, tmp_path / "site")
    assert result.exit_code == 1
    assert "unknown group 'paymnets'" in result.output


def test_without_site_dir_the_configs_site_dir_is_used(tmp_path):
    config = example_project(tmp_path)
    result = CliRunner().invoke(main, ["build", "--config", str(config), "--now", "2026-11-22T12:00:00Z"])
    assert result.exit_code == 0, result.output
    assert (config.parent / "site" / "index.html").is_file()


def test_a_missing_config_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["build", "--config", str(tmp_path / "nope.yml")])
    assert result.exit_code == 2


def test_incident_warnings_do_not_fail_a_strict_build(tmp_path):
    # At 13:00 the example's promise of an update by 12:30 is overdue: a warning, shown on the page.
    result = build(REPO / "mkdocs.yml", tmp_path / "site", "2026-11-22T13:00:00Z", "--strict")
    assert result.exit_code == 0, result.output


def test_source_date_epoch_pins_now_when_no_now_is_given(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795348800")  # 2026-11-22T12:00:00Z
    build(REPO / "mkdocs.yml", tmp_path / "site", None)
    assert 'datetime="2026-11-22T12:00:00Z" data-f="a" data-r' in page(tmp_path / "site", "")


def test_with_source_date_epoch_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795348800")  # MkDocs dates its sitemap with it
    build(REPO / "mkdocs.yml", tmp_path / "one", None)
    build(REPO / "mkdocs.yml", tmp_path / "two", None)
    assert files_in(tmp_path / "one") == files_in(tmp_path / "two")


def test_the_same_files_at_the_same_now_build_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build(REPO / "mkdocs.yml", tmp_path / "one", "2026-12-25T12:00:00Z")
    build(REPO / "mkdocs.yml", tmp_path / "two", "2026-12-25T12:00:00Z")
    assert files_in(tmp_path / "one") == files_in(tmp_path / "two")
    # lastmod says when the data changed (the last example update), never the build date
    sitemap = (tmp_path / "one" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2026-11-27</lastmod>" in sitemap and "2026-12-25" not in sitemap


def test_a_project_without_docs_folder_builds(tmp_path):
    config = example_project(tmp_path)
    assert not (config.parent / "docs").exists()
    assert build(config, tmp_path / "site").exit_code == 0


# -- the config as MkDocs reads it --------------------------------------------------------


def _site_built_with(tmp_path: Path, name: str, site_url_line: str) -> dict[str, bytes]:
    project = Project(tmp_path / name, site_url="https://status.example.test/")
    written = project.write_config().read_text(encoding="utf-8")
    project.config.write_text(written.replace("site_url: https://status.example.test/", site_url_line), encoding="utf-8")
    project.incident("2026-11-10-ok.md", outage("2026-11-10T10:00:00Z", "2026-11-10T11:00:00Z", "major_outage"))
    result = build(project.config, tmp_path / name / "site")
    assert result.exit_code == 0, result.output
    return files_in(tmp_path / name / "site")


def test_a_site_url_from_the_environment_builds_the_same_site(tmp_path, monkeypatch):
    monkeypatch.setenv("STATUS_PAGE_URL", "https://status.example.test")
    literal = _site_built_with(tmp_path, "literal", "site_url: https://status.example.test/")
    from_env = _site_built_with(tmp_path, "env", "site_url: !ENV STATUS_PAGE_URL")
    assert from_env.keys() == literal.keys()
    assert {path for path in literal if from_env[path] != literal[path]} == set()
    summary = json.loads(from_env["api/v2/summary.json"])
    assert summary["page"]["url"] == "https://status.example.test"


def test_an_inherited_config_builds_the_same_site_into_the_inherited_site_dir(tmp_path):
    literal = _site_built_with(tmp_path, "literal", "site_url: https://status.example.test/")
    project = Project(tmp_path / "inherits", site_url="https://status.example.test/")
    written = project.write_config().read_text(encoding="utf-8")
    project.incident("2026-11-10-ok.md", outage("2026-11-10T10:00:00Z", "2026-11-10T11:00:00Z", "major_outage"))
    (project.root / "shared").mkdir()
    (project.root / "shared" / "base.yml").write_text(written + "site_dir: public\n", encoding="utf-8")
    project.config.write_text("INHERIT: shared/base.yml\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--config", str(project.config), "--now", "2026-11-22T12:00:00Z"])
    assert result.exit_code == 0, result.output
    inherited = files_in(project.root / "public")
    assert {path for path in literal if inherited.get(path) != literal[path]} == set()


def test_a_project_with_no_incident_yet_builds(tmp_path):
    """A team's first build, right after adopting Balise: the page says all is well."""
    project = Project(tmp_path / "project", site_url="https://status.example.test/")
    project.write_config()
    result = build(project.config, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert "All Systems Operational" in page(tmp_path / "site", "")
    assert "<lastmod>" in (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")


# --- Publishing: permissions, killed builds, a full disk ----------------------------------


def modes(folder: Path) -> set[tuple[str, int]]:
    """('dir' | 'file', permission bits) of the folder itself and of everything in it."""
    paths = [folder, *folder.rglob("*")]
    return {("dir" if p.is_dir() else "file", p.stat().st_mode & 0o777) for p in paths}


@pytest.mark.parametrize(
    ("umask", "folder", "file"), [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)], ids=["umask-022", "umask-027"]
)
def test_the_published_site_has_the_permissions_the_umask_gives(tmp_path, umask, folder, file):
    previous = os.umask(umask)
    try:
        build(REPO / "mkdocs.yml", tmp_path / "site")
    finally:
        os.umask(previous)
    assert modes(tmp_path / "site") == {("dir", folder), ("file", file)}


def balise_process(*args: str, cwd: Path, env: dict[str, str] | None = None, script: Path | None = None):
    command = [sys.executable, str(script)] if script else [sys.executable, "-m", "site_builder"]
    return subprocess.Popen(
        [*command, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_a_killed_build_leaves_nothing_beside_the_site_after_the_next_build(tmp_path):
    config = example_project(tmp_path)
    arguments = ["build", "--config", str(config), "--site-dir", str(tmp_path / "site"), "--now", "2026-11-22T12:00:00Z"]
    killed = balise_process(*arguments, cwd=tmp_path)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".site.") and any(p.rglob("*.html")) for p in tmp_path.iterdir()):
        assert killed.poll() is None and time.monotonic() < deadline, "the build ended before it could be killed"
        time.sleep(0.02)
    killed.send_signal(signal.SIGKILL)
    killed.communicate()
    assert any(p.name.startswith(".site.") for p in tmp_path.iterdir())  # what SIGKILL leaves
    again = balise_process(*arguments, cwd=tmp_path)
    _, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


def test_a_full_disk_ends_the_build_with_one_line_and_the_old_site_intact(tmp_path):
    build(REPO / "mkdocs.yml", tmp_path / "site")
    before = files_in(tmp_path / "site")
    arguments = ["build", "--config", str(REPO / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")]
    full = {"FULL_DISK_FOLDER": str(tmp_path), "FULL_DISK_AFTER": "40"}
    process = balise_process(*arguments, "--now", "2026-11-22T12:00:00Z", cwd=tmp_path, env=full, script=FULL_DISK)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "Traceback" not in stderr
    (line,) = stderr.splitlines()
    assert "No space left on device" in line and "nothing was published" in line
    assert files_in(tmp_path / "site") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.fixture
def small_file_system(tmp_path: Path) -> Iterator[Path]:
    """A real 4 MB file system (tmpfs), where the machine lets us mount one (as root on Linux)."""
    with mounted_tmpfs(tmp_path / "small", "4m") as mount:
        yield mount


def test_a_really_full_disk_ends_the_build_with_one_line_and_the_old_site_intact(small_file_system):
    site = small_file_system / "site"
    assert build(REPO / "mkdocs.yml", site).exit_code == 0  # about 3.5 MB: a second copy does not fit
    before = files_in(site)
    arguments = ["build", "--config", str(REPO / "mkdocs.yml"), "--site-dir", str(site), "--now", "2026-11-22T12:00:00Z"]
    process = balise_process(*arguments, cwd=small_file_system)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "Traceback" not in stderr
    (line,) = stderr.splitlines()
    assert "No space left on device" in line
    assert files_in(site) == before
    assert sorted(p.name for p in small_file_system.iterdir()) == ["site"]
