"""The networked half of `balise alert --pull-request`: each changed draft on its branch
`alert/<key>`, pushed, and ONE pull request per branch, opened or updated.

Before the drafts are planned, the open drafts of other runs are laid over the checkout of the
base branch: every open pull request from an `alert/…` branch brings the incident files it adds
or changes (those carrying its own key), so a payload finds its episode's draft whether or not
it was merged, and a human edit on the draft's branch is built on, never overwritten.

Published or not: a draft whose file is on the base branch was merged (and the deploy
publishes the base branch); a change to it goes on a fresh `alert/<key>` branch from the base,
in a new pull request titled "Incident update". A file found only on its branch is a draft, and
its pull request is updated in place. A draft's pull request that a person closed without
merging is respected: the episode is not proposed again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..model import Incident, SiteConfig
from ..source.load import read_source
from ..source.problems import display_path
from .body import NOTE_MARKER, note, render, title
from .branches import Git
from .drafting import Outcome
from .github import GitHub
from .ingest import AlertError, Run, plan, write
from .model import AlertGroup, Notice

Checker = Callable[[], tuple[bool, list[str]]]


@dataclass
class Proposal:
    """What was done on GitHub for one episode (or one note)."""

    key: str
    action: str  # opened | updated | unchanged | declined | noted | note-unplaced
    detail: str
    branch: str | None = None
    number: int | None = None
    url: str | None = None
    commit: str | None = None
    published: bool = False
    #: A note that found no pull request to go to: the run prints it (and its summary shows it).
    note: str | None = None


@dataclass
class Context:
    git: Git
    github: GitHub
    base: str  # the base branch's name
    run_url: str | None = None
    proposals: list[Proposal] = field(default_factory=list)


def overlay_open_drafts(context: Context, folder: Path) -> dict[str, dict]:
    """Lays the files of every open draft over the working tree; the open pull requests by branch."""
    git, root = context.git, context.git.root
    pulls = context.github.open_alert_pulls()
    context.git.fetch(sorted(pulls))
    relative = folder.resolve().relative_to(root.resolve()).as_posix()
    base = git.head()
    for branch in sorted(pulls):
        tip = f"refs/balise/{branch}"
        key = branch.removeprefix("alert/")
        for path in git.changed_files(base, tip, relative):
            data = git.blob(tip, path)
            if data is None or not _carries(root / path, data, key):
                continue
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return pulls


def _carries(path: Path, data: bytes, key: str) -> bool:
    """Whether a file's front-matter names this episode (`alert: {key: …}`)."""
    try:
        front_matter = read_source(path, data, path.name).front_matter
    except Exception:  # noqa: BLE001 - a broken file is simply not this draft
        return False
    alert = front_matter.get("alert") if isinstance(front_matter, dict) else None
    return isinstance(alert, dict) and alert.get("key") == key


def propose(
    groups: Sequence[AlertGroup | Notice],
    config: SiteConfig,
    folder: Path,
    now: datetime,
    context: Context,
    checker: Checker,
) -> Run:
    git = context.git
    if git.dirty(folder):
        raise AlertError([f"{display_path(folder)} has uncommitted changes; --pull-request runs on a clean checkout of the base branch"])
    base_commit = git.head()
    pulls = overlay_open_drafts(context, folder)
    run = plan(groups, config, folder, now)
    if run.refused:
        return run
    write(run)
    changed = _last_by_key(run.outcomes)
    check = checker() if changed else None
    root = git.root.resolve()
    for key, outcomes in changed.items():
        path = outcomes[-1].path
        assert path is not None and run.tree is not None
        relative = path.resolve().relative_to(root).as_posix()
        incident = run.tree.incidents[path]
        context.proposals.append(_propose_one(context, key, outcomes, relative, path.read_bytes(), incident, base_commit, pulls, check))
    for outcome in run.outcomes:
        if outcome.action == "note" and outcome.key:
            context.proposals.append(_place_note(context, outcome, base_commit, folder))
    return run


def _last_by_key(outcomes: Sequence[Outcome]) -> dict[str, list[Outcome]]:
    found: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        if outcome.changed and outcome.key:
            found.setdefault(outcome.key, []).append(outcome)
    return found


def _propose_one(
    context: Context,
    key: str,
    outcomes: list[Outcome],
    relative: str,
    data: bytes,
    incident: Incident,
    base_commit: str,
    pulls: dict[str, dict],
    check: tuple[bool, list[str]] | None,
) -> Proposal:
    git, github = context.git, context.github
    branch = f"alert/{key}"
    published = git.blob(base_commit, relative) is not None
    pull = pulls.get(branch)
    heads = git.remote_heads(f"alert/{key}")
    if pull is None and not published and any(not p.get("merged_at") for p in github.pulls(branch, "closed")):
        return Proposal(key, "declined", f"a person closed the draft's pull request for {branch} without merging: not proposed again", branch)
    parent = heads.get(branch) if pull is not None else base_commit
    if parent is None:  # the open pull request's branch vanished meanwhile
        parent, pull = base_commit, None
    what = outcomes[-1].action
    message = f"Incident {'draft' if not published else 'update'} from monitoring: {what} ({key})"
    commit = git.commit_file(parent, relative, data, message)
    if commit is not None:
        git.push(commit, branch, heads.get(branch), new=pull is None)
    head = commit or parent
    if check is not None:
        state = "success" if check[0] else "failure"
        description = "balise check and build --strict pass" if check[0] else (check[1][0] if check[1] else "the check failed")
        github.set_status(head, state, description, context.run_url)
    text = render(incident, outcomes, relative, published, check)
    heading = title(incident, published)
    if pull is None:
        created = github.create_pull(heading, branch, context.base, text)
        number = int(created["number"])
        github.add_labels(number, ["incident"])
        return Proposal(key, "opened", f"opened pull request #{number} for {branch}", branch, number, created.get("html_url"), head, published)
    number = int(pull["number"])
    if pull.get("title") != heading or pull.get("body") != text:
        github.update_pull(number, heading, text)
        action = "updated"
    else:
        action = "unchanged"
    return Proposal(key, action, f"{action} pull request #{number} for {branch}", branch, number, pull.get("html_url"), head, published)


def _place_note(context: Context, outcome: Outcome, base_commit: str, folder: Path) -> Proposal:
    """The note on the pull request that brought the person's incident, once per episode."""
    git, github = context.git, context.github
    assert outcome.key is not None
    root = git.root.resolve()
    for ident in outcome.covered_by:
        candidates = list(folder.rglob(f"{ident}.md"))
        if not candidates:
            continue
        relative = candidates[0].resolve().relative_to(root).as_posix()
        commit = git.last_commit_of(base_commit, relative)
        pulls = github.pulls_of_commit(commit) if commit else []
        if not pulls:
            continue
        number = int(pulls[0]["number"])
        marker = NOTE_MARKER.format(key=outcome.key)
        if any(marker in (comment.get("body") or "") for comment in github.comments(number)):
            return Proposal(outcome.key, "unchanged", f"the note is on pull request #{number} already", number=number)
        github.comment(number, note(outcome, context.run_url))
        return Proposal(outcome.key, "noted", f"left a note on pull request #{number} ({ident})", number=number)
    return Proposal(
        outcome.key,
        "note-unplaced",
        "no pull request brought the covering incident: the note is in this run's output only",
        note=note(outcome, context.run_url),
    )
