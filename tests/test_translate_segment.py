"""The segmenter and English assembly, without a model (pure code)."""
from __future__ import annotations

import re

import pytest

from qfix import document
from qfix.translate.assemble import EnglishRenderer, match_final_punct
from qfix.translate.document import TranslatedDocument
from qfix.translate.pipeline import translate_document
from qfix.translate.segment import segment_document, segment_paragraph, split_for_budget
from translate_fixtures import dev_cases, english_quotes


def segment_paragraph_of(text: str):
    """The first paragraph of ``text`` as the core reads it, segmented."""
    return segment_paragraph(document(text).paragraphs[0])


class EchoEngine:
    """A deterministic test engine for the assembly only: 'en<n>' per sentence (n = words)."""

    signature = {"model": "echo", "engine": "test", "max_length": 512}

    def translate_batch(self, sentences):
        return [f"En{len(s.split())}." for s in sentences]


@pytest.mark.parametrize("case", dev_cases(), ids=lambda c: c["id"])
def test_segmenter_finds_every_gold_quote(case):
    paragraphs = segment_document(document(case["expected"]))
    quotes = [(q.kind, q.position) for p in paragraphs for q in p.quotes]
    gold = [("phrase" if g["kind"] == "phrase" or (g["position"] is None and g["verb"] is None
             and any(g["text"] in o["text"] and g is not o for o in case["quotes"])) else "direct",
             g["position"] if g["position"] in ("before", "after") else None)
            for g in case["quotes"]]
    assert len(quotes) == len(gold)
    assert [k for k, _ in quotes if k == "direct"] == [k for k, _ in gold if k == "direct"]
    assert not any(p.unpaired for p in paragraphs)


@pytest.mark.parametrize("case", dev_cases(), ids=lambda c: c["id"])
def test_assembly_keeps_quotes_in_english_order(case):
    doc = translate_document(case["expected"], EchoEngine())
    arabic = sum(len(p.quotes) for p in doc.paragraphs)
    english = "\n".join(p.english for p in doc.paragraphs)
    spans = english_quotes(english)
    assert spans is not None and len(spans) == arabic
    renderer = EnglishRenderer()
    for p in doc.paragraphs:
        for q in p.quotes:
            if q.attribution:
                rendered = renderer.direct(p, q, ".")
                assert re.fullmatch(r"\u201c.*[,?!]\u201d [a-zA-Z].*\.", rendered)
                assert rendered in p.english


def test_attribution_moves_after_the_quote():
    p = segment_paragraph_of("وقال المدرب: «اللاعبون يعرفون ما ينتظرهم»، مضيفا أن الإصابات أثرت في خياراته.")
    for unit, english in zip(p.units, ["The players know what awaits them.", "And the coach said:",
                                       "Adding that injuries hurt his options."]):
        unit.english = english
    assert [u.kind for u in p.units] == ["quote", "attribution", "trailing"]
    assert EnglishRenderer().paragraph(p) == (
        "\u201cThe players know what awaits them,\u201d the coach said, adding that injuries hurt his options.")


def test_attribution_after_and_quote_alone():
    p = segment_paragraph_of("«سيتم نقل القطع»، بحسب بيان الهيئة. «هذه النقوش ستغير فهمنا».")
    for unit, english in zip(p.units, ["The pieces will be moved.", "According to the statement.",
                                       "These inscriptions will change our understanding"]):
        unit.english = english
    assert EnglishRenderer("straight").paragraph(p) == (
        '"The pieces will be moved," according to the statement. "These inscriptions will change our understanding."')


def test_phrase_quote_stays_inside_its_sentence():
    p = segment_paragraph_of("ووصف الباحثون النتيجة بأنها «خطوة مهمة» نحو فهم الكواكب.")
    assert [u.kind for u in p.units] == ["narrative", "phrase", "narrative"]
    for unit, english in zip(p.units, ["The researchers described the result as.", "An important step.",
                                       "Towards understanding planets."]):
        unit.english = english
    assert EnglishRenderer().paragraph(p) == (
        "The researchers described the result as \u201cAn important step\u201d towards understanding planets.")


