"""Whatever `balise check` accepts, `balise build` builds; neither prints a traceback or takes long on any file.

Hypothesis writes small projects whose incident files mix what people write with what a
hostile pull request may hold: any Unicode in titles and messages (controls, bidirectional
overrides, escapes of surrogates and non-characters), times anywhere from year 1 to 9999 and
in daylight-saving gaps, empty values, pathological Markdown, HTML. Both commands run as the
user runs them, in a child process fenced by a memory limit and a deadline
(support/hostile.py): a crash, a traceback or a timeout fails the example.
"""

from __future__ import annotations

import json
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from support.hostile import balise
from support.site_project import THEME

#: Seconds either command may take on a small project; both take well under one.
DEADLINE = 20
PROBLEM_LINE = re.compile(r"^incidents/[^:]+:\d+: ")

ZONES = ["UTC", "Europe/Paris", "Pacific/Kiritimati", "America/St_Johns"]

words = st.sampled_from(["Outage", "API errors", "Sign-in failing", "Payments & invoices", "x"])
hostile_text = st.sampled_from([
    "</script><script>alert(1)</script>", "<img src=x onerror=alert(2)>", "\u202egnp.exe", "\x1b[2J\x07",
    "\ud800", "\ufffe", "\U0010ffff", "a\u0085b\u2028c", "   ", "", "\t", "#", "- - - - - - - - x", "`" * 20,
    "[" * 300, "> " * 20 + "x", 'href="/api/v2/status.json"', "&amp; &lt; &#0;", "\\", "'", '"',
])  # fmt: skip
texts = st.one_of(words, hostile_text, st.text(max_size=40), st.text(alphabet="`[]()*_<>&\\!#-> \n", max_size=200))
#: Mostly titles and messages check accepts, so that most examples reach the build.
titles = st.one_of(words, words, hostile_text, st.text(min_size=1, max_size=40))
messages = st.one_of(words, words, words, texts)
times = st.one_of(
    st.sampled_from([
        "2026-11-20T14:05:00Z", "2026-11-20 15:05", "2026-03-29 02:30", "2026-10-25 02:30", "0001-01-01T00:00:00Z",
        "0001-01-02T00:00:00Z", "9999-12-30T23:59:59Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-01:00",
        "2026-11-20", "", "soon",
    ]),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)).map(
        lambda moment: moment.isoformat().replace("+00:00", "Z")
    ),
)  # fmt: skip
statuses = st.sampled_from(["investigating", "identified", "monitoring", "resolved", "postmortem", "scheduled",
                            "in_progress", "completed", "bogus"])  # fmt: skip
nows = st.one_of(
    st.just(datetime(2026, 11, 22, 12, tzinfo=UTC)),
    st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2106, 2, 6), timezones=st.just(UTC)),
)


def q(text: str) -> str:
    """A YAML double-quoted scalar for any text: JSON's escapes are YAML's (surrogates included)."""
    return json.dumps(text)


moments = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC))


