"""Frames: a page's layout rendered once with markers, filled per page with its own values."""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape

from site_builder.outputs.pages import SitePage
from site_builder.outputs.pages.frame import Field, Frame, FramedPages, FrameKey, Marks, frame_key

MARKS = Marks("a", "<h1")


def layout(page: SitePage) -> str:
    """A small stand-in for a theme: the title escaped twice over, the description once, the content raw."""
    return (
        f"<title>{escape(page.title)} - Site</title><meta content=\"{escape(page.description)}\">"
        f'<link href="https://x.example/{page.path}"><h2>{escape(page.title)}</h2><main>{page.html}</main>'
    )


def incident(title: str = "API down", description: str = "Impact: Major", html: str = "<h1>API down</h1>") -> SitePage:
    return SitePage("incidents/2026-11-20-api/", title, html, description=description)


def test_a_filled_frame_is_the_page_the_layout_makes():
    frame = Frame.parse(layout(MARKS.prototype("incidents/", None, "main.html")), MARKS)
    page = incident('Errors on <b>"checkout"</b> & co', "It's <broken>", "<h1>x</h1><p>a &amp; b</p>")
    assert frame is not None
    assert frame.fill(page) == layout(page)


def test_a_frame_knows_which_places_escape_the_value():
    frame = Frame.parse(layout(MARKS.prototype("incidents/", None, "main.html")), MARKS)
    assert frame is not None
    assert [(slot.field, slot.escaped) for slot in frame.slots] == [
        (Field.TITLE, True),
        (Field.DESCRIPTION, True),
        (Field.NAME, False),
        (Field.TITLE, True),
        (Field.CONTENT, False),
    ]


def test_a_layout_that_transforms_a_value_otherwise_gives_no_frame():
    def upper(page: SitePage) -> str:
        return f"<title>{escape(page.title).upper()}</title><main>{page.html}</main>"

    assert Frame.parse(upper(MARKS.prototype("incidents/", None, "main.html")), MARKS) is None


def test_a_layout_without_the_content_gives_no_frame():
    assert Frame.parse("<title>nothing</title>", MARKS) is None


def test_a_page_without_what_the_prototype_content_held_does_not_fit():
    frame = Frame.parse(layout(MARKS.prototype("incidents/", None, "main.html")), MARKS)
    assert frame is not None
    assert frame.fits(incident())
    assert not frame.fits(incident(html="<p>no heading</p>"))
    assert not frame.fits(incident(title=""))
    assert not frame.fits(incident(description=""))


def test_only_pages_in_a_folder_and_out_of_the_navigation_have_a_frame():
    assert frame_key(incident()) == FrameKey("incidents/", None, "main.html")
    assert frame_key(SitePage("", "Home", "")) is None
    assert frame_key(SitePage("history/", "History", "", in_nav=True)) is None
    assert frame_key(SitePage("components/api/", "API", "", component="api")) == FrameKey("components/", "api", "main.html")


def test_framed_pages_are_written_where_the_engine_writes_them(tmp_path: Path):
    frame = Frame.parse(layout(MARKS.prototype("incidents/", None, "main.html")), MARKS)
    assert frame is not None
    writer = FramedPages(tmp_path, {FrameKey("incidents/", None, "main.html"): frame})
    page = incident()
    assert writer.write(page)
    assert (tmp_path / "incidents" / "2026-11-20-api" / "index.html").read_text(encoding="utf-8") == layout(page)
    assert not writer.write(SitePage("components/api/", "API", "<h1>API</h1>", description="x", component="api"))
