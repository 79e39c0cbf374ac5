"""The site engine: ProperDocs preferred, MkDocs on request, the same site from both, and plain
`properdocs build` and `serve` on a project `balise init` made."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.site_project import EXAMPLE_NOW, example_project

from site_builder.cli import main
from site_builder.mkdocs_plugin import engines
from site_builder.mkdocs_plugin.engines import ENGINE_VARIABLE, MKDOCS, PROPERDOCS

BIN = Path(sys.executable).parent
both_engines = pytest.mark.skipif(
    engines.installed() != (PROPERDOCS, MKDOCS), reason="needs ProperDocs and MkDocs installed (pip install properdocs)"
)
#: Material's generator tag names the engine and its version: the one line the two engines write differently.
GENERATOR = {PROPERDOCS: b'<meta name="generator" content="mkdocs-ProperDocs 1.', MKDOCS: b'<meta name="generator" content="mkdocs-1.'}


def untagged(page: bytes) -> bytes:
    return re.sub(rb'<meta name="generator" content="mkdocs-[^",]*,', b'<meta name="generator" content="ENGINE,', page)


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != ENGINE_VARIABLE} | (env or {})
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, env=environment, capture_output=True, text=True, timeout=180, check=False
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_suite_runs_on_the_engine_a_build_would_start_here():
    chosen = engines.choose(os.environ)
    assert chosen.problem is None
    assert engines.running() is chosen.engine


@both_engines
def test_the_maintained_engine_is_preferred_when_both_are_installed():
    assert engines.choose({}).engine is PROPERDOCS


@pytest.mark.parametrize(("value", "engine"), [("mkdocs", MKDOCS), (" ProperDocs ", PROPERDOCS)])
def test_balise_engine_names_the_engine_to_start(value, engine, monkeypatch):
    monkeypatch.setattr(engines, "installed", lambda: (PROPERDOCS, MKDOCS))
    assert engines.choose({ENGINE_VARIABLE: value}) == engines.Choice(engine)


def test_an_engine_that_is_not_installed_is_named_with_its_install_command(monkeypatch):
    monkeypatch.setattr(engines, "installed", lambda: (MKDOCS,))
    choice = engines.choose({ENGINE_VARIABLE: "properdocs"})
    assert choice.engine is MKDOCS
    assert choice.problem == "BALISE_ENGINE=properdocs: ProperDocs is not installed (pip install properdocs)"


def test_without_balise_engine_the_only_engine_installed_is_started(monkeypatch):
    monkeypatch.setattr(engines, "installed", lambda: (MKDOCS,))
    assert engines.choose({}) == engines.Choice(MKDOCS)


def test_an_unknown_engine_stops_the_build_with_one_line_and_publishes_nothing(tmp_path):
    config = example_project(tmp_path)
    result = run(BIN / "balise", "build", "--now", EXAMPLE_NOW, cwd=config.parent, env={ENGINE_VARIABLE: "zensical\x1b"})
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        (
            "balise build: BALISE_ENGINE=zensical\\x1b: Balise drives properdocs, mkdocs, nothing else; "
            f"nothing was published, '{config.parent / 'site'}' is as it was"
        )
    ]
    assert not (config.parent / "site").exists()


@both_engines
def test_both_engines_build_the_same_site_but_for_the_generator_tag(tmp_path):
    config = example_project(tmp_path)
    sites = {}
    for engine in (PROPERDOCS, MKDOCS):
        site = tmp_path / engine.key
        done = run(BIN / "balise", "build", "--now", EXAMPLE_NOW, "--site-dir", site, cwd=config.parent,
                   env={ENGINE_VARIABLE: engine.key})  # fmt: skip
        assert done.returncode == 0, done.stderr
        sites[engine] = tree(site)
        assert GENERATOR[engine] in sites[engine]["index.html"]
    assert sites[PROPERDOCS].keys() == sites[MKDOCS].keys()
    differing = [path for path, content in sites[PROPERDOCS].items() if content != sites[MKDOCS][path]]
    assert differing and all(path.endswith(".html") for path in differing)
    for path in differing:
        assert untagged(sites[PROPERDOCS][path]) == untagged(sites[MKDOCS][path]), path


def test_the_plugin_is_registered_for_both_engines():
    for group in ("properdocs.plugins", "mkdocs.plugins"):
        (entry,) = [e for e in entry_points(group=group) if e.name == "balise"]
        assert entry.value == "site_builder.mkdocs_plugin:BalisePlugin"


@pytest.fixture(scope="module")
def initialised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "status"
    made = run(BIN / "balise", "init", str(root), "--yes", cwd=root.parent)
    assert made.returncode == 0, made.stderr
    return root


@pytest.mark.skipif(not (BIN / "properdocs").exists(), reason="ProperDocs is not installed")
def test_a_plain_properdocs_build_builds_a_project_balise_init_made(initialised, tmp_path):
    site = tmp_path / "site"
    done = run(BIN / "properdocs", "build", "--strict", "--site-dir", site, cwd=initialised,
               env={"BALISE_NOW": EXAMPLE_NOW})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert b"mkdocs-ProperDocs" in (site / "index.html").read_bytes()
    assert (site / "history" / "index.html").is_file()
    assert (site / "api" / "v2" / "summary.json").is_file()
    assert "Material for MkDocs reaches end of life" not in done.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetched(url: str, deadline: float) -> str | None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # 127.0.0.1: a server this test started
                return response.read().decode()
        except OSError:
            time.sleep(0.2)
    return None


@pytest.mark.skipif(not (BIN / "properdocs").exists(), reason="ProperDocs is not installed")
def test_a_plain_properdocs_serve_serves_a_project_balise_init_made(initialised):
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k != ENGINE_VARIABLE} | {"BALISE_NOW": EXAMPLE_NOW}
    server = subprocess.Popen(
        [BIN / "properdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"], cwd=initialised,
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        home = fetched(f"http://127.0.0.1:{port}/", time.monotonic() + 60)
        summary = fetched(f"http://127.0.0.1:{port}/api/v2/summary.json", time.monotonic() + 10)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert home is not None, errors
    assert 'class="bl-overall' in home
    assert summary is not None and '"components"' in summary


def test_the_support_line_names_the_engine_and_theme_in_use_and_their_status(monkeypatch):
    versions = {"properdocs": "1.6.7", "mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}
    monkeypatch.setattr(engines, "installed_version", versions.get)
    monkeypatch.setattr(engines, "running", lambda: None)
    assert engines.support_line({}, date(2026, 12, 1)) == (
        "engine: ProperDocs 1.6.7 (maintained: the continuation of MkDocs 1.x); "
        "theme: Material for MkDocs 9.8.1 (critical and security fixes only, end of life 2027-05-05)"
    )
    assert engines.support_line({ENGINE_VARIABLE: "mkdocs"}, date(2027, 5, 5)) == (
        "engine: MkDocs 1.6.1 (unmaintained: MkDocs 1.x gets no more releases); "
        "theme: Material for MkDocs 9.8.1 (end of life since 2027-05-05)"
    )


def test_balise_version_prints_the_support_line_of_this_install():
    result = CliRunner().invoke(main, ["--version"], catch_exceptions=False)
    assert result.exit_code == 0
    version, line = result.output.splitlines()
    assert version.startswith("balise, version ")
    assert line == engines.support_line(os.environ, date.today())
    assert line.startswith(f"engine: {engines.running().name} ")
