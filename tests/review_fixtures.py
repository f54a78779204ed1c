"""Shared helpers for the review tests (tests/test_tui.py, tests/test_review_robust.py): a
deterministic engine that stands in for Marian (STYLE item 8), Pilot tests on their own event
loop, and the app as those tests open it."""
from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_3c03ad3dcec7cf78.txt"
SIZE = (140, 40)


class EchoEngine:
    """English as a visible function of the Arabic: word count and a tag."""

    signature = {"model": "echo-model", "revision": "r1", "engine": "test"}

    def translate_batch(self, sentences):
        return [f"EN({len(s.split())} words)" for s in sentences]


def sync(fn):
    """Run an async Pilot test on its own event loop (no pytest-asyncio needed)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))
    return wrapper


def app_for(path, **kw):
    """The review app on ``path``: the echo engine, translation in the test's thread, no
    translation memory, bidi done by the app."""
    pytest.importorskip("textual")
    from qfix.tui.app import make_app
    kw.setdefault("engine_factory", EchoEngine)
    kw.setdefault("use_workers", False)
    kw.setdefault("memory", False)
    kw.setdefault("bidi", "app")
    return make_app(str(path), **kw)
