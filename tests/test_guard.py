"""One document model (issue 10): translation and review read the core's result, never their own.

(a) For every case file and the seed, repaired (``qfix.repair``) and taken as it is
    (``qfix.document``, as ``translate --no-repair``): translation's paragraphs are the
    core's kept lines, its quotes are the core's quotes (spans, depths, marks present),
    its sentences end at the core's sentence ends, no quote mark reaches a unit, and the
    English has a mark for every mark of every Arabic quote.
(b) A news document built from the project's articles: the review's Arabic export is
    byte-identical to `qfix fix`, and its open issues are `qfix check`'s findings. An
    *open issue* is a finding of the current repair the editor has not decided; with no
    decision taken that is every finding `qfix check` lists (its "Found N problems"), so
    both are compared finding by finding (line, column, code). After a series of accepts
    and rejects (boilerplate ones included) the export is ``qfix.repair(text, decisions)``.
    ~300 KB in the default suite; the 5 MB document runs with ``-m slow``.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import qfix
from qfix.parse.chardata import QUOTE_MARKS
from qfix.text import LineIndex
from qfix.translate.pipeline import translate_document
from qfix.translate.segment import segment_document

from conftest import CASES, ROOT, load_cases

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import corpus, news_mix  # noqa: E402

SEED = ROOT / "seeds" / "000_3c03ad3dcec7cf78.txt"


def texts() -> list[tuple[str, str]]:
    out = [("seed", SEED.read_text(encoding="utf-8"))]
    for path in sorted(CASES.glob("*.jsonl")):
        for k, case in enumerate(load_cases(path.name)):
            out.append((f"{path.stem}:{case.get('id', k)}", case.get("input", case.get("text"))))
    return out


class StraightEcho:
    """English without any mark: so every mark in the English is one the assembly placed."""

    signature = {"model": "echo", "engine": "test", "max_length": 512}

    def translate_batch(self, sentences):
        return [f"w{len(s.split())}" for s in sentences]


def _marks(s: str) -> int:
    return sum(ch in QUOTE_MARKS for ch in s)


def check_translation_reads_the_core(result) -> None:
    kept = [p for p in result.paragraphs if p.text is not None]
    paragraphs = segment_document(result)
    assert [t.index for t in paragraphs] == [p.index for p in kept]
    assert [t.arabic for t in paragraphs] == [p.text for p in kept]
    for t, p in zip(paragraphs, kept):
        core = sorted((q.start, q.end, q.depth, q.open is not None, q.close is not None) for q in p.quotes)
        assert sorted((q.start, q.end, q.depth, q.opened, q.closed) for q in t.quotes) == core, p.text
        ends = set(p.sentence_ends)
        cuts = {e + 1 for e in ends if e + 1 not in ends} - {len(p.text)}
        assert {s.stop for s in t.sentences} - {len(p.text)} == cuts, p.text
        assert all(a.stop == b.start for a, b in zip(t.sentences, t.sentences[1:]))
        assert t.unpaired == (not p.parse().balanced)
        # no quote mark goes to the model: the units hold only glyphs that are no mark of the core
        in_marks = sum(_marks(m.text) for m in p.parse().marks)
        assert sum(_marks(u.arabic) for u in t.units) == _marks(p.text) - in_marks, p.text
    # the same reading from the repaired text alone (batches and the review read text that way)
    again = [p for p in qfix.document(result.text, result.config).paragraphs if p.text is not None]
    assert [[(q.start, q.end, q.depth) for q in p.quotes] for p in again] == \
        [[(q.start, q.end, q.depth) for q in p.quotes] for p in kept]
    assert [p.sentence_ends for p in again] == [p.sentence_ends for p in kept]


def check_english_marks(result) -> None:
    doc = translate_document(result, StraightEcho(), en_quotes="straight")
    for t in doc.paragraphs:
        primary = sum(q.opened + q.closed for q in t.quotes if q.depth % 2 == 0)
        nested = sum(q.opened + q.closed for q in t.quotes if q.depth % 2 == 1)
        assert (t.english.count('"'), t.english.count("'")) == (primary, nested), t.arabic


@pytest.mark.parametrize("name", ["seed"] + sorted(p.stem for p in CASES.glob("*.jsonl")))
def test_translation_paragraphs_sentences_and_quotes_are_the_cores(name):
    cases = [text for label, text in texts() if label.split(":")[0] == name]
    assert cases
    for text in cases:
        for result in (qfix.repair(text), qfix.document(text)):
            check_translation_reads_the_core(result)
            check_english_marks(result)


def test_line_ends_and_a_final_line_break():
    """Paragraphs are the core's (split on \\n only; a final line break makes no English line)."""
    text = "وقال: «نعم».\r\nسطر\u2028ثان\n\n«لا».\n"
    doc = translate_document(qfix.document(text), StraightEcho())
    assert [p.arabic for p in doc.paragraphs] == ["وقال: «نعم».", "سطر\u2028ثان", "", "«لا»."]
    removed = qfix.repair(SEED.read_text(encoding="utf-8"))
    english = translate_document(removed, StraightEcho())
    assert len(english.paragraphs) == len([p for p in removed.paragraphs if not p.removed])


