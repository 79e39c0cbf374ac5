"""`robots.txt`: every page may be indexed (a status page is meant to be found), and the
sitemap is named with its full URL, as the format requires, when the site has one."""

from __future__ import annotations

from ..model import SiteConfig
from .output import OutputFile
from .urls import absolute

PATH = "robots.txt"


def robots_txt(config: SiteConfig) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    sitemap = absolute(config, "sitemap.xml")
    if sitemap:
        lines += ["", f"Sitemap: {sitemap}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots_outputs(config: SiteConfig) -> list[OutputFile]:
    return [OutputFile(PATH, robots_txt(config))]
