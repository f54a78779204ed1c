"""The optional mypyc build repairs exactly like the pure-Python one (slow: compiles C)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import CASES, ROOT

pytestmark = pytest.mark.slow

SCRIPT = """
import json, sys
import qfix, qfix.apply
assert qfix.apply.__file__.endswith('.so'), qfix.apply.__file__
cases = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
print(json.dumps([qfix.repair(c['input']).text for c in cases]))
"""


def test_compiled_build_gives_identical_output(tmp_path: Path):
    pytest.importorskip("mypyc")
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-build-isolation", "--no-deps", str(ROOT),
                    "-w", str(wheels)], check=True, env=dict(os.environ, QFIX_MYPYC="1"), cwd=tmp_path)
    site = tmp_path / "site"
    with zipfile.ZipFile(next(wheels.glob("qfix-*.whl"))) as zf:
        zf.extractall(site)
    import qfix
    for name in ("dev.jsonl", "blind.jsonl"):
        cases = CASES / name
        out = subprocess.run([sys.executable, "-c", SCRIPT, str(cases)], capture_output=True, text=True, check=True,
                             cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(site))).stdout
        pure = [qfix.repair(json.loads(line)["input"]).text
                for line in cases.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert json.loads(out) == pure
