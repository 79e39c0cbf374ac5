"""Finding the project a command runs in: the nearest mkdocs.yml at or above a folder, as git
finds its repository, so every command works from any sub-folder of a status-page repository."""

from __future__ import annotations

from pathlib import Path

#: The names MkDocs looks for when no config file is given, in its order.
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
#: The incidents folder sits beside the config (the MkDocs plugin reads it from there too).
INCIDENTS_FOLDER = "incidents"


def find_config(start: Path) -> Path | None:
    """The config file in `start` or the nearest folder above it, or None."""
    folder = start.absolute()
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_folder / name
            if candidate.is_file():
                return candidate
    return None


def incidents_beside(config: Path) -> Path:
    return config.parent / INCIDENTS_FOLDER
