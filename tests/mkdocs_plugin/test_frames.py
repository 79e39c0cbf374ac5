"""Pages Balise lays out itself are, byte for byte, the pages MkDocs' page loop makes of them.

Each project is built twice: once as `balise build` does (incident, component and history-year
pages filled into frames of Material's layout and written by the workers that render them),
once with every page left to MkDocs' loop. The two sites must be the same files with the same bytes.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from mkdocs.config import load_config
from support.many_incidents import hostile_project
from support.site_project import EXAMPLE_NOW, THEME, example_project, with_custom_dir

from site_builder.mkdocs_plugin import BalisePlugin
from site_builder.mkdocs_plugin.frames import only_handler
from site_builder.mkdocs_plugin.runner import build_site

NOW = datetime.fromisoformat(EXAMPLE_NOW).astimezone(UTC)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def both_ways(config: Path, workdir: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The site as Balise lays it out, and as MkDocs' loop does."""
    sites = []
    for own in (True, False):
        site = workdir / ("own" if own else "loop")
        site.mkdir(parents=True)
        build_site(config, site, now=NOW, strict=False, verbose=False, lay_out_pages=own)
        sites.append(tree(site))
    return sites[0], sites[1]


def assert_same_sites(own: dict[str, bytes], loop: dict[str, bytes]) -> None:
    assert sorted(own) == sorted(loop)
    assert [path for path in own if own[path] != loop[path]] == []


def test_the_example_site_is_the_same_laid_out_by_balise_or_by_mkdocs(tmp_path):
    assert_same_sites(*both_ways(example_project(tmp_path), tmp_path / "sites"))


def test_hostile_titles_and_messages_are_laid_out_as_mkdocs_does(tmp_path):
    config = hostile_project(tmp_path / "p", 12, language="fr", site_url="https://example.github.io/status/")
    assert_same_sites(*both_ways(config, tmp_path / "sites"))


def test_a_site_without_site_url_is_laid_out_as_mkdocs_does(tmp_path):
    config = hostile_project(tmp_path / "p", 6, language="ja")
    assert_same_sites(*both_ways(config, tmp_path / "sites"))


def test_pages_written_by_two_workers_are_the_pages_mkdocs_makes(tmp_path):
    # From 200 incidents the build renders and writes pages in two processes.
    config = hostile_project(tmp_path / "p", 210, site_url="https://status.example.com/")
    assert_same_sites(*both_ways(config, tmp_path / "sites"))


def test_a_theme_that_changes_titles_is_laid_out_page_by_page_and_still_the_same(tmp_path, caplog):
    overrides = tmp_path / "overrides" / "partials"
    overrides.mkdir(parents=True)
    ours = (THEME / "partials" / "header.html").read_text(encoding="utf-8")
    changed = ours.replace('{{ page.title if page else "" }}', '{{ (page.title if page else "") | upper }}')
    assert changed != ours
    (overrides / "header.html").write_text(changed, encoding="utf-8")
    config = hostile_project(tmp_path / "p", 4, language="en")
    with_custom_dir(config, str(overrides.parent))
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.balise"):
        own, loop = both_ways(config, tmp_path / "sites")
    assert "laying out" in caplog.text
    assert_same_sites(own, loop)
    assert "ERRORS &LT;SCRIPT&GT;ALERT" in own["incidents/2026-01-01-outage-0/index.html"].decode()


@pytest.mark.parametrize(("plugins", "alone"), [("  - balise\n", True), ("  - search\n  - balise\n", False)])
def test_frames_are_used_only_when_no_other_plugin_handles_pages(tmp_path, plugins, alone):
    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(f"site_name: X\ntheme:\n  name: material\nplugins:\n{plugins}", encoding="utf-8")
    config = load_config(config_file=str(config_file))
    plugin = config.plugins["balise"]
    assert isinstance(plugin, BalisePlugin)
    assert only_handler(config, plugin) is alone
