"""Pages rendered across processes are the pages rendered in one, in the same order."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest
from support.site_project import REPO

from site_builder.engine.forking import Forked, ForkError, parallel_map
from site_builder.engine.status import snapshot
from site_builder.outputs.i18n import Localizer
from site_builder.outputs.pages import build_pages
from site_builder.source.project import load_project

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


def test_parallel_map_keeps_the_order_of_the_items():
    assert parallel_map(lambda n: n * n, list(range(11)), workers=3) == [n * n for n in range(11)]


def test_parallel_map_with_one_worker_runs_in_this_process():
    pids = parallel_map(lambda _: os.getpid(), [1, 2, 3], workers=1)
    assert set(pids) == {os.getpid()}


@needs_fork
def test_parallel_map_uses_other_processes():
    pids = parallel_map(lambda _: os.getpid(), [1, 2, 3, 4], workers=2)
    assert len(set(pids)) == 2


@needs_fork
def test_a_failure_in_a_child_is_raised_with_its_traceback():
    def fail_on_odd(n: int) -> int:
        if n % 2:
            raise ValueError(f"odd {n}")
        return n

    with pytest.raises(ForkError, match="ValueError: odd 1"):
        parallel_map(fail_on_odd, [0, 1, 2, 3], workers=2)


@needs_fork
def test_forked_returns_the_childs_result():
    assert Forked(lambda: {"answer": 42}).result() == {"answer": 42}


@needs_fork
def test_pages_built_by_two_processes_equal_pages_built_by_one():
    project = load_project(REPO / "incidents", REPO / "mkdocs.yml", NOW)
    state = snapshot(project.config, project.incidents, NOW)
    localizer = Localizer.for_site("en", project.config.timezone)
    assert build_pages(state, localizer, workers=2) == build_pages(state, localizer, workers=1)
