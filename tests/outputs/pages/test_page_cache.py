"""The cache of rendered incident pages reads what it wrote, and nothing else breaks a build."""

from __future__ import annotations

import json

import pytest

from site_builder.outputs.pages.page_cache import PageCache
from site_builder.source.cache import Table


def cache_holding(entries: dict[str, str]) -> PageCache:
    table = Table(None)
    table.stored = {key: json.dumps(value) for key, value in entries.items()}
    return PageCache(None, "context", table)


def test_a_page_put_is_got_back():
    cache = cache_holding({})
    cache.put("k", "<p>page</p>", "description")
    assert cache.get("k") == ("<p>page</p>", "description")


@pytest.mark.parametrize(
    "value",
    ["not json", "[1, 2]", '["one"]', '{"html": "x"}', "[" * 100_000 + "]" * 100_000],
    ids=["text", "numbers", "short", "object", "nested-past-recursion"],
)
def test_an_entry_that_is_not_a_page_is_a_miss_not_a_crash(value):
    assert cache_holding({"k": value}).get("k") is None
