"""The line of a new project's requirements.txt that installs Balise on a fresh CI runner,
chosen from how the Balise running `balise init` was installed (PEP 610's direct_url.json).

A runner has the repository and a package index, nothing else. An exact version is right only
for a release that came from an index; a wheel or an sdist installed from a file is copied into
the repository (vendor/) and named by a path relative to the project's root, where both
workflows run pip; a checkout (editable or not) is built into a wheel there; a VCS install is
pinned at the exact commit it was installed from.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import distributions
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

DISTRIBUTION = "balise"
#: Where a copied or built archive goes in the new project; committed with the rest.
VENDOR = "vendor"
#: What pip installs from a file: wheels and the sdist formats.
ARCHIVE_SUFFIXES = (".whl", ".tar.gz", ".zip")
#: A wheel of this package builds in seconds; a build that hangs must not hang `init`.
BUILD_TIMEOUT = 600


class RequirementError(Exception):
    """No line a CI runner could install: the message says why, and what to pass instead."""


@dataclass(frozen=True)
class Vendored:
    """An archive the new project carries in vendor/."""

    name: str
    data: bytes

    @property
    def path(self) -> str:
        return f"{VENDOR}/{self.name}"


@dataclass(frozen=True)
class Requirement:
    line: str  # the line of requirements.txt
    how: str  # what `init` says it chose, and why
    upgrade: str  # how the team upgrades, for its README (one step)
    vendored: Vendored | None = None


@dataclass(frozen=True)
class Origin:
    """Where the running Balise came from: direct_url.json, or None for an index."""

    direct_url: dict[str, Any] | None


#: Builds a wheel of a pip source (a folder, or `git+URL@commit`) into a folder; returns the wheel.
WheelBuilder = Callable[[str, Path], Path]


def installed_origin() -> Origin:
    """How Balise was installed, as the installer recorded it.

    Metadata an installer wrote (it leaves an INSTALLER file) wins over metadata a build left
    in a source tree (`balise.egg-info`), which Python also finds when run from that tree.
    """
    found = list(distributions(name=DISTRIBUTION))
    if not found:  # run from a source tree that was never installed
        return Origin({"url": Path(__file__).resolve().parents[2].as_uri(), "dir_info": {}})
    installed = next((dist for dist in found if dist.read_text("INSTALLER") is not None), found[0])
    text = installed.read_text("direct_url.json")
    if not text:
        return Origin(None)
    try:
        data = json.loads(text)
    except ValueError:
        return Origin(None)
    return Origin(data if isinstance(data, dict) and isinstance(data.get("url"), str) else None)


def requirement_for(origin: Origin, version: str, build: WheelBuilder | None = None) -> Requirement:
    """The requirement a runner can install for the Balise `origin` describes."""
    build = build or build_wheel
    direct = origin.direct_url
    if direct is None:
        return Requirement(
            f"{DISTRIBUTION}=={version}",
            f"Balise {version} was installed from a package index: requirements.txt pins "
            f"{DISTRIBUTION}=={version}, which CI installs from the index",
            "change the version on the balise line of requirements.txt",
        )
    url = direct["url"]
    if isinstance(direct.get("vcs_info"), dict):
        return _from_vcs(url, direct, version, build)
    if isinstance(direct.get("archive_info"), dict):
        return _from_archive(url, direct["archive_info"], version)
    editable = isinstance(direct.get("dir_info"), dict) and direct["dir_info"].get("editable") is True
    return _from_folder(_local_path(url), editable, version, build)


def vendored_file(path: Path, why: str) -> Requirement:
    """A local wheel or sdist, copied into vendor/ and named by its path from the project's root."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RequirementError(f"cannot read {path}: {error.strerror}") from None
    vendored = Vendored(path.name, data)
    return Requirement(
        f"./{vendored.path}",
        f"requirements.txt installs Balise from {vendored.path}, {why}; commit vendor/ with the rest "
        "(pip reads the path from the project's root, where both workflows run it)",
        "put the new wheel in vendor/ in place of the old one, and its file name on the balise line of requirements.txt",
        vendored,
    )


def given_requirement(text: str) -> Requirement:
    """`--requirement`: a local archive is vendored (a runner could not reach the path), any other
    line is written as it is."""
    line = text.strip()
    path = Path(line).expanduser()
    if line.endswith(ARCHIVE_SUFFIXES) and "://" not in line and " " not in line and path.is_file():
        return vendored_file(path, f"a copy of {path} (--requirement)")
    return Requirement(line, f"requirements.txt: {line} (--requirement)", "change the balise line of requirements.txt")


