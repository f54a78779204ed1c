"""The document model: `repair()` returns its paragraphs, each with its own log (a source map),
findings, quotes and sentence ends; `repair_paragraph` re-runs one for an editor's decision."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qfix
from qfix import repair, repair_paragraph, replay

from conftest import load_cases
from test_properties import PROPS, article, document

CASES = [c["input"] for name in ("dev.jsonl", "own.jsonl", "blind.jsonl", "blind2.jsonl", "blind3.jsonl",
                                 "real_mt.jsonl") for c in load_cases(name)]


def _check_paragraphs(text: str) -> None:
    result = repair(text)
    paragraphs = result.paragraphs
    # a line a paragraph; a final line break ends the last line and opens none
    assert len(paragraphs) == text.count("\n") + 1 - (text.endswith("\n") and text.count("\n") > 0)
    joined = result.bom + "".join(p.text + p.terminator for p in paragraphs if not p.removed)
    assert joined == result.text
    for p in paragraphs:
        assert result.input[p.start:p.end] == p.source
        if p.removed:
            assert p.removed_by is not None and not p.edits
        else:
            assert replay(p.source, p.edits) == p.text
        for f in p.findings:
            assert f.paragraph == p.index
            assert p.start <= f.start <= max(p.end, p.start + 1)
    assert sum(len(p.findings) for p in paragraphs) == len(result.findings)
    assert replay(text, result.edits) == result.text


@PROPS
@given(st.one_of(document, article))
def test_paragraphs_join_to_the_text_and_replay(text):
    _check_paragraphs(text)


def test_paragraphs_on_every_case_and_line_ending():
    for text in CASES:
        _check_paragraphs(text)
        _check_paragraphs(text.replace("\n", "\r\n"))
        _check_paragraphs("\ufeff" + text + "\n")


def test_paragraph_quotes_and_sentence_ends_come_from_the_core_parse():
    result = repair("عنوان الخبر هنا\n“الخطة جاهزة،” قال الوزير. وأضاف أن العمل يبدأ د. أحمد غدا.\n”الخطة جاهزة“")
    p = result.paragraphs[1]
    assert p.text == "وقال الوزير: «الخطة جاهزة». وأضاف أن العمل يبدأ د. أحمد غدا."
    [q] = p.quotes
    assert p.text[q.content_start:q.content_end] == "الخطة جاهزة"
    assert [p.text[i] for i in p.sentence_ends] == [".", "."]  # not after د.
    assert len(result.paragraphs[2].quotes) == 1  # reversed marks: still one quote


def test_source_map_points_into_the_input():
    text = "عنوان\n“الخطة جاهزة،” قال الوزير في بيان."
    result = repair(text)
    p = result.paragraphs[1]
    assert p.text == "وقال الوزير في بيان: «الخطة جاهزة»."
    assert p.to_input(0) == p.start  # inside the rewrite: its start
    unchanged = repair("كلام بلا تغيير\nسطر ثان")
    assert unchanged.paragraphs[1].to_input(3) == unchanged.paragraphs[1].start + 3


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(document, article), st.randoms(use_true_random=False))
def test_repair_paragraph_equals_a_whole_repair(text, rnd):
    """An editor's decision on one paragraph, re-run on that paragraph alone, gives exactly what
    a repair of the whole document with all the decisions gives."""
    result = repair(text)
    decisions: dict[str, bool] = {}
    for f in result.findings:
        if f.applicability.value == "display" or rnd.random() < 0.5:
            continue
        decisions[f.id] = rnd.random() < 0.5
        again = repair_paragraph(result, f.paragraph, dict(decisions))
        whole = repair(text, decisions=dict(decisions))
        assert again.text == whole.text
        assert sorted(again.findings) == sorted(whole.findings)
        assert replay(text, again.edits) == again.text
        result = again


def test_repair_paragraph_on_cases():
    for text in CASES:
        result = repair(text)
        decisions = {}
        for f in result.findings:
            if f.applicability.value == "display":
                continue
            decisions[f.id] = not f.applied
            result = repair_paragraph(result, f.paragraph, dict(decisions))
            whole = repair(text, decisions=dict(decisions))
            assert result.text == whole.text, (text, f)
            assert sorted(result.findings) == sorted(whole.findings)


def test_public_names():
    assert qfix.ParagraphResult and qfix.LocalEdit and qfix.Finding


def test_document_reads_without_repairing():
    doc = qfix.document("”الخطة جاهزة“، قال الوزير.\nسطر ثان")
    assert doc.text == doc.input and not doc.findings and not doc.edits
    first = doc.paragraphs[0]
    assert first.text == first.source and len(first.quotes) == 1  # reversed marks: one quote


def _same(text: str, decisions=None) -> None:
    from qfix.apply import _repair
    fast = repair(text, decisions=decisions)
    reference = _repair(text, qfix.Config(), decisions, shortcuts=False)
    assert fast.text == reference.text
    assert fast.findings == reference.findings
    assert fast.edits == reference.edits


@PROPS
@given(st.one_of(document, article))
def test_fast_path_equals_the_reference_run(text):
    """The fast path (lines without a mark are never looked at; a document pass that only removed
    footer lines is not confirmed) gives exactly what looking at every line and confirming every
    document pass gives."""
    _same(text)


def test_fast_path_equals_the_reference_run_on_cases():
    for text in CASES:
        _same(text)
        _same(text.replace("\n", "\r\n"))
        _same(text + "\nشارك هذا:\nمعجب بهذه:\n\n")
