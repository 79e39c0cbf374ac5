"""The pages readers see, built as data (path, title, HTML) without any site engine.

The MkDocs plugin hands these to MkDocs; another engine could write them itself.
"""

from .build import build_pages, year_path
from .chrome import Chrome
from .site_page import SitePage

__all__ = ["Chrome", "SitePage", "build_pages", "year_path"]
