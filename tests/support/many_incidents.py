"""A project with as many incidents as a test needs, titles and messages full of markup and quotes."""

from __future__ import annotations

from pathlib import Path

from support.site_project import Project, outage


def hostile_project(root: Path, count: int, **settings: str) -> Path:
    """`count` incidents (one still open) on two components, and a hand-written page; returns mkdocs.yml.

    From 200 incidents, builds and checks read and render in several processes.
    """
    project = Project(
        root,
        components=[("api", 'API <b>"core"</b> & co', "platform"), ("web", "Web — l'app", None)],
        groups=[("platform", "Platform <i>&</i>")],
        **settings,
    )
    project.write_config()
    titles = ['Errors <script>alert("x")</script>', "Slow & 'sticky' pages", "Pannes d’accès — 🚨", "a < b > c", "Outage \u202egnp.exe"]
    for index in range(count):
        day = 1 + index % 28
        month = 1 + (index // 28) % 10
        start = f"2026-{month:02d}-{day:02d}T{index % 24:02d}:05:00Z"
        end = None if index == count - 1 else f"2026-{month:02d}-{day:02d}T{index % 24:02d}:45:00Z"
        text = outage(start, end, "major_outage", "api" if index % 2 else "web", title=titles[index % len(titles)])
        news = f"Looking into **it** <script>x</script> & \"more\" (n°{index})" + (" \u202etxet" if index % 3 == 0 else "") + "."
        text = text.replace("Looking into it.", news)
        project.incident(f"2026-{month:02d}-{day:02d}-outage-{index}.md", text)
    (root / "docs").mkdir()
    (root / "docs" / "faq.md").write_text("# Questions\n\nAsk us.\n", encoding="utf-8")
    return project.config
