"""Rebuild the expected example site for tests/site/test_golden.py.

    python tests/site/golden/regenerate.py

Run it after a change that is meant to alter the output, then read `git diff tests/site/golden/`
as a reviewer would: every changed byte there is a change customers or their tools will see.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parents[1])]  # test_golden, and the tests' support package

from test_golden import EXPECTED, build_example, golden_files  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site = build_example(Path(scratch))
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for relative, content in golden_files(site).items():
            target = EXPECTED / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    print(f"wrote {EXPECTED}")


if __name__ == "__main__":
    main()
