"""Build a benchmark corpus of Arabic news from the project's own texts."""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def articles() -> list[str]:
    """Every garbled article the project ships: the seed, examples, test cases."""
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    out += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))
            if not p.name.endswith(".fixed.txt")]
    for name in ("dev.jsonl", "own.jsonl", "blind.jsonl"):  # fixed set: figures stay comparable
        path = ROOT / "tests" / "cases" / name
        if path.exists():
            out += [json.loads(line)["input"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [a.strip("\n") + "\n" for a in out]


def corpus(megabytes: float) -> list[str]:
    """Articles repeated until their UTF-8 size reaches ``megabytes`` (MB = 10**6 bytes)."""
    base = articles()
    target = int(megabytes * 1_000_000)
    out, size, k = [], 0, 0
    while size < target:
        a = base[k % len(base)]
        out.append(a)
        size += len(a.encode("utf-8"))
        k += 1
    return out
