"""What people wait for, per project size: a full build cold and warm, `balise check` cold and warm,
and the preview's latency from saving a file to the page being served.

    python bench/run.py --incidents 100 1000 10000 [--components 10] [--preview] [--repeat 3]

Every command runs in a child process, measured with wait4: wall time, CPU time (user + system,
the child's forked workers included) and peak resident memory (the largest process). A busy
machine stretches wall time, so each run also measures a reference in the same conditions, an
empty Material for MkDocs build, and reports every wall time as a ratio to it as well: a ratio
from a shared machine can be compared with one from an idle machine, a bare number cannot.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import NOW, YEARS, Shape, write_config, write_incidents

REPO = Path(__file__).resolve().parents[1]
NOW_ARGUMENT = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Run:
    """One child process: wall seconds, CPU seconds (user + system), of which system, and peak resident MB."""

    wall: float
    cpu: float
    peak_mb: float
    system: float = 0.0


def run(command: Sequence[str], cwd: Path) -> Run:
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # communicate() would reap the child itself; read stderr first, then wait4 for the usage.
    errors = child.stderr.read().decode(errors="replace") if child.stderr else ""
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{errors[-4000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, usage.ru_stime)  # ru_maxrss: KiB


def best(runs: list[Run]) -> Run:
    """The median of each measure: one slow outlier on a shared machine does not move it."""
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        statistics.median(r.peak_mb for r in runs),
        statistics.median(r.system for r in runs),
    )


def repeated(times: int, measure: Callable[[], Run]) -> Run:
    return best([measure() for _ in range(times)])


# -- the projects -----------------------------------------------------------------------------


def theme_lines() -> list[str]:
    """Older trees keep Balise's Material overrides in the repository's theme/ folder."""
    legacy = REPO / "theme"
    return [f"  custom_dir: {legacy}"] if (legacy / "main.html").is_file() else []


def synthetic_project(root: Path, count: int, shape: Shape) -> Path:
    config = write_config(root, shape, theme_lines())
    write_incidents(root, count, shape)
    return config


def reference_project(root: Path) -> Path:
    """An empty Material for MkDocs site: what any MkDocs-based site costs before its content."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Reference\n\nAn empty Material site.\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text("site_name: Reference\ntheme:\n  name: material\n  font: false\n", encoding="utf-8")
    return config


def build_command(config: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "site_builder", "build", "--config", str(config), "--now", NOW_ARGUMENT,
            "--site-dir", str(site)]  # fmt: skip


def check_command(config: Path) -> list[str]:
    return [sys.executable, "-m", "site_builder", "check", str(config.parent / "incidents"), "--config", str(config),
            "--now", NOW_ARGUMENT, "--format", "json"]  # fmt: skip


def reference_command(config: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]


def touch_one_incident(root: Path, marker: str) -> Path:
    """Change the body of the newest incident, as an engineer's update would: its page, the home
    page, history, feeds and API all depend on it."""
    newest = sorted((root / "incidents").glob("*.md"))[-1]
    text = newest.read_text(encoding="utf-8")
    body_start = text.index("\n---\n", 4) + len("\n---\n")
    updated = text[:body_start] + f"Benchmark edit {marker}.\n\n" + text[body_start:]
    scratch = newest.with_suffix(".tmp")
    scratch.write_text(updated, encoding="utf-8")
    os.replace(scratch, newest)
    return newest


