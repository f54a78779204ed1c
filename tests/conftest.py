"""Shared helpers: cases from tests/cases, and running the CLI in-process."""
from __future__ import annotations

import errno
import io
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
SHARED = ROOT.parent / "shared"


def load_cases(name: str) -> list[dict]:
    path = CASES / name
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_only(monkeypatch, directory: Path) -> None:
    """Make ``directory`` refuse new files, as a read-only directory does (works for root):
    qfix.io's ``tempfile.mkstemp`` raises EACCES there."""
    from qfix import io as qio
    real = qio.tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        if Path(kwargs.get("dir") or ".").resolve() == directory.resolve():
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(*args, **kwargs)

    monkeypatch.setattr(qio.tempfile, "mkstemp", mkstemp)


class CliResult:
    def __init__(self, code: int, out: bytes, err: str):
        self.code, self.out, self.err = code, out, err

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")


@pytest.fixture
def cli(monkeypatch, tmp_path):
    """Run `qfix ARGS` in-process with bytes on stdin; returns code, stdout bytes, stderr."""
    from qfix.cli.main import main

    def run(*args: str, stdin: bytes | str = b"", cwd: Path | None = None) -> CliResult:
        if isinstance(stdin, str):
            stdin = stdin.encode("utf-8")
        out, err = io.BytesIO(), io.StringIO()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, write_through=True))
        monkeypatch.setattr(sys, "stderr", err)
        monkeypatch.chdir(cwd or tmp_path)
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 2
        sys.stdout.flush()
        return CliResult(code, out.getvalue(), err.getvalue())

    return run
