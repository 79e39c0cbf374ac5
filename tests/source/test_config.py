"""Reading mkdocs.yml: the component catalog in the `balise` plugin block."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from site_builder.source.config import read_config
from site_builder.source.problems import BaliseError

BASE = """\
site_name: Acme Status
site_url: https://status.acme.test/
theme:
  name: material
  language: fr
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  - balise:
      timezone: America/New_York
      support:
        email: help@acme.test
      thresholds:
        stale_update: 30m
        file_date_drift: 3d
      groups:
        - id: core
          name: Core
      components:
        - id: api
          name: API
          group: core
          description: The REST API
        - id: web
          name: Website
"""


def read(tmp_path: Path, text: str):
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return read_config(path)


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(BaliseError) as caught:
        read(tmp_path, text)
    return [str(p).split("mkdocs.yml", 1)[1] for p in caught.value.problems]


def test_python_tags_of_material_do_not_stop_the_config_from_loading(tmp_path):
    assert read(tmp_path, BASE).site_name == "Acme Status"


def test_components_keep_the_order_they_are_listed_in(tmp_path):
    config = read(tmp_path, BASE)
    assert [(c.id, c.group, c.position) for c in config.components] == [("api", "core", 1), ("web", None, 2)]


def test_site_settings_come_from_mkdocs_settings(tmp_path):
    config = read(tmp_path, BASE)
    assert (config.site_url, config.language, config.timezone.key) == ("https://status.acme.test/", "fr", "America/New_York")


def test_thresholds_and_support_are_read(tmp_path):
    config = read(tmp_path, BASE)
    assert config.thresholds.stale_update == timedelta(minutes=30)
    assert config.thresholds.file_date_drift == timedelta(days=3)
    assert config.support.email == "help@acme.test"


def test_support_hours_are_read(tmp_path):
    text = BASE.replace("email: help@acme.test", "email: help@acme.test\n        hours: Mon–Fri 08:00–18:00 CET")
    assert read(tmp_path, text).support.hours == "Mon–Fri 08:00–18:00 CET"


def test_the_plugin_may_be_given_as_a_mapping(tmp_path):
    text = BASE.replace("plugins:\n  - balise:\n", "plugins:\n  balise:\n")
    assert read(tmp_path, text).component_ids == ("api", "web")


def test_the_timezone_defaults_to_utc(tmp_path):
    assert read(tmp_path, BASE.replace("      timezone: America/New_York\n", "")).timezone.key == "UTC"


def test_a_missing_plugin_block_is_reported(tmp_path):
    assert problems(tmp_path, "site_name: x\nplugins:\n  - search\n") == [
        ":1: no 'balise' entry under 'plugins:'; add one with the component catalog"
    ]


def test_an_unknown_timezone_is_reported(tmp_path):
    assert problems(tmp_path, BASE.replace("America/New_York", "Mars/Olympus")) == [
        ":12: unknown time zone 'Mars/Olympus'; use an IANA name such as Europe/Paris or UTC"
    ]


def test_a_theme_language_spelled_with_an_underscore_is_reported_as_material_spells_it(tmp_path):
    # Material includes partials/languages/<language>.html: `pt_BR` would check and then fail to build.
    assert problems(tmp_path, BASE.replace("language: fr", "language: pt_BR")) == [
        ":5: theme.language 'pt_BR' is not a language code as Material names them; Material names it 'pt-BR'"
    ]


@pytest.mark.parametrize("language", ["pt-BR", "zh-Hant", "en"])
def test_material_language_codes_are_read(tmp_path, language):
    assert read(tmp_path, BASE.replace("language: fr", f"language: {language}")).language == language


def test_an_unknown_option_gets_the_closest(tmp_path):
    assert problems(tmp_path, BASE.replace("      timezone:", "      time_zone:")) == [
        ":12: unknown key 'time_zone' in the 'balise' plugin options; did you mean 'timezone'?"
    ]


def test_a_component_in_an_unknown_group_is_reported(tmp_path):
    assert problems(tmp_path, BASE.replace("group: core", "group: cor")) == [
        ":24: unknown group 'cor' (known: core); did you mean 'core'?"
    ]


def test_a_duplicate_component_id_is_reported(tmp_path):
    assert problems(tmp_path, BASE.replace("id: web", "id: api")) == [
        ":26: duplicate component id 'api' (first on line 22)"
    ]


def test_a_component_id_must_be_url_safe(tmp_path):
    assert problems(tmp_path, BASE.replace("id: web", "id: Web Site")) == [
        ":26: component id 'Web Site' must be lowercase letters, digits and hyphens"
    ]


def test_a_component_without_a_name_is_reported(tmp_path):
    assert problems(tmp_path, BASE.replace("          name: Website\n", "")) == [
        ":26: missing required key 'name' in component 2"
    ]


def test_an_unreadable_threshold_is_reported(tmp_path):
    assert problems(tmp_path, BASE.replace("stale_update: 30m", "stale_update: soon")) == [
        ":16: 'stale_update': cannot read duration 'soon'; use e.g. 30m, 1h, 1h30m or 2d"
    ]


def test_a_yaml_error_in_the_config_is_reported_at_its_line(tmp_path):
    assert problems(tmp_path, "site_name: [x\n") == [":2: YAML syntax error: expected ',' or ']', but got '<stream end>'"]


@pytest.mark.parametrize(
    ("extra", "line", "label"),
    [
        ("extra:\n  homepage: javascript:alert(1)\n", 29, "extra.homepage"),
        ("extra:\n  social:\n    - icon: fontawesome/brands/github\n      link: ' JavaScript:alert(1)'\n", 31, "extra.social link"),
        ("extra:\n  alternate:\n    - name: Français\n      link: //evil.example/fr/\n", 31, "extra.alternate link"),
    ],
)
def test_a_link_under_extra_that_is_not_a_web_address_or_a_site_path_is_refused_at_its_line(tmp_path, extra, line, label):
    (problem,) = problems(tmp_path, BASE + extra)
    assert problem.startswith(f":{line}: {label} must be an http(s) or mailto: address or a path on the site, not '")


def test_links_under_extra_may_be_web_addresses_mail_or_paths_on_the_site(tmp_path):
    extra = (
        "extra:\n  homepage: https://example.org/\n  social:\n    - icon: fontawesome/solid/envelope\n"
        "      link: mailto:help@acme.test\n  alternate:\n    - name: Français\n      link: ../fr/\n"
    )
    assert read(tmp_path, BASE + extra).site_name
