"""The house rules, checked on the source: no import cycles, one-way layers, thin CLI and web.

Every ``import`` counts, at module level, inside functions and under ``TYPE_CHECKING``: a cycle
that only closes at run time is still a cycle a reader has to carry.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "thaw"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _target(name: str) -> str | None:
    """The thaw module an imported dotted name lives in (longest known prefix)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in MODULES:
            return candidate
        parts.pop()
    return None


def _imports(module: str) -> set[str]:
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{a.name}" for a in node.names] + [base]
        for n in names:
            t = _target(n)
            if t is not None and t != module and n.startswith("thaw"):
                found.add(t)
    return found


GRAPH = {m: _imports(m) for m in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_the_checker_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    assert _cycles(GRAPH) == []


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("thaw.models", ("thaw.data", "thaw.cli", "thaw.web", "thaw.news", "thaw.scenarios")),
        ("thaw.measures", ("thaw.data", "thaw.cli", "thaw.web", "thaw.scenarios")),
        ("thaw.events", ("thaw.data", "thaw.cli", "thaw.web", "thaw.scenarios", "thaw.report")),
        ("thaw.data", ("thaw.scenarios", "thaw.cli", "thaw.web", "thaw.report")),
        ("thaw.scenarios", ("thaw.cli", "thaw.web")),
        ("thaw.report", ("thaw.cli", "thaw.web")),
    ],
)
def test_layers_import_downwards_only(layer: str, forbidden: tuple[str, ...]) -> None:
    bad = sorted(
        f"{m} -> {t}"
        for m, targets in GRAPH.items()
        if m == layer or m.startswith(layer + ".")
        for t in targets
        if any(t == f or t.startswith(f + ".") for f in forbidden)
    )
    assert bad == []


def _top_level_imports(module: str) -> set[str]:
    """Imports executed when the module loads (not those inside functions or methods)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.If):  # TYPE_CHECKING blocks
            for sub in ast.walk(node):
                if isinstance(sub, ast.ImportFrom) and sub.module:
                    found.add(sub.module)
    return found


def test_the_register_reaches_presentation_only_lazily_from_plot() -> None:
    """A timeline's ``.plot()`` may import its chart when called; nothing in the register loads
    presentation at import time."""
    eager = sorted(
        f"{m} -> {t}"
        for m in MODULES
        if m.startswith("thaw.measures")
        for t in _top_level_imports(m)
        if t.startswith("thaw.report")
    )
    assert eager == []


def test_nothing_imports_the_cli() -> None:
    bad = sorted(
        f"{m} -> {t}"
        for m, ts in GRAPH.items()
        if not m.startswith("thaw.cli")
        for t in ts
        if t.startswith("thaw.cli")
    )
    assert bad == []


@pytest.mark.parametrize("area", ["cli", "web"])
def test_cli_and_web_modules_stay_short(area: str) -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in sorted((PACKAGE / area).rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert long == {}


def test_every_package_has_an_init() -> None:
    folders = {p.parent for p in PACKAGE.rglob("*.py")}
    missing = sorted(
        str(f.relative_to(PACKAGE)) for f in folders if not (f / "__init__.py").exists()
    )
    assert missing == []
