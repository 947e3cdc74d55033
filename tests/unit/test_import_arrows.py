"""Imports run one way: ui never imports services, and no module or package imports
itself back through others."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from tests.support.import_graph import cycles, describe, module_graph, package_edges

ROOT = Path(__file__).resolve().parents[2]
GRAPH = module_graph(ROOT)
EDGES = package_edges(GRAPH)


def test_the_graph_sees_the_imports_we_know_of():
    # Guards the reader itself: if it stopped resolving imports, every check below
    # would pass on an empty graph.
    assert "bot.services.dashboard" in GRAPH["bot.listeners.events.home"]
    assert "bot.domain.home" in GRAPH["bot.ui.home"]
    assert EDGES["bot.services", "bot.ui"] > 0  # services may use the ui builders


def test_ui_never_imports_services():
    wrong = sorted(
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if module.startswith("bot.ui")
        for target in targets
        if target.startswith("bot.services")
    )
    assert not wrong, "ui imports services:\n" + "\n".join(wrong) + "\n\n" + describe(EDGES)


def test_domain_imports_neither_services_nor_ui_nor_listeners():
    upward = ("bot.services", "bot.ui", "bot.listeners", "bot.delivery", "bot.slack")
    wrong = sorted(
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if module.startswith("bot.domain")
        for target in targets
        if target.startswith(upward)
    )
    assert not wrong, "\n".join(wrong)


def test_no_module_imports_itself_back():
    found = cycles(GRAPH)
    assert not found, f"module import cycles: {found}\n\n{describe(EDGES)}"


def test_no_package_imports_itself_back():
    packages: dict[str, set[str]] = defaultdict(set)
    for importer, imported in EDGES:
        packages[importer].add(imported)
    found = cycles(packages)
    assert not found, f"package import cycles: {found}\n\nPackage edges:\n{describe(EDGES)}"


def test_cycles_are_found_when_there_are_some():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}) == [["a", "b"], ["c", "d"]]


def test_relative_and_module_imports_are_resolved(tmp_path: Path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from . import leaf\n")
    (package / "sub" / "leaf.py").write_text("from pkg import top\n")
    (package / "top.py").write_text(
        "def late():\n    from pkg.sub.leaf import thing\n    return thing\n"
    )
    graph = module_graph(tmp_path, "pkg")
    assert graph["pkg.sub"] == {"pkg.sub.leaf"}
    assert graph["pkg.sub.leaf"] == {"pkg.top"}
    assert graph["pkg.top"] == {"pkg.sub.leaf"}
    assert cycles(graph) == [["pkg.sub.leaf", "pkg.top"]]
