"""`balise init`: a new status-page repository that passes `balise check` and builds, from flags,
from answers on a terminal, or from example values; never over an existing file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from site_builder import __version__
from site_builder.cli import main
from site_builder.outputs.i18n import LANGUAGES
from site_builder.scaffold.requirement import Origin
from site_builder.scaffold.wording import site_words
from site_builder.source.config import read_config_checked

EXPECTED_FILES = [
    ".github/workflows/alert.yml",
    ".github/workflows/check.yml",
    ".github/workflows/deploy.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "README.md",
    "docs/.gitkeep",
    "incidents/README.md",
    "mkdocs.yml",
    "requirements.txt",
    "theme/README.md",
    "theme/assets/brand.css",
]


@pytest.fixture(autouse=True)
def from_an_index(monkeypatch):
    """Balise as installed from a package index (no direct_url.json): the other ways are in
    test_requirement.py, and for real in tests/packaging."""
    monkeypatch.setattr("site_builder.commands.init.installed_origin", lambda: Origin(None))


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
        (["--url", "status"], "must be an absolute http(s) URL"),
        (["--language", "klingon"], "language 'klingon' has no catalog"),
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


def test_installed_from_an_index_requirements_pin_this_release_so_upgrading_is_one_line(here):
    result = balise("init", "status")
    assert result.exit_code == 0
    lines = (here / "status" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == [f"balise=={__version__}"]
    assert f"requirements.txt pins balise=={__version__}, which CI installs from the index" in result.stderr
    comment = " ".join(line.removeprefix("# ") for line in lines if line.startswith("#"))
    assert "To upgrade Balise: change the version on the balise line of requirements.txt." in comment


def test_the_requirement_line_can_name_another_source(here):
    result = balise("init", "status", "--requirement", "balise @ https://wheels.acme.test/balise-0.1.0-py3-none-any.whl")
    assert result.exit_code == 0
    text = (here / "status" / "requirements.txt").read_text(encoding="utf-8")
    assert text.endswith("\nbalise @ https://wheels.acme.test/balise-0.1.0-py3-none-any.whl\n")
    assert "(--requirement)" in result.stderr


def test_a_local_wheel_given_as_the_requirement_is_copied_into_vendor(here):
    wheel = here / "dist" / "balise-0.1.0-py3-none-any.whl"
    wheel.parent.mkdir()
    wheel.write_bytes(b"PK wheel bytes")
    result = balise("init", "status", "--requirement", str(wheel))
    assert result.exit_code == 0, result.output
    assert (here / "status" / "vendor" / wheel.name).read_bytes() == b"PK wheel bytes"
    assert (here / "status" / "requirements.txt").read_text(encoding="utf-8").endswith(f"\n./vendor/{wheel.name}\n")


# -- on a terminal ------------------------------------------------------------------------


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr("site_builder.commands.init.on_a_terminal", lambda: True)


def test_on_a_terminal_it_asks_for_what_no_flag_gave(here, terminal):
    answers = "fr\nAcme Status\nhttps://status.acme.test/\nEurope/Berlin\nAPI, db=Database\nhelp@acme.test\n\nLun–Ven 9h–18h\n"
    result = balise("init", "acme", input=answers)
    assert result.exit_code == 0, result.output
    assert "Name of the status page [Exemple – État des services]:" in result.output
    config, _ = read_config_checked(here / "acme" / "mkdocs.yml")
    assert (config.site_name, str(config.timezone), config.language) == ("Acme Status", "Europe/Berlin", "fr")
    assert [(c.id, c.name) for c in config.components] == [("api", "API"), ("db", "Database")]
    assert (config.support.email, config.support.url, config.support.hours) == ("help@acme.test", None, "Lun–Ven 9h–18h")
    assert "example values" not in result.stderr


def test_the_example_answers_offered_are_in_the_chosen_language(here, terminal):
    result = balise("init", "acme", input="de\n\n\n\n\n\n\n")
    assert result.exit_code == 0, result.output
    assert "Components, comma-separated (a name, or id=Name) [API, Website]:" in result.output
    config, _ = read_config_checked(here / "acme" / "mkdocs.yml")
    assert config.site_name == "Beispiel – Systemstatus"
    assert config.component_ids == ("api", "website")
    assert config.support.email is None and config.support.url is None


def test_support_hours_are_asked_only_when_readers_can_reach_someone(here, terminal):
    result = balise("init", "acme", input="en\n\n\n\n\n\n\n")
    assert result.exit_code == 0, result.output
    assert "Support page readers can open" in result.output
    assert "When support answers" not in result.output


def test_a_wrong_answer_is_asked_again_with_the_reason(here, terminal):
    answers = "en\nAcme\nhttps://status.acme.test/\nNowhere/City\nUTC\nAPI\n\n\n"
    result = balise("init", "acme", input=answers)
    assert result.exit_code == 0, result.output
    assert "unknown time zone 'Nowhere/City'" in result.output
    assert str(read_config_checked(here / "acme" / "mkdocs.yml")[0].timezone) == "UTC"


def test_flags_are_not_asked_again(here, terminal):
    result = balise("init", "acme", "--name", "Acme", "--url", "https://a.test/", "--timezone", "UTC", "--language", "en",
                    input="API\n\n\n")  # fmt: skip
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


# -- the page's language ------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_word_init_writes_for_readers_is_in_the_pages_language(here, language):
    assert balise("init", "x", "--language", language, "--name", "Acme Status").exit_code == 0
    text = (here / "x" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "Switch to" not in text and "name: Switch" not in text  # Balise names the toggles
    config = yaml.safe_load(text)
    words = site_words(language)
    assert config["site_description"] == words.described("Acme Status")
    assert config["theme"]["language"] == language.replace("_", "-")


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != "en"])
def test_the_example_page_is_named_in_its_language(here, language):
    assert balise("init", "x", "--language", language).exit_code == 0
    config, _ = read_config_checked(here / "x" / "mkdocs.yml")
    assert config.site_name == site_words(language).example_name != "Example Status"
    assert config.components[1].name == site_words(language).example_website
    assert config.component_ids == ("api", "website")


def test_the_description_never_says_status_twice(here):
    assert balise("init", "x", "--name", "Acme Status").exit_code == 0
    config = yaml.safe_load((here / "x" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_description"] == "Acme Status: current incidents, scheduled maintenance and 90 days of uptime history."


@pytest.mark.parametrize("spelling", ["pt-BR", "pt_BR", "pt-br", "PT_br"])
def test_brazilian_portuguese_is_accepted_however_it_is_spelled(here, spelling):
    assert balise("init", "x", "--language", spelling).exit_code == 0
    assert "  language: pt-BR\n" in (here / "x" / "mkdocs.yml").read_text(encoding="utf-8")


def test_a_language_typed_at_the_prompt_is_read_the_same_way(here, terminal):
    result = balise("init", "x", "--name", "A", "--url", "a.test", "--timezone", "UTC", "-c", "api", input="pt_br\n\n\n")
    assert result.exit_code == 0, result.output
    assert "  language: pt-BR\n" in (here / "x" / "mkdocs.yml").read_text(encoding="utf-8")


# -- addresses and support ----------------------------------------------------------------


def test_a_bare_host_name_becomes_an_https_address(here):
    result = balise("init", "x", "--url", "status.acme.test", "--support-url", "acme.test/help")
    assert result.exit_code == 0, result.output
    config, _ = read_config_checked(here / "x" / "mkdocs.yml")
    assert (config.site_url, config.support.url) == ("https://status.acme.test/", "https://acme.test/help")


def test_a_bare_host_name_typed_at_the_prompt_becomes_an_https_address(here, terminal):
    result = balise("init", "x", input="en\nAcme\nstatus.acme.test\nUTC\nAPI\nhelp@acme.test\nacme.test\n\n")
    assert result.exit_code == 0, result.output
    config, _ = read_config_checked(here / "x" / "mkdocs.yml")
    assert (config.site_url, config.support.url) == ("https://status.acme.test/", "https://acme.test/")


def test_support_email_url_and_hours_are_written_and_shown_on_the_page(here):
    result = balise("init", "x", "--language", "fr", "--support-email", "aide@acme.test",
                    "--support-url", "https://acme.test/aide", "--support-hours", "Lun–Ven 9h–18h")  # fmt: skip
    assert result.exit_code == 0, result.output
    config, _ = read_config_checked(here / "x" / "mkdocs.yml")
    assert (config.support.email, config.support.url, config.support.hours) == (
        "aide@acme.test", "https://acme.test/aide", "Lun–Ven 9h–18h"
    )
    assert balise("build", "--config", "x/mkdocs.yml", "--now", "2026-11-22T12:00:00Z").exit_code == 0
    home = (here / "x" / "site" / "index.html").read_text(encoding="utf-8")
    assert "mailto:aide@acme.test" in home and "Lun–Ven 9h–18h" in home


# -- saying what is only an example -------------------------------------------------------


def test_without_a_terminal_it_says_plainly_which_values_are_examples(here):
    result = balise("init", "x", "--name", "Acme Status")
    assert result.exit_code == 0
    notice = next(line for line in result.stderr.splitlines() if "example values" in line)
    assert notice.startswith("balise init: no terminal to ask on, so it used example values: ")
    assert "address https://status.example.com/" in notice and "components API, Website" in notice
    assert "Acme Status" not in notice
    assert "no support contact for readers" in notice


def test_yes_says_the_same_naming_yes(here):
    result = balise("init", "x", "--yes")
    assert "balise init: --yes, so it used example values" in result.stderr


def test_with_every_setting_but_support_given_it_says_readers_have_no_contact(here):
    result = balise("init", "x", "--name", "A", "--url", "a.test", "--timezone", "UTC", "--language", "en", "-c", "api")
    assert "balise init: no terminal to ask on, so it wrote no support contact for readers (--support-email," in (
        result.stderr
    )


def test_with_every_setting_given_nothing_is_called_an_example(here):
    result = balise("init", "x", "--name", "A", "--url", "a.test", "--timezone", "UTC", "--language", "en",
                    "-c", "api", "--support-email", "help@a.test")  # fmt: skip
    assert result.exit_code == 0
    assert "example" not in result.stderr


# -- the project works with MkDocs alone ---------------------------------------------------


def test_plain_mkdocs_build_works_in_what_init_wrote(here):
    assert balise("init", "x", "--language", "de").exit_code == 0
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=here / "x", env=env,
                           capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert (here / "x" / "site" / "index.html").is_file()
    assert (here / "x" / "site" / "api" / "v2" / "summary.json").is_file()
    assert not (here / "x" / "site" / ".gitkeep").exists()


# -- the page's own look -------------------------------------------------------------------


def test_the_theme_folder_holds_the_brand_colour_and_says_how_to_change_the_look(here):
    assert balise("init", "x").exit_code == 0
    config = yaml.safe_load((here / "x" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert (config["theme"]["custom_dir"], config["extra_css"]) == ("theme", ["assets/brand.css"])
    assert "--md-primary-fg-color:" in (here / "x" / "theme" / "assets" / "brand.css").read_text(encoding="utf-8")
    assert "main.html" in (here / "x" / "theme" / "README.md").read_text(encoding="utf-8")


def test_the_brand_colour_is_linked_after_balises_styles_and_the_theme_readme_is_not_published(here):
    assert balise("init", "x").exit_code == 0
    assert balise("build", "--config", "x/mkdocs.yml", "--now", "2026-11-22T12:00:00Z").exit_code == 0
    site = here / "x" / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home.index('href="assets/balise/balise.css"') < home.index('href="assets/brand.css"')
    assert (site / "assets" / "brand.css").read_bytes() == (here / "x" / "theme" / "assets" / "brand.css").read_bytes()
    assert not (site / "README.md").exists()


def test_a_link_out_of_the_repository_in_the_theme_folder_stops_the_build(here):
    assert balise("init", "x").exit_code == 0
    (here / "x" / "theme" / "assets" / "env.txt").symlink_to("/proc/self/environ")
    built = balise("build", "--config", "x/mkdocs.yml", "--now", "2026-11-22T12:00:00Z")
    assert built.exit_code == 1
    assert "theme/assets/env.txt:1: symbolic link to a path outside the repository" in built.output