def _from_archive(url: str, info: dict[str, Any], version: str) -> Requirement:
    parts = urlsplit(url)
    if parts.scheme != "file":
        remote = _without_secrets(url)
        digest = _hash_fragment(info)
        if digest and "#" not in remote:
            remote = f"{remote}#{digest}"
        return Requirement(
            f"{DISTRIBUTION} @ {remote}",
            f"Balise was installed from {remote}: requirements.txt installs the same file from there",
            "change the URL on the balise line of requirements.txt",
        )
    path = _local_path(url)
    if not path.is_file():
        raise RequirementError(
            f"Balise was installed from {path}, which is no longer there, so it cannot be copied into the new "
            f"project; put it back, or pass the archive or line to install with --requirement "
            f"(e.g. --requirement /path/to/balise-{version}-py3-none-any.whl, or --requirement balise=={version} "
            "if your package index holds that release)"
        )
    return vendored_file(path, f"a copy of the archive this Balise was installed from ({path})")


def _from_vcs(url: str, direct: dict[str, Any], version: str, build: WheelBuilder) -> Requirement:
    info = direct["vcs_info"]
    vcs, commit = str(info.get("vcs", "git")), str(info.get("commit_id", ""))
    subdirectory = direct.get("subdirectory")
    fragment = f"#subdirectory={subdirectory}" if isinstance(subdirectory, str) and subdirectory else ""
    source = f"{vcs}+{url}@{commit}{fragment}"
    if urlsplit(url).scheme == "file":  # a clone on this machine: a runner cannot reach it
        return _built(source, f"the commit {commit[:12]} of {_local_path(url)} that this Balise was installed from",
                      version, build)  # fmt: skip
    pinned = f"{DISTRIBUTION} @ {vcs}+{_without_secrets(url)}@{commit}{fragment}"
    return Requirement(
        pinned,
        f"Balise was installed from {vcs} at commit {commit}: requirements.txt installs that exact commit",
        "change the commit at the end of the balise line of requirements.txt",
    )


def _from_folder(folder: Path, editable: bool, version: str, build: WheelBuilder) -> Requirement:
    kind = "an editable checkout" if editable else "a source folder"
    if not folder.is_dir():
        raise RequirementError(
            f"Balise was installed from {kind}, {folder}, which is no longer there; pass the wheel or line to "
            f"install with --requirement (e.g. --requirement balise=={version} if your package index holds it)"
        )
    return _built(str(folder), f"built from {kind} this Balise runs from ({folder})", version, build)


def _built(source: str, why: str, version: str, build: WheelBuilder) -> Requirement:
    with tempfile.TemporaryDirectory(prefix="balise-wheel-") as scratch:
        try:
            wheel = build(source, Path(scratch))
        except RequirementError as error:
            raise RequirementError(
                f"Balise runs from {source}, which a CI runner cannot install, and building a wheel of it failed: "
                f"{error}. Build one yourself (python -m pip wheel --no-deps -w dist {source}) and pass it: "
                f"balise init --requirement dist/balise-{version}-py3-none-any.whl"
            ) from None
        return vendored_file(wheel, f"a wheel {why}")


def build_wheel(source: str, folder: Path) -> Path:
    """`pip wheel --no-deps` of `source` into `folder`, with the pip of the running Python."""
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(folder), source]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RequirementError(f"pip could not run: {error}") from None
    wheels = sorted(folder.glob(f"{DISTRIBUTION}-*.whl"))
    if result.returncode != 0 or len(wheels) != 1:
        last = (result.stderr.strip().splitlines() or result.stdout.strip().splitlines() or ["no wheel was built"])[-1]
        raise RequirementError(last)
    return wheels[0]


def _local_path(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def _without_secrets(url: str) -> str:
    """The URL without a password or token: PEP 610 allows `${VARIABLE}` and ssh's `git@` only."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    userinfo, host = parts.netloc.rsplit("@", 1)
    if userinfo == "git" or userinfo.startswith("${"):
        return url
    return urlunsplit(parts._replace(netloc=host))


def _hash_fragment(info: dict[str, Any]) -> str | None:
    hashes = info.get("hashes")
    if isinstance(hashes, dict) and isinstance(hashes.get("sha256"), str):
        return f"sha256={hashes['sha256']}"
    legacy = info.get("hash")
    return legacy if isinstance(legacy, str) and "=" in legacy else None
