"""Balise: a status-page generator whose data is a folder of incident files in git."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("balise")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
