"""`balise import statuspage` over HTTP: a page's public API and the management API, served on 127.0.0.1."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from support.imported_project import STATUSPAGE, TeamProject, instant
from support.json_server import json_server

TWILIO = json.loads((STATUSPAGE / "summary-twilio-groups-incidents-maintenances.json").read_text(encoding="utf-8"))
GITHUB = json.loads((STATUSPAGE / "incidents-github-resolved.json").read_text(encoding="utf-8"))


def public_api(path: str, headers: dict[str, str]) -> tuple[int, Any]:
    """The three public endpoints, cut out of Twilio's summary capture."""
    page = TWILIO["page"]
    answers = {
        "/api/v2/components.json": {"page": page, "components": TWILIO["components"]},
        "/api/v2/incidents.json": {"page": page, "incidents": TWILIO["incidents"]},
        "/api/v2/scheduled-maintenances.json": {"page": page, "scheduled_maintenances": TWILIO["scheduled_maintenances"]},
    }
    return (200, answers[path]) if path in answers else (404, {"error": "not found"})


@pytest.fixture
def team(tmp_path) -> TeamProject:
    return TeamProject.init(tmp_path / "status")


def test_a_public_url_imports_what_the_saved_summary_imports(team, tmp_path):
    with json_server(public_api) as served:
        result = team.balise("import", "statuspage", served.url)
    assert result.exit_code == 0, result.output
    assert sorted(path for path, _ in served.requests) == [
        "/api/v2/components.json", "/api/v2/incidents.json", "/api/v2/scheduled-maintenances.json"
    ]
    from_file = TeamProject.init(tmp_path / "from-file")
    assert from_file.balise("import", "statuspage", str(STATUSPAGE / TWILIO_FILE)).exit_code == 0
    assert team.files() == from_file.files()
    assert team.config.read_bytes() == from_file.config.read_bytes()


TWILIO_FILE = "summary-twilio-groups-incidents-maintenances.json"


def test_a_public_url_says_the_api_holds_only_the_latest_fifty(team):
    with json_server(public_api) as served:
        result = team.balise("import", "statuspage", served.url + "/")
    assert "the public Statuspage API lists only the 50 latest incidents" in result.stderr
    assert "set STATUSPAGE_API_KEY to a page API key and pass --page-id" in result.stderr


def test_a_page_that_answers_404_is_named_and_nothing_is_written(team):
    before = team.config.read_bytes()
    with json_server(lambda path, headers: (404, {})) as served:
        result = team.balise("import", "statuspage", served.url)
    assert result.exit_code == 1
    assert f"{served.url}/api/v2/components.json: the server answered 404" in result.stderr
    assert team.files() == {} and team.config.read_bytes() == before


def history(count: int) -> list[dict[str, Any]]:
    """`count` resolved incidents, a day apart, made from GitHub's two captured ones."""
    made = []
    for number in range(count):
        incident = copy.deepcopy(GITHUB["incidents"][number % 2])
        shift = timedelta(days=number)
        incident["id"] = f"hist{number:08d}"
        incident["name"] = f"{incident['name']} #{number}"
        for update in incident["incident_updates"]:
            for field in ("display_at", "created_at", "updated_at"):
                update[field] = (instant(update[field]) - shift).isoformat()
        made.append(incident)
    return made


def management_api(incidents: list[dict[str, Any]], key: str):
    components = [c for i in incidents for c in i["components"]]

    def route(path: str, headers: dict[str, str]) -> tuple[int, Any]:
        if headers.get("authorization") != f"OAuth {key}":
            return 401, {"error": "Could not authenticate"}
        parts = urlsplit(path)
        if parts.path == "/v1/pages/kctbh9vrtdwd/components":
            return 200, components
        if parts.path == "/v1/pages/kctbh9vrtdwd/component-groups":
            return 200, []
        if parts.path == "/v1/pages/kctbh9vrtdwd/incidents":
            query = parse_qs(parts.query)
            limit, page = int(query["limit"][0]), int(query["page"][0])
            return 200, incidents[(page - 1) * limit : page * limit]
        return 404, {}

    return route


def test_an_api_key_imports_the_whole_history_page_by_page(team):
    incidents = history(130)
    with json_server(management_api(incidents, "s3cret-key")) as served:
        result = team.balise(
            "import", "statuspage", "--page-id", "kctbh9vrtdwd", "--api-base", f"{served.url}/v1",
            env={"STATUSPAGE_API_KEY": "s3cret-key"},
        )
    assert result.exit_code == 0, result.output
    assert len(team.files()) == 130
    pages = [parse_qs(urlsplit(path).query).get("page") for path, _ in served.requests if "/incidents" in path]
    assert pages == [["1"], ["2"]]
    assert "s3cret-key" not in result.output
    assert "50 latest" not in result.stderr
    assert team.balise("check").exit_code == 0


def test_a_wrong_api_key_is_reported_without_the_key(team):
    with json_server(management_api(history(3), "right-key")) as served:
        result = team.balise(
            "import", "statuspage", "--page-id", "kctbh9vrtdwd", "--api-base", f"{served.url}/v1",
            env={"STATUSPAGE_API_KEY": "wrong-key"},
        )
    assert result.exit_code == 1
    assert "the server answered 401" in result.stderr
    assert "wrong-key" not in result.output


def test_a_page_id_without_a_key_in_the_environment_is_a_usage_error(team):
    result = team.balise("import", "statuspage", "--page-id", "kctbh9vrtdwd", env={"STATUSPAGE_API_KEY": ""})
    assert result.exit_code == 2
    assert "--page-id needs a page API key in $STATUSPAGE_API_KEY" in result.stderr