# --- (b) the review model against `qfix fix` and `qfix check` ---------------------------------

def news_document(megabytes: float) -> str:
    """Garbled articles (every one needs repairs) and a news-like mix (10 % quote lines)."""
    return "".join(corpus(megabytes / 2)) + "".join(news_mix(megabytes / 2))


def check_review_against_cli(cli, tmp_path: Path, text: str) -> dict:
    from qfix.review.exports import render_bytes
    from qfix.review.model import ReviewModel
    path = tmp_path / "news.txt"
    path.write_bytes(text.encode("utf-8"))
    model = ReviewModel(text)
    fixed = cli("fix", str(path), "-o", str(tmp_path / "fixed.txt"))
    assert fixed.code in (0, 1), fixed.err
    exported = render_bytes(model, "arabic", str(path))
    assert exported == (tmp_path / "fixed.txt").read_bytes()
    checked = cli("check", str(path), "--format", "json", "--exit-zero")
    assert checked.code == 0, checked.err
    rows = json.loads(checked.out)
    reviewed, total, open_issues = model.progress()
    assert open_issues == len(rows)
    index = LineIndex(text)
    issues = [x for seg in model.segments for x in model.open_issues(seg.index)]
    assert sorted((*index.position(x.finding.start), x.code) for x in issues) == \
        sorted((r["line"], r["column"], r["code"]) for r in rows)
    # decisions: accept and reject, boilerplate and paragraph findings, one and several at once
    decidable = [x for x in issues if x.finding.applicability.value != "display"]
    boiler = [x for x in decidable if x.code.startswith("B")][:2]
    others = [x for x in decidable if not x.code.startswith("B")]
    step = max(1, len(others) // 12)
    picks = boiler[:1] + others[::step][:12] + boiler[1:]
    for k, x in enumerate(picks):
        model.decide([x.id], k % 3 != 0)
    model.decide([x.id for x in others[1::step][:20]], False)  # a whole rule's worth: one repair
    model.undo()
    model.decide([x.id for x in others[2::step][:3]], True)
    whole = qfix.repair(text, None, dict(model.decisions))
    assert model.final_arabic() == whole.text
    assert [x.finding for seg in model.segments for x in seg.issues] == whole.findings
    from qfix.apply import verdict
    assert model.progress()[2] == sum(1 for f in whole.findings if verdict(model.decisions, f.code, f.start) is None)
    return {"bytes": len(exported), "open_issues": open_issues, "findings": len(rows),
            "decisions": len(model.decisions)}


def test_review_export_and_issues_equal_fix_and_check(cli, tmp_path):
    figures = check_review_against_cli(cli, tmp_path, news_document(0.3))
    assert figures["bytes"] > 250_000 and figures["decisions"] >= 10


@pytest.mark.slow
def test_review_export_and_issues_equal_fix_and_check_5mb(cli, tmp_path):
    figures = check_review_against_cli(cli, tmp_path, news_document(5))
    assert figures["bytes"] > 4_500_000
    print(figures)
