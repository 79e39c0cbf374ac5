"""Links inside incident Markdown, made to work under any sub-path the site is served from."""

from __future__ import annotations

import re

from ..urls import relative

# nh3 writes every attribute value between double quotes, so this is the one spelling to find.
# "//host/x" is protocol-relative, another host: left alone.
_ROOT_RELATIVE = re.compile(r'(\shref=")/(?!/)([^"]*)"')


def rebase_links(html: str, here: str) -> str:
    """`href="/maintenance.ics"` (the site root, as authors write it) → a link relative to the page at `here`."""
    return _ROOT_RELATIVE.sub(lambda m: f'{m.group(1)}{relative(here, m.group(2))}"', html)
