"""Whole-output tests: the example site, built at a fixed `now`, is exactly the reviewed one.

The expected files under tests/golden/example-site/ were built by tests/golden/regenerate.py
and read by a person. Material's own bundles (assets/javascripts, assets/stylesheets,
assets/images) are left out: they are the pinned theme's files, not our output.

The suite runs on ProperDocs and on MkDocs (.ci/run); the two write the same bytes but for
Material's generator tag, which names the engine and its version: the expected files are
compared with the tag of the engine this run uses (tests/mkdocs_plugin/test_engines.py builds
the site on both and compares them).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from support.site_project import EXAMPLE_NOW, build, example_project

from site_builder.mkdocs_plugin import engines

EXPECTED = Path(__file__).resolve().parent / "golden" / "example-site"
VENDORED = ("assets/javascripts/", "assets/stylesheets/", "assets/images/")
GENERATOR = re.compile(rb'(<meta name="generator" content=")mkdocs-[^",]*,')


def engine_tag() -> bytes:
    """What Material's generator tag says of the engine running this suite."""
    engine = engines.running()
    assert engine is not None
    named = "ProperDocs " if engine is engines.PROPERDOCS else ""
    return f"mkdocs-{named}{engines.installed_version(engine.key)},".encode()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def golden_files(site: Path) -> dict[str, bytes]:
    return {path: content for path, content in tree(site).items() if not path.startswith(VENDORED)}


def build_example(workdir: Path) -> Path:
    """The repository's example incidents and config, copied to `workdir` as a fresh clone would be."""
    site = workdir / "site"
    result = build(example_project(workdir), site, EXAMPLE_NOW)
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return golden_files(build_example(tmp_path_factory.mktemp("golden")))


def expected_files() -> dict[str, bytes]:
    tag = engine_tag()
    return {path: GENERATOR.sub(lambda m: m.group(1) + tag, content) for path, content in tree(EXPECTED).items()}


def test_the_build_writes_exactly_the_expected_files(built):
    assert sorted(built) == sorted(expected_files())


@pytest.mark.parametrize("path", sorted(expected_files()))
def test_each_file_matches_the_reviewed_one(built, path):
    expected = expected_files()[path]
    actual = built.get(path)
    assert actual is not None, f"{path} was not built"
    if actual != expected:
        try:
            diff = "\n".join(
                difflib.unified_diff(
                    expected.decode().splitlines(), actual.decode().splitlines(), "expected", "built", lineterm="", n=2
                )
            )
        except UnicodeDecodeError:
            diff = f"binary file differs ({len(expected)} → {len(actual)} bytes)"
        pytest.fail(f"{path} differs from tests/site/golden (run tests/site/golden/regenerate.py if intended):\n{diff[:4000]}")


def test_two_fresh_copies_build_byte_identical_trees(tmp_path):
    first = tree(build_example(tmp_path / "clone-one"))
    second = tree(build_example(tmp_path / "somewhere" / "else" / "clone-two"))
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []
