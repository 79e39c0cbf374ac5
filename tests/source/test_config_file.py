"""mkdocs.yml read the way MkDocs reads it (INHERIT, !ENV, YAML 1.1), with every problem at its file and line.

The parity tests read the same files with MkDocs itself (tests may import it; the package below
the adapter may not) and require the same values.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config as mkdocs_load_config
from mkdocs.utils.yaml import yaml_load as mkdocs_yaml_load
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.scalarfloat import ScalarFloat

from site_builder.model.ids import incident_tag, page_id
from site_builder.source.config import read_config, read_config_checked
from site_builder.source.config_file import read_config_document
from site_builder.source.problems import BaliseError

CATALOG = """\
plugins:
  - balise:
      timezone: Europe/Paris
      components:
        - id: api
          name: API
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def plain(value: Any) -> Any:
    """ruamel's round-trip values as the plain Python values PyYAML gives."""
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, ScalarBoolean):
        return bool(value)
    if isinstance(value, ScalarFloat):
        return float(value)
    if isinstance(value, bool | int | float | None):
        return value
    return str(value)


#: (files, environment): the main file is mkdocs.yml. Each case is a way teams write configs.
PARITY_CASES: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "plain": ({"mkdocs.yml": "site_name: A\nsite_url: https://a.test/\n" + CATALOG}, {}),
    "inherit-deep-merge": (
        {
            "base.yml": "site_name: Base\ntheme:\n  name: material\n  language: fr\n  font: false\nextra:\n  a: 1\n  b: [1, 2]\n" + CATALOG,
            "mkdocs.yml": "INHERIT: base.yml\nsite_name: Child\ntheme:\n  language: en\nextra:\n  b: [3]\n  c: 4\n",
        },
        {},
    ),
    "inherit-chain-from-a-sub-folder": (
        {
            "config/root.yml": "site_name: Root\nsite_url: https://root.test/x\n" + CATALOG,
            "config/middle.yml": "INHERIT: root.yml\nsite_description: middle\n",
            "mkdocs.yml": "INHERIT: config/middle.yml\nsite_author: me\n",
        },
        {},
    ),
    "inherit-list-is-replaced-whole": (
        {
            "base.yml": "site_name: Base\n" + CATALOG,
            "mkdocs.yml": "INHERIT: ./base.yml\nplugins:\n  - balise:\n      components:\n        - id: web\n          name: Web\n",
        },
        {},
    ),
    "env-scalar-set": ({"mkdocs.yml": "site_name: A\nsite_url: !ENV SITE_URL\n" + CATALOG}, {"SITE_URL": "https://env.test/status"}),
    "env-scalar-unset": ({"mkdocs.yml": "site_name: A\nsite_url: !ENV BALISE_TEST_UNSET\n" + CATALOG}, {}),
    "env-list-first-set-wins": (
        {"mkdocs.yml": "site_name: !ENV [BALISE_TEST_UNSET, SITE_NAME, 'Fallback']\n" + CATALOG},
        {"SITE_NAME": "From env"},
    ),
    "env-list-default": (
        {"mkdocs.yml": "site_name: A\nsite_url: !ENV [BALISE_TEST_UNSET, 'https://default.test/']\n" + CATALOG},
        {},
    ),
    "env-value-typed-as-yaml": (
        {"mkdocs.yml": "site_name: A\nstrict: !ENV STRICT\nextra:\n  port: !ENV PORT\n  list_default: !ENV [BALISE_TEST_UNSET, 42]\n" + CATALOG},
        {"STRICT": "true", "PORT": "8000"},
    ),
    "env-in-the-balise-block": (
        {"mkdocs.yml": "site_name: A\nplugins:\n  - balise:\n      timezone: !ENV [TZ_NAME, UTC]\n      components:\n        - id: api\n          name: !ENV API_NAME\n"},
        {"TZ_NAME": "Asia/Tokyo", "API_NAME": "Public API"},
    ),
    "env-in-a-parent": (
        {
            "base.yml": "site_name: Base\nsite_url: !ENV [SITE_URL, 'https://fallback.test/']\n" + CATALOG,
            "mkdocs.yml": "INHERIT: base.yml\n",
        },
        {"SITE_URL": "https://from-env.test"},
    ),
    "yaml-1.1-booleans": ({"mkdocs.yml": "site_name: A\nextra:\n  flag: yes\n  other: off\n" + CATALOG}, {}),
}


