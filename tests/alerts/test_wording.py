"""The drafts' words come from a catalog of their own, complete in the eight languages of the pages."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.pofile import read_po

import site_builder
from site_builder.alerts.wording import catalog_path
from site_builder.outputs.i18n import LANGUAGES

MODULE = Path(site_builder.__file__).parent / "alerts" / "wording.py"
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def used() -> set[str]:
    with MODULE.open("rb") as source:
        return {message for _, message, _, _ in extract("python", source)}


def catalog(language: str):
    with files("site_builder.alerts").joinpath(catalog_path(language)).open("rb") as source:
        return read_po(source, locale=language, abort_invalid=True)


def test_the_words_are_extracted():
    assert len(used()) >= 10


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_has_every_message_in_use_and_no_other(language):
    known = {message.id for message in catalog(language) if message.id}
    assert sorted(used() - known) == [], f"add to {catalog_path(language)}"
    assert sorted(known - used()) == [], f"remove from {catalog_path(language)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_its_placeholders(language):
    for message in catalog(language):
        if message.id:
            assert message.string, message.id
            assert sorted(PLACEHOLDER.findall(message.string)) == sorted(PLACEHOLDER.findall(message.id)), message.id
