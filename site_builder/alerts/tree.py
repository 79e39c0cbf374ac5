"""The incident files as `balise alert` sees them while it works: the folder as read, plus the
files it has planned to create or change so far (nothing is written until every payload is
read and every draft planned: a bad payload leaves the folder as it was)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Incident, SiteConfig
from ..source.load import read_limited
from ..source.problems import display_path
from ..source.project import incident_files, load_incidents


@dataclass
class Tree:
    directory: Path
    config: SiteConfig
    incidents: dict[Path, Incident]
    #: Files of the folder that did not validate: a draft among them is never guessed around.
    broken: tuple[Path, ...] = ()
    #: What each planned file held when it was read (None: a new file).
    originals: dict[Path, bytes | None] = field(default_factory=dict)
    planned: dict[Path, bytes] = field(default_factory=dict)

    @classmethod
    def read(cls, directory: Path, config: SiteConfig) -> Tree:
        incidents, _problems, _sources, _count = load_incidents(directory, config)
        parsed = {incident.path: incident for incident in incidents}
        broken = tuple(path for path in incident_files(directory) if path not in parsed)
        return cls(directory, config, parsed, broken)

    def data(self, path: Path) -> bytes:
        """A file's bytes as planned so far (read from disk the first time)."""
        if path in self.planned:
            return self.planned[path]
        data = read_limited(path, display_path(path))
        self.originals.setdefault(path, data)
        return data

    def put(self, path: Path, data: bytes, incident: Incident) -> None:
        if path not in self.originals:
            self.originals[path] = None if path not in self.incidents else read_limited(path, display_path(path))
        self.planned[path] = data
        self.incidents[path] = incident

    @property
    def planned_names(self) -> set[str]:
        return {path.name.lower() for path, original in self.originals.items() if original is None}

    def mentions(self, text: str) -> list[Path]:
        """Broken files whose bytes contain `text` (an episode key or group id)."""
        found = []
        for path in self.broken:
            try:
                if text.encode() in read_limited(path, display_path(path)):
                    found.append(path)
            except (OSError, ValueError):
                continue
        return found
