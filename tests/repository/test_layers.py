"""The package's folders are the pipeline of DESIGN.md, and imports only point down it.

A newcomer should find where a thing belongs from the tree: shared data at the bottom, then
reading and checking, the status engine, the outputs, authoring, and on top the MkDocs adapter
and the commands. These tests read every module's imports (including those inside functions).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "site_builder"

#: Sub-packages from the bottom up; a module may import its own package and those ranked lower.
LAYERS: dict[str, int] = {
    "model": 0,
    "source": 1,
    "engine": 2,
    "outputs": 3,
    "authoring": 4,
    "notify": 5,
    "importers": 5,
    "alerts": 5,
    "scaffold": 5,
    "mkdocs_plugin": 6,
    "commands": 7,
}
#: The entry points at the top level; nothing below may import them.
TOP = 8
TOP_LEVEL_MODULES = {"__init__", "__main__", "cli"}


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(("site_builder", *parts)), path


def imported(module: str, path: Path) -> Iterator[tuple[str, int]]:
    """Absolute names of what `path` imports, with their lines."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # `from . import edit` imports a module: name it, so its layer is known.
            for alias in node.names:
                yield (f"{target}.{alias.name}" if _is_module(f"{target}.{alias.name}") else target), node.lineno


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").is_file() or (PACKAGE / relative / "__init__.py").is_file()


def rank(module: str) -> tuple[str, int]:
    """The layer a module of ours belongs to: its sub-package, or the top for entry points."""
    parts = module.split(".")
    if len(parts) == 1:
        return "site_builder", -1  # the package itself holds only its version: anyone may read it
    if parts[1] in LAYERS:
        return parts[1], LAYERS[parts[1]]
    return parts[1], TOP


def test_the_top_level_holds_only_entry_points():
    top = {path.stem for path in PACKAGE.glob("*.py")}
    assert top <= TOP_LEVEL_MODULES, f"move {sorted(top - TOP_LEVEL_MODULES)} into the sub-package of its stage"


def test_every_sub_package_has_a_place_in_the_pipeline():
    folders = {path.parent.relative_to(PACKAGE).parts[0] for path in PACKAGE.glob("*/__init__.py")}
    assert folders <= set(LAYERS), f"add {sorted(folders - set(LAYERS))} to LAYERS (and the README's layout)"


@pytest.mark.parametrize(("module", "path"), list(modules()), ids=lambda value: str(value).rsplit("site_builder", 1)[-1])
def test_no_module_imports_from_a_layer_above_it(module: str, path: Path):
    own_package, own_rank = rank(module)
    upward = []
    for target, line in imported(module, path):
        if not target.startswith("site_builder"):
            continue
        package, target_rank = rank(target)
        if package != own_package and (target_rank > own_rank or (target_rank == own_rank and own_rank != TOP)):
            upward.append(f"{path.name}:{line}: {target}")
    assert not upward, f"{module} ({own_package}) imports from a layer above or beside it: {upward}"


@pytest.mark.parametrize(
    ("library", "allowed"),
    [
        ("mkdocs", ("site_builder.mkdocs_plugin",)),
        ("material", ("site_builder.mkdocs_plugin",)),
        ("click", ("site_builder.commands", "site_builder.cli", "site_builder.__main__")),
    ],
)
def test_a_framework_is_imported_only_by_its_adapter(library: str, allowed: tuple[str, ...]):
    offenders = [
        f"{module}:{line}"
        for module, path in modules()
        for target, line in imported(module, path)
        if target.split(".")[0] == library and not module.startswith(allowed)
    ]
    assert not offenders, f"{library} is imported outside {allowed}: {offenders}"
