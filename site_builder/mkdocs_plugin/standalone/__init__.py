"""Balise's own theme, `theme: name: balise`: its pages without Material for MkDocs.

A MkDocs theme is a folder its entry point names through a module (this one). Its templates
are whole pages; the plugin puts Balise's layer (../theme: its styles and script) after
them, so the status pages look and behave as over Material. `balise build` picks it when
Material is not installed (engines.py); tests/mkdocs_plugin/test_standalone.py builds with it.
"""
