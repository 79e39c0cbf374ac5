"""'Did you mean …?' hints for typos in keys, ids and enum values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A suffix for an error message: "; did you mean 'x'?" or nothing."""
    match = closest(word, choices)
    return f"; did you mean '{match}'?" if match else ""
