"""Property tests on random text of Arabic words, marks and punctuation."""
from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qfix
from qfix.apply import replay

WORDS = ["قال", "قالت", "وقال", "أضاف", "أكدت", "المدير", "الوزير", "إن", "أن", "الحكومة", "مضيفا",
         "بحسب", "وفقا", "للغرب", "سياسة", "اليوم", "في", "من", "على", "الخطة", "جاهزة", "نحن", "لا",
         "نقبل", "هل", "Reuters", "2024", "بيان", "الأمن", "وحذرت", "قرية"]
MARKS = ["“", "”", "«", "»", '"', "‘", "’", "'", "“،”", '",”', "““", "””", "\u200f", "\u061c"]
PUNCT = ["،", ",", ".", "؟", "!", ":", " – ", " | ", "؛"]
token = st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS), st.sampled_from(PUNCT))
line = st.lists(st.tuples(token, st.sampled_from([" ", "", " ", "  "])), max_size=25).map(
    lambda parts: "".join(t + sep for t, sep in parts))
document = st.lists(line, min_size=1, max_size=5).map("\n".join)

LETTERS = lambda s: [c for c in s if c.isalpha() or c.isdigit()]
PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(document)
def test_idempotent_and_replayable(text):
    result = qfix.repair(text)
    again = qfix.repair(result.text)
    assert again.text == result.text, (text, result.text, again.text)
    assert replay(text, result.edits) == result.text


@PROPS
@given(document)
def test_every_letter_is_kept(text):
    result = qfix.repair(text)
    codes = {e.code for e in result.edits}
    before, after = Counter(LETTERS(text)), Counter(LETTERS(result.text))
    moved = sum(1 for e in result.edits if e.code.startswith("A"))
    if not any(c.startswith("B") for c in codes):
        assert not (before - after), "letters lost"
    extra = after - before
    assert set(extra) <= {"و"} and extra["و"] <= moved
    if not any(c[0] in "AB" for c in codes):
        assert LETTERS(text) == LETTERS(result.text), "letters reordered"


@PROPS
@given(document)
def test_balanced_stays_balanced(text):
    from qfix.parse.quotes import parse_paragraph
    out = qfix.repair(text).text
    for a, b in zip(text.split("\n"), out.split("\n")):
        if parse_paragraph(a, 0, len(a)).balanced:
            assert parse_paragraph(b, 0, len(b)).balanced, (a, b)


@PROPS
@given(document, st.randoms(use_true_random=False))
def test_any_decisions_are_safe(text, rnd):
    """An editor may reject or accept any finding: the result still replays and keeps letters."""
    first = qfix.repair(text)
    decisions = {f.id: rnd.random() < 0.5 for f in first.findings}
    result = qfix.repair(text, decisions=decisions)
    assert replay(text, result.edits) == result.text
    before, after = Counter(LETTERS(text)), Counter(LETTERS(result.text))
    if not any(e.code.startswith("B") for e in result.edits):
        assert not (before - after)
    for f in result.findings:
        if decisions.get(f.id) is False:
            assert not f.applied
