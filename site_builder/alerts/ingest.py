"""`balise alert`'s pure part: payloads, the config and the incident files in, files out.

Every payload is read first; one that cannot be read stops the run before anything is planned.
Then each group is drafted in the order given, each seeing what the ones before it planned (two
payloads of one episode in one run chain, two groups starting in the same second get two
files). Only when every group was planned without a refusal are the files written: each
atomically (authoring/atomic.py), under its edit lock, and only if it still holds the bytes it
was planned from; otherwise nothing is written and the run says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..authoring.atomic import create_file, replace_file
from ..authoring.locking import locked
from ..model import SiteConfig
from ..source.problems import display_path
from .drafting import Outcome, draft
from .model import AlertGroup, Notice, PayloadError
from .payloads import parse
from .tree import Tree


class AlertError(Exception):
    """The run refused: every line of `lines` is one problem; nothing was written."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class Run:
    outcomes: list[Outcome] = field(default_factory=list)
    tree: Tree | None = None

    @property
    def refused(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.action == "refused"]

    @property
    def writes(self) -> dict[Path, bytes]:
        return dict(self.tree.planned) if self.tree else {}


def read_payloads(
    payloads: Sequence[tuple[str, bytes]], unread: Sequence[str] = (), source: str = "auto"
) -> list[AlertGroup | Notice]:
    """Every payload read; AlertError listing each one that cannot be, with those that could not
    even be opened (`unread`), in the order given."""
    read: list[AlertGroup | Notice] = []
    problems: list[str] = list(unread)
    for origin, data in payloads:
        try:
            read.append(parse(data, origin, source))
        except PayloadError as error:
            problems.append(str(error))
    if problems:
        raise AlertError(problems)
    return read


def plan(groups: Sequence[AlertGroup | Notice], config: SiteConfig, directory: Path, now: datetime) -> Run:
    """What the payloads make of the incident files; nothing is written."""
    tree = Tree.read(directory, config)
    run = Run(tree=tree)
    for group in groups:
        if isinstance(group, Notice):
            run.outcomes.append(Outcome(group.origin, group.source, "notice", group.text))
        else:
            run.outcomes.append(draft(group, tree, now))
    return run


def write(run: Run) -> list[Path]:
    """Writes the planned files, all or none: AlertError when one changed since it was read."""
    tree = run.tree
    if tree is None or not tree.planned:
        return []
    paths = sorted(tree.planned)
    with ExitStack() as stack:
        for path in paths:
            stack.enter_context(locked(path))
        moved = [path for path in paths if _on_disk(path) != tree.originals.get(path)]
        if moved:
            listed = ", ".join(display_path(path) for path in moved)
            raise AlertError([f"{listed} changed while balise alert ran; nothing was written, run it again"])
        for path in paths:
            if tree.originals.get(path) is None:
                create_file(path, tree.planned[path])
            else:
                replace_file(path, tree.planned[path])
    return paths


def _on_disk(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