@pytest.fixture(params=sorted(PARITY_CASES))
def case(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, str]]:
    files, environ = PARITY_CASES[request.param]
    for name, text in files.items():
        write(tmp_path, name, text)
    monkeypatch.delenv("BALISE_TEST_UNSET", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return tmp_path / "mkdocs.yml", environ


def test_the_merged_document_is_the_one_mkdocs_reads(case):
    path, _ = case
    with path.open("rb") as handle:
        theirs = mkdocs_yaml_load(handle)
    assert plain(read_config_document(path).data) == theirs


def engine_config(path: Path) -> Any:
    """The engine's reading of `path`. A case without a theme gets Material, as every Balise site
    names it: the default, `mkdocs`, ships with MkDocs but not with ProperDocs."""
    (path.parent / "docs").mkdir(exist_ok=True)
    named = "theme" in read_config_document(path).data
    return mkdocs_load_config(config_file=str(path), **({} if named else {"theme": "material"}))


def test_site_name_url_and_language_are_those_mkdocs_builds_with(case):
    path, _ = case
    theirs = engine_config(path)
    ours = read_config(path)
    assert ours.site_name == theirs["site_name"]
    assert ours.site_url == (theirs["site_url"] or None)
    theme = theirs["theme"]
    assert ours.language == (theme["language"] if "language" in theme else "en")


def test_the_balise_block_is_the_one_mkdocs_hands_the_plugin(case):
    path, _ = case
    options = engine_config(path).plugins["balise"].config
    ours = read_config(path)
    assert [(c["id"], c["name"]) for c in options["components"]] == [(c.id, c.name) for c in ours.components]
    assert str(ours.timezone) == (options["timezone"] or "UTC")


# -- INHERIT: where problems are --------------------------------------------------------------


def test_a_problem_in_an_inherited_key_names_the_parent_file_and_its_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "base.yml", "site_name: Base\nsite_url: https://a.test/\nplugins:\n  - balise:\n      timezone: Mars/Olympus\n      components:\n        - id: api\n          name: API\n")
    write(tmp_path, "mkdocs.yml", "INHERIT: base.yml\nsite_name: Child\n")
    with pytest.raises(BaliseError) as caught:
        read_config(tmp_path / "mkdocs.yml")
    assert [str(p) for p in caught.value.problems] == [
        "base.yml:5: unknown time zone 'Mars/Olympus'; use an IANA name such as Europe/Paris or UTC"
    ]


def test_a_problem_in_a_key_the_child_overrides_names_the_child(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "base.yml", "site_name: Base\nsite_url: https://a.test/\n" + CATALOG)
    write(tmp_path, "mkdocs.yml", "INHERIT: base.yml\n\nplugins:\n  - balise:\n      components:\n        - id: API\n          name: API\n")
    with pytest.raises(BaliseError) as caught:
        read_config(tmp_path / "mkdocs.yml")
    assert [str(p) for p in caught.value.problems] == [
        "mkdocs.yml:6: component id 'API' must be lowercase letters, digits and hyphens"
    ]


def test_a_missing_parent_is_reported_at_the_inherit_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "mkdocs.yml", "site_name: A\nINHERIT: nowhere.yml\n")
    with pytest.raises(BaliseError) as caught:
        read_config(tmp_path / "mkdocs.yml")
    assert [str(p) for p in caught.value.problems] == ["mkdocs.yml:2: inherited config file 'nowhere.yml' not found"]


def test_a_yaml_error_in_a_parent_names_the_parent_and_its_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "base.yml", "site_name: Base\nsite_url: [unclosed\n")
    write(tmp_path, "mkdocs.yml", "INHERIT: base.yml\n")
    with pytest.raises(BaliseError) as caught:
        read_config(tmp_path / "mkdocs.yml")
    (problem,) = caught.value.problems
    assert problem.path == "base.yml" and problem.line >= 2
    assert "YAML" in problem.message


def test_an_inherit_loop_is_a_problem_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.yml", "INHERIT: mkdocs.yml\n")
    write(tmp_path, "mkdocs.yml", "INHERIT: a.yml\n")
    with pytest.raises(BaliseError) as caught:
        read_config(tmp_path / "mkdocs.yml")
    (problem,) = caught.value.problems
    assert problem.path == "a.yml" and problem.line == 1
    assert "INHERIT loops back on itself: mkdocs.yml → a.yml → mkdocs.yml" in problem.message


def problem_lines(config: Path) -> list[str]:
    with pytest.raises(BaliseError) as caught:
        read_config(config)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("parent", ["/proc/self/environ", "/etc/hostname", "../outside.yml"])
def test_a_parent_outside_the_repository_is_refused_unread(tmp_path, monkeypatch, parent):
    # A pull request's check reads the config: an INHERIT must not make it read the machine's files.
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(tmp_path, "outside.yml", "site_name: Outside\n" + CATALOG)
    write(repo, "mkdocs.yml", f"site_name: A\nINHERIT: {parent}\n")
    monkeypatch.chdir(repo)
    (line,) = problem_lines(repo / "mkdocs.yml")
    assert line.startswith(f"mkdocs.yml:2: INHERIT: '{parent}' is outside the repository (")
    assert line.endswith("; refused, it is not read")


