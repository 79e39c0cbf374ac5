"""Incident Markdown reaches the page as sanitised HTML."""

from __future__ import annotations

import markdown
import pytest
from support.site_project import Project, build, outage

from site_builder.outputs.markup import Converter, to_html


def test_markdown_is_converted():
    assert to_html("We are **investigating**.") == "<p>We are <strong>investigating</strong>.</p>"


def test_headings_start_below_the_page_title():
    assert to_html("# Root cause").startswith("<h2>Root cause</h2>")


@pytest.mark.parametrize(
    "hostile",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
     "<svg onload=alert(1)></svg>", "<iframe src='https://evil.test'></iframe>", '<a href="#" onclick="alert(1)">x</a>',
     '<p style="position:fixed;inset:0">cover</p>', "<object data=x></object>", "<form action=x><input></form>"],
)  # fmt: skip
def test_nothing_executable_or_styled_survives(hostile):
    html = to_html(hostile).lower()
    for marker in ("<script", "onerror", "javascript:", "onload", "<iframe", "onclick", "style=", "<object", "<form", "<svg"):
        assert marker not in html


def test_safe_links_are_kept_and_marked_nofollow():
    assert to_html("[docs](https://example.test/)") == (
        '<p><a href="https://example.test/" rel="nofollow noopener noreferrer">docs</a></p>'
    )


def test_a_converter_converts_each_text_once(monkeypatch):
    converter = Converter()
    seen: list[str] = []
    convert = markdown.Markdown.convert
    monkeypatch.setattr(markdown.Markdown, "convert", lambda self, text: seen.append(text) or convert(self, text))
    # (`*a*` is not plain text: it goes the whole way, through Python-Markdown.)
    assert converter.to_html("*a*") == converter.to_html("*a*") == "<p><em>a</em></p>"
    assert seen == ["*a*"]


def test_markdown_nested_too_deep_for_python_markdown_is_shown_as_text_rather_than_crash_the_build():
    # `balise check` refuses such nesting (markdown_cost); this is what a build does if one slips through.
    html = Converter().to_html("- " * 1000 + "<b>x</b>\n\nsecond")
    assert html == "<p>" + "- " * 999 + "- &lt;b&gt;x&lt;/b&gt;</p><p>second</p>"


def test_a_build_converts_each_message_once_for_its_pages_and_feeds(tmp_path, monkeypatch):
    project = Project(tmp_path / "project", site_url="https://status.example.test/")
    project.write_config()
    # Emphasis takes the message the whole way, through Python-Markdown (plain text has a shortcut).
    text = outage("2026-11-20T10:00:00Z", None, "major_outage").replace("Looking into it.", "Looking into *it*.")
    project.incident("2026-11-20-a.md", text)
    seen: list[str] = []
    convert = markdown.Markdown.convert
    monkeypatch.setattr(markdown.Markdown, "convert", lambda self, text: seen.append(text) or convert(self, text))
    assert build(project.config, tmp_path / "site", "2026-11-20T12:00:00Z").exit_code == 0
    # The latest message is on the home page, the incident's page and three feeds.
    assert seen.count("Looking into *it*.") == 1
