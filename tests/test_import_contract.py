"""Import rules: the engine stays free of Qt, the UI and the CLI; no module imports itself back
through others, function-level imports included; the UI never reaches into the command line.
(A cycle hidden in a function works until someone moves an import to the top of a module; then the
app no longer starts.)

Imports under ``if TYPE_CHECKING:`` are left out: they exist for annotations only, never run.
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import playground
from playground import cli

PACKAGE = Path(playground.__file__).resolve().parent
FORBIDDEN_IN_ENGINE = ("PySide6", "pyqtgraph", "playground.ui", "playground.cli", "playground.commands")


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _owner(name: str) -> str | None:
    """The module that ``import name`` runs last (``a.b.C`` is the class C of module ``a.b``)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _type_checking_only(tree: ast.AST) -> set[ast.AST]:
    hidden = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                hidden.update(ast.walk(child))
    return hidden


def imports_of(module: str) -> set[str]:
    """Every playground module that ``module`` imports anywhere in its body."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = _type_checking_only(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if node in hidden:
            continue
        if isinstance(node, ast.Import):
            found.update(_owner(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                prefix = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{prefix}.{base}" if base else prefix
            found.update(_owner(f"{base}.{alias.name}") for alias in node.names)
    if module == "playground.cli":  # its sub-command modules, however they are named there
        found.update(getattr(m, "__name__", m) for m in cli.COMMAND_MODULES)
    # importing a.b.c also runs the package faces a and a.b: those are not the module's own arrows
    return {m for m in found if m and m != module and m.startswith("playground")
            and not module.startswith(m + ".")}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while not group or group[-1] != v:
                group.append(stack.pop())
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def test_engine_imports_no_qt_ui_or_cli():
    """Every engine module imported in a fresh interpreter loads none of them."""
    script = f"""
import importlib, json, pkgutil, sys
import playground.engine as engine
for m in pkgutil.walk_packages(engine.__path__, "playground.engine."):
    importlib.import_module(m.name)
forbidden = {FORBIDDEN_IN_ENGINE!r}
print(json.dumps(sorted(n for n in sys.modules if any(n == f or n.startswith(f + ".") for f in forbidden))))
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=PACKAGE.parent, timeout=300)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.splitlines()[-1]) == []


def test_no_import_cycles():
    assert _cycles({m: imports_of(m) for m in MODULES}) == []


def test_the_scan_sees_function_level_imports_and_cycles():
    assert "playground.ui.shell.main_window" in imports_of("playground.ui.shell.app")  # in launch()
    # numba_cache imports the kernels' modules inside a function only
    assert "playground.engine.optim" in imports_of("playground.engine.numba_cache")
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_ui_never_imports_the_command_line():
    reaching = {m: sorted(d for d in imports_of(m)
                          if d == "playground.cli" or d.startswith("playground.commands"))
                for m in MODULES if m.startswith("playground.ui")}
    assert {m: d for m, d in reaching.items() if d} == {}
