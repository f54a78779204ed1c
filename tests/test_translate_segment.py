"""The segmenter and English assembly, without a model (pure code)."""
from __future__ import annotations

import re

import pytest

from qfix.translate.assemble import EnglishRenderer, match_final_punct
from qfix.translate.document import TranslatedDocument
from qfix.translate.pipeline import translate_document
from qfix.translate.segment import pair_quotes, segment_document, segment_paragraph, split_for_budget
from translate_fixtures import dev_cases, english_quotes


class EchoEngine:
    """A deterministic test engine for the assembly only: 'en<n>' per sentence (n = words)."""

    signature = {"model": "echo", "engine": "test", "max_length": 512}

    def translate_batch(self, sentences):
        return [f"En{len(s.split())}." for s in sentences]


@pytest.mark.parametrize("case", dev_cases(), ids=lambda c: c["id"])
def test_segmenter_finds_every_gold_quote(case):
    paragraphs = segment_document(case["expected"])
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
    p = segment_paragraph("وقال المدرب: «اللاعبون يعرفون ما ينتظرهم»، مضيفا أن الإصابات أثرت في خياراته.")
    for unit, english in zip(p.units, ["The players know what awaits them.", "And the coach said:",
                                       "Adding that injuries hurt his options."]):
        unit.english = english
    assert [u.kind for u in p.units] == ["quote", "attribution", "trailing"]
    assert EnglishRenderer().paragraph(p) == (
        "\u201cThe players know what awaits them,\u201d the coach said, adding that injuries hurt his options.")


def test_attribution_after_and_quote_alone():
    p = segment_paragraph("«سيتم نقل القطع»، بحسب بيان الهيئة. «هذه النقوش ستغير فهمنا».")
    for unit, english in zip(p.units, ["The pieces will be moved.", "According to the statement.",
                                       "These inscriptions will change our understanding"]):
        unit.english = english
    assert EnglishRenderer("straight").paragraph(p) == (
        '"The pieces will be moved," according to the statement. "These inscriptions will change our understanding."')


def test_phrase_quote_stays_inside_its_sentence():
    p = segment_paragraph("ووصف الباحثون النتيجة بأنها «خطوة مهمة» نحو فهم الكواكب.")
    assert [u.kind for u in p.units] == ["narrative", "phrase", "narrative"]
    for unit, english in zip(p.units, ["The researchers described the result as.", "An important step.",
                                       "Towards understanding planets."]):
        unit.english = english
    assert EnglishRenderer().paragraph(p) == (
        "The researchers described the result as \u201cAn important step\u201d towards understanding planets.")


def test_question_inside_a_quote_keeps_its_mark():
    p = segment_paragraph("وتساءل أحد المشجعين: «هل ما زلنا قادرين على المنافسة؟».")
    p.units[0].english, p.units[1].english = "Can we still compete?", "One fan wondered"
    assert EnglishRenderer().paragraph(p) == "\u201cCan we still compete?\u201d one fan wondered."


def test_nested_quote_gets_nested_marks():
    p = segment_paragraph("وقال: «قلت لهم “المشروع قد يتأخر”».")
    assert [(q.kind, q.depth) for q in p.quotes] == [("direct", 0), ("phrase", 1)]


def test_unpaired_marks_are_dropped_not_sent_to_the_model():
    p = segment_paragraph("«في الواقع، لقد تحدث رئيسنا. وقال بيسكوف")
    assert p.unpaired and p.quotes == []
    assert all("«" not in u.arabic for u in p.units)
    assert pair_quotes("«a “b” c»") == [(0, 8, 0), (3, 5, 1)]
    assert pair_quotes("a » b") is None


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
