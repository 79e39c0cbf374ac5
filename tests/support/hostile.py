"""Running `balise` on hostile input in a child process, fenced in.

A file that crashes the interpreter (a segmentation fault), eats every byte of memory or
loops for minutes must fail its test, not take the test run or the machine down with it:
the child gets an address-space limit and a deadline. A verdict is the exit status and the
two streams, as a user of the command would see them.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: Far more than a build of a small project needs (about 300 MB), far less than the machine has.
MEMORY = 2 << 30
#: Seconds a command may take on any one file; every hostile file here costs milliseconds once refused.
DEADLINE = 60


@dataclass(frozen=True)
class Outcome:
    returncode: int  # negative: killed by that signal (-11 a segmentation fault); None never (timeouts raise)
    stdout: str
    stderr: str

    @property
    def crashed(self) -> bool:
        return self.returncode < 0 or "Traceback" in self.stderr or "Traceback" in self.stdout


def _fence(memory: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def balise(*args: str, cwd: Path, memory: int = MEMORY, timeout: float = DEADLINE, env: dict[str, str] | None = None) -> Outcome:
    """`python -m site_builder ARGS` in `cwd`; raises subprocess.TimeoutExpired past `timeout`."""
    environment = {**os.environ, "GITHUB_ACTIONS": "", **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", *args],
        cwd=cwd,
        capture_output=True,
        timeout=timeout,
        env=environment,
        preexec_fn=lambda: _fence(memory),
    )
    return Outcome(
        result.returncode,
        result.stdout.decode("utf-8", "backslashreplace"),
        result.stderr.decode("utf-8", "backslashreplace"),
    )
