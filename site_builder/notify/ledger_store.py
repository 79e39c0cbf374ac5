"""Where the ledger lives between runs: a branch of the repository (CI), or a file (local use).

A CI machine is new at every run, so the ledger cannot stay on it. A branch of the site's own
repository holds it: each run that changed something commits the new ledger on top of the one
it read and pushes it without force, so git refuses the push if another run wrote first (the
store then merges the two and tries again), and the branch's history says what was sent when.
See DEPLOY.md for why a branch rather than a file published with the site.
"""

from __future__ import annotations

import base64
import os
import subprocess
from pathlib import Path
from typing import Protocol

from ..authoring.atomic import create_file, replace_file
from .ledger import Ledger, LedgerError
from .targets import Redactor

LEDGER_FILE = "ledger.json"
GIT_TIMEOUT = 120
PUSH_ATTEMPTS = 3
IDENTITY = {
    "GIT_AUTHOR_NAME": "Balise notify",
    "GIT_AUTHOR_EMAIL": "notify@balise.invalid",
    "GIT_COMMITTER_NAME": "Balise notify",
    "GIT_COMMITTER_EMAIL": "notify@balise.invalid",
}


class LedgerStore(Protocol):
    def load(self) -> Ledger:
        """The stored ledger, an empty one if there is none yet; LedgerError if it cannot be read."""

    def save(self, ledger: Ledger, summary: str) -> Ledger:
        """Store `ledger`; returns what was stored (merged with a concurrent run's, if any)."""


class FileLedgerStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Ledger:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return Ledger()
        except OSError as error:
            raise LedgerError(f"cannot read {self.path}: {error.strerror}") from None
        return Ledger.from_json(data)

    def save(self, ledger: Ledger, summary: str) -> Ledger:
        data = ledger.to_json()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            replace_file(self.path, data)
        except FileNotFoundError:
            create_file(self.path, data)
        return ledger


class GitLedgerStore:
    """The ledger as `ledger.json` on its own branch of `remote`, written with plumbing only:
    the working tree and the checked-out branch are never touched."""

    def __init__(self, repository: Path, branch: str, remote: str = "origin", token: str | None = None) -> None:
        self.repository = repository
        self.branch = branch
        self.remote = remote
        self.token = token
        self.base: str | None = None  # the commit the loaded ledger came from
        self.loaded: bytes | None = None
        secrets = [token, self._header()] if token else []
        self.redact = Redactor([s for s in secrets if s])

    @property
    def ref(self) -> str:
        return f"refs/heads/{self.branch}"

    def load(self) -> Ledger:
        found = self._git("ls-remote", "--exit-code", self.remote, self.ref, check=False)
        if found.returncode == 2:  # the remote answered: no such branch yet, a first run
            self.base, self.loaded = None, None
            return Ledger()
        if found.returncode != 0:
            raise LedgerError(f"cannot read the branch '{self.branch}' of '{self.remote}': {self._said(found)}")
        local = f"refs/balise/{self.branch}"
        fetched = self._git("fetch", "--no-tags", "--depth=1", self.remote, f"+{self.ref}:{local}", check=False)
        if fetched.returncode != 0:
            raise LedgerError(f"cannot fetch the branch '{self.branch}': {self._said(fetched)}")
        self.base = self._git("rev-parse", local).stdout.strip()
        shown = self._git("show", f"{self.base}:{LEDGER_FILE}", check=False, text=False)
        if shown.returncode != 0:
            raise LedgerError(f"the branch '{self.branch}' has no {LEDGER_FILE}")
        self.loaded = shown.stdout
        return Ledger.from_json(shown.stdout)

    def save(self, ledger: Ledger, summary: str) -> Ledger:
        for _ in range(PUSH_ATTEMPTS):
            data = ledger.to_json()
            if data == self.loaded:
                return ledger
            commit = self._commit(data, summary)
            pushed = self._git("push", "--porcelain", self.remote, f"{commit}:{self.ref}", check=False)
            if pushed.returncode == 0:
                self.base, self.loaded = commit, data
                return ledger
            if "rejected" not in pushed.stdout + pushed.stderr and "non-fast-forward" not in pushed.stderr:
                raise LedgerError(f"cannot push the branch '{self.branch}': {self._said(pushed)}")
            # Another run wrote first: keep what both know, on top of its commit.
            ledger = self.load().merge(ledger)
        raise LedgerError(f"the branch '{self.branch}' kept moving; {PUSH_ATTEMPTS} pushes were refused")

    def _commit(self, data: bytes, summary: str) -> str:
        blob = self._git("hash-object", "-w", "--stdin", input=data).stdout.strip()
        tree = self._git("mktree", input=f"100644 blob {blob}\t{LEDGER_FILE}\n".encode()).stdout.strip()
        parents = ["-p", self.base] if self.base else []
        return self._git("commit-tree", tree, *parents, "-m", summary).stdout.strip()

    def _header(self) -> str:
        credentials = base64.b64encode(f"x-access-token:{self.token}".encode()).decode()
        return f"AUTHORIZATION: basic {credentials}"

    def _git(
        self, *args: str, check: bool = True, input: bytes | None = None, text: bool = True
    ) -> subprocess.CompletedProcess:
        config = ["-c", f"http.extraheader={self._header()}"] if self.token else []
        environment = {**os.environ, **IDENTITY, "GIT_TERMINAL_PROMPT": "0"}
        try:
            result = subprocess.run(
                ["git", *config, *args],
                cwd=self.repository,
                input=input,
                capture_output=True,
                env=environment,
                timeout=GIT_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise LedgerError(f"git could not run ({type(error).__name__})") from None
        stdout = result.stdout.decode("utf-8", "replace") if text else result.stdout
        completed = subprocess.CompletedProcess(result.args, result.returncode, stdout, result.stderr.decode("utf-8", "replace"))
        if check and result.returncode != 0:
            raise LedgerError(f"git {args[0]} failed: {self._said(completed)}")
        return completed

    def _said(self, result: subprocess.CompletedProcess) -> str:
        lines = [line.strip() for line in str(result.stderr).splitlines() if line.strip()]
        return self.redact(lines[-1]) if lines else f"exit status {result.returncode}"
