"""Incident Markdown reaches the page as sanitised HTML."""

from __future__ import annotations

import pytest

from site_builder.outputs.markup import to_html


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
