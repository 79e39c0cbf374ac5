"""Links work at a domain root and under a sub-path: they are relative, or built from site_url."""

from __future__ import annotations

import pytest

from site_builder.model import SiteConfig
from site_builder.outputs.urls import absolute, component_path, incident_path, relative


@pytest.mark.parametrize(
    ("page", "target", "link"),
    [("", "incidents/x/", "incidents/x/"), ("incidents/x/", "", "../../"),
     ("incidents/x/", "components/api/", "../../components/api/"), ("history/", "history/", "./"),
     ("incidents/x/", "history.atom", "../../history.atom")],
)  # fmt: skip
def test_links_between_pages_are_relative(page, target, link):
    assert relative(page, target) == link


def test_absolute_urls_keep_the_site_sub_path():
    config = SiteConfig(site_url="https://example.github.io/status/")
    assert absolute(config, incident_path("2026-11-20-x")) == "https://example.github.io/status/incidents/2026-11-20-x/"


def test_no_absolute_url_without_site_url():
    assert absolute(SiteConfig(), component_path("api")) is None
