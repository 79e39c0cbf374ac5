"""File names of new incidents, and finding an incident by id."""

from __future__ import annotations

import pytest

from site_builder.authoring.author import RequestError, find_incident, slug


def test_a_slug_keeps_lowercase_letters_digits_and_single_hyphens():
    assert slug("Elevated API errors (EU) -- 5xx!", "incident") == "elevated-api-errors-eu-5xx"


def test_a_slug_folds_accents_instead_of_dropping_letters():
    assert slug("Panne à Paris, échecs de paiement", "incident") == "panne-a-paris-echecs-de-paiement"


def test_a_slug_of_a_title_without_latin_letters_falls_back_to_the_kind():
    assert slug("障害", "maintenance") == "maintenance"


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


def test_a_slug_that_names_two_incidents_asks_for_the_path(tmp_path):
    for name in ("2026-11-20-api-errors.md", "2026-11-21-api-errors.md"):
        (tmp_path / name).write_text("---\n---\n")
    with pytest.raises(RequestError, match="'api-errors' matches 2 files"):
        find_incident("api-errors", tmp_path)


def test_a_missing_path_is_named(tmp_path):
    with pytest.raises(RequestError, match="no such file: elsewhere/x.md"):
        find_incident("elsewhere/x.md", tmp_path)
