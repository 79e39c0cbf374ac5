"""Build time and peak memory of `balise build` for growing numbers of incidents.

    python bench/run.py --incidents 100 1000 10000

Each size is built in a fresh temporary project by a child process (`python -m site_builder
build`), so the peak memory reported is that build's alone (ru_maxrss from wait4).
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import COMPONENTS_PER_GROUP, GROUPS, NOW, YEARS, write_config, write_incidents


@dataclass(frozen=True)
class Result:
    incidents: int
    seconds: float
    peak_mb: float
    pages: int
    largest_page_kb: float
    home_kb: float
    home_gzip_kb: float


def run_build(root: Path, config: Path, site: Path) -> tuple[float, float]:
    """Wall time and peak resident memory (MB) of one child build."""
    command = [
        sys.executable, "-m", "site_builder", "build",
        "--config", str(config), "--now", NOW.strftime("%Y-%m-%dT%H:%M:%SZ"), "--site-dir", str(site),
    ]  # fmt: skip
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    errors = child.stderr.read().decode() if child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed:\n{errors}")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def measure(count: int, keep: bool) -> Result:
    root = Path(tempfile.mkdtemp(prefix=f"balise-bench-{count}-"))
    try:
        config = write_config(root)
        write_incidents(root, count)
        site = root / "site"
        seconds, peak = run_build(root, config, site)
        pages = list(site.rglob("index.html"))
        largest = max(p.stat().st_size for p in pages)
        home = (site / "index.html").read_bytes()
        squeezed = gzip.compress(home, mtime=0)  # what a CDN sends
        return Result(count, seconds, peak, len(pages), largest / 1024, len(home) / 1024, len(squeezed) / 1024)
    finally:
        if keep:
            print(f"kept: {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--keep", action="store_true", help="keep each generated project and its site")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"data: {GROUPS * COMPONENTS_PER_GROUP} components in {GROUPS} groups, {YEARS} years, 1 in 20 a maintenance")
    print()
    print("| incidents | wall s | peak MB | pages | s per 1000 | largest page KB | home KB | home gzip KB |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for count in args.incidents:
        r = measure(count, args.keep)
        per_thousand = r.seconds / count * 1000
        print(
            f"| {r.incidents} | {r.seconds:.1f} | {r.peak_mb:.0f} | {r.pages} | {per_thousand:.2f} "
            f"| {r.largest_page_kb:.0f} | {r.home_kb:.0f} | {r.home_gzip_kb:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
