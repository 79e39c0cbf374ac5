"""The git side of the alert workflow: the drafts' branches, written with plumbing only.

A draft's commit is made from its parent's tree with one file replaced (a temporary index,
`commit-tree`), so the checkout stays on the base branch and nothing but that file can change.
Pushes are never forced blindly: a new branch, or a branch reset after its pull request was
merged, is pushed with `--force-with-lease` naming what the branch held when it was read, so a
concurrent push is refused rather than lost. The token reaches git through the environment
(`GIT_CONFIG_*`), never its command line.
"""

from __future__ import annotations

import base64
import os
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

GIT_TIMEOUT = 120
IDENTITY = {
    "GIT_AUTHOR_NAME": "Balise alert",
    "GIT_AUTHOR_EMAIL": "alert@balise.invalid",
    "GIT_COMMITTER_NAME": "Balise alert",
    "GIT_COMMITTER_EMAIL": "alert@balise.invalid",
}
AUTHOR_EMAIL = IDENTITY["GIT_AUTHOR_EMAIL"]


class GitError(Exception):
    """A git command that failed; one line, without the token."""


@dataclass
class Git:
    root: Path
    remote: str = "origin"
    token: str | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))

    def _environment(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        environment = {**self.environ, **IDENTITY, "GIT_TERMINAL_PROMPT": "0", **(extra or {})}
        for name in ("GITHUB_TOKEN", "BALISE_GITHUB_TOKEN"):
            environment.pop(name, None)
        if self.token:
            credentials = base64.b64encode(f"x-access-token:{self.token}".encode()).decode()
            environment.update(
                {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "http.extraheader",
                 "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {credentials}"}
            )  # fmt: skip
        return environment

    def run(self, *args: str, input: bytes | None = None, check: bool = True, extra: Mapping[str, str] | None = None) -> bytes:
        try:
            result = subprocess.run(
                ["git", *args], cwd=self.root, input=input, capture_output=True,
                env=self._environment(extra), timeout=GIT_TIMEOUT, check=False,
            )  # fmt: skip
        except (OSError, subprocess.TimeoutExpired) as error:
            raise GitError(f"git {args[0]} could not run ({type(error).__name__})") from None
        if check and result.returncode != 0:
            raise GitError(self._said(args[0], result.stderr))
        return result.stdout

    def _said(self, command: str, stderr: bytes) -> str:
        lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        text = f"git {command} failed: {lines[-1] if lines else 'no message'}"
        return text.replace(self.token, "***") if self.token else text

    def text(self, *args: str) -> str:
        return self.run(*args).decode("utf-8", "replace").strip()

    # -- reading -------------------------------------------------------------------------

    def head(self) -> str:
        return self.text("rev-parse", "--verify", "HEAD^{commit}")

    def current_branch(self) -> str:
        return self.text("symbolic-ref", "--quiet", "--short", "HEAD")

    def dirty(self, folder: Path) -> bool:
        return bool(self.run("status", "--porcelain", "--", str(folder)).strip())

    def remote_heads(self, prefix: str = "alert/") -> dict[str, str]:
        listed = self.run("ls-remote", "--heads", self.remote, f"refs/heads/{prefix}*").decode()
        heads = {}
        for line in listed.splitlines():
            sha, _, ref = line.partition("\t")
            heads[ref.removeprefix("refs/heads/")] = sha
        return heads

    def fetch(self, branches: list[str]) -> None:
        if branches:
            specs = [f"+refs/heads/{branch}:refs/balise/{branch}" for branch in branches]
            self.run("fetch", "--no-tags", "--quiet", self.remote, *specs)

    def changed_files(self, base: str, tip: str, folder: str) -> list[str]:
        """Files added or modified on `tip` compared with `base`, under `folder` (repository paths)."""
        listed = self.run("diff-tree", "-r", "--no-renames", "--diff-filter=AM", "--name-only", "-z", base, tip, "--", folder)
        return [name for name in listed.decode("utf-8", "surrogateescape").split("\0") if name]

    def blob(self, commit: str, path: str) -> bytes | None:
        found = subprocess.run(
            ["git", "cat-file", "blob", f"{commit}:{path}"], cwd=self.root, capture_output=True,
            env=self._environment(), timeout=GIT_TIMEOUT, check=False,
        )  # fmt: skip
        return found.stdout if found.returncode == 0 else None

    def last_commit_of(self, base: str, path: str) -> str | None:
        found = self.text("log", "-1", "--format=%H", base, "--", path)
        return found or None

    # -- writing -------------------------------------------------------------------------

    def commit_file(self, parent: str, path: str, data: bytes, message: str) -> str | None:
        """A commit on `parent` with `path` holding `data`; None when `parent` holds it already."""
        blob = self.run("hash-object", "-w", "--stdin", input=data).decode().strip()
        with tempfile.TemporaryDirectory(prefix="balise-index-") as folder:
            index = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
            self.run("read-tree", parent, extra=index)
            self.run("update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", extra=index)
            tree = self.run("write-tree", extra=index).decode().strip()
        if tree == self.text("rev-parse", f"{parent}^{{tree}}"):
            return None
        return self.run("commit-tree", tree, "-p", parent, "-m", message).decode().strip()

    def push(self, commit: str, branch: str, lease: str | None, *, new: bool) -> None:
        """Pushes `commit` to `branch`: a fast-forward of an open draft, or (`new`) a branch
        created or reset, leased on what it held when read (`lease`; None: it did not exist)."""
        args = ["push", "--porcelain", self.remote, f"{commit}:refs/heads/{branch}"]
        if new:
            args.insert(1, f"--force-with-lease=refs/heads/{branch}:{lease or ''}")
        self.run(*args)
