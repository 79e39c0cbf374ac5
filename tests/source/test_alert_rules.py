"""The `alerts:` rules of mkdocs.yml: read in order, every problem at its line, before an alert needs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.model.vocabulary import ComponentStatus, Impact
from site_builder.source.config import read_config, read_config_checked
from site_builder.source.problems import BaliseError

BASE = """\
site_name: Acme Status
site_url: https://status.acme.test/
plugins:
  - balise:
      components:
        - id: api
          name: API
        - id: web
          name: Website
      alerts:
{rules}
"""


@pytest.fixture(autouse=True)
def _in_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # problems name mkdocs.yml as people see it, from the project


def config_with(tmp_path: Path, rules: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(BASE.format(rules=rules), encoding="utf-8")
    return path


def problems(tmp_path: Path, rules: str) -> list[str]:
    with pytest.raises(BaliseError) as raised:
        read_config(config_with(tmp_path, rules))
    return [str(problem) for problem in raised.value.problems]


def test_rules_are_read_in_order_with_their_lines(tmp_path):
    config = read_config(config_with(tmp_path, """\
        - match: {alertname: HighErrorRate, service: api}
          components: {api: partial_outage}
          impact: major
          title: Elevated API errors
        - match: {}
          components: {web: degraded_performance}"""))  # fmt: skip
    first, second = config.alert_rules
    assert first.match == (("alertname", "HighErrorRate"), ("service", "api"))
    assert first.components == {"api": ComponentStatus.PARTIAL_OUTAGE}
    assert (first.impact, first.title, first.line, first.position) == (Impact.MAJOR, "Elevated API errors", 11, 1)
    assert second.match == () and second.matches({"anything": "x"})
    assert second.impact is None and second.line == 15


def test_a_rule_naming_an_unknown_component_is_an_error_at_its_line(tmp_path):
    assert problems(tmp_path, "        - match: {alertname: X}\n          components: {apii: major_outage}") == [
        "mkdocs.yml:12: unknown component 'apii' in alert rule 1 (known: api, web); did you mean 'api'?"
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("components: {api: operational}", ("mkdocs.yml:12: status 'operational' for 'api' in alert rule 1 must be one of "
         "degraded_performance, partial_outage, major_outage; an alert says something is wrong, so a rule gives a status worse than operational")),
        ("components: {api: partial}", ("mkdocs.yml:12: status 'partial' for 'api' in alert rule 1 must be one of "
         "degraded_performance, partial_outage, major_outage; did you mean 'partial_outage'?")),
        ("components: {api: major_outage}\n          impact: severe", ("mkdocs.yml:13: unknown impact 'severe' in alert rule 1 "
         "(expected none, minor, major, critical)")),
        ("components: []", ("mkdocs.yml:12: 'components' in alert rule 1 must be a mapping of component: status, "
         "e.g. {api: partial_outage}, not a list")),
        ("components: {api: major_outage}\n          severity: page", ("mkdocs.yml:13: unknown key 'severity' in alert rule 1 "
         "(known keys: components, impact, match, title)")),
    ],
    ids=["operational", "misspelt-status", "impact", "components-list", "unknown-key"],
)
def test_a_bad_rule_is_an_error_at_its_line(tmp_path, rule, expected):
    assert problems(tmp_path, f"        - match: {{alertname: X}}\n          {rule}") == [expected]


def test_a_label_value_yaml_reads_as_a_boolean_must_be_quoted(tmp_path):
    assert problems(tmp_path, "        - match: {debug: true, code: 500}\n          components: {api: major_outage}") == [
        "mkdocs.yml:11: the value of label 'code' in 'match' in alert rule 1 must be text, not a number; quote it: code: \"500\"",
        "mkdocs.yml:11: the value of label 'debug' in 'match' in alert rule 1 must be text, not true/false; quote it: debug: \"true\"",
    ]


def test_a_match_that_is_not_a_mapping_is_an_error(tmp_path):
    assert problems(tmp_path, "        - match: alertname=X\n          components: {api: major_outage}") == [
        "mkdocs.yml:11: 'match' in alert rule 1 must be a mapping of label: value (write {} to match every alert), not text"
    ]


def test_a_rule_without_match_or_components_is_an_error(tmp_path):
    assert problems(tmp_path, "        - title: Down") == [
        "mkdocs.yml:11: missing required key 'components' in alert rule 1",
        "mkdocs.yml:11: missing required key 'match' in alert rule 1",
    ]


def test_alerts_must_be_a_list(tmp_path):
    path = tmp_path / "mkdocs.yml"
    path.write_text(BASE.format(rules="        match: {}").replace("      alerts:\n", "      alerts:\n"), encoding="utf-8")
    with pytest.raises(BaliseError) as raised:
        read_config(path)
    assert [str(p) for p in raised.value.problems] == [
        "mkdocs.yml:10: 'alerts' in the 'balise' plugin options must be a list of rules (each with 'match' and 'components'), not a mapping"
    ]


def test_a_rule_shadowed_by_an_earlier_one_is_a_warning(tmp_path):
    _config, warnings = read_config_checked(config_with(tmp_path, """\
        - match: {alertname: X}
          components: {api: partial_outage}
        - match: {alertname: X, severity: critical}
          components: {api: major_outage}"""))  # fmt: skip
    assert [str(w) for w in warnings if "alert rule" in str(w)] == [
        ("mkdocs.yml:13: warning: alert rule 2 never applies: rule 1 (line 11) comes first and matches every alert it "
         "matches; put the more specific rule first")
    ]


def test_balise_check_reports_a_bad_rule(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from site_builder.cli import main

    monkeypatch.chdir(tmp_path)
    config_with(tmp_path, "        - match: {alertname: X}\n          components: {apii: major_outage}")
    (tmp_path / "incidents").mkdir()
    result = CliRunner().invoke(main, ["check", "--format", "text"])
    assert result.exit_code == 1
    assert "mkdocs.yml:12: unknown component 'apii' in alert rule 1" in result.output
