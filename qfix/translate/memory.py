"""Translation memory: (unit text, model signature) → English, in SQLite.

Re-running a document then translates only what changed. The database lives
in the user cache directory (or $QFIX_CACHE_DIR); WAL mode lets a TUI and a CLI
share it.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any, Iterable

SCHEMA = """
CREATE TABLE IF NOT EXISTS tm (
    signature TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (signature, source)
) WITHOUT ROWID
"""


def cache_dir() -> Path:
    """$QFIX_CACHE_DIR, else the platform's user cache directory for qfix."""
    if os.environ.get("QFIX_CACHE_DIR"):
        return Path(os.environ["QFIX_CACHE_DIR"])
    try:
        from platformdirs import user_cache_dir
        return Path(user_cache_dir("qfix"))
    except ImportError:  # platformdirs comes with the translate extra; be useful without it
        return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "qfix"


def signature_key(signature: dict[str, Any]) -> str:
    """A short stable digest of an engine signature."""
    blob = json.dumps(signature, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


class TranslationMemory:
    def __init__(self, path: Path | None = None):
        self.path = path or cache_dir() / "tm.sqlite3"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(SCHEMA)

    def get_many(self, signature: str, sources: Iterable[str]) -> dict[str, str]:
        sources = list(sources)
        found: dict[str, str] = {}
        for i in range(0, len(sources), 500):  # stay under SQLite's variable limit
            chunk = sources[i:i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT source, target FROM tm WHERE signature = ? AND source IN ({marks})",
                [signature, *chunk])
            found.update(rows)
        return found

    def put_many(self, signature: str, pairs: dict[str, str]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO tm VALUES (?, ?, ?)",
                                [(signature, s, t) for s, t in pairs.items()])

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "TranslationMemory":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
