"""The MkDocs adapter: the only code that imports MkDocs.

Everything it publishes is computed elsewhere (pages, feeds, API), so the site engine can be
replaced without touching them. `plugin` is the `balise` plugin MkDocs loads (entry point
`site_builder.mkdocs_plugin:BalisePlugin`); `runner` drives MkDocs for `balise build` and `serve`;
`engines` picks which MkDocs runs (ProperDocs or MkDocs 1.6), before anything below imports it.
"""

import os

from .engines import load

load(os.environ)  # first: ProperDocs answers `mkdocs` imports only once it is loaded

from .page import GeneratedPage
from .plugin import NOW_VARIABLE, BaliseConfig, BalisePlugin
from .runner import EngineError, build_site, serve_site

__all__ = [
    "NOW_VARIABLE",
    "BaliseConfig",
    "BalisePlugin",
    "EngineError",
    "GeneratedPage",
    "build_site",
    "serve_site",
]
