"""Work in other processes: a detached process outlives its caller and never writes to its streams."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from site_builder.engine.forking import detached


def wait_until(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_a_detached_function_runs_in_another_process_after_the_call_returns(tmp_path):
    done = tmp_path / "done"
    go = tmp_path / "go"

    def work() -> None:
        while not go.exists():
            time.sleep(0.01)
        done.write_text(str(os.getpid()), encoding="utf-8")

    assert detached(work) is True
    assert not done.exists()  # the caller did not wait for it
    go.touch()
    assert wait_until(done.exists)
    assert int(done.read_text(encoding="utf-8")) != os.getpid()


def test_a_caller_reading_the_output_to_its_end_does_not_wait_for_a_detached_process(tmp_path):
    script = (
        "import sys, time\n"
        "from site_builder.engine.forking import detached\n"
        "detached(lambda: (print('from the detached process'), time.sleep(30)))\n"
        "print('caller done')\n"
    )
    started = time.monotonic()
    finished = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=20)
    assert finished.stdout == "caller done\n"
    assert time.monotonic() - started < 15
