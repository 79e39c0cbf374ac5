"""The MkDocs plugin: pages handed to MkDocs, machine outputs written, `serve` watching incidents."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from support.site_project import REPO, build, example_project, find, page, words

from site_builder.engine.status import snapshot
from site_builder.mkdocs_plugin import BalisePlugin
from site_builder.outputs.build import machine_outputs
from site_builder.source.project import load_project

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def mkdocs_site(config: Path, site: Path) -> None:
    """A plain MkDocs build (as `mkdocs build` runs it), without Balise's command around it."""
    (config.parent / "docs").mkdir(exist_ok=True)
    mkdocs_build(load_config(config_file=str(config), site_dir=str(site)))


def test_the_plugin_is_registered_as_balise_for_mkdocs():
    (entry,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "balise"]
    assert entry.load() is BalisePlugin


def test_the_machine_outputs_are_written_into_the_site(tmp_path):
    build(REPO / "mkdocs.yml", tmp_path / "site")
    project = load_project(REPO / "incidents", REPO / "mkdocs.yml", NOW)
    expected = machine_outputs(snapshot(project.config, project.incidents, NOW))
    for output in expected:
        assert (tmp_path / "site" / output.path).read_bytes() == output.content, output.path


def test_a_plain_mkdocs_build_reads_now_from_balise_now(tmp_path, monkeypatch):
    monkeypatch.setenv("BALISE_NOW", "2026-11-22T12:00:00Z")
    mkdocs_site(example_project(tmp_path), tmp_path / "site")
    assert 'datetime="2026-11-22T12:00:00Z" data-f="a" data-r' in page(tmp_path / "site", "")


def test_an_unreadable_balise_now_stops_the_build(tmp_path, monkeypatch):
    monkeypatch.setenv("BALISE_NOW", "yesterday")
    with pytest.raises(Abort):
        mkdocs_site(example_project(tmp_path), tmp_path / "site")
    assert not (tmp_path / "site" / "index.html").exists()


def test_an_invalid_incident_stops_a_plain_mkdocs_build_before_writing(tmp_path, monkeypatch, caplog):
    config = example_project(tmp_path)
    (config.parent / "incidents" / "2026-11-20-broken.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    with pytest.raises(Abort):
        mkdocs_site(config, tmp_path / "site")
    assert not (tmp_path / "site").exists()
    assert "2026-11-20-broken.md:1:" in caplog.text


def test_hand_written_pages_in_docs_are_built_and_in_the_navigation(tmp_path):
    config = example_project(tmp_path)
    (config.parent / "docs").mkdir()
    (config.parent / "docs" / "faq.md").write_text("# Questions\n\nAsk us anything.\n", encoding="utf-8")
    build(config, tmp_path / "site")
    assert "Ask us anything." in page(tmp_path / "site", "faq")
    nav = [a.attrs["href"] for a in find(page(tmp_path / "site", ""), "a", class_="md-nav__link")]
    assert "faq/" in nav


def test_the_navigation_lists_the_status_and_history_pages_only(tmp_path):
    build(REPO / "mkdocs.yml", tmp_path / "site")
    nav = [a.attrs["href"] for a in find(page(tmp_path / "site", "incidents/2026-11-22-sign-in-failures"), "a")
           if "md-nav__link" in a.attrs.get("class", "")]  # fmt: skip
    assert nav == ["../..", "../../history/"]


def test_directory_urls_off_is_refused(tmp_path):
    config = example_project(
        tmp_path, {"site_name: Northwind Status": "site_name: Northwind Status\nuse_directory_urls: false"}
    )
    result = build(config, tmp_path / "site")
    assert result.exit_code == 1
    assert "use_directory_urls: false" in result.output


def test_an_unknown_key_in_the_balise_block_is_reported_with_its_line(tmp_path):
    config = example_project(
        tmp_path, {"      timezone: Europe/Paris": "      timezone: Europe/Paris\n      colour: red"}
    )
    result = build(config, tmp_path / "site")
    assert result.exit_code == 1
    assert "mkdocs.yml:" in result.output and "colour" in result.output


class FakeServer:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_the_incidents_folder():
    config = load_config(config_file=str(REPO / "mkdocs.yml"), docs_dir=str(REPO / "incidents"))
    server = FakeServer()
    BalisePlugin().on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    assert server.watched == [str(REPO / "incidents")]


def test_page_titles_reach_mkdocs_escaped(tmp_path):
    config = example_project(tmp_path)
    incident = config.parent / "incidents" / "2026-11-20-api-errors.md"
    incident.write_text(
        "---\ntitle: 'Errors on <b>API</b> & web'\nimpact: minor\ncomponents: {api: partial_outage}\n"
        "updates:\n  - at: 2026-11-20T10:00:00Z\n    status: resolved\n    message: Done.\n---\n",
        encoding="utf-8",
    )
    build(config, tmp_path / "site")
    html = page(tmp_path / "site", "incidents/2026-11-20-api-errors")
    assert "<title>Errors on &lt;b&gt;API&lt;/b&gt; &amp; web - Northwind Status</title>" in html
    assert "Errors on &lt;b&gt;API&lt;/b&gt; &amp; web" in html[html.index("md-header__topic") :]


def test_a_site_name_spelling_an_emoji_as_two_escapes_builds_with_the_emoji(tmp_path):
    # JSON writes 🔥 as "\ud83d\udd25"; MkDocs' YAML reader leaves the halves apart.
    config = example_project(tmp_path, {"site_name: Northwind Status": 'site_name: "Northwind \\ud83d\\udd25"'})
    result = build(config, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert "<title>Page not found - Northwind \N{FIRE}</title>" in (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