def test_question_inside_a_quote_keeps_its_mark():
    p = segment_paragraph_of("وتساءل أحد المشجعين: «هل ما زلنا قادرين على المنافسة؟».")
    p.units[0].english, p.units[1].english = "Can we still compete?", "One fan wondered"
    assert EnglishRenderer().paragraph(p) == "\u201cCan we still compete?\u201d one fan wondered."


def test_nested_quote_gets_nested_marks():
    p = segment_paragraph_of("وقال: «قلت لهم “المشروع قد يتأخر”».")
    assert [(q.kind, q.depth) for q in p.quotes] == [("direct", 0), ("phrase", 1)]


def test_a_quote_never_closed_keeps_its_opening_mark_and_sends_none():
    """The core reads one quote, never closed (issue 10: the old segmenter paired marks again,
    failed, and dropped every mark of the paragraph)."""
    p = segment_paragraph_of("«في الواقع، لقد تحدث رئيسنا. وقال بيسكوف")
    assert p.unpaired and [(q.kind, q.opened, q.closed) for q in p.quotes] == [("phrase", True, False)]
    assert all("«" not in u.arabic for u in p.units)
    p.units[0].english = "In fact, our president spoke. And Peskov said"
    assert EnglishRenderer().paragraph(p) == "\u201cIn fact, our president spoke. And Peskov said"


def test_reversed_marks_are_one_quote_as_for_the_core():
    """`”الخطة جاهزة“` is one quote for the core, so for translation too (issue 10)."""
    p = segment_paragraph_of("”الخطة جاهزة“ قال الوزير.")
    assert [(q.start, q.end, q.opened, q.closed) for q in p.quotes] == [(0, 13, True, True)]
    assert not p.unpaired


def test_a_lost_opening_mark_keeps_the_closing_one():
    p = segment_paragraph_of("الخطة جاهزة” قال الوزير. ونص آخر.")
    assert [(q.opened, q.closed) for q in p.quotes] == [(False, True)]
    for unit, english in zip(p.units, ["The plan is ready", "The minister said.", "More text."]):
        unit.english = english
    assert EnglishRenderer().paragraph(p) == "The plan is ready\u201d the minister said. More text."


def test_sentences_end_where_the_core_says():
    """Not after `د.` nor inside `2.5` (the old sentence regex cut after `د.`)."""
    text = "قال د. أحمد إن «الأمر. انتهى» اليوم. ثم 2.5 مليون!"
    p = segment_paragraph_of(text)
    assert [text[s.start:s.stop].strip() for s in p.sentences] == [
        "قال د. أحمد إن «الأمر. انتهى» اليوم.", "ثم 2.5 مليون!"]
    assert split_for_budget("قال د. أحمد إن العمل بدأ. ثم انتهى.", 100) == [
        "قال د. أحمد إن العمل بدأ.", "ثم انتهى."]


def test_long_sentence_splits_at_clauses_then_words():
    words = ["كلمة"] * 5000
    pieces = split_for_budget(" ".join(words), 100)
    assert all(len(p) // 3 + 2 <= 100 for p in pieces)
    assert " ".join(pieces).split() == words
    clauses = split_for_budget("، ".join(["جملة قصيرة هنا"] * 40), 60)
    assert all(p.endswith("،") or p == clauses[-1] for p in clauses)
    assert len(clauses) > 1


def test_model_added_full_stops_follow_the_arabic():
    assert match_final_punct("The researchers described it as.", "ووصف الباحثون النتيجة بأنها") == (
        "The researchers described it as")
    assert match_final_punct("He said", "وقال،") == "He said,"


def test_text_without_arabic_passes_through():
    doc = translate_document("Hello, world.\n\n123", EchoEngine())
    assert isinstance(doc, TranslatedDocument)
    assert [p.english for p in doc.paragraphs] == ["Hello, world.", "", "123"]
    assert doc.stats["translated"] == 0