def z(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


@st.composite
def wild_updates(draw: st.DrawFn) -> list[str]:
    lines = []
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        lines.append(f"  - at: {draw(times)}")
        lines.append(f"    status: {draw(statuses)}")
        if draw(st.booleans()):
            lines.append("    components: {api: " + draw(st.sampled_from(["major_outage", "operational", "down"])) + "}")
        lines.append(f"    message: {q(draw(texts))}")
    return lines


@st.composite
def plausible_updates(draw: st.DrawFn, maintenance: bool) -> list[str]:
    """A timeline in order, with statuses in an order check accepts: most examples reach the build."""
    count = draw(st.integers(min_value=1, max_value=4))
    at = sorted(draw(st.lists(moments, min_size=count, max_size=count)))
    if maintenance:
        flow = ["scheduled", "in_progress", "verifying", "completed"]
    else:
        flow = ["investigating", "identified", "monitoring", "resolved", "postmortem"]
    chosen = sorted(draw(st.lists(st.integers(min_value=0, max_value=len(flow) - 1), min_size=count, max_size=count)))
    if not maintenance and flow.index("postmortem") in chosen and flow.index("resolved") not in chosen:
        chosen = [min(i, flow.index("resolved")) for i in chosen]
    closing = flow.index("completed" if maintenance else "resolved")
    while chosen.count(closing) > 1:  # only the last may close the timeline
        chosen[chosen.index(closing)] = closing - 1
    lines = []
    for moment, status in zip(at, chosen, strict=True):
        lines += [f"  - at: {z(moment)}", f"    status: {flow[status]}", f"    message: {q(draw(messages))}"]
    return lines


@st.composite
def incident_files(draw: st.DrawFn) -> str:
    maintenance = draw(st.booleans())
    wild = draw(st.integers(min_value=0, max_value=4)) == 0  # one file in five is anything at all
    lines = ["---", f"title: {q(draw(titles))}"]
    if maintenance:
        start, end = sorted(draw(st.lists(moments, min_size=2, max_size=2, unique=True)))
        window = (draw(times), draw(times)) if wild else (z(start), z(end))
        lines += ["kind: maintenance", f"scheduled_for: {window[0]}", f"scheduled_until: {window[1]}", "components: [api]"]
    else:
        impact = draw(st.sampled_from(["minor", "major", "critical", "none", "huge"] if wild else ["minor", "major"]))
        lines += [f"impact: {impact}", "components: {api: partial_outage}"]
    if draw(st.booleans()):
        lines.append(f"next_update: {draw(times) if wild else z(draw(moments))}")
    if wild and not maintenance and draw(st.booleans()):
        lines += [f"started_at: {draw(times)}", f"estimated_resolution: {draw(times)}"]
    lines += ["updates:", *(draw(wild_updates()) if wild else draw(plausible_updates(maintenance))), "---", draw(texts)]
    return "\n".join(lines) + "\n"


def write_project(root: Path, zone: str, component: str, files: list[str]) -> None:
    (root / "incidents").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(  # q() spells every character as an escape YAML reads
        f"site_name: {q('Status ' + component)}\n"
        f"theme:\n  name: material\n  custom_dir: {THEME}\n  font: false\n"
        f"plugins:\n  - balise:\n      timezone: {zone}\n"
        f"      components:\n        - id: api\n          name: {q(component)}\n",
        encoding="utf-8",
    )
    for index, text in enumerate(files):
        # A lone surrogate in the body is written as its three bytes: a file no editor saves, but a byte string can.
        (root / "incidents" / f"2026-11-{20 + index}-case.md").write_bytes(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(incident_files(), min_size=1, max_size=2), st.sampled_from(ZONES), texts, nows)
def test_what_check_accepts_build_builds_and_neither_crashes_nor_hangs(files, zone, component, now):
    with tempfile.TemporaryDirectory(prefix="balise-property-") as scratch:
        root = Path(scratch) / "project"
        write_project(root, zone, component, files)
        pinned = now.strftime("%Y-%m-%dT%H:%M:%SZ")
        checked = balise("check", "--now", pinned, cwd=root, timeout=DEADLINE)
        assert not checked.crashed, checked.stdout + checked.stderr
        assert checked.returncode in (0, 1), checked.stderr
        for line in checked.stdout.splitlines():
            assert PROBLEM_LINE.match(line) or line.startswith("mkdocs.yml:"), line
        event(f"check exit {checked.returncode}")  # pytest --hypothesis-show-statistics: how many reach the build
        if checked.returncode != 0:
            return
        built = balise("build", "--now", pinned, "--site-dir", str(Path(scratch) / "site"), cwd=root, timeout=DEADLINE)
        assert (built.returncode, built.crashed) == (0, False), built.stderr
        assert (Path(scratch) / "site" / "index.html").is_file()
