"""Shared fixtures for the translation tests: one tiny MarianMT model per session.

Import with ``from translate_fixtures import *`` in a test module.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases" / "dev.jsonl"
SEED = Path(__file__).parent.parent / "seeds" / "000_3c03ad3dcec7cf78.txt"


def dev_cases() -> list[dict]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    pytest.importorskip("transformers")
    from qfix.translate.tiny import make_tiny
    return make_tiny(tmp_path_factory.mktemp("models") / "tiny")


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    """The translation memory and model registry live in a fresh directory; the hub is offline."""
    monkeypatch.setenv("QFIX_CACHE_DIR", str(tmp_path / "qfix-cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("QFIX_MODEL", raising=False)


@pytest.fixture(scope="session")
def tiny_engine(tiny_model):
    from qfix.config import Config
    from qfix.translate import load_engine
    return load_engine(Config(model=str(tiny_model), device="cpu"))


def run_cli(argv: list[str], capsys) -> tuple[int, str, str]:
    """Run a translate/models command in-process as main does: (exit code, stdout, stderr)."""
    from qfix.cli import models_cmd, translate_cmd
    from qfix.cli.errors import UserError
    parser = argparse.ArgumentParser(prog="qfix")
    sub = parser.add_subparsers(dest="command", required=True)
    translate_cmd.add_parser(sub)
    models_cmd.add_parser(sub)
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
    except UserError as exc:
        print(f"qfix: error: {exc}", file=__import__("sys").stderr)
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


EN_OPEN, EN_CLOSE, EN_NESTED_OPEN = "\u201c", "\u201d", "\u2018"


def english_quotes(text: str) -> list[tuple[int, str]] | None:
    """(depth, words) of every quoted span in English with curly marks, or None if unbalanced.

    ‘ opens a nested quote; ’ closes one only inside it (elsewhere it is an apostrophe).
    """
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch == EN_OPEN:
            stack.append((0, i))
        elif ch == EN_NESTED_OPEN:
            stack.append((1, i))
        elif ch == EN_CLOSE:
            if not stack or stack[-1][0] != 0:
                return None
            spans.append(stack.pop())
        elif ch == "\u2019" and stack and stack[-1][0] == 1 and not re.match(r"\w", text[i + 1:i + 2]):
            spans.append(stack.pop())
    if stack:
        return None
    return sorted((start, depth) for depth, start in spans)  # type: ignore[return-value]
