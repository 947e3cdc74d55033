"""The import graph of the bot package, read from source with `ast` (nothing is imported).

Every import counts, at any depth (inside functions and `if TYPE_CHECKING:` too): an
arrow the architecture forbids is forbidden however late it is taken.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

ModuleGraph = dict[str, set[str]]


def _module_names(source_root: Path, package: str) -> dict[str, Path]:
    """Dotted name -> file, for every module and package under `package`; a compiled
    module counts by its stub (`_ssp.pyi`), which is all there is of it in source."""
    names = {}
    sources = sorted((source_root / package).rglob("*.py"))
    stubs = [p for p in (source_root / package).rglob("*.pyi") if not p.with_suffix(".py").exists()]
    for path in sources + sorted(stubs):
        parts = list(path.relative_to(source_root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _owner(name: str, known: Mapping[str, Path]) -> str | None:
    """The module a dotted name lives in: itself, or the nearest enclosing module."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def _imported(module: str, path: Path, known: Mapping[str, Path]) -> set[str]:
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            # `from bot.services import settings` imports the module bot.services.settings;
            # `from bot.services.settings import NextRound` imports bot.services.settings.
            candidates = [
                f"{source}.{alias.name}" if f"{source}.{alias.name}" in known else source
                for alias in node.names
            ]
        else:
            continue
        for candidate in candidates:
            owner = _owner(candidate, known)
            if owner is not None and owner != module:
                found.add(owner)
    return found


def module_graph(source_root: Path, package: str = "bot") -> ModuleGraph:
    """Module -> the modules of `package` it imports."""
    known = _module_names(source_root, package)
    return {module: _imported(module, path, known) for module, path in known.items()}


def package_of(module: str) -> str:
    """The unit one level below the root: bot.ui.home -> bot.ui, bot.app -> bot.app."""
    return ".".join(module.split(".")[:2])


def package_edges(graph: Mapping[str, Iterable[str]]) -> Counter[tuple[str, str]]:
    """(importing package, imported package) -> how many module-to-module imports."""
    edges: Counter[tuple[str, str]] = Counter()
    for module, targets in graph.items():
        for target in targets:
            if package_of(module) != package_of(target):
                edges[package_of(module), package_of(target)] += 1
    return edges


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    nodes = set(graph) | {t for targets in graph.values() for t in targets}
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def describe(edges: Counter[tuple[str, str]]) -> str:
    """One `a -> b (n)` line per package edge, sorted."""
    return "\n".join(f"{a} -> {b} ({n})" for (a, b), n in sorted(edges.items()))
