"""Whatever the engineer types comes back from the file as typed (after trimming edges)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.authoring import author
from site_builder.model import Component, SiteConfig
from site_builder.source.project import parse_incident

CONFIG = SiteConfig(components=(Component("api", "API"),))
PATH = Path("incidents/2026-11-20-api-errors.md")
FILE = (
    "---\ntitle: Errors\nimpact: major\n"
    "updates:\n  - at: 2026-11-20T14:05:00Z\n    status: investigating\n    message: We are investigating.\n"
    "---\nBody.\n"
)
LATER = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)

# Letters, digits, punctuation YAML cares about, blanks, every kind of line break, control characters.
CHARACTERS = list("aZ09 \t\n\r-:#'\"{}[],&*!|>%@`?.é✓") + ["\u00a0", "\u2028", "\x85", "\x07", "\x1b", "\ufeff"]
typed = st.text(alphabet=st.sampled_from(CHARACTERS), min_size=1, max_size=60).filter(author.clean_message)


@settings(max_examples=300, deadline=None)
@given(typed)
def test_a_typed_message_reads_back_as_typed_and_the_rest_of_the_file_is_kept(message):
    data = FILE.encode()
    current = parse_incident(PATH, data, CONFIG)
    edited = author.add_update(PATH, data, current, author.NewUpdate(LATER, message), CONFIG)
    assert edited.incident.updates[-1].message.rstrip("\n") == author.clean_message(message)
    text = edited.data.decode()
    assert text.startswith(FILE.split("---\nBody")[0]) and text.endswith("---\nBody.\n")


@settings(max_examples=200, deadline=None)
@given(typed.filter(lambda text: author.clean_title(text)))
def test_a_typed_title_reads_back_on_one_line_and_names_a_valid_file(title):
    spec = author.NewIncident(title=title, message="x", at=LATER, impact="major")
    created = author.create(spec, Path("no-such-folder"), CONFIG)
    assert created.incident.title == author.clean_title(title)
    assert created.path.name.startswith("2026-11-20-")
