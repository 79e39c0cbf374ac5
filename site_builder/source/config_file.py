"""`mkdocs.yml` read the way MkDocs reads it, with the file and line of every key kept.

MkDocs (mkdocs.utils.yaml.yaml_load) reads the config with PyYAML, YAML 1.1 rules, and:

- `INHERIT: path` names a parent config, relative to the file that names it; the child is
  deep-merged into the parent (mergedeep's REPLACE strategy: mappings merge key by key,
  anything else, lists included, is replaced whole by the child's value). Unlike MkDocs,
  Balise reads a parent only inside the repository, outside `.git`, and only a regular
  file: a pull request's `INHERIT: /proc/self/environ` or `../../other-checkout/secrets.yml`
  would otherwise be read by the PR check, and a pipe would hang it;
- `!ENV NAME` is the variable's value, or null when it is not set; `!ENV [A, B, default]`
  is the first of A, B that is set, else the last item (a default, with its YAML type).
  A variable's value gets the type YAML would give it written plainly (`true`, `8000`).

Balise must read the same values MkDocs builds with (a `site_url: !ENV SITE_URL` read as
nothing would change every public id), but it must also say where a problem is: each key
of the merged document remembers the file its line belongs to (`Origins`). MkDocs is not
imported here: this layer is below the adapter.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from .limits import CONFIG_BYTES
from .load import read_limited
from .problems import BaliseError, Problem, display_path
from .tree import repository_root
from .yamlread import Node, ScalarNode, SequenceNode, YamlSyntaxError, load_config, plain_value

INHERIT = "INHERIT"
ENV_TAG = "!ENV"
#: MkDocs reads with PyYAML, which implements YAML 1.1 (`yes` is true, `0755` is octal).
YAML_VERSION = (1, 1)


def _env(environ: Mapping[str, str]) -> Callable[[Node, Callable[[Node], Any]], Any]:
    """`!ENV`, resolved from `environ` at load time, as MkDocs resolves it."""

    def value(node: Node, build: Callable[[Node], Any]) -> Any:
        default: Any = None
        if isinstance(node, ScalarNode):
            names = [node.value]
        elif isinstance(node, SequenceNode) and node.value:
            items = node.value
            if len(items) > 1:
                default = build(items[-1])
                items = items[:-1]
            names = [item.value if isinstance(item, ScalarNode) else None for item in items]
        else:
            return None
        for name in names:
            if isinstance(name, str) and name in environ:
                return plain_value(environ[name], YAML_VERSION)
        return default

    return value


@dataclass
class Origins:
    """Which file each key's line number belongs to, when it is not the main config file.

    A container read whole from a parent file belongs to that file; in a mapping merged from
    several files, each key belongs to the file its value came from.
    """

    main: str
    #: id of a container → (the container, kept alive so its id stays its own; its file)
    containers: dict[int, tuple[Any, str]] = field(default_factory=dict)
    #: (id of a merged mapping, key) → the file of that key
    keys: dict[tuple[int, Any], str] = field(default_factory=dict)

    def file_of(self, container: Any, key: Any) -> str:
        found = self.keys.get((id(container), key))
        if found is not None:
            return found
        entry = self.containers.get(id(container))
        return entry[1] if entry else self.main

    def claim(self, tree: Any, shown: str) -> None:
        """Every container in `tree` comes from the file shown as `shown`."""
        stack = [tree]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                self.containers[id(node)] = (node, shown)
                stack.extend(node.values())
            elif isinstance(node, list):
                self.containers[id(node)] = (node, shown)
                stack.extend(node)


@dataclass
class ConfigDocument:
    """The merged config, as MkDocs would see it, and where each key was written."""

    path: Path
    data: dict[str, Any]
    origins: Origins
    files: tuple[Path, ...]  # the config and every file it inherits from, child first


def read_config_document(
    path: Path, environ: Mapping[str, str] | None = None, text: str | None = None
) -> ConfigDocument:
    """The config at `path` with its parents merged in; BaliseError (file and line) when unreadable.

    `text`, when given, is read as the content of `path` (an edit checked before it is written).
    """
    shown = display_path(path)
    origins = Origins(shown)
    files: list[Path] = []
    data = _load_chain(path, environ if environ is not None else os.environ, origins, files, None, text)
    return ConfigDocument(path, data, origins, tuple(files))


def _load_chain(
    path: Path,
    environ: Mapping[str, str],
    origins: Origins,
    files: list[Path],
    named_at: Problem | None,
    text: str | None = None,
) -> dict[str, Any]:
    shown = display_path(path)
    where = named_at or Problem(shown, 1, "")
    if path.resolve() in [f.resolve() for f in files]:
        chain = " → ".join(display_path(f) for f in [*files, path])
        raise BaliseError([Problem(where.path, where.line, f"INHERIT loops back on itself: {chain}")])
    files.append(path)
    try:
        text = read_limited(path, shown, CONFIG_BYTES).decode("utf-8") if text is None else text
    except FileNotFoundError:
        message = "config file not found" if named_at is None else f"inherited config file '{shown}' not found"
        raise BaliseError([Problem(where.path, where.line, message)]) from None
    except UnicodeDecodeError:
        raise BaliseError([Problem(shown, 1, "config file is not valid UTF-8")]) from None
    except OSError as error:
        raise BaliseError([Problem(where.path, where.line, f"cannot read '{shown}': {error.strerror}")]) from None
    try:
        # Balise's one reader, with its limits, and YAML 1.1's types as MkDocs (PyYAML) reads them.
        document = load_config(text, version=YAML_VERSION, tags={ENV_TAG: _env(environ)})
    except YamlSyntaxError as error:
        raise BaliseError([Problem(shown, error.line + 1, error.message)]) from None
    if document is None:
        document = CommentedMap()
    if not isinstance(document, dict):
        raise BaliseError([Problem(shown, 1, "a MkDocs config must be a mapping of settings")])
    if named_at is not None:
        origins.claim(document, shown)
    if INHERIT not in document:
        return document
    line = _key_line(document, INHERIT)
    parent_name = document.pop(INHERIT)
    if not isinstance(parent_name, str) or not parent_name.strip():
        raise BaliseError([Problem(shown, line, "INHERIT must name a config file, e.g. INHERIT: base.yml")])
    parent_path = Path(os.path.normpath(path.parent / parent_name))
    refused = _parent_problem(parent_path, repository_root(files[0].parent))
    if refused:
        raise BaliseError([Problem(shown, line, f"INHERIT: '{parent_name}' {refused}; refused, it is not read")])
    parent = _load_chain(parent_path, environ, origins, files, Problem(shown, line, ""))
    _merge(parent, document, origins, shown)
    return parent


def _parent_problem(parent: Path, repository: Path) -> str | None:
    """Why a parent config may not be read: outside the repository, in `.git`, not a regular file."""
    real = parent.resolve()
    if real != repository and repository not in real.parents:
        return f"is outside the repository ({repository})"
    if ".git" in real.relative_to(repository).parts:
        return "is inside .git"
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return None  # missing or unreadable: said by the reading, with its reason
    return None if stat.S_ISREG(mode) else "is not a regular file (a folder, pipe or device)"


def _key_line(mapping: Any, key: Any) -> int:
    try:
        return mapping.lc.key(key)[0] + 1
    except (AttributeError, KeyError, TypeError):
        return 1


def _merge(parent: dict[str, Any], child: dict[str, Any], origins: Origins, child_file: str) -> None:
    """mergedeep's REPLACE: the child's mappings merge into the parent's, anything else replaces."""
    for key, value in child.items():
        if key in parent and isinstance(parent[key], dict) and isinstance(value, dict):
            _merge(parent[key], value, origins, child_file)
            continue
        parent[key] = value
        # The key now reads from the child's file: point its line there.
        position = getattr(getattr(child, "lc", None), "data", None) or {}
        if key in position and isinstance(parent, CommentedMap):
            if parent.lc.data is None:
                parent.lc.data = {}
            parent.lc.data[key] = position[key]
        origins.keys[(id(parent), key)] = child_file
