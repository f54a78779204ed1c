"""Property tests on random text of Arabic words, marks and punctuation."""
from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qfix
from qfix.apply import replay

WORDS = ["News", "اليوم", "سكاي نيوز عربية", "اكتشاف المزيد من", "شارك هذا:", "معجب بهذه:", "قال", "قالت", "وقال", "أضاف", "أكدت", "المدير", "الوزير", "إن", "أن", "الحكومة", "مضيفا",
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
    from qfix.rules.base import context_lexicon
    from qfix.rules.speech import parse
    lex = context_lexicon(qfix.Config())
    out = qfix.repair(text).text
    for a, b in zip(text.split("\n"), out.split("\n")):
        if parse(a, lex).balanced:
            assert parse(b, lex).balanced, (a, b)


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


EVIDENCE = ("(evidence: ", "at the end of the text", "matches extra-boilerplate")


TAILS = ["RT World News", "المغرب يتأهل", "البيت الأبيض", "الرياضة اليوم", "ثقافة وفنون", "iPhone 17",
         "سكاي نيوز عربية", "ارتفاع جديد", "قناة السويس", "Climate Desk", "موقع الحدث", "Al Arabiya"]
FOOTERS = ["شارك هذا:", "معجب بهذه:", "اكتشاف المزيد من صدى المدينة", "اشترك الآن",
           "اكتشاف المزيد من المقابر في المنطقة يؤكد أهميتها، وفقا للوزارة.", "شارك هذا الأسبوع آلاف الناس.",
           "اشترك للحصول على أحدث التدوينات المرسلة إلى بريدك الإلكتروني.", ""]
article = st.tuples(line, st.sampled_from([" – ", " | ", " — ", " - "]), st.sampled_from(TAILS),
                    st.lists(line, min_size=1, max_size=3), st.lists(st.sampled_from(FOOTERS), max_size=4),
                    st.lists(line, max_size=2)).map(
    lambda p: "\n".join(["الخبر الرئيسي " + p[0] + p[1] + p[2], *p[3], *p[4], *p[5]]))


@PROPS
@given(st.one_of(document, article))
def test_only_evidenced_boilerplate_removes_words(text):
    """No word leaves the text but through a safe title-tail or footer fix whose message states
    its evidence; every other fix keeps the words (a moved verb may gain و)."""
    result = qfix.repair(text)
    for e in result.edits:
        lost = Counter(LETTERS(e.before)) - Counter(LETTERS(e.after))
        if not lost:
            continue
        assert e.code in ("B001", "B002"), (e, text)
        assert any(s in e.message for s in EVIDENCE), e.message
        finding = next(f for f in result.applied if f.code == e.code and f.message == e.message)
        assert finding.applicability.value == "safe"
