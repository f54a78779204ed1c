"""The repair's whole output on every input the project ships, pinned: speed work on the core
must leave it byte-identical (issue 13).

Pinned per input: the repaired text, every finding (code, message, offsets, applicability,
applied), what was skipped, and the replayable log. An intended change of output updates the
pins in one command, and the diff of tests/golden/repair_snapshot.jsonl shows which inputs moved:

    QFIX_UPDATE_SNAPSHOT=1 python -m pytest tests/test_snapshot.py
"""
from __future__ import annotations

import hashlib
import json
import os

import pytest

import qfix

from conftest import CASES, ROOT

SNAPSHOT = ROOT / "tests" / "golden" / "repair_snapshot.jsonl"


def inputs() -> list[tuple[str, str]]:
    """(name, text) of every input: the case files, the no-harm corpus (each line alone and each
    headline as the title of an article), the seed, the examples and the clean text."""
    out: list[tuple[str, str]] = []
    for path in sorted(CASES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            if "input" in case:
                out.append((f"{path.name}:{case['id']}", case["input"]))
            if "text" in case:
                out.append((f"{path.name}:{case['id']}", case["text"]))
                if case.get("kind") == "headline":
                    out.append((f"{path.name}:{case['id']}:title",
                                case["text"] + "\nوقال المتحدث إن الاجتماع سيعقد غدا.\n"))
    for path in [*sorted((ROOT / "seeds").glob("*.txt")), *sorted((ROOT / "examples").glob("*.txt")),
                 CASES / "clean.txt"]:
        if not path.name.endswith(".fixed.txt"):
            out.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    return out


def digest(text: str) -> str:
    r = qfix.repair(text)
    whole = {
        "text": r.text,
        "findings": [[f.code, f.message, f.start, f.end, f.applicability.value, f.applied, f.paragraph]
                     for f in r.findings],
        "skipped": list(r.skipped),
        "edits": [list(e) for e in r.edits],
    }
    return hashlib.sha256(json.dumps(whole, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:20]


def test_repair_output_is_pinned():
    got = {name: digest(text) for name, text in inputs()}
    if os.environ.get("QFIX_UPDATE_SNAPSHOT"):
        SNAPSHOT.write_text("".join(json.dumps({"input": k, "sha": v}, ensure_ascii=False) + "\n"
                                    for k, v in got.items()), encoding="utf-8")
    pinned = {row["input"]: row["sha"] for row in map(json.loads, SNAPSHOT.read_text(encoding="utf-8").splitlines())}
    moved = sorted(k for k in got if pinned.get(k) != got[k])
    gone = sorted(set(pinned) - set(got))
    assert not moved and not gone, (
        f"repair output changed for {len(moved)} input(s), first {moved[:10]}; pins of missing inputs: {gone[:10]} "
        "(if intended: QFIX_UPDATE_SNAPSHOT=1 python -m pytest tests/test_snapshot.py)")


@pytest.mark.parametrize("name", ["seeds/000_3c03ad3dcec7cf78.txt"])
def test_snapshot_covers_the_seed(name):
    assert name in dict(inputs())
