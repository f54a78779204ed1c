"""qfix.changes: the repair log composed into changes on the input."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qfix
from qfix.apply import RepairResult
from qfix.changes import Change, apply_changes, changes
from qfix.config import Config
from qfix.diagnostics import AppliedEdit

from conftest import CASES, ROOT, load_cases

SEED = ROOT / "seeds" / "000_3c03ad3dcec7cf78.txt"
CASE_FILES = sorted(p.name for p in CASES.glob("*.jsonl"))


def check(result: RepairResult) -> list[Change]:
    """The contract: applied == text; sorted, apart; every applied finding in exactly one change."""
    out = changes(result)
    assert apply_changes(result.input, out) == result.text
    for a, b in zip(out, out[1:]):
        assert a.end < b.start, (a, b)  # sorted, and never touching: the order is never ambiguous
    for c in out:
        assert 0 <= c.start <= c.end <= len(result.input)
        assert c.codes and set(c.codes) <= {e.code for e in result.edits}
    held = Counter(i for c in out for i in c.finding_ids)
    assert held == Counter(f.id for f in result.findings if f.applied)
    for c in out:  # a finding's change holds an edit of its rule
        assert {i.split("@")[0] for i in c.finding_ids} <= set(c.codes)
    return out


def all_texts() -> list[str]:
    texts = [case.get("input", case.get("text")) for name in CASE_FILES for case in load_cases(name)]
    texts.append(SEED.read_text(encoding="utf-8"))
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))
              if not p.name.endswith(".fixed.txt")]
    return texts


@pytest.mark.parametrize("name", CASE_FILES)
def test_every_case_file(name):
    for case in load_cases(name):
        result = qfix.repair(case.get("input", case.get("text")))
        check(result)
        review = qfix.repair(case.get("input", case.get("text")), Config(apply_review=True))
        check(review)


def test_seed_changes_give_the_fix_output(cli):
    text = SEED.read_text(encoding="utf-8")
    fixed = cli("fix", str(SEED)).text
    result = qfix.repair(text)
    out = check(result)
    assert apply_changes(text, out) == fixed
    # the seed's repairs, one change each; the two footer lines touch and make one change
    assert [c.codes for c in out] == [("B001",), ("A003",), ("A001",), ("A001",), ("Q001",), ("Q001",),
                                      ("Q001",), ("Q001",), ("B002",)]
    assert out[-1].finding_ids == ("B002@2507", "B002@2537")
    assert text[out[0].start:out[0].end] == " – RT World News" and out[0].replacement == ""


def test_a_later_pass_rewriting_an_insertion_merges():
    text = "ab cd"
    log = [AppliedEdit(1, "Q004", 2, 2, "", "«"), AppliedEdit(1, "Q002", 4, 5, "d", "D"),
           AppliedEdit(2, "Q001", 2, 3, "«", "“"), AppliedEdit(3, "Q006", 1, 2, "b", "B")]
    result = RepairResult.from_log(text, "aB“ cD", log, [])
    assert result.text == qfix.replay(text, log)
    out = changes(result)
    # pass 2 rewrites pass 1's insertion, pass 3 an edit that touches it: one change
    assert [(c.start, c.end, c.replacement, c.codes) for c in out] == [
        (1, 2, "B“", ("Q004", "Q001", "Q006")), (4, 5, "D", ("Q002",))]


def test_edits_of_one_fix_are_one_change():
    # Q007 moves a full stop across the mark: a deletion and an insertion, one finding
    result = qfix.repair("وقال: «الاتفاق نهائي.» ثم مضى.")
    (change,) = check(result)
    assert change.codes == ("Q007",) and len(change.finding_ids) == 1
    assert result.input[change.start:change.end] == ".»" and change.replacement == "»."


def test_a_log_of_another_text_is_refused():
    result = qfix.repair(SEED.read_text(encoding="utf-8"))
    other = RepairResult.from_log(result.input.replace("بيسكوف", "بيسكوب"), result.text, result.edits,
                                  result.findings)
    with pytest.raises(ValueError, match="not of this text"):
        changes(other)


def test_nothing_to_change():
    result = qfix.repair("نص عادي بلا علامات.\n")
    assert changes(result) == []


def test_bom_and_crlf():
    text = "\ufeffعنوان | موقع الأخبار\r\n“الخطة جاهزة،” قال الوزير.\r\nشارك هذا:\r\n"
    out = check(qfix.repair(text))
    assert out[0].start > 0  # offsets count the BOM, as the log does


def test_import_is_light():
    code = ("import sys, qfix; from qfix.changes import changes; "
            "import json; print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('torch', 'transformers', 'textual', 'starlette', 'uvicorn', 'httpx', 'anyio'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []


# --- properties on garbled text made of the cases' own pieces ---

_PIECE = re.compile(r"\s+|[“”«»\"‘’'،,.؟!:]+|[^\s“”«»\"‘’'،,.؟!:]+")


def _pieces() -> list[str]:
    seen: dict[str, None] = {}
    for text in all_texts():
        for m in _PIECE.finditer(text):
            if m.group().strip() and len(seen) < 4000:
                seen.setdefault(m.group())
    return list(seen)


PIECES = _pieces()
MARKS = ["“", "”", "«", "»", '"', "‘", "’", "“،”", '",”', "““", "””", "\u200f", ".”", "،”", "قال", "وقال"]
SEPARATORS = [" ", "", " ", "  ", "\u200f", " - "]
piece = st.one_of(st.sampled_from(PIECES), st.sampled_from(MARKS))
line = st.lists(st.tuples(piece, st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda parts: "".join(p + sep for p, sep in parts))
# whole lines of the cases too, so that real footers, titles and attributions come up
case_lines = st.sampled_from([x for text in all_texts() for x in text.split("\n") if x.strip()])
document = st.lists(st.one_of(line, case_lines), min_size=1, max_size=6).map("\n".join)
PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(document)
def test_property_changes_rebuild_the_repair(text):
    check(qfix.repair(text))


@PROPS
@given(document, st.randoms(use_true_random=False), st.booleans())
def test_property_with_decisions_and_review(text, rnd, apply_review):
    config = Config(apply_review=apply_review)
    first = qfix.repair(text, config)
    decisions = {f.id: rnd.random() < 0.5 for f in first.findings}
    check(qfix.repair(text, config, decisions))
