"""The layout shows the flow: every import under qfix/ goes down the layers, and none goes round.

    core (text, diagnostics, parse, rules, apply, result, changes, config, io, errors)
      → translate → review, export, batch, serve → tui → cli

Imports are read from the source (ast), lazy ones inside functions included, so
a deferred import cannot hide a dependency. A new package must be given a layer
here before the suite passes.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "qfix"

LAYERS: list[set[str]] = [
    {"qfix", "qfix.text", "qfix.diagnostics", "qfix.parse", "qfix.rules", "qfix.apply", "qfix.config",
     "qfix.result", "qfix.changes", "qfix.io", "qfix.errors"},
    {"qfix.translate"},
    {"qfix.review", "qfix.export", "qfix.batch", "qfix.serve"},
    {"qfix.tui"},
    {"qfix.cli", "qfix.__main__"},
]
LAYER_OF = {unit: n for n, units in enumerate(LAYERS) for unit in units}
# Names imported from the package root that are constants, not code (config reads the version).
ROOT_CONSTANTS = {"__version__"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def unit(name: str) -> str:
    """The layer unit of a module: the package root itself, or qfix.<top-level module or package>."""
    parts = name.split(".")
    return ".".join(parts[:2])


def imports_of(path: Path) -> set[str]:
    """The qfix modules a file imports, anywhere in it."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                full = f"{source}.{alias.name}"
                if is_module(full):
                    found.add(full)
                elif not (source == "qfix" and alias.name in ROOT_CONSTANTS):
                    found.add(source)
    return {m for m in found if m == "qfix" or m.startswith("qfix.")}


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) - {module_name(p)} for p in sorted(PKG.rglob("*.py"))}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_every_module_has_a_layer():
    missing = sorted({unit(m) for m in graph()} - set(LAYER_OF))
    assert not missing, f"give these a layer in tests/test_layers.py: {missing}"


def test_imports_go_down_the_layers():
    wrong = []
    for module, targets in graph().items():
        for target in targets:
            if LAYER_OF[unit(target)] > LAYER_OF[unit(module)]:
                wrong.append(f"{module} imports {target}")
    assert not wrong, "\n".join(sorted(wrong))


def test_only_the_cli_imports_the_cli():
    wrong = [f"{m} imports {t}" for m, targets in graph().items() for t in targets
             if unit(t) == "qfix.cli" and unit(m) not in ("qfix.cli", "qfix.__main__")]
    assert not wrong, "\n".join(sorted(wrong))


def _unit_graph() -> dict[str, set[str]]:
    units: dict[str, set[str]] = {}
    for module, targets in graph().items():
        units.setdefault(unit(module), set()).update(unit(t) for t in targets if unit(t) != unit(module))
    return units


def test_no_import_cycles_between_packages():
    core = LAYERS[0]
    assert [c for c in cycles(_unit_graph()) if not set(c) <= core] == []


def test_no_import_cycles_in_the_core():
    assert cycles(_unit_graph()) == []


def test_no_import_cycles_between_modules_outside_the_core():
    core = LAYERS[0]
    edges = {m: {t for t in ts if unit(t) not in core} for m, ts in graph().items() if unit(m) not in core}
    assert cycles(edges) == []


def test_the_layer_test_sees_a_cycle_and_a_wrong_import(tmp_path):
    """The checks above would fail on the layout this test was written to end."""
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert "qfix.cli.io" in imports_of(PKG / "cli" / "repair_cmds.py")  # relative imports resolved
    assert "qfix.review.model" in imports_of(PKG / "review" / "xliff.py")
    assert "qfix.errors" in imports_of(PKG / "io.py")


def _run(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)


def test_headless_export_never_imports_textual(tmp_path):
    """`qfix export` and `qfix review --export` write a review's outputs without Textual (or torch)."""
    pytest.importorskip("textual")  # meaningful only where it could be imported
    article = tmp_path / "a.txt"
    article.write_text((ROOT / "seeds" / "000_3c03ad3dcec7cf78.txt").read_text(encoding="utf-8"), encoding="utf-8")
    code = f"""
import sys
from qfix.cli.main import main
rc1 = main(['review', {str(article)!r}, '--export', 'all'])
from qfix.review import session
model = session.open_model(open({str(article)!r}, encoding='utf-8').read(), None)
path = session.default_session_path({str(article)!r})
session.save_model(path, model, {str(article)!r})
rc2 = main(['export', str(path), '-o', {str(tmp_path / 'out')!r}])
heavy = sorted(m for m in ('textual', 'torch', 'transformers') if m in sys.modules)
print(rc1, rc2, heavy)
"""
    proc = _run(code, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "0 0 []", proc.stdout + proc.stderr
