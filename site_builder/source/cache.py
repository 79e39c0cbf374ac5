"""Caches keyed by content, in a folder beside mkdocs.yml that CI can keep between runs.

Every entry is found under a digest of everything its value depends on (a file's bytes and
path, the config, the moment of the build…), inside a folder named after Balise's code and
the versions of the libraries that shape its output: a changed input is another key, never a
stale value, and another version of Balise never reads this one's entries. Entries are data
(JSON text), never code, so a cache folder from anywhere — another project, an older Balise, a
hostile pull request — can at worst make a build do its work itself: whatever cannot be read
is ignored. A build with and without its cache writes the same bytes
(tests/source/test_cache.py, tests/commands/test_build_cache.py).

Nothing from the cache is trusted more than the files it stands for. The folder is never
committed (.gitignore), and a folder git tracks anything in is not used at all: a pull request
could have put it there. The folder, the version folder and every file are opened without
following symbolic links, so the cache never reads or writes outside the project. What
reaches a page from it is checked again where it matters (markup re-sanitises cached HTML,
source/project.py checks cached incidents against the catalog).

`BALISE_CACHE=off` turns caching off.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import secrets
import shutil
import stat
import subprocess
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

FOLDER_NAME = ".balise-cache"
#: Set to `off` (or `0`, `no`) to build without reading or writing the cache.
SWITCH = "BALISE_CACHE"
#: The first line of every table file; a file that does not start with it is not ours.
HEADER = "balise-cache 1"
#: A table larger than this is not read: something else put it there.
MAX_TABLE_BYTES = 512 << 20
#: The libraries whose versions change what Balise writes.
LIBRARIES = (
    "mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "nh3", "babel", "jinja2", "markupsafe",
    "ruamel.yaml", "ruamel.yaml.clib", "feedgen", "icalendar", "tzdata",
)  # fmt: skip
#: The package's files that make its output: code, templates, catalogs, theme.
CODE_SUFFIXES = (".py", ".html", ".po", ".css", ".js", ".json", ".svg", ".jinja")


def digest(*parts: str | bytes) -> str:
    """A key for the given parts (each length-prefixed, so no two lists of parts share one)."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


@cache
def code_fingerprint() -> str:
    """Balise's code and data files, Python's version and the libraries' versions, as one digest."""
    package = Path(__file__).resolve().parents[1]
    parts: list[str | bytes] = [platform.python_version()]
    for library in LIBRARIES:
        try:
            parts += [library, version(library)]
        except PackageNotFoundError:
            parts += [library, "-"]
    for path in sorted(package.rglob("*")):
        if path.suffix in CODE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    return digest(*parts)


def caching_enabled() -> bool:
    return os.environ.get(SWITCH, "").strip().lower() not in ("off", "0", "no", "false")


@dataclass
class Table:
    """Text values under keys, stored as one file: `key<TAB>JSON string` per line.

    Values are read from the file only when asked for, and the file is rewritten with the
    entries this run used or added, so it holds what the current project needs and no more.
    """

    path: Path | None
    stored: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    added: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path | None) -> Table:
        table = cls(path)
        if path is not None:
            table.stored = _read_lines(path)
        return table

    @classmethod
    def read_parts(cls, folder: Path | None, name: str) -> Table:
        """The entries of every `name-*.table` in `folder`, as one table (see `save_part`)."""
        table = cls(None)
        if folder is not None and _real_folder(folder):
            with suppress(OSError):
                for path in sorted(folder.glob(f"{name}-*.table")):
                    table.stored.update(_read_lines(path))
        return table

    def save_part(self, folder: Path | None, name: str, part: str) -> None:
        """What this process used or added, as `name-<part>.table`: each worker of a build saves the
        entries of the pages it rendered, none of them sends its share to another."""
        if folder is not None:
            self.path = folder / f"{name}-{part}.table"
            self.stored = {key: self.stored[key] for key in self.used if key in self.stored}
            self.save(force=True)

    @staticmethod
    def remove_parts(folder: Path | None, name: str, keep: str) -> None:
        """Removes the `name-*.table` files whose part does not start with `keep`."""
        if folder is None or not _real_folder(folder):
            return
        with suppress(OSError):
            for path in folder.glob(f"{name}-*.table"):
                if not path.name.startswith(f"{name}-{keep}") and not path.is_symlink():
                    path.unlink()

    def get(self, key: str) -> str | None:
        if key in self.added:
            return self.added[key]
        line = self.stored.get(key)
        if line is None:
            return None
        try:
            value = json.loads(line)
        except ValueError:
            return None
        if not isinstance(value, str):
            return None
        self.used.add(key)
        return value

    def put(self, key: str, value: str) -> None:
        self.added[key] = value

    def touch(self, key: str) -> None:
        """Marks an entry read elsewhere (by a worker process) as still needed."""
        if key in self.stored:
            self.used.add(key)

    def update(self, entries: Iterable[tuple[str, str]]) -> None:
        for key, value in entries:
            self.put(key, value)

    def save(self, force: bool = False, prune: bool = True) -> None:
        """Writes the table if this run changed what it should hold; a failure leaves the old one.

        With `prune`, entries this run did not use are dropped, so the table holds what the
        project needs now; without, they stay (a build that reused whole pages did not need them).
        """
        if self.path is None:
            return
        unused = self.stored.keys() - self.used - self.added.keys()
        if not self.added and (not unused or not prune) and not force:
            return
        if not (_real_folder(self.path.parent.parent, create=True) and _real_folder(self.path.parent, create=True)):
            return
        kept = sorted((self.stored.keys() if not prune else self.used) - self.added.keys())

        def lines() -> Iterator[bytes]:
            yield (HEADER + "\n").encode()
            for key in kept:
                yield f"{key}\t{self.stored[key]}\n".encode("utf-8", "surrogatepass")
            for key, value in sorted(self.added.items()):
                yield f"{key}\t{json.dumps(value, ensure_ascii=False)}\n".encode("utf-8", "surrogatepass")

        write_file(self.path, lines())


