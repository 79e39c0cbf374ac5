"""The pull request of a draft: its title and body, for the person who merges it.

The body shows the draft as customers will read it, the checklist, the result of the check run
in the alert workflow, and the alerts behind it with their links. Alert names and summaries are
untrusted: they appear only in code spans (no Markdown, HTML or @mention is rendered there),
cut short, and links only as autolinks to http(s) addresses (no image, no hidden target).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Incident
from ..source.problems import printable
from .drafting import Outcome

MARKER = "<!-- balise-alert:{key} -->"
NOTE_MARKER = "<!-- balise-alert-note:{key} -->"
MAX_ALERT_LINES = 20
_INLINE_CODE_BREAKERS = re.compile(r"[`\r\n\u2028\u2029]")


def code(text: str, limit: int = 80) -> str:
    """Untrusted text as an inline code span: inert in GitHub's Markdown."""
    text = _INLINE_CODE_BREAKERS.sub("'", printable(text)).strip()
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"`{text}`" if text else "`(empty)`"


def title(incident: Incident, published: bool) -> str:
    return f"{'Incident update' if published else 'Incident draft'}: {incident.title}"[:250]


def render(
    incident: Incident,
    outcomes: Sequence[Outcome],
    path: str,
    published: bool,
    check: tuple[bool, list[str]] | None,
) -> str:
    assert incident.alert is not None
    key = incident.alert.key
    lines = [MARKER.format(key=key), ""]
    if published:
        lines.append(
            f"**Update proposed by monitoring** for the published incident `{incident.id}`: "
            "nothing changes on the status page until this pull request is merged."
        )
    else:
        lines.append("**Draft incident opened by monitoring**: nothing is published until this pull request is merged.")
    lines += ["", "### What customers will read", ""]
    components = ", ".join(f"{ident}: {status.value}" for ident, status in incident.components.items()) or "none"
    lines.append(f"> **{_escape_line(incident.title)}**  ")
    lines.append(f"> impact: {incident.impact.value} · components at the start: {components}")
    for update in reversed(incident.updates):
        lines.append(">")
        changed = ", ".join(f"{ident} → {status.value}" for ident, status in update.components.items())
        lines.append(f"> **{update.at.strftime('%Y-%m-%d %H:%M UTC')} · {update.status.value}**" + (f" ({changed})" if changed else "") + "  ")
        lines += [f"> {line}" if line else ">" for line in update.message.splitlines()]
    lines += ["", f"File: `{path}`", "", "### Before merging", ""]
    lines.append("- [ ] The wording is right: title, components, message (edit the file in this pull request)")
    lines.append("- [ ] A workaround is given, if there is one")
    if incident.is_resolved:
        lines.append("- [ ] The `resolved` update is a suggestion from monitoring: check its time and words")
    lines.append("- [ ] Merge to publish; close to drop the draft (monitoring will not reopen this episode)")
    lines += ["", "### Check", ""]
    if check is None:
        lines.append("Not run.")
    elif check[0]:
        lines.append("`balise check` and `balise build --strict` pass on this draft (run by the alert workflow).")
    else:
        lines.append("**`balise check` or `balise build --strict` failed** on this draft; fix it before merging:")
        lines += ["", "```text", *[_fence_safe(line) for line in check[1][:30]], "```"]
    lines += ["", "### Alerts", ""]
    shown = 0
    for outcome in outcomes:
        if outcome.summary:
            lines.append(f"- summary: {code(outcome.summary, 200)}")
        for link in outcome.links:
            if shown >= MAX_ALERT_LINES:
                break
            lines.append(f"- {link.label}: <{link.url}>")
            shown += 1
        if outcome.unmatched:
            names = ", ".join(code(name, 40) for name in outcome.unmatched[:10])
            lines.append(f"- matched no rule, ignored: {names}")
    lines.append(f"- source: {incident.alert.source} · episode `{key}`")
    return "\n".join(lines) + "\n"


def note(outcome: Outcome, run_url: str | None) -> str:
    """The comment left on a person's incident when an alert fires on the components it covers."""
    statuses = ", ".join(f"{ident}: {status.value}" for ident, status in outcome.statuses.items())
    lines = [
        NOTE_MARKER.format(key=outcome.key),
        f"**Monitoring** ({outcome.source}) reports a problem on these components: {statuses}.",
        (
            "An open incident written by a person already covers them, so no draft was opened. "
            "Consider an update if the alert says something new."
        ),
    ]
    links = [f"<{link.url}>" for link in outcome.links[:5]]
    if links:
        lines.append("Alert links: " + " · ".join(links))
    if run_url:
        lines.append(f"Workflow run: <{run_url}>")
    return "\n\n".join(lines) + "\n"


def _escape_line(text: str) -> str:
    return text.replace("\n", " ")


def _fence_safe(line: str) -> str:
    return printable(line).replace("```", "'''")
