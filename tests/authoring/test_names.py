"""File names of new incidents, and finding an incident by id."""

from __future__ import annotations

import pytest

from site_builder.authoring.author import RequestError, find_incident, slug


def test_a_slug_keeps_lowercase_letters_digits_and_single_hyphens():
    assert slug("Elevated API errors (EU) -- 5xx!", "incident") == "elevated-api-errors-eu-5xx"


def test_a_slug_folds_accents_instead_of_dropping_letters():
    assert slug("Panne à Paris, échecs de paiement", "incident") == "panne-a-paris-echecs-de-paiement"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Straße gesperrt", "strasse-gesperrt"),
        ("Сбой оплаты", "sboi-oplaty"),
        ("Ελληνικά", "ellenika"),
        ("데이터베이스 장애", "deiteobeiseu-jangae"),
        ("服务器故障", "fu-wu-qi-gu-zhang"),
    ],
)
def test_a_slug_transliterates_any_script(title, expected):
    assert slug(title, "incident") == expected


def test_a_japanese_title_gives_a_readable_latin_slug():
    named = slug("サーバー障害", "incident")
    assert named not in ("", "incident")
    assert named.startswith("saba") and named.isascii()


def test_a_slug_of_a_title_with_nothing_to_transliterate_falls_back():
    assert slug("🔥🔥", "maintenance") == "maintenance"


def test_a_long_slug_is_cut_at_a_word_boundary():
    cut = slug("word " * 30, "incident")
    assert len(cut) <= 60 and cut.endswith("word") and not cut.endswith("-")


def test_an_id_is_found_in_sub_folders(tmp_path):
    (tmp_path / "2026").mkdir()
    path = tmp_path / "2026" / "2026-11-20-api-errors.md"
    path.write_text("---\n---\n")
    assert find_incident("2026-11-20-api-errors", tmp_path) == path


def test_an_id_may_be_given_with_its_md_suffix(tmp_path):
    path = tmp_path / "2026-11-20-api-errors.md"
    path.write_text("---\n---\n")
    assert find_incident("2026-11-20-api-errors.md", tmp_path) == path


def test_a_slug_that_names_two_incidents_lists_both_newest_first(tmp_path):
    for name in ("2026-11-20-api-errors.md", "2026-11-21-api-errors.md"):
        (tmp_path / name).write_text("---\n---\n")
    with pytest.raises(RequestError) as caught:
        find_incident("api-errors", tmp_path)
    message = str(caught.value)
    assert message.startswith("'api-errors' matches 2 incidents; give more of the name, the full id or the path:")
    assert message.index("2026-11-21-api-errors") < message.index("2026-11-20-api-errors")


def write_incidents(folder, *names):
    for name in names:
        (folder / f"{name}.md").write_text("---\n---\n")


def test_a_part_of_the_slug_finds_the_incident(tmp_path):
    write_incidents(tmp_path, "2026-11-20-elevated-api-errors", "2026-08-27-api-outage")
    assert find_incident("api-errors", tmp_path) == tmp_path / "2026-11-20-elevated-api-errors.md"


def test_a_part_of_a_word_finds_the_incident_when_nothing_else_matches(tmp_path):
    write_incidents(tmp_path, "2026-11-20-elevated-api-errors", "2026-08-27-api-outage")
    assert find_incident("elev", tmp_path) == tmp_path / "2026-11-20-elevated-api-errors.md"


def test_the_whole_slug_wins_over_a_part_of_another(tmp_path):
    write_incidents(tmp_path, "2026-11-20-api-errors", "2026-11-21-elevated-api-errors")
    assert find_incident("api-errors", tmp_path) == tmp_path / "2026-11-20-api-errors.md"


def test_a_part_is_read_as_a_slug_whatever_its_case_and_spaces(tmp_path):
    write_incidents(tmp_path, "2026-11-20-elevated-api-errors", "2026-08-27-api-outage")
    assert find_incident("API errors", tmp_path) == tmp_path / "2026-11-20-elevated-api-errors.md"


def test_an_ambiguous_part_lists_every_candidate(tmp_path):
    write_incidents(tmp_path, "2026-11-20-elevated-api-errors", "2026-08-27-api-outage", "2026-09-01-web-slow")
    with pytest.raises(RequestError) as caught:
        find_incident("api", tmp_path)
    lines = str(caught.value).splitlines()
    assert lines[0].startswith("'api' matches 2 incidents")
    assert [line.split()[0] for line in lines[1:]] == ["2026-11-20-elevated-api-errors", "2026-08-27-api-outage"]


def test_a_missing_path_is_named(tmp_path):
    with pytest.raises(RequestError, match="no such file: elsewhere/x.md"):
        find_incident("elsewhere/x.md", tmp_path)