# -- preview latency --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(url: str, wanted: str, timeout: float, interval: float = 0.01) -> float:
    """Seconds until `url` serves a body containing `wanted`."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = fetch(url)
        if body is not None and wanted in body:
            return time.perf_counter() - start
        time.sleep(interval)
    raise SystemExit(f"timed out after {timeout:.0f} s waiting for {wanted!r} at {url}")


def preview_latency(root: Path, config: Path, rounds: int) -> list[float]:
    """Seconds from an incident file saved to its page served with the change, per round."""
    port = free_port()
    command = [sys.executable, "-m", "site_builder", "serve", "--config", str(config), "--now", NOW_ARGUMENT,
               "--dev-addr", f"127.0.0.1:{port}", "--quiet"]  # fmt: skip
    server = subprocess.Popen(
        command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base, "<html", timeout=900, interval=0.2)
        latencies = []
        for index in range(rounds):
            marker = f"preview-{index}-{time.time_ns()}"
            changed = touch_one_incident(root, marker)
            saved = time.perf_counter()
            url = f"{base}incidents/{changed.stem}/"
            wait_for(url, marker, timeout=900)
            latencies.append(time.perf_counter() - saved)
            time.sleep(1.0)  # let the watcher settle before the next save
        return latencies
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# -- one size ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Size:
    incidents: int
    cold: Run
    warm: Run
    check_cold: Run
    check_warm: Run
    preview: float | None
    pages: int
    home_kb: float
    home_gzip_kb: float


def set_aside(paths: Sequence[Path], trash: Path) -> None:
    """Moves `paths` into `trash`, deleted once every measure is done.

    Deleting a site of 10,000 folders just before a build would charge the build for it: on an
    ext4 file system without a journal (this benchmark's VM), the kernel skips inodes freed in
    the last minute or so when it allocates new ones, one by one, so each folder or file the
    build creates then costs 100-400 µs of system time instead of about 20 µs.
    """
    trash.mkdir(exist_ok=True)
    for path in paths:
        if path.exists():
            path.rename(trash / f"{len(list(trash.iterdir()))}-{path.name}")


def measure(count: int, shape: Shape, repeat: int, preview_rounds: int, keep: bool, trash: Path) -> Size:
    root = Path(tempfile.mkdtemp(prefix=f"balise-bench-{count}-"))
    try:
        config = synthetic_project(root, count, shape)
        site = root / "site"

        def cold_build() -> Run:
            # Cold: no site and no cache of any kind beside the project.
            set_aside([site, *root.glob(".balise*"), *root.glob(".cache")], trash)
            return run(build_command(config, site), root)

        cold = repeated(repeat, cold_build)
        warm_runs = []
        for index in range(repeat):
            touch_one_incident(root, f"warm-{index}")
            warm_runs.append(run(build_command(config, site), root))
        warm = best(warm_runs)
        set_aside(list(root.glob(".balise*")), trash)
        check_cold = run(check_command(config), root)
        check_warm = repeated(repeat, lambda: run(check_command(config), root))
        pages = list(site.rglob("index.html"))
        home = (site / "index.html").read_bytes()
        preview = statistics.median(preview_latency(root, config, preview_rounds)) if preview_rounds else None
        return Size(
            count, cold, warm, check_cold, check_warm, preview, len(pages),
            len(home) / 1024, len(gzip.compress(home, mtime=0)) / 1024,
        )  # fmt: skip
    finally:
        if keep:
            print(f"kept: {root}", file=sys.stderr)
        else:
            set_aside([root], trash)


def reference(repeat: int) -> Run:
    root = Path(tempfile.mkdtemp(prefix="balise-bench-reference-"))
    try:
        config = reference_project(root)
        return repeated(repeat, lambda: run(reference_command(config, root / "site"), root))
    finally:
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
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", load %.2f %.2f %.2f" % os.getloadavg() if hasattr(os, "getloadavg") else ""
    return f"{cores} cores, {cpu}, Python {platform.python_version()}{load}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--components", type=int, default=10, help="components in the catalog (default 10)")
    parser.add_argument("--groups", type=int, default=3, help="groups they are spread over (default 3)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measure; the median is shown")
    parser.add_argument("--preview", type=int, default=0, metavar="ROUNDS",
                        help="also measure the preview: ROUNDS saves, the median latency is shown")  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep each generated project and its site")
    args = parser.parse_args()
    shape = Shape(args.components, args.groups)
    print(f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}")
    print(f"data: {shape.components} components in {shape.groups} groups, {YEARS} years, 1 in 20 a maintenance")
    ref = reference(max(args.repeat, 3))
    print(f"reference (empty Material build): wall {ref.wall:.2f} s, CPU {ref.cpu:.2f} s, peak {ref.peak_mb:.0f} MB")
    print()
    print("| incidents | build cold wall s (× ref) | CPU s (× ref) | of which system s | peak MB | build warm wall s (× ref) | "
          "check cold s | check warm s | preview s | pages | home KB (gzip) |")  # fmt: skip
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    trash = Path(tempfile.mkdtemp(prefix="balise-bench-trash-"))
    try:
        for count in args.incidents:
            report(measure(count, shape, args.repeat, args.preview, args.keep, trash), ref)
    finally:
        shutil.rmtree(trash, ignore_errors=True)


def report(r: Size, ref: Run) -> None:
    preview = f"{r.preview:.2f}" if r.preview is not None else "–"
    print(
        f"| {r.incidents:,} | {r.cold.wall:.2f} ({r.cold.wall / ref.wall:.1f}) | {r.cold.cpu:.2f} ({r.cold.cpu / ref.cpu:.1f}) "
        f"| {r.cold.system:.2f} | {r.cold.peak_mb:.0f} | {r.warm.wall:.2f} ({r.warm.wall / ref.wall:.1f}) | {r.check_cold.wall:.2f} "
        f"| {r.check_warm.wall:.2f} | {preview} | {r.pages:,} | {r.home_kb:.0f} ({r.home_gzip_kb:.0f}) |",
        flush=True,
    )


if __name__ == "__main__":
    main()
