"""`balise import statuspage`: the real Statuspage captures imported into a page made by
`balise init` and rebuilt give an API whose incidents, updates, statuses and times are the source's."""

from __future__ import annotations

import json
from typing import Any

import pytest
from support.imported_project import STATUSPAGE, TeamProject, instant

from site_builder.source.config import read_config

CAPTURES = sorted(path.name for path in STATUSPAGE.glob("*.json"))


def load(name: str) -> dict[str, Any]:
    return json.loads((STATUSPAGE / name).read_text(encoding="utf-8"))


def source_items(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [*document.get("incidents", []), *document.get("scheduled_maintenances", [])]


def capture_time(document: dict[str, Any]) -> str:
    """The moment the data describes: its latest update. (The docs example's page says 2020
    around data of 2014, so the page's own updated_at cannot be trusted for this.)"""
    moments = [u["display_at"] for item in source_items(document) for u in item["incident_updates"]]
    latest = max(moments, key=instant)
    return instant(latest).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def words(text: str | None) -> str:
    return " ".join((text or "").split())


def timeline(item: dict[str, Any]) -> list[tuple[str, str, Any]]:
    return [(u["status"], words(u["body"]), instant(u["display_at"])) for u in item["incident_updates"]]


def key(item: dict[str, Any]) -> tuple[str, Any]:
    first = min(instant(u["display_at"]) for u in item["incident_updates"])
    return item["name"], first


@pytest.fixture
def team(tmp_path) -> TeamProject:
    return TeamProject.init(tmp_path / "status")


def imported(team: TeamProject, capture: str) -> dict[tuple[str, Any], dict[str, Any]]:
    result = team.balise("import", "statuspage", str(STATUSPAGE / capture))
    assert result.exit_code == 0, result.output
    team.build(capture_time(load(capture)))
    ours = [*team.api("incidents.json")["incidents"], *team.api("scheduled-maintenances.json")["scheduled_maintenances"]]
    return {key(item): item for item in ours}


@pytest.mark.parametrize("capture", CAPTURES)
def test_every_incident_and_maintenance_of_the_source_is_in_our_api(team, capture):
    ours = imported(team, capture)
    assert sorted(ours) == sorted(key(item) for item in source_items(load(capture)))


@pytest.mark.parametrize("capture", CAPTURES)
def test_statuses_impacts_and_windows_are_the_sources(team, capture):
    ours = imported(team, capture)
    for item in source_items(load(capture)):
        mine = ours[key(item)]
        assert (mine["status"], mine["impact"]) == (item["status"], item["impact"]), item["name"]
        for field in ("scheduled_for", "scheduled_until", "resolved_at"):
            if item.get(field):
                assert instant(mine[field]) == instant(item[field]), (item["name"], field)


@pytest.mark.parametrize("capture", CAPTURES)
def test_every_update_keeps_its_status_text_and_time_to_the_millisecond(team, capture):
    ours = imported(team, capture)
    for item in source_items(load(capture)):
        assert timeline(ours[key(item)]) == sorted(timeline(item), key=lambda u: u[2], reverse=True), item["name"]


@pytest.mark.parametrize("capture", CAPTURES)
def test_the_components_an_incident_names_are_the_sources(team, capture):
    ours = imported(team, capture)
    document = load(capture)
    # An update names a grouped component "Group - Name"; the component list names it "Name".
    names = {c["id"]: c["name"] for item in [document, *source_items(document)] for c in item.get("components") or []}
    for item in source_items(document):
        named = {names[c["id"]] for c in item.get("components") or []}
        named |= {names.get(a["code"], a["name"]) for u in item["incident_updates"] for a in u.get("affected_components") or []}
        assert {c["name"] for c in ours[key(item)]["components"]} == named, item["name"]


def test_groups_and_components_join_the_catalog_of_an_init_project(team):
    team.balise("import", "statuspage", str(STATUSPAGE / "summary-twilio-groups-incidents-maintenances.json"))
    config = read_config(team.config)
    source = load("summary-twilio-groups-incidents-maintenances.json")
    groups = [c for c in source["components"] if c.get("group")]
    assert [g.name for g in config.groups] == [g["name"] for g in groups]
    members = {c["name"]: c["group_id"] for c in source["components"] if not c.get("group")}
    names_of_groups = {g["id"]: g["name"] for g in groups}
    group_names = {g.id: g.name for g in config.groups}
    for component in config.components:
        if component.name in members and members[component.name]:
            assert group_names[component.group] == names_of_groups[members[component.name]], component.name
    assert config.component_ids[:2] == ("api", "website")  # the init project's own come first, untouched


def test_the_catalog_edit_keeps_every_line_of_mkdocs_yml(team):
    before = team.config.read_text(encoding="utf-8").splitlines()
    team.balise("import", "statuspage", str(STATUSPAGE / "summary-twilio-groups-incidents-maintenances.json"))
    after = team.config.read_text(encoding="utf-8").splitlines()
    remaining = iter(after)
    assert all(any(line == other for other in remaining) for line in before), "a line of mkdocs.yml was changed"
    assert "      # The component catalog. `id` is what incident files use: lowercase letters, digits" in after


def test_imported_files_pass_check(team):
    for capture in CAPTURES:
        assert team.balise("import", "statuspage", str(STATUSPAGE / capture)).exit_code == 0
    result = team.balise("check")
    assert result.exit_code == 0, result.output
    assert " 0 errors" in result.stderr


def test_a_file_is_named_by_the_day_its_first_update_was_posted(team):
    team.balise("import", "statuspage", str(STATUSPAGE / "incidents-github-resolved.json"))
    assert sorted(team.files()) == ["2024-09-16-disruption-with-git-ssh.md", "2024-09-16-incident-with-pages-and-actions.md"]


def test_importing_again_adds_nothing_and_changes_nothing(team):
    team.balise("import", "statuspage", str(STATUSPAGE))
    before, config_before = team.files(), team.config.read_bytes()
    result = team.balise("import", "statuspage", str(STATUSPAGE))
    assert result.exit_code == 0, result.output
    assert team.files() == before and team.config.read_bytes() == config_before
    assert "imported 0 file(s), 0 component(s), 0 group(s)" in result.stderr


def test_an_existing_file_is_never_written_over(team):
    taken = team.incidents / "2024-09-16-disruption-with-git-ssh.md"
    taken.write_text("---\ntitle: Ours\nimpact: minor\nupdates:\n  - at: 2024-09-16T10:00:00Z\n    status: resolved\n"
                     "    message: Ours.\n---\n", encoding="utf-8")  # fmt: skip
    original = taken.read_bytes()
    result = team.balise("import", "statuspage", str(STATUSPAGE / "incidents-github-resolved.json"))
    assert result.exit_code == 0, result.output
    assert taken.read_bytes() == original
    assert "2024-09-16-disruption-with-git-ssh-2.md" in team.files()


def test_saved_files_from_the_public_api_say_it_holds_only_the_latest_fifty(team):
    result = team.balise("import", "statuspage", str(STATUSPAGE / "incidents-github-resolved.json"))
    assert "the public Statuspage API lists only the 50 latest incidents and the 50 latest scheduled maintenances" in result.stderr


def test_a_file_that_is_not_statuspage_json_is_refused_and_nothing_is_written(team, tmp_path):
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"hello": "world"}', encoding="utf-8")
    config_before = team.config.read_bytes()
    result = team.balise("import", "statuspage", str(bogus))
    assert result.exit_code == 1
    assert "no 'components', 'incidents' or 'scheduled_maintenances' list" in result.stderr
    assert team.files() == {} and team.config.read_bytes() == config_before


def test_broken_json_is_named(team, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"incidents": [', encoding="utf-8")
    result = team.balise("import", "statuspage", str(broken))
    assert result.exit_code == 1
    assert f"{broken}: not JSON" in result.stderr


def test_dry_run_writes_nothing(team):
    config_before = team.config.read_bytes()
    result = team.balise("import", "statuspage", "--dry-run", str(STATUSPAGE / "incidents-github-resolved.json"))
    assert result.exit_code == 0
    assert "would write incidents/2024-09-16-disruption-with-git-ssh.md" in result.stdout
    assert team.files() == {} and team.config.read_bytes() == config_before
