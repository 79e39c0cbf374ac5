"""Optional, off by default: merge a draft nobody acted on (`--auto-publish-after 15m`).

For teams that would rather publish the alert's plain words than nothing when the person on
call is busy. A draft is merged only when all of this holds: it was opened at least the given
time ago; every commit on it is Balise's (nobody edited it); nobody reviewed or commented (the
notes Balise leaves do not count); the check the alert workflow ran on its last commit passed.
Anything else means a person is on it, and the draft waits for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .body import MARKER
from .branches import AUTHOR_EMAIL
from .github import GitHub, GitHubError


@dataclass(frozen=True)
class Decision:
    number: int
    branch: str
    merged: bool
    reason: str


def publish_untouched(github: GitHub, after: timedelta, now: datetime) -> list[Decision]:
    decisions = []
    for branch, pull in sorted(github.open_alert_pulls().items()):
        number = int(pull["number"])
        decisions.append(Decision(number, branch, *_decide(github, pull, number, after, now)))
    return decisions


def _decide(github: GitHub, pull: dict, number: int, after: timedelta, now: datetime) -> tuple[bool, str]:
    if MARKER.split("{", 1)[0] not in (pull.get("body") or ""):
        return False, "not a draft Balise opened"
    try:
        opened = datetime.fromisoformat(str(pull.get("created_at", "")))  # GitHub writes UTC with Z
    except ValueError:
        return False, "no opening time"
    if now - opened < after:
        return False, f"opened {int((now - opened).total_seconds() // 60)} min ago; waiting"
    if pull.get("draft"):
        return False, "marked as a draft on GitHub"
    commits = github.pull_commits(number)
    if not commits or any(((c.get("commit") or {}).get("author") or {}).get("email") != AUTHOR_EMAIL for c in commits):
        return False, "a person pushed to it"
    if github.reviews(number):
        return False, "a person reviewed it"
    if any("<!-- balise-alert" not in (comment.get("body") or "") for comment in github.comments(number)):
        return False, "a person commented on it"
    head = str((pull.get("head") or {}).get("sha") or "")
    checks = [s for s in github.status(head).get("statuses", []) if s.get("context") == "balise check"] if head else []
    if not checks or checks[-1].get("state") != "success":
        return False, "the check has not passed on its last commit"
    try:
        github.merge(number, head)
    except GitHubError as error:
        return False, f"could not merge: {error}"
    return True, f"merged: nobody acted for {int(after.total_seconds() // 60)} min"
