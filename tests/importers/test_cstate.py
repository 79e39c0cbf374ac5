"""`balise import cstate`: a cState site's systems, categories and issues become Balise's catalog
and incident files, with a timeline where the track stamps allow it."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.hostile import balise
from support.imported_project import CSTATE, TeamProject

from site_builder.model.vocabulary import ComponentStatus, Impact, Kind
from site_builder.source.config import read_config
from site_builder.source.project import parse_incident


@pytest.fixture
def team(tmp_path) -> TeamProject:
    project = TeamProject.init(tmp_path / "status")
    result = project.balise("import", "cstate", str(CSTATE))
    assert result.exit_code == 0, result.output
    return project


def incident(team: TeamProject, name: str):
    path = team.incidents / name
    return parse_incident(path, path.read_bytes(), read_config(team.config))


def timeline(team: TeamProject, name: str) -> list[tuple[str, str]]:
    return [(u.at.strftime("%Y-%m-%d %H:%M"), u.status.value) for u in incident(team, name).updates]


def test_every_published_issue_becomes_a_file_and_the_draft_does_not(team):
    assert sorted(team.files()) == [
        "2025-03-04-nobody-can-sign-in.md",
        "2025-05-19-uploads-are-slow-large-files-time-out.md",
        "2025-06-02-database-upgrade.md",
        "2025-07-11-notification-emails-are-delayed.md",
        "2025-08-20-welcome-to-our-new-status-page.md",
        "2025-09-30-errors-on-the-public-api.md",
    ]


def test_categories_and_systems_join_the_catalog(team):
    config = read_config(team.config)
    assert [(g.id, g.name) for g in config.groups] == [("core-services", "Core services"), ("extras", "Extras")]
    added = [(c.id, c.name, c.group) for c in config.components][2:]
    assert added == [
        ("web-app", "Web app", "core-services"),
        ("login", "Login", "core-services"),
        ("database", "Database", "core-services"),
        ("file-uploads", "File uploads", "extras"),
        ("email-delivery", "Email delivery", None),  # its category is `untitled`
        ("public-api", "Public API", None),  # named by an issue, not in the config
    ]


def test_track_stamps_become_a_timeline_with_statuses_from_their_labels(team):
    assert timeline(team, "2025-03-04-nobody-can-sign-in.md") == [
        ("2025-03-04 08:12", "investigating"),
        ("2025-03-04 08:31", "identified"),
        ("2025-03-04 09:05", "monitoring"),
        ("2025-03-04 09:40", "resolved"),
    ]
    first = incident(team, "2025-03-04-nobody-can-sign-in.md").updates[0]
    assert first.message.startswith('Sign-in fails for all users with "invalid response".')


def test_severity_down_is_a_critical_incident_and_a_major_outage(team):
    found = incident(team, "2025-03-04-nobody-can-sign-in.md")
    assert found.impact is Impact.CRITICAL
    assert found.components == {"login": ComponentStatus.MAJOR_OUTAGE, "web-app": ComponentStatus.MAJOR_OUTAGE}


def test_an_update_labelled_update_keeps_the_status_and_text_before_the_labels_is_the_body(team):
    found = incident(team, "2025-05-19-uploads-are-slow-large-files-time-out.md")
    assert [u.status.value for u in found.updates] == ["investigating", "investigating", "resolved"]
    assert found.updates[1].message == "The storage provider is adding capacity in the affected region."
    assert found.body.strip() == "Uploads of files over 50 MB were affected; smaller files went through slowly."
    assert found.components == {"file-uploads": ComponentStatus.PARTIAL_OUTAGE}


def test_a_notice_with_an_end_is_a_maintenance_window(team):
    found = incident(team, "2025-06-02-database-upgrade.md")
    assert found.kind is Kind.MAINTENANCE
    assert (found.scheduled_for.isoformat(), found.scheduled_until.isoformat()) == (
        "2025-06-14T22:00:00+00:00", "2025-06-14T23:30:00+00:00"
    )
    assert [u.status.value for u in found.updates] == ["scheduled", "in_progress", "completed"]
    assert list(found.components) == ["database"]


def test_free_text_without_stamps_is_the_body_and_the_dates_make_the_timeline(team):
    found = incident(team, "2025-07-11-notification-emails-are-delayed.md")
    assert timeline(team, "2025-07-11-notification-emails-are-delayed.md") == [
        ("2025-07-11 06:50", "investigating"),
        ("2025-07-11 11:15", "resolved"),
    ]
    assert found.updates[0].message.startswith("Emails from Fernhill")
    assert found.body.strip().startswith("Our email provider throttled our account")


def test_an_informational_post_is_history_at_once_with_no_component(team):
    found = incident(team, "2025-08-20-welcome-to-our-new-status-page.md")
    assert (found.impact, found.components, [u.status.value for u in found.updates]) == (Impact.NONE, {}, ["resolved"])


def test_an_unresolved_issue_stays_open(team):
    found = incident(team, "2025-09-30-errors-on-the-public-api.md")
    assert not found.is_resolved
    assert found.components == {"public-api": ComponentStatus.PARTIAL_OUTAGE}


def test_imported_files_pass_check_and_build(team):
    checked = team.balise("check", "--now", "2025-10-01T00:00:00Z")
    assert checked.exit_code == 0, checked.output
    assert "0 errors" in checked.stderr
    site = team.build("2025-10-01T00:00:00Z")
    assert (site / "incidents" / "2025-03-04-nobody-can-sign-in" / "index.html").is_file()
    unresolved = team.api("incidents/unresolved.json")["incidents"]
    assert [i["name"] for i in unresolved] == ["Errors on the public API"]


def test_importing_again_adds_nothing(team):
    before = team.files(), team.config.read_bytes()
    result = team.balise("import", "cstate", str(CSTATE))
    assert result.exit_code == 0
    assert (team.files(), team.config.read_bytes()) == before
    assert "6 already there" in result.stderr


def test_a_folder_that_is_not_a_cstate_site_is_refused(tmp_path):
    project = TeamProject.init(tmp_path / "status")
    result = project.balise("import", "cstate", str(tmp_path))
    assert result.exit_code == 1
    assert "no content/issues/ folder; is this a cState site?" in result.stderr


# -- a hostile site: someone else's repository, read like a pull request ----------------------


def hostile_site(tmp_path, issue: str | None = None, config: str = "params:\n  systems:\n    - name: API\n") -> Path:
    site = tmp_path / "cstate"
    (site / "content" / "issues").mkdir(parents=True)
    (site / "config.yml").write_text(config, encoding="utf-8")
    if issue is not None:
        (site / "content" / "issues" / "2025-01-01-x.md").write_text(issue, encoding="utf-8")
    return site


def test_an_issue_linked_out_of_the_site_is_refused_and_not_read(tmp_path):
    project = TeamProject.init(tmp_path / "status")
    site = hostile_site(tmp_path)
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Private notes\ndate: 2025-01-01 00:00:00\n---\nthe secret\n", encoding="utf-8")
    (site / "content" / "issues" / "leak.md").symlink_to(secret)
    result = project.balise("import", "cstate", str(site))
    assert result.exit_code == 1
    assert "leak.md:1: symbolic link to a path outside the repository; refused" in result.stderr
    assert project.files() == {}


def test_an_issue_linked_to_an_endless_device_is_refused_without_reading_it(tmp_path):
    site = hostile_site(tmp_path)
    (site / "content" / "issues" / "zero.md").symlink_to("/dev/zero")
    (tmp_path / "project").mkdir()
    outcome = balise("import", "cstate", str(site), cwd=tmp_path / "project", memory=512 << 20)
    assert outcome.returncode == 1 and not outcome.crashed
    assert "zero.md:1: symbolic link to a path outside the repository" in outcome.stderr


def test_a_config_linked_out_of_the_site_is_not_read(tmp_path):
    project = TeamProject.init(tmp_path / "status")
    site = hostile_site(tmp_path)
    (site / "config.yml").unlink()
    outside = tmp_path / "elsewhere.yml"
    outside.write_text("params:\n  systems:\n    - name: Private\n", encoding="utf-8")
    (site / "config.yml").symlink_to(outside)
    result = project.balise("import", "cstate", str(site))
    assert result.exit_code == 1 and "config.yml: a link to a path outside the site; not read" in result.stderr


@pytest.mark.parametrize(
    "front_matter",
    [
        "+++\ntitle = \"t\"\ndate = 2025-01-01T00:00:00Z\nx = " + "[" * 5000 + "1" + "]" * 5000 + "\n+++\n",
        "---\ntitle: t\ndate: 2025-01-01 00:00:00\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n",
        "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\n",
    ],
    ids=["toml-deep-array", "yaml-deep", "yaml-laughs"],
)
def test_a_front_matter_bomb_is_one_line_naming_the_file(tmp_path, front_matter):
    site = hostile_site(tmp_path, front_matter + "body\n")
    (tmp_path / "project").mkdir()
    outcome = balise("import", "cstate", "--dry-run", str(site), cwd=tmp_path / "project", memory=512 << 20)
    assert outcome.returncode == 1 and not outcome.crashed, outcome.stderr
    assert "2025-01-01-x.md: cannot read the front-matter" in outcome.stderr


def test_an_issue_that_is_not_utf8_is_one_line(tmp_path):
    project = TeamProject.init(tmp_path / "status")
    site = hostile_site(tmp_path)
    (site / "content" / "issues" / "latin1.md").write_bytes(b"---\ntitle: caf\xe9\ndate: 2025-01-01 00:00:00\n---\n")
    result = project.balise("import", "cstate", str(site))
    assert result.exit_code == 1 and "latin1.md: not UTF-8" in result.stderr


def test_names_from_the_site_reach_the_terminal_spelled_out(tmp_path):
    project = TeamProject.init(tmp_path / "status")
    site = hostile_site(tmp_path, "---\ntitle: \"\\e[2J\\e]0;pwned\\a\"\ndate: 2025-01-01 00:00:00\ndraft: true\n---\n")
    (site / "content" / "issues" / "\x1b[31mred.md").write_text("no front-matter\n", encoding="utf-8")
    result = project.balise("import", "cstate", str(site))
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\\x1b[31mred.md: no front-matter" in result.stderr
