"""The same project on each site engine and theme, in one run: what reports/engines.md quotes.

    python bench/engines.py [--incidents 1000] [--repeat 3] [--zensical /path/to/venv/bin/zensical]

Builds one synthetic project (synthetic.py) cold, in a child process each time, with:

- MkDocs 1.6 and Material (`BALISE_ENGINE=mkdocs balise build`),
- ProperDocs and Material (`BALISE_ENGINE=properdocs balise build`, the default),
- ProperDocs and Balise's own theme (`theme: name: balise`, what `balise build` uses when
  Material is not installed), and MkDocs with it,
- Zensical (`zensical build`), when given the path of its command: it runs in a venv of its own
  (it pins its own dependencies), and builds none of Balise's pages (see the report).

For each: wall and CPU time (and the ratio to an empty Material build measured in the same run,
as run.py does), peak memory, files and bytes written, what the theme's own assets weigh, and
the home and an incident page raw and gzipped (what a CDN sends).
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import NOW_ARGUMENT, Run, best, machine, reference, run, set_aside, synthetic_project
from synthetic import Shape

#: What each theme ships besides Balise's own files: Material's bundles, or Balise's page styles.
THEME_ASSETS = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "assets/balise/standalone.css")


@dataclass(frozen=True)
class Variant:
    label: str
    engine: str | None  # BALISE_ENGINE, or None for Zensical
    theme: str  # the theme name written into mkdocs.yml


@dataclass(frozen=True)
class Result:
    variant: Variant
    run: Run
    files: int
    pages: int
    site_kb: float
    theme_kb: float
    home: bytes
    incident: bytes


VARIANTS = (
    Variant("MkDocs 1.6 + Material", "mkdocs", "material"),
    Variant("ProperDocs + Material", "properdocs", "material"),
    Variant("ProperDocs + Balise's own theme", "properdocs", "balise"),
    Variant("MkDocs 1.6 + Balise's own theme", "mkdocs", "balise"),
)


def balise_build(config: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "site_builder", "build", "--config", str(config), "--now", NOW_ARGUMENT,
            "--site-dir", str(site)]  # fmt: skip


def with_theme(config: Path, theme: str) -> Path:
    variant = config.with_name(f"mkdocs-{theme}.yml")
    variant.write_text(config.read_text(encoding="utf-8").replace("  name: material\n", f"  name: {theme}\n"), encoding="utf-8")
    return variant


def cold_run(command: Sequence[str], root: Path, site: Path, env: dict[str, str], trash: Path) -> Run:
    """One build with no site and no cache beside the project."""
    set_aside([site, *root.glob(".balise*"), *root.glob(".cache")], trash)
    previous = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        return run(command, root)
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def summarised(variant: Variant, measure: Run, site: Path) -> Result:
    files = [p for p in site.rglob("*") if p.is_file()]
    theme = [p for p in files if p.relative_to(site).as_posix().startswith(THEME_ASSETS)]
    incidents = sorted(site.glob("incidents/*/index.html"))
    return Result(
        variant, measure, len(files), len(list(site.rglob("index.html"))),
        sum(p.stat().st_size for p in files) / 1024, sum(p.stat().st_size for p in theme) / 1024,
        (site / "index.html").read_bytes() if (site / "index.html").is_file() else b"",
        incidents[-1].read_bytes() if incidents else b"",
    )  # fmt: skip


def kb(page: bytes) -> str:
    if not page:
        return "–"
    return f"{len(page) / 1024:.1f} ({len(gzip.compress(page, mtime=0)) / 1024:.1f})"


def report(result: Result, ref: Run) -> None:
    r = result.run
    print(
        f"| {result.variant.label} | {r.wall:.2f} ({r.wall / ref.wall:.1f}) | {r.cpu:.2f} ({r.cpu / ref.cpu:.1f}) "
        f"| {r.peak_mb:.0f} | {result.pages:,} | {result.files:,} | {result.site_kb / 1024:.1f} | {result.theme_kb:.0f} "
        f"| {kb(result.home)} | {kb(result.incident)} |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5, help="rounds of cold builds; the median is shown")
    parser.add_argument("--zensical", type=Path, help="the `zensical` command of a venv where Zensical is installed")
    args = parser.parse_args()
    print(f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}")
    ref = reference(max(args.repeat, 3))
    print(f"reference (empty Material build): wall {ref.wall:.2f} s, CPU {ref.cpu:.2f} s")
    print(f"project: {args.incidents:,} incidents, 10 components in 3 groups (bench/synthetic.py)")
    print()
    print("| engine + theme | build cold wall s (× ref) | CPU s (× ref) | peak MB | pages | files | site MB "
          "| theme assets KB | home KB (gzip) | incident page KB (gzip) |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    root = Path(tempfile.mkdtemp(prefix="balise-engines-"))
    trash = Path(tempfile.mkdtemp(prefix="balise-engines-trash-"))
    try:
        (root / "project").mkdir()
        config = synthetic_project(root / "project", args.incidents, Shape())
        project = config.parent
        (project / "docs").mkdir()  # Zensical, like a plain MkDocs, needs docs_dir
        builds: list[tuple[Variant, list[str], Path, dict[str, str]]] = [
            (v, balise_build(with_theme(config, v.theme), root / f"site-{v.engine}-{v.theme}"),
             root / f"site-{v.engine}-{v.theme}", {"BALISE_ENGINE": v.engine or ""})
            for v in VARIANTS
        ]  # fmt: skip
        if args.zensical:
            zensical = Variant("Zensical + its theme (no Balise plugin)", None, "material")
            builds.append((zensical, [str(args.zensical), "build", "--clean", "-f", str(config)], project / "site", {}))
        # Round after round, each variant once a round: a load that comes and goes on a shared
        # machine weighs on every variant alike; the median of the rounds is shown.
        runs: dict[Variant, list[Run]] = {variant: [] for variant, *_ in builds}
        for _ in range(args.repeat):
            for variant, command, site, env in builds:
                runs[variant].append(cold_run(command, project, site, env, trash))
        for variant, _, site, _ in builds:
            report(summarised(variant, best(runs[variant]), site), ref)
    finally:
        shutil.rmtree(trash, ignore_errors=True)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