def test_a_parent_linked_out_of_the_repository_is_refused(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(tmp_path, "outside.yml", "site_name: Outside\n" + CATALOG)
    (repo / "base.yml").symlink_to(tmp_path / "outside.yml")
    write(repo, "mkdocs.yml", "INHERIT: base.yml\n")
    monkeypatch.chdir(repo)
    assert "INHERIT: 'base.yml' is outside the repository" in problem_lines(repo / "mkdocs.yml")[0]


def test_a_parent_elsewhere_in_the_repository_is_read(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo, "shared/base.yml", "site_name: Shared\n" + CATALOG)
    write(repo, "status/mkdocs.yml", "INHERIT: ../shared/base.yml\n")
    monkeypatch.chdir(repo)
    assert read_config(repo / "status" / "mkdocs.yml").site_name == "Shared"


@pytest.mark.parametrize("kind", ["pipe", "folder", "git"])
def test_a_parent_that_is_a_pipe_a_folder_or_in_git_is_refused_without_blocking(tmp_path, monkeypatch, kind):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    name = {"pipe": "base.yml", "folder": "base.yml", "git": ".git/config"}[kind]
    if kind == "pipe":
        os.mkfifo(repo / name)
    elif kind == "folder":
        (repo / name).mkdir()
    else:
        write(repo, name, "site_name: Git\n")
    write(repo, "mkdocs.yml", f"INHERIT: {name}\n")
    monkeypatch.chdir(repo)
    expected = "is inside .git" if kind == "git" else "is not a regular file (a folder, pipe or device)"
    assert problem_lines(repo / "mkdocs.yml") == [f"mkdocs.yml:1: INHERIT: '{name}' {expected}; refused, it is not read"]


# -- site_url ---------------------------------------------------------------------------------


def test_a_missing_site_url_is_a_warning_at_line_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "mkdocs.yml", "site_name: A\n" + CATALOG)
    config, warnings = read_config_checked(tmp_path / "mkdocs.yml")
    assert config.site_url is None
    assert [(w.path, w.line, w.is_error) for w in warnings] == [("mkdocs.yml", 1, False)]
    assert "site_url is not set: feeds, the API and the calendar will carry relative links" in warnings[0].message


def test_an_env_site_url_that_is_not_set_is_a_warning_at_its_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BALISE_TEST_UNSET", raising=False)
    write(tmp_path, "mkdocs.yml", "site_name: A\nsite_url: !ENV BALISE_TEST_UNSET\n" + CATALOG)
    _, warnings = read_config_checked(tmp_path / "mkdocs.yml")
    assert [(w.line, w.message.split(":")[0]) for w in warnings] == [(2, "site_url is empty")]


def test_a_site_url_without_scheme_is_an_error_as_in_mkdocs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "mkdocs.yml", "site_name: A\nsite_url: status.example.com\n" + CATALOG)
    with pytest.raises(BaliseError) as caught:
        read_config(tmp_path / "mkdocs.yml")
    assert [str(p) for p in caught.value.problems] == [
        "mkdocs.yml:2: site_url 'status.example.com' must be an absolute URL with its scheme, e.g. https://status.example.com/"
    ]


SPELLINGS = {
    "literal": ("site_url: https://status.example.com/\n", {}),
    "no trailing slash": ("site_url: https://status.example.com\n", {}),
    "upper-case host": ("site_url: https://Status.Example.COM/\n", {}),
    "!ENV": ("site_url: !ENV PAGE_URL\n", {"PAGE_URL": "https://status.example.com"}),
    "!ENV default": ("site_url: !ENV [BALISE_TEST_UNSET, 'https://status.example.com/']\n", {}),
    "INHERIT": ("INHERIT: base.yml\n", {}),
}


@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
def test_public_ids_do_not_depend_on_how_site_url_was_given(tmp_path, monkeypatch, spelling):
    line, environ = SPELLINGS[spelling]
    monkeypatch.delenv("BALISE_TEST_UNSET", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    write(tmp_path, "base.yml", "site_url: https://status.example.com\n")
    write(tmp_path, "mkdocs.yml", "site_name: Example\n" + line + CATALOG)
    config = read_config(tmp_path / "mkdocs.yml")
    reference = read_config(write(tmp_path / "ref", "mkdocs.yml", "site_name: Example\nsite_url: https://status.example.com/\n" + CATALOG))
    assert config.site_url is not None and config.site_url.lower() == "https://status.example.com/"
    assert page_id(config) == page_id(reference)
    assert incident_tag(config, "2026-11-20-api-errors") == incident_tag(reference, "2026-11-20-api-errors")
