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


def news_mix(megabytes: float, quote_share: float = 0.10, seed: int = 13) -> list[str]:
    """Articles shaped like a news archive: a title line, about ten paragraphs of which
    ``quote_share`` hold quotation marks (garbled or already right), the rest plain prose;
    built deterministically from the project's own lines (garbled articles, the no-harm corpus)."""
    import random
    import re
    marks = re.compile("[\u201c\u201d\u201e\u00ab\u00bb\"'\u2018\u2019]")
    rnd = random.Random(seed)
    quoted, plain, titles = [], [], []
    for article in articles():
        lines = [line for line in article.splitlines() if line.strip()]
        titles.append(lines[0])
        for line in lines[1:]:
            (quoted if marks.search(line) else plain).append(line)
    path = ROOT / "tests" / "cases" / "noharm.jsonl"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"] if line.strip() else ""
            for part in text.splitlines():
                if part.strip():
                    (quoted if marks.search(part) else plain).append(part)
    target = int(megabytes * 1_000_000)
    out, size = [], 0
    while size < target:
        body = [rnd.choice(quoted) if rnd.random() < quote_share else rnd.choice(plain)
                for _ in range(rnd.randint(8, 12))]
        doc = "\n".join([rnd.choice(titles), *body]) + "\n"
        out.append(doc)
        size += len(doc.encode("utf-8"))
    return out
