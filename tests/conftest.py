"""The site engine is chosen before any test module imports `mkdocs`.

Test modules import `mkdocs` themselves (a plain MkDocs build, its config loader). Importing
the adapter first loads the engine that `balise build` would start here (ProperDocs when it is
installed, or the one BALISE_ENGINE names), so the whole suite runs on that one engine;
tests/mkdocs_plugin/test_engines.py checks it did.
"""

import site_builder.mkdocs_plugin  # noqa: F401 - loads the engine (mkdocs_plugin/engines.py)
