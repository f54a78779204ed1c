"""The modules the optional compiled build compiles type-check (mypyc refuses to build them
otherwise, and that build is not part of the default run: tests/test_compiled.py is slow)."""
from __future__ import annotations

import ast

import pytest

from conftest import ROOT


def compiled_modules() -> list[str]:
    """setup.py's COMPILED list, read without running setup.py."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "COMPILED" for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise AssertionError("setup.py has no COMPILED list")


def test_compiled_modules_type_check(monkeypatch):
    api = pytest.importorskip("mypy.api")
    modules = compiled_modules()
    assert "qfix/apply.py" in modules
    monkeypatch.chdir(ROOT)
    out, err, status = api.run(["--config-file", "mypyc.ini", "--no-error-summary", *modules])
    assert status == 0, out + err
