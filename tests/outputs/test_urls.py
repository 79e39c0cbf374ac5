"""Links work at a domain root and under a sub-path: they are relative, or built from site_url."""

from __future__ import annotations

from datetime import UTC

import pytest
from support.machine_site import example_snapshot

from site_builder.model import SiteConfig
from site_builder.outputs.build import machine_outputs
from site_builder.outputs.i18n import Localizer
from site_builder.outputs.pages import build_pages
from site_builder.outputs.urls import absolute, component_path, incident_path, is_generated, relative


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


def test_every_output_of_the_example_is_in_a_generated_place():
    state = example_snapshot()
    paths = [output.path for output in machine_outputs(state)]
    paths += [spec.path for spec in build_pages(state, Localizer.for_site("en", UTC), 1)]
    assert [path for path in paths if not is_generated(path)] == []


@pytest.mark.parametrize("path", ["faq/", "contact/", "logo.png", "404.html", "historical/", "apis/", "assets/logo.png", "security.txt"])
def test_hand_written_places_are_not_generated(path):
    assert not is_generated(path)


@pytest.mark.parametrize("path", ["_headers/", "history.rss/", "incidents/", "history", "api/v2/x.json", "index.html"])
def test_places_that_would_collide_with_an_output_are_generated(path):
    assert is_generated(path)