def _read_lines(path: Path) -> dict[str, str]:
    """The entries of a table file, or none if it is missing, too large or not ours."""
    data = read_file(path, MAX_TABLE_BYTES)
    if data is None:
        return {}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {}
    lines = text.split("\n")
    if lines[0] != HEADER:
        return {}
    entries = {}
    for line in lines[1:]:
        key, tab, value = line.partition("\t")
        if tab and len(key) == KEY_LENGTH and value.startswith('"') and value.endswith('"'):
            entries[key] = value
    return entries


def read_file(path: Path, limit: int) -> bytes | None:
    """A regular file's bytes, never through a symbolic link; None if it cannot be read or exceeds `limit`."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            data = file.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return data if len(data) <= limit else None


def write_file(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Writes `path` whole or not at all (a scratch file renamed over it); a failure is ignored."""
    scratch = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        with os.fdopen(descriptor, "wb") as file:
            if isinstance(data, bytes):
                file.write(data)
            else:
                file.writelines(data)
        os.replace(scratch, path)
    except OSError:  # a read-only checkout, a full disk: the next build does the work again
        with suppress(OSError):
            scratch.unlink()


#: Keys are 40 hexadecimal digits (see digest).
KEY_LENGTH = 40
def _real_folder(path: Path, create: bool = False) -> bool:
    """Whether `path` is a folder and not a symbolic link (made if asked)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        if not create:
            return False
        try:
            path.mkdir(parents=True, exist_ok=True)
            mode = os.lstat(path).st_mode
        except OSError:
            return False
    except OSError:
        return False
    return stat.S_ISDIR(mode)


def tracked_by_git(folder: Path) -> bool:
    """Whether git tracks anything in `folder`; True when a repository is there but git cannot say."""
    repository = next((f for f in (folder.parent, *folder.parent.parents) if (f / ".git").exists()), None)
    if repository is None:
        return False
    try:
        listed = subprocess.run(
            ["git", "-C", str(repository), "ls-files", "-z", "--", str(folder.relative_to(repository))],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError, ValueError):
        return True
    return listed.returncode != 0 or bool(listed.stdout)


@dataclass(frozen=True)
class CacheFolder:
    """`.balise-cache/` beside mkdocs.yml; `root` None when caching is off or the folder is not usable."""

    root: Path | None

    @classmethod
    def beside(cls, config_file: Path) -> CacheFolder:
        if not caching_enabled():
            return cls(None)
        root = config_file.resolve().parent / FOLDER_NAME
        if os.path.lexists(root) and (not _real_folder(root) or tracked_by_git(root)):
            return cls(None)
        return cls(root)

    @property
    def current(self) -> Path | None:
        """The folder of this version of Balise and its libraries."""
        return None if self.root is None else self.root / code_fingerprint()[:20]

    def table(self, name: str) -> Table:
        current = self.current
        return Table.read(None if current is None else current / f"{name}.table")

    def prune(self) -> None:
        """Removes what other versions of Balise left, so the folder CI keeps does not grow."""
        if self.root is None or self.current is None or not _real_folder(self.root):
            return
        with suppress(OSError):
            for entry in self.root.iterdir():
                if entry != self.current and len(entry.name) == 20 and _real_folder(entry):
                    shutil.rmtree(entry, ignore_errors=True)
