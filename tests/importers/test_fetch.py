"""What `balise import statuspage` fetches, and what it refuses to: redirects, keys, sizes, time.

The servers here are hostile on purpose (they stand for a page that was taken over, or an
address typed wrong): a redirect must never carry the page API key to another host, nor lead
off http(s); a broken or endless answer is one line naming the address, never a traceback
(whose request headers would hold the key)."""

from __future__ import annotations

import json
import urllib.request

import pytest
from support.imported_project import TeamProject
from support.json_server import Raw, json_server

from site_builder.importers import fetch

KEY = "s3cret-page-key"
COMPONENTS = {"components": [{"id": "c1", "name": "Billing", "status": "operational"}]}


@pytest.fixture
def team(tmp_path) -> TeamProject:
    return TeamProject.init(tmp_path / "status")


def management(team: TeamProject, api_base: str, key: str = KEY):
    return team.balise(
        "import", "statuspage", "--page-id", "abc123", "--api-base", api_base, env={"STATUSPAGE_API_KEY": key}
    )


def test_the_api_key_is_never_carried_by_a_redirect_to_another_host(team):
    with json_server(lambda path, headers: (200, [])) as elsewhere:
        moved = Raw(302, (("Location", f"{elsewhere.url.replace('127.0.0.1', 'localhost')}/stolen"),))
        with json_server(lambda path, headers: moved) as api:
            result = management(team, f"{api.url}/v1")
    assert result.exit_code == 1
    assert "redirects to another host (localhost); not followed" in result.stderr
    assert elsewhere.requests == []
    assert KEY not in result.output and "Traceback" not in result.output


def test_a_redirect_within_the_api_never_repeats_the_key_either(team):
    def route(path, headers):
        if path.startswith("/v1/"):
            return Raw(302, (("Location", "/moved" + path),))
        return (401, {}) if "authorization" not in headers else (200, [])

    with json_server(route) as api:
        result = management(team, f"{api.url}/v1")
    assert result.exit_code == 1 and "the server answered 401" in result.stderr
    assert [headers.get("authorization") for path, headers in api.requests if path.startswith("/moved")] == [None]


def test_a_public_page_may_redirect_to_another_host(team):
    with json_server(lambda path, headers: (200, COMPONENTS)) as page:
        moved = Raw(301, (("Location", page.url + "/api/v2/components.json"),))
        with json_server(lambda path, headers: moved) as old:
            result = team.balise("import", "statuspage", "--dry-run", old.url)
    assert result.exit_code == 0, result.output
    assert "component billing" in result.stderr


@pytest.mark.parametrize("location", ["ftp://127.0.0.1:1/x.json", "file:///etc/passwd", "gopher://127.0.0.1:1/"])
def test_a_redirect_off_http_is_not_followed(team, location):
    with json_server(lambda path, headers: Raw(302, (("Location", location),))) as page:
        result = team.balise("import", "statuspage", page.url)
    assert result.exit_code == 1
    assert "not followed" in result.stderr or "is not allowed" in result.stderr
    assert "Traceback" not in result.output


def test_a_redirect_from_https_down_to_http_is_refused():
    request = urllib.request.Request("https://status.example.com/api/v2/components.json")
    with pytest.raises(fetch.SourceError, match="from https to plain http; not followed"):
        fetch._Redirects().redirect_request(request, None, 302, "Found", {}, "http://status.example.com/x")


@pytest.mark.parametrize("key", ["s3cret\nkey", "s3cret key", "s3crét"])
def test_a_key_that_cannot_be_a_key_is_refused_without_being_printed(team, key):
    with json_server(lambda path, headers: (200, [])) as api:
        result = management(team, f"{api.url}/v1", key=key)
    assert result.exit_code == 1
    assert "the page API key holds spaces, line breaks or non-ASCII characters" in result.stderr
    assert "s3cr" not in result.output and "Traceback" not in result.output
    assert api.requests == []


def test_an_answer_that_is_not_http_is_one_line(team):
    with json_server(lambda path, headers: Raw(wire=b"HTTP/1.1 abc\r\n\r\n")) as page:
        result = team.balise("import", "statuspage", page.url)
    assert result.exit_code == 1
    assert f"{page.url}/api/v2/components.json: the server's answer is not HTTP (BadStatusLine)" in result.stderr
    assert "Traceback" not in result.output


def test_an_address_with_a_space_is_one_line(team):
    result = team.balise("import", "statuspage", "http://status example.com/")
    assert result.exit_code == 1
    assert "not an address that can be fetched" in result.stderr and "Traceback" not in result.output


def test_json_nested_deeper_than_python_reads_is_refused_in_a_file_and_over_http(team, tmp_path):
    deep = b"[" * 100_000 + b"]" * 100_000
    (tmp_path / "deep.json").write_bytes(deep)
    from_file = team.balise("import", "statuspage", str(tmp_path / "deep.json"))
    with json_server(lambda path, headers: Raw(200, (("Content-Type", "application/json"),), deep)) as page:
        over_http = team.balise("import", "statuspage", page.url)
    for result in (from_file, over_http):
        assert result.exit_code == 1 and "nests too deeply" in result.stderr
        assert "Traceback" not in result.output


@pytest.mark.parametrize("announced", [True, False])
def test_an_answer_past_the_size_cap_is_refused(team, monkeypatch, announced):
    monkeypatch.setattr(fetch, "MAX_BYTES", 1000)
    body = json.dumps({"components": [{"id": f"c{i}", "name": "x" * 50} for i in range(100)]}).encode()
    headers = (("Content-Length", str(len(body))),) if announced else ()
    with json_server(lambda path, headers_: Raw(200, headers, body)) as page:
        result = team.balise("import", "statuspage", page.url)
    assert result.exit_code == 1 and "the answer is larger than" in result.stderr


def test_a_file_past_the_size_cap_is_refused(team, tmp_path, monkeypatch):
    monkeypatch.setattr(fetch, "MAX_BYTES", 10)
    (tmp_path / "big.json").write_text(json.dumps(COMPONENTS), encoding="utf-8")
    result = team.balise("import", "statuspage", str(tmp_path / "big.json"))
    assert result.exit_code == 1 and "larger than" in result.stderr


def test_a_server_that_drips_its_answer_is_stopped_at_the_deadline(team, monkeypatch):
    monkeypatch.setattr(fetch, "TOTAL_SECONDS", 0.3)
    body = json.dumps(COMPONENTS).encode()
    with json_server(lambda path, headers: Raw(200, (), body, pause=0.05)) as page:
        result = team.balise("import", "statuspage", page.url)
    assert result.exit_code == 1 and "the answer took longer than 0.3 s; stopped" in result.stderr
