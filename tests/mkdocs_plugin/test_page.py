"""Our pages as MkDocs sees them: the same addresses MkDocs itself would give them, computed faster."""

from __future__ import annotations

from pathlib import PurePath

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.structure.pages import Page

from site_builder.mkdocs_plugin.page import GeneratedPage
from site_builder.mkdocs_plugin.plugin import _NORMAL_NAME

BASES = st.sampled_from(
    ["https://status.example.com/", "https://status.example.com", "http://example.org/status/", "https://example.org/a/b",
     "https://example.org/./x/", "https://example.org/a/../b/", "https://example.org//x/", "https://example.org/?q=1",
     "https://example.org/#top", "https://user@example.org:8080/s/", "ftp://example.org/", "/status/", "status/",
     "https://EXAMPLE.org/É/", "https://example.org/a%20b/", "https:///x/", "http://[::1]:8000/"]
)  # fmt: skip
URLS = st.one_of(
    st.sampled_from(["", "incidents/2026-11-22-outage/", "components/api/", "history/2026/", "a/b/c/"]),
    st.lists(st.text(alphabet="az09_-.?#/%é", min_size=0, max_size=6), max_size=3).map(lambda s: "".join(x + "/" for x in s)),
)


class Probe(GeneratedPage):
    """Only what _set_canonical_url reads: the page's address."""

    def __init__(self, url: str) -> None:  # noqa: D107 - no MkDocs file behind it
        self._url = url

    @property
    def url(self) -> str:
        return self._url


@settings(max_examples=2000, deadline=None)
@given(BASES, URLS)
def test_a_generated_pages_canonical_address_is_the_one_mkdocs_gives(base, url):
    ours, theirs = Probe(url), Probe(url)
    ours._set_canonical_url(base)
    Page._set_canonical_url(theirs, base)
    assert (ours.canonical_url, ours.abs_url) == (theirs.canonical_url, theirs.abs_url)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="ab./_-", max_size=12))
def test_a_name_looked_up_directly_is_one_mkdocs_would_not_rewrite(name):
    if _NORMAL_NAME.fullmatch(name):
        assert PurePath(name).as_posix() == name
