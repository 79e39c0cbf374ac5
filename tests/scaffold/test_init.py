"""`balise init`: a new status-page repository that passes `balise check` and builds, from flags,
from answers on a terminal, or from example values; never over an existing file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from site_builder import __version__
from site_builder.cli import main
from site_builder.source.config import read_config_checked

EXPECTED_FILES = [
    ".github/workflows/check.yml",
    ".github/workflows/deploy.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "README.md",
    "docs/.gitkeep",
    "incidents/README.md",
    "mkdocs.yml",
    "requirements.txt",
]


def balise(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return tmp_path


def test_with_no_flags_and_no_terminal_it_writes_a_working_starter(here):
    result = balise("init", "status")
    assert result.exit_code == 0, result.output
    assert files_under(here / "status") == EXPECTED_FILES
    config, warnings = read_config_checked(here / "status" / "mkdocs.yml")
    assert (config.site_name, config.site_url, str(config.timezone), config.language) == (
        "Example Status", "https://status.example.com/", "UTC", "en"
    )
    assert config.component_ids == ("api", "website")
    assert warnings == ()


def test_the_starter_passes_check_and_builds_every_output(here):
    assert balise("init", "status").exit_code == 0
    checked = balise("check", "status/incidents")
    assert checked.exit_code == 0, checked.output
    assert "0 errors, 0 warnings" in checked.stderr
    built = balise("build", "--config", "status/mkdocs.yml", "--now", "2026-11-22T12:00:00Z")
    assert built.exit_code == 0, built.output
    site = here / "status" / "site"
    for output in ("index.html", "history/index.html", "api/v2/summary.json", "history.atom", "history.rss",
                   "maintenance.ics", "badge.svg", "components/api/index.html", "assets/balise/balise.css"):  # fmt: skip
        assert (site / output).is_file(), output
    summary = json.loads((site / "api/v2/summary.json").read_text(encoding="utf-8"))
    assert summary["status"]["indicator"] == "none"
    assert [c["name"] for c in summary["components"]] == ["API", "Website"]


def test_flags_set_the_name_address_zone_language_and_components(here):
    result = balise(
        "init", "acme", "--name", "Acme Status", "--url", "https://status.acme.test/app",
        "--timezone", "Europe/Paris", "--language", "fr",
        "-c", "api=Public API", "-c", "Dashboard", "--support-email", "help@acme.test",
    )
    assert result.exit_code == 0, result.output
    config, _ = read_config_checked(here / "acme" / "mkdocs.yml")
    assert config.site_name == "Acme Status"
    assert config.site_url == "https://status.acme.test/app/"
    assert str(config.timezone) == "Europe/Paris" and config.language == "fr"
    assert [(c.id, c.name) for c in config.components] == [("api", "Public API"), ("dashboard", "Dashboard")]
    assert config.support.email == "help@acme.test"


@pytest.mark.parametrize(
    "name", ["Yes", "null", "Status: live", "Acme #1 \"quoted\" 'single'", "Straße & Co", "サーバー状況", "- dash", "{braces}"]
)
def test_any_name_reads_back_as_written(here, name):
    result = balise("init", "x", "--name", name, "-c", f"api={name}")
    assert result.exit_code == 0, result.output
    config, _ = read_config_checked(here / "x" / "mkdocs.yml")
    assert config.site_name == name
    assert config.components[0].name == name


def test_a_component_name_in_another_script_gets_a_transliterated_id(here):
    assert balise("init", "x", "-c", "Base de données", "-c", "Сайт").exit_code == 0
    config, _ = read_config_checked(here / "x" / "mkdocs.yml")
    assert config.component_ids == ("base-de-donnees", "sait")


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--timezone", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'"),
        (["--url", "status.acme.test"], "must be an absolute http(s) URL"),
        (["-c", "API=Public API"], "component id 'API' must be lowercase"),
        (["-c", "api=API", "-c", "api=Other"], "component id 'api' is given twice"),
        (["--name", "two\nlines"], "the page's name must be one line of text"),
        # Line breaks to YAML 1.1 (MkDocs): in the comment line that opens mkdocs.yml, the rest
        # of the name would be read as a key of its own.
        (["--name", "Acme\u2028extra_css: [https://evil.test/x.css]\u2028#"], "the page's name must be one line"),
        (["--name", "Acme\x85site_url: x"], "the page's name must be one line"),
        (["--name", "Acme\udcff"], "the page's name must be one line"),  # an argument that was not UTF-8
        (["-c", "api=Public\u2029API"], "the name of component 'api' must be one line"),
        (["--url", 'https://status.acme.test/a"b'], "must be an absolute http(s) URL"),
        (["--support-url", "javascript:alert(1)"], "the support page 'javascript:alert(1)' must be an http(s) address"),
        (["--support-email", "help@acme.test\nBcc: spy@evil.test"], "the support address must be one line"),
        (["--requirement", "balise\n--index-url https://evil.test/simple"], "--requirement must be one line"),
    ],
)
def test_a_setting_check_would_reject_is_a_usage_error_and_nothing_is_written(here, flags, message):
    result = balise("init", "x", *flags)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (here / "x").exists()


def test_it_refuses_to_overwrite_and_writes_nothing(here):
    (here / "status").mkdir()
    (here / "status" / "README.md").write_text("our own readme\n", encoding="utf-8")
    result = balise("init", "status")
    assert result.exit_code == 1
    assert "status/README.md already exists" in result.stderr
    assert "nothing was written" in result.stderr
    assert files_under(here / "status") == ["README.md"]
    assert (here / "status" / "README.md").read_text(encoding="utf-8") == "our own readme\n"


def test_a_folder_holding_other_files_is_fine(here):
    (here / "status" / "docs").mkdir(parents=True)
    (here / "status" / "docs" / "faq.md").write_text("# FAQ\n", encoding="utf-8")
    assert balise("init", "status").exit_code == 0
    assert "docs/faq.md" in files_under(here / "status")


def test_requirements_pin_this_release_so_upgrading_is_one_line(here):
    assert balise("init", "status").exit_code == 0
    lines = (here / "status" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == [f"balise=={__version__}"]


def test_the_requirement_line_can_name_another_source(here):
    assert balise("init", "status", "--requirement", "balise @ file:///wheels/balise-0.1.0-py3-none-any.whl").exit_code == 0
    assert "balise @ file:///wheels/balise-0.1.0-py3-none-any.whl\n" in (here / "status" / "requirements.txt").read_text(encoding="utf-8")


# -- on a terminal ------------------------------------------------------------------------


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr("site_builder.commands.init.on_a_terminal", lambda: True)


def test_on_a_terminal_it_asks_for_what_no_flag_gave(here, terminal):
    answers = "Acme Status\nhttps://status.acme.test/\nEurope/Berlin\nfr\nAPI, db=Database\n"
    result = balise("init", "acme", input=answers)
    assert result.exit_code == 0, result.output
    assert "Name of the status page [Example Status]:" in result.output
    config, _ = read_config_checked(here / "acme" / "mkdocs.yml")
    assert (config.site_name, str(config.timezone), config.language) == ("Acme Status", "Europe/Berlin", "fr")
    assert [(c.id, c.name) for c in config.components] == [("api", "API"), ("db", "Database")]


def test_a_wrong_answer_is_asked_again_with_the_reason(here, terminal):
    answers = "Acme\nhttps://status.acme.test/\nNowhere/City\nUTC\nen\nAPI\n"
    result = balise("init", "acme", input=answers)
    assert result.exit_code == 0, result.output
    assert "unknown time zone 'Nowhere/City'" in result.output
    assert str(read_config_checked(here / "acme" / "mkdocs.yml")[0].timezone) == "UTC"


def test_flags_are_not_asked_again(here, terminal):
    result = balise("init", "acme", "--name", "Acme", "--url", "https://a.test/", "--timezone", "UTC", "--language", "en",
                    input="API\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Name of the status page" not in result.output
    assert "Components" in result.output


def test_yes_asks_nothing_even_on_a_terminal(here, terminal):
    result = balise("init", "acme", "--yes")
    assert result.exit_code == 0, result.output
    assert "Name of the status page" not in result.output


def test_ids_yaml_would_read_as_other_values_stay_text(here):
    result = balise("init", "x", "-c", "yes=Yes", "-c", "on=On", "-c", "123=Numbers", "-c", "null=Nothing")
    assert result.exit_code == 0, result.output
    config, _ = read_config_checked(here / "x" / "mkdocs.yml")
    assert config.component_ids == ("yes", "on", "123", "null")
    assert balise("check", "--config", "x/mkdocs.yml").exit_code == 0


def test_brazilian_portuguese_is_written_as_material_names_it_and_builds(here):
    assert balise("init", "x", "--language", "pt_BR").exit_code == 0
    built = balise("build", "--config", "x/mkdocs.yml", "--now", "2026-11-22T12:00:00Z")
    assert built.exit_code == 0, built.output
    assert 'lang="pt' in (here / "x" / "site" / "index.html").read_text(encoding="utf-8")


def test_a_folder_inside_that_is_a_symbolic_link_is_refused_and_nothing_is_written(here):
    (here / "elsewhere").mkdir()
    (here / "status").mkdir()
    (here / "status" / ".github").symlink_to(here / "elsewhere")
    result = balise("init", "status")
    assert result.exit_code == 1
    assert "status/.github is a symbolic link; its files would be written where it points" in result.stderr
    assert files_under(here / "elsewhere") == [] and files_under(here / "status") == []


def test_a_folder_inside_a_git_folder_is_refused(here):
    (here / "repo" / ".git" / "hooks").mkdir(parents=True)
    result = balise("init", "repo/.git/hooks")
    assert result.exit_code == 1 and "is inside a .git folder" in result.stderr
    assert files_under(here / "repo") == []
