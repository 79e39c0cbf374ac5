"""The team's CI workflows, derived from this repository's `.github/workflows/`.

This repository installs Balise from its own source (`pip install -e .`); a team's repository
installs the released package pinned in its `requirements.txt`, so upgrading is a one-line
change there. Everything else (permissions, pinned actions, the check and deploy steps) is
the same file: the tests compare the packaged copies with this derivation of the originals.
"""

from __future__ import annotations

#: (this repository's line, the team repository's line); each must occur at least once (once
#: per job that installs Balise).
REPLACEMENTS = (
    ("cache-dependency-path: pyproject.toml", "cache-dependency-path: requirements.txt"),
    ("run: python -m pip install -e .", "run: python -m pip install -r requirements.txt"),
)

#: The workflows a team's repository gets, by file name in .github/workflows/.
WORKFLOWS = ("check.yml", "deploy.yml", "alert.yml")


class DerivationError(ValueError):
    """This repository's workflow changed in a way the derivation no longer matches."""


def team_workflow(text: str) -> str:
    """A workflow of this repository as a team's repository runs it."""
    for ours, theirs in REPLACEMENTS:
        if ours not in text:
            raise DerivationError(f"expected '{ours}' in the workflow; the derivation no longer fits it")
        text = text.replace(ours, theirs)
    return text
