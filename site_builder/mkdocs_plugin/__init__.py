"""The MkDocs adapter: the only code that imports MkDocs.

Everything it publishes is computed elsewhere (pages, feeds, API), so the site engine can be
replaced without touching them. `plugin` is the `balise` plugin MkDocs loads (entry point
`site_builder.mkdocs_plugin:BalisePlugin`); `runner` drives MkDocs for `balise build` and `serve`.
"""

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
